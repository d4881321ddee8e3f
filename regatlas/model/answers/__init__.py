"""Typed answers: one pydantic model per answer of the CLI (`--json`) and the API.

Engines return plain dicts; `dump(Model, doc)` validates one into its model and gives the JSON
document both faces send, keys by alias. The API declares the same models as `response_model`,
so /openapi.json documents every answer and error (`Problem`).

>>> from regatlas.model.answers import ANSWERS, Show
>>> ANSWERS["show"] is Show
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers; at run time each model is imported on first use (__getattr__)
    from pydantic import BaseModel

_MODULES = {
    "analytics": ["Aggregates", "Align", "Arbitrage", "Charts", "Diff", "Enforce", "Similarity", "Timeline"],
    "assess": ["Assessment", "Classifications"],
    "atlas": ["Build", "Info", "JurisdictionList", "MapValues", "Search", "Show", "Sources", "Stale", "Standards"],
    "base": ["Answer", "RulebookStamp", "dump"],
    "coordination": ["Agreements", "Changes", "Overlap"],
    "ivms": ["IvmsConversion", "IvmsValidation"],
    "problem": ["Problem"],
    "registers": ["FirmCheck", "FirmSearch", "FirmShow", "RegisterDiff", "RegisterLoad", "Registers"],
    "stablecoin": ["Backtest", "Contagion", "Regimes", "StablecoinCheck", "Stress", "Watch"],
    "travel_rule": ["Check", "Matrix", "ScreenAccepted", "ScreenJob", "ScreenSummary"],
    "validate": ["RulebookSchemas", "Validation"],
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

_COMMANDS = {
    "build": "Build", "info": "Info", "jurisdictions": "JurisdictionList", "show": "Show",
    "standards": "Standards", "search": "Search", "map": "MapValues", "validate": "Validation",
    "travel-rule check": "Check", "travel-rule matrix": "Matrix", "screen": "ScreenSummary",
    "screen job": "ScreenJob", "screen accepted": "ScreenAccepted",
    "ivms validate": "IvmsValidation", "ivms convert": "IvmsConversion",
    "assess": "Assessment", "classify": "Classifications",
    "align": "Align", "aggregates": "Aggregates", "arbitrage": "Arbitrage", "diff": "Diff", "timeline": "Timeline",
    "similarity": "Similarity", "enforce": "Enforce", "charts": "Charts",
    "overlap": "Overlap", "agreements": "Agreements", "changes": "Changes",
    "stablecoin check": "StablecoinCheck", "stablecoin stress": "Stress", "stablecoin watch": "Watch",
    "stablecoin regimes": "Regimes", "stablecoin contagion": "Contagion",
    "stablecoin backtest": "Backtest", "schema": "RulebookSchemas", "sources": "Sources",
    "stale": "Stale", "firms search": "FirmSearch", "firms show": "FirmShow", "firms check": "FirmCheck",
    "registers list": "Registers", "registers load": "RegisterLoad", "registers diff": "RegisterDiff",
}


def __getattr__(name: str) -> Any:
    """A model (or `dump`) from its module, imported on first use: opening the library or running one
    command builds only the answers it gives. `ANSWERS` maps each command to its model."""
    if name == "ANSWERS":
        answers: dict[str, type[BaseModel]] = {cmd: __getattr__(model) for cmd, model in _COMMANDS.items()}
        globals()["ANSWERS"] = answers
        return answers
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


__all__ = ["ANSWERS", *sorted(_HOME)]  # noqa: PLE0604 - the names are strings, built from _MODULES
