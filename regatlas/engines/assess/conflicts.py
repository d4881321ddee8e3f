"""Where the assessed jurisdictions' obligations on the same topic differ, side by side.

Two kinds of comparison:
- the Travel Rule and self-hosted wallet rules, from the store's resolved Travel Rule facts
  (`queries.travel_rule`), thresholds converted into euros at the ECB rate of the day;
- every parameter name shared by in-force obligations of the same topic in two or more
  jurisdictions (cold-storage share, reserve coverage, redemption deadline, capital, ...).

Which value is stricter is declared once per name in the rulebook's vocabulary
(`vocabulary/parameters.yaml`, read from the store by `queries.parameter_vocabulary`): `lower` or
`higher` for amounts, periods, dates and shares, `true` or `false` for flags, `none` when values
cannot be ranked (they are still shown side by side). Nothing is inferred from the name.

>>> vocabulary = {"cold_storage_min": {"stricter": "higher"}, "tax_rate": {"stricter": "none"}}
>>> direction("cold_storage_min", vocabulary), direction("tax_rate", vocabulary), direction("x", vocabulary)
('higher', None, None)
>>> strictest("higher", [(0.9, "SG"), (0.98, "HK")]), strictest(None, [(0.9, "SG"), (0.98, "HK")])
('HK', None)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

SELF_HOSTED_ORDER = ["none", "record", "risk_based", "verify_ownership", "prohibited"]
# compared from the resolved Travel Rule facts instead of provision parameters
FACT_TOPICS = {"travel_rule", "self_hosted_wallets"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD = re.compile(r"^P(\d+)([DWMY])$")
# ordering only (the value is shown as stated): a month or a year as its average length in days
_PERIOD_DAYS = {"D": 1.0, "W": 7.0, "M": 30.44, "Y": 365.25}


def direction(name: str, vocabulary: dict[str, dict[str, Any]]) -> str | None:
    """The declared stricter way of `name` ('lower', 'higher', 'true', 'false'), or None when its
    values are not comparable (`stricter: none`) or the name is not declared."""
    way = (vocabulary.get(name) or {}).get("stricter")
    return None if way in (None, "none") else way


def comparable(value: Any, day: dt.date) -> tuple[float | bool | None, str]:
    """A number (or bool) to order `value` by, and its unit (EUR, days, ratio, number, date, bool)."""
    if isinstance(value, bool):
        return value, "bool"
    if isinstance(value, (int, float)):
        return float(value), "number"
    if isinstance(value, dict) and "amount" in value and "currency" in value:
        try:
            from regatlas.engines.assess.rates import rates_on

            return rates_on(day).convert(value["amount"], value["currency"], "EUR", day), "EUR"
        except Exception:  # noqa: BLE001 - no rate: not comparable across currencies
            return None, value["currency"]
    if isinstance(value, dict) and "days" in value:
        # business days are ordered as calendar days x 7/5 (ordering only; the value is shown as stated)
        return value["days"] * (1.4 if value.get("business") else 1.0), "days"
    if isinstance(value, dict) and "ratio" in value:
        return float(value["ratio"]), "ratio"
    if isinstance(value, str) and _DATE.match(value):
        return float(dt.date.fromisoformat(value).toordinal()), "date"
    if isinstance(value, str) and (m := _PERIOD.match(value)):
        return int(m.group(1)) * _PERIOD_DAYS[m.group(2)], "days"
    return None, "text"


def strictest(way: str | None, values: list[tuple[Any, Any]]) -> Any | None:
    """The item of (comparable, item) pairs that is strictest in direction `way`, or None when
    `way` is None or some value cannot be ordered."""
    known = [(v, item) for v, item in values if v is not None]
    if way is None or not known or len(known) != len(values):
        return None
    if way in ("true", "false"):
        want = way == "true"
        hits = [item for v, item in known if v is want]
        return hits[0] if hits else known[0][1]
    pick = min if way == "lower" else max
    return pick(known, key=lambda vi: vi[0])[1]


def travel_sides(views: list[Any], data: Any, day: dt.date) -> list[dict[str, Any]]:
    """Each assessed jurisdiction's Travel Rule on `day`: status, threshold (and in euros), policy."""
    sides = []
    for view in views:
        tr = data.travel_rule(view.code, day)
        threshold = tr.get("threshold")
        eur, _ = comparable(threshold, day) if threshold else (None, "")
        sh = tr.get("self_hosted") or {}
        # `law_of` is the law that states the rule (EU for a member state under the TFR).
        sides.append({"jurisdiction": view.code, "law_of": tr.get("jurisdiction") or view.code,
                      "provision": tr.get("provision"), "status": tr["status"], "threshold": threshold,
                      "threshold_eur": round(eur, 2) if eur is not None else None,
                      "threshold_inclusive": tr.get("threshold_inclusive", True),
                      "self_hosted": sh.get("policy", "none"), "self_hosted_threshold": sh.get("threshold"),
                      "in_force_from": tr.get("in_force_from"), "source": tr.get("source"),
                      "verification": tr.get("verification")})
    return sides


