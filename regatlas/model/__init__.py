"""Typed model of the rulebook (pydantic v2). Entities only; no I/O here.

>>> from regatlas.model import Rulebook
>>> Rulebook().jurisdictions
{}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers; at run time each name is imported on first use (__getattr__)
    from regatlas.model.alignment import AlignmentAssessment
    from regatlas.model.classification import Classification
    from regatlas.model.competence import CompetenceMap
    from regatlas.model.entities import Agreement, Jurisdiction, Standard
    from regatlas.model.fatf import FatfPlenary
    from regatlas.model.issuers import TokenIssuer
    from regatlas.model.legal_data import ActivityScope, CurrencyPegs, ListingConsequence, PublishedFigure
    from regatlas.model.ratings import OfficialRating
    from regatlas.model.stablecoin import StablecoinRegime
    from regatlas.model.vocabulary import ParameterDef

_HOME = {
    "AlignmentAssessment": "alignment", "Classification": "classification",
    "Cited": "common", "DatedValue": "common", "Days": "common", "Money": "common", "Ratio": "common",
    "Source": "common", "Strict": "common",
    "Agreement": "entities", "Authority": "entities", "Instrument": "entities", "Jurisdiction": "entities",
    "Recommendation": "entities", "Standard": "entities",
    "CbdcValue": "facts", "CryptoStatusValue": "facts", "SelfHosted": "facts", "StablecoinValue": "facts",
    "Tier": "facts", "TravelRuleValue": "facts",
    "FatfListing": "fatf", "FatfPlenary": "fatf",
    "ActivityScope": "legal_data", "CurrencyPegs": "legal_data", "ListingConsequence": "legal_data",
    "PublishedFigure": "legal_data",
    "CompetenceMap": "competence", "OfficialRating": "ratings", "TokenIssuer": "issuers",
    "Provision": "provision", "StablecoinRegime": "stablecoin", "ParameterDef": "vocabulary",
}
"""Where each public model lives: importing `regatlas.model` (as every answer model does) loads none
of them until one is used, so a command that needs two models does not pay for thirty."""


def __getattr__(name: str) -> Any:
    """A model from its module, imported on first use."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


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
    competence: dict[str, CompetenceMap] = field(default_factory=dict)
    ratings: dict[str, OfficialRating] = field(default_factory=dict)
    issuers: dict[str, TokenIssuer] = field(default_factory=dict)
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
