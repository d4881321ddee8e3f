"""Which provisions apply to the firm in one jurisdiction, and in which bucket they fall.

A provision applies when the firm carries on one of its `activities` (empty: all), deals in one
of its `token_types` as classified there (`any`: every firm) and its `applies_if` holds. By status
on the day it is an obligation (in force), upcoming (enacted, with its date) or on the watchlist
(proposed). Licensing provisions go to the licence analysis; bans, marketing rules and provisions
whose parameters only forbid or cap go to prohibitions. What a parameter does is its declared
`effect` in the rulebook's vocabulary (read from the store), never its name: a `prohibition` at its
strict value forbids (`interest_allowed: false`), a `limit` caps.

>>> vocabulary = {"interest_allowed": {"effect": "prohibition", "stricter": "false"},
...               "cold_storage_min": {"effect": "requirement", "stricter": "higher"}}
>>> restriction({"topic": "stablecoin_issuance", "parameters": {"interest_allowed": False}}, vocabulary)
'prohibition'
>>> restriction({"topic": "stablecoin_issuance", "parameters": {"interest_allowed": True}}, vocabulary) is None
True
>>> restriction({"topic": "custody", "parameters": {"cold_storage_min": {"ratio": 0.98}}}, vocabulary) is None
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.assess.context import MarketView
from regatlas.engines.assess.data import AssessData
from regatlas.engines.assess.expr import EvalError, evaluate

LICENSING_TOPICS = {"licensing", "passporting"}


def restriction(p: dict[str, Any], vocabulary: dict[str, dict[str, Any]]) -> str | None:
    """The kind of prohibition a provision states (ban, marketing, prohibition, limit) or None.

    `prohibition`: every parameter is a declared prohibition at its strict value; `limit`: some
    parameter is a declared limit and none is a requirement (no positive duty alongside).
    """
    if p["topic"] == "ban":
        return "ban"
    if p["topic"] == "marketing_promotions":
        return "marketing"
    # parameters kept for the record (effect: information) say nothing about what the rule does
    declared = [(d, v) for k, v in (p["parameters"] or {}).items()
                if (d := vocabulary.get(k) or {}).get("effect") != "information"]
    effects = {d.get("effect") for d, _ in declared}
    forbids = [d for d, v in declared if d.get("effect") == "prohibition"
               and d.get("stricter") in ("true", "false") and v is (d["stricter"] == "true")]
    if forbids and len(forbids) == len(declared):
        return "prohibition"
    if "limit" in effects and "requirement" not in effects:
        return "limit"
    return None


def applicability(data: AssessData, p: dict[str, Any], activities: set[str],
                  view: MarketView) -> tuple[bool, dict[str, Any]]:
    """(applies, why): activity and token-type match and the `applies_if` result."""
    acts = set(p["activities"] or [])
    types = set(p["token_types"] or ["any"])
    why: dict[str, Any] = {"activities": sorted(acts & activities) if acts else ["any"],
                           "token_types": sorted(types & view.token_types) if "any" not in types else ["any"]}
    if acts and not acts & activities:
        return False, why
    if "any" not in types and not types & view.token_types:
        return False, why
    tree = data.conditions.get(p["id"])
    if tree is not None:
        why["condition"] = p["applies_if"]
        try:
            result = evaluate(tree, view.env)
        except EvalError as exc:
            why["condition_result"] = f"not evaluable: {exc}"
            return True, why  # conservative: list it and say why it could not be decided
        why["condition_result"] = bool(result)
        if not result:
            return False, why
    return True, why


def entry(p: dict[str, Any], status: str, why: dict[str, Any]) -> dict[str, Any]:
    """The assessment's provision object: cited, dated, with parameters and the reason it applies."""
    return {"id": p["id"], "jurisdiction": p["jurisdiction"], "title": p["title"], "topic": p["topic"],
            "authority": p["authority"], "status": status, "effective_from": p["effective_from"], "effective_to": p["effective_to"],
            "published": p["published"], "parameters": p["parameters"], "text": p["text"],
            "source": p["source"], "verification": p["verification"], "note": p["note"],
            "applies_because": why}


def sort_provisions(data: AssessData, view: MarketView, activities: set[str],
                    day: dt.date) -> dict[str, list[dict[str, Any]]]:
    """Applicable provisions of the jurisdiction's chain, in buckets: licensing, obligations,
    prohibitions, upcoming, watchlist (each provision once)."""
    out: dict[str, list[dict[str, Any]]] = {k: [] for k in (
        "licensing", "obligations", "prohibitions", "upcoming", "watchlist", "not_applicable")}
    for ident in data.in_chain(view.code):
        p = data.provisions[ident]
        status = data.status(ident, day)
        if status in (None, "repealed"):
            continue
        applies, why = applicability(data, p, activities, view)
        if not applies:
            if status == "in_force" and why.get("condition_result") is False:
                out["not_applicable"].append({"id": ident, "title": p["title"], "condition": p["applies_if"],
                                              "source": p["source"]})
            continue
        item = entry(p, status, why)
        if p["topic"] in LICENSING_TOPICS or data.perimeter_role(view.code, ident) == "licence":
            out["licensing"].append(item)
        elif status == "proposed":
            out["watchlist"].append(item)
        elif status == "enacted":
            out["upcoming"].append(item)
        elif (kind := restriction(p, data.vocabulary)) is not None:
            item["restriction"] = kind
            out["prohibitions"].append(item)
        else:
            out["obligations"].append(item)
    return out
