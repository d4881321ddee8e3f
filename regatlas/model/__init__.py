"""Typed model of the rulebook (pydantic v2). Entities only; no I/O here.

>>> from regatlas.model import Rulebook
>>> Rulebook().jurisdictions
{}
"""

from __future__ import annotations

from dataclasses import dataclass, field

from regatlas.model.alignment import AlignmentAssessment
from regatlas.model.classification import Classification
from regatlas.model.common import Cited, DatedValue, Days, Money, Ratio, Source, Strict
from regatlas.model.entities import (
    Agreement,
    Authority,
    Instrument,
    Jurisdiction,
    Recommendation,
    Standard,
)
from regatlas.model.facts import (
    CbdcValue,
    CryptoStatusValue,
    SelfHosted,
    StablecoinValue,
    Tier,
    TravelRuleValue,
)
from regatlas.model.fatf import FatfListing, FatfPlenary
from regatlas.model.legal_data import ActivityScope, CurrencyPegs, ListingConsequence, PublishedFigure
from regatlas.model.provision import Provision
from regatlas.model.stablecoin import StablecoinRegime
from regatlas.model.vocabulary import ParameterDef


@dataclass
class Rulebook:
    """Everything loaded from one rulebook directory, keyed by id or code."""

    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    standards: dict[str, Standard] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    alignment: dict[str, AlignmentAssessment] = field(default_factory=dict)
    classification: dict[str, Classification] = field(default_factory=dict)
    stablecoin_regimes: dict[str, StablecoinRegime] = field(default_factory=dict)
    vocabulary: dict[str, ParameterDef] = field(default_factory=dict)
    # Legal content once kept in engine code (model/legal_data.py).
    figures: dict[str, PublishedFigure] = field(default_factory=dict)
    listings: dict[str, ListingConsequence] = field(default_factory=dict)
    scopes: dict[str, ActivityScope] = field(default_factory=dict)
    fx_pegs: dict[str, CurrencyPegs] = field(default_factory=dict)
    fatf_plenaries: dict[str, FatfPlenary] = field(default_factory=dict)
    version: str = ""


__all__ = [
    "ActivityScope",
    "Agreement",
    "AlignmentAssessment",
    "Authority",
    "CbdcValue",
    "Cited",
    "Classification",
    "CryptoStatusValue",
    "CurrencyPegs",
    "DatedValue",
    "Days",
    "FatfListing",
    "FatfPlenary",
    "Instrument",
    "Jurisdiction",
    "ListingConsequence",
    "Money",
    "ParameterDef",
    "Provision",
    "PublishedFigure",
    "Ratio",
    "Recommendation",
    "Rulebook",
    "SelfHosted",
    "Source",
    "StablecoinValue",
    "Standard",
    "Strict",
    "Tier",
    "TravelRuleValue",
]
