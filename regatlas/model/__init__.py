"""Typed model of the rulebook (pydantic v2). Entities only; no I/O here.

>>> from regatlas.model import Rulebook
>>> Rulebook().jurisdictions
{}
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
    FatfListValue,
    SelfHosted,
    StablecoinValue,
    Tier,
    TravelRuleValue,
)
from regatlas.model.provision import Provision


@dataclass
class Rulebook:
    """Everything loaded from one rulebook directory, keyed by id or code."""

    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    standards: dict[str, Standard] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    version: str = ""


__all__ = [
    "Agreement", "Authority", "CbdcValue", "Cited", "CryptoStatusValue", "DatedValue", "Days",
    "FatfListValue", "Instrument", "Jurisdiction", "Money", "Provision", "Ratio",
    "Recommendation", "Rulebook", "SelfHosted", "Source", "StablecoinValue", "Standard", "Strict",
    "Tier", "TravelRuleValue",
]
