"""Typed answers: one pydantic model per answer of the CLI (`--json`) and the API.

Engines return plain dicts; `dump(Model, doc)` validates one into its model and gives the JSON
document both faces send, keys by alias. The API declares the same models as `response_model`,
so /openapi.json documents every answer and error (`Problem`).

>>> from regatlas.model.answers import ANSWERS, Show
>>> ANSWERS["show"] is Show
True
"""

from __future__ import annotations

from pydantic import BaseModel

from regatlas.model.answers.analytics import (
    Aggregates,
    Align,
    Arbitrage,
    Charts,
    Diff,
    Enforce,
    Similarity,
    Timeline,
)
from regatlas.model.answers.assess import Assessment, Classifications
from regatlas.model.answers.atlas import (
    Build,
    Info,
    JurisdictionList,
    MapValues,
    Search,
    Show,
    Sources,
    Stale,
    Standards,
)
from regatlas.model.answers.base import Answer, RulebookStamp, dump
from regatlas.model.answers.ivms import IvmsConversion, IvmsValidation
from regatlas.model.answers.problem import Problem
from regatlas.model.answers.stablecoin import Regimes, StablecoinCheck, Stress, Watch
from regatlas.model.answers.travel_rule import Check, Matrix, ScreenAccepted, ScreenJob, ScreenSummary
from regatlas.model.answers.validate import RulebookSchemas, Validation

ANSWERS: dict[str, type[BaseModel]] = {
    "build": Build, "info": Info, "jurisdictions": JurisdictionList, "show": Show, "standards": Standards,
    "search": Search, "map": MapValues, "validate": Validation,
    "travel-rule check": Check, "travel-rule matrix": Matrix, "screen": ScreenSummary,
    "screen job": ScreenJob, "screen accepted": ScreenAccepted,
    "ivms validate": IvmsValidation, "ivms convert": IvmsConversion,
    "assess": Assessment, "classify": Classifications,
    "align": Align, "aggregates": Aggregates, "arbitrage": Arbitrage, "diff": Diff, "timeline": Timeline,
    "similarity": Similarity, "enforce": Enforce, "charts": Charts,
    "stablecoin check": StablecoinCheck, "stablecoin stress": Stress, "stablecoin watch": Watch,
    "stablecoin regimes": Regimes, "schema": RulebookSchemas, "sources": Sources,
    "stale": Stale,
}
"""Each answer's model, by the command that gives it."""

__all__ = [
    "ANSWERS", "Aggregates", "Align", "Answer", "Arbitrage", "Assessment", "Build", "Charts", "Check",
    "Classifications", "Diff", "Enforce", "Info", "IvmsConversion", "IvmsValidation", "JurisdictionList",
    "MapValues", "Matrix", "Problem", "Regimes", "RulebookSchemas", "RulebookStamp", "ScreenAccepted", "ScreenJob",
    "ScreenSummary", "Search", "Show", "Similarity", "Sources", "StablecoinCheck", "Stale", "Standards", "Stress", "Timeline",
    "Validation", "Watch", "dump",
]