def travel_rule_conflicts(sides: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Travel Rule thresholds and self-hosted wallet policies, side by side, where they differ."""
    out = []
    live = [s for s in sides if s["status"] == "in_force"]
    if len({s["threshold_eur"] for s in live}) > 1 or len({s["status"] for s in sides}) > 1:
        best = min((s for s in live if s["threshold_eur"] is not None), key=lambda s: s["threshold_eur"],
                   default=None)
        out.append({"topic": "travel_rule", "parameter": "threshold", "kind": "travel_rule",
                    "summary": "Travel Rule thresholds differ (full originator/beneficiary information)",
                    "sides": [{**s, "value": s["threshold"]} for s in sides],
                    "strictest": best["jurisdiction"] if best else None})
    if len({s["self_hosted"] for s in live}) > 1:
        best = max(live, key=lambda s: SELF_HOSTED_ORDER.index(s["self_hosted"])
                   if s["self_hosted"] in SELF_HOSTED_ORDER else 0)
        out.append({"topic": "self_hosted_wallets", "parameter": "policy", "kind": "travel_rule",
                    "summary": "Self-hosted wallet rules differ",
                    "sides": [{**{k: s[k] for k in ("jurisdiction", "status", "self_hosted",
                                                    "self_hosted_threshold", "source", "verification")},
                               "value": s["self_hosted"]} for s in sides],
                    "strictest": best["jurisdiction"]})
    return out


def parameter_conflicts(per_code: dict[str, list[dict[str, Any]]], day: dt.date,
                        vocabulary: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Same topic and parameter, different values, in two or more source jurisdictions; the
    strictest side is named where the vocabulary declares a direction, else none is."""
    groups: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for code, obligations in per_code.items():
        for ob in obligations:
            if ob["status"] != "in_force" or ob["topic"] in FACT_TOPICS:
                continue
            for name, value in (ob["parameters"] or {}).items():
                slot = groups.setdefault((ob["topic"], name), {})
                side = slot.setdefault(ob["id"], {"provision": ob["id"], "law_of": ob["jurisdiction"],
                                                  "jurisdictions": [], "value": value, "title": ob["title"],
                                                  "source": ob["source"], "verification": ob["verification"]})
                side["jurisdictions"].append(code)
    out = []
    for (topic, name), sides in sorted(groups.items()):
        if len({s["law_of"] for s in sides.values()}) < 2:
            continue
        values = {repr(s["value"]) for s in sides.values()}
        if len(values) < 2:
            continue
        listed = list(sides.values())
        for s in listed:
            s["comparable"], s["unit"] = comparable(s["value"], day)
        way = direction(name, vocabulary)
        best = strictest(way, [(s["comparable"], s) for s in listed])
        out.append({"topic": topic, "parameter": name, "kind": "parameter", "direction": way,
                    "summary": f"{topic.replace('_', ' ')}: '{name}' differs", "sides": listed,
                    "strictest": best["provision"] if best else None})
    return out
