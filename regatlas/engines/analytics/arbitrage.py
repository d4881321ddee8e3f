"""Arbitrage finder: pairs of jurisdictions that treat the same activity differently, ranked.

Treatment of an activity in a jurisdiction on a date (own and inherited law), read from each
provision's `role`, `topic`, `activities` and `token_types` columns, never from its words:
`banned` (crypto status banned, or a prohibition of topic `ban` in force covering the activity for
every token type, and no licence route), `licensed` (a provision of role `licence` in force covering
it), `registered` (only provisions of role `registration`), `open` (neither). Exemptions, carve-outs,
transitional measures and guidance are not licensing requirements. Pair scores (`GAP`) grow with
the distance between treatments; money parameters of the same topic and name (thresholds, capital)
are compared in EUR at the date's ECB rate.

>>> gap("banned", "open"), gap("licensed", "licensed")
(1.0, 0.0)
>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> doc = arbitrage(open_atlas(), d.date(2026, 1, 1), activity="exchange", limit=5)
>>> doc["pairs"][0]["score"] >= doc["pairs"][-1]["score"]
True
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from regatlas.engines.analytics import patterns
from regatlas.errors import InputError
from regatlas.model.vocab import ACTIVITIES, TOPICS
from regatlas.store import analytics_queries as aq
from regatlas.store import queries
from regatlas.store.atlas import Atlas

_GAPS = {frozenset({"banned", "open"}): 1.0, frozenset({"open", "licensed"}): 0.9,
         frozenset({"banned", "licensed"}): 0.8, frozenset({"banned", "registered"}): 0.8,
         frozenset({"open", "registered"}): 0.6, frozenset({"registered", "licensed"}): 0.4}
DEFAULT_ACTIVITIES = ("exchange", "custody", "transfer", "brokerage", "stablecoin_issuance",
                      "staking", "lending", "derivatives", "token_issuance", "defi")


def gap(a: str, b: str) -> float:
    """How different two treatments are (0 same, 1 a ban next to an open regime)."""
    return 0.0 if a == b else _GAPS[frozenset({a, b})]


def _covers(p: dict[str, Any], activity: str) -> bool:
    return not p["activities"] or activity in p["activities"]


def bans(p: dict[str, Any], activity: str) -> bool:
    """Whether provision row `p` bans `activity` outright: a prohibition of topic `ban` covering the
    activity for every token type (a ban on privacy tokens alone does not ban exchange).

    >>> bans({"topic": "ban", "role": "prohibition", "activities": [], "token_types": ["any"]}, "exchange")
    True
    >>> bans({"topic": "ban", "role": "prohibition", "activities": [], "token_types": ["privacy_token"]},
    ...      "exchange")
    False
    """
    return (p["topic"] == "ban" and p["role"] == "prohibition" and _covers(p, activity)
            and "any" in (p["token_types"] or ["any"]))


def _cite(atlas: Atlas, p: dict[str, Any]) -> dict[str, Any]:
    return {"id": p["id"], "jurisdiction": p["jurisdiction"], "title": p["title"], "status": p["status"],
            "source": queries.source_of(atlas, p), "verification": p["verification"]}


def treatment(atlas: Atlas, chain: list[str], by_code: dict[str, list[dict]], status: str | None,
              activity: str) -> dict[str, Any]:
    """How the law of `chain` treats `activity`: treatment, deciding provisions, their owners."""
    mine = [p for c in chain for p in by_code.get(c, []) if p["status"] == "in_force"]
    lic = [p for p in mine if p["role"] in ("licence", "registration") and _covers(p, activity)]
    banning = [p for p in mine if bans(p, activity)]
    if status == "banned":
        kind, deciding = "banned", banning
    elif lic:
        full = [p for p in lic if p["role"] == "licence"]
        kind, deciding = ("licensed", full) if full else ("registered", lic)
    elif banning:
        kind, deciding = "banned", banning
    else:
        kind, deciding = "open", []
    return {"treatment": kind, "provisions": [_cite(atlas, p) for p in deciding],
            "owners": sorted({p["jurisdiction"] for p in deciding})}


def _money_params(provs: list[dict], topic: str | None) -> dict[tuple[str, str], dict]:
    out = {}
    for p in provs:
        if p["status"] != "in_force" or (topic and p["topic"] != topic):
            continue
        for key, v in p["parameters"].items():
            if isinstance(v, dict) and "amount" in v and "currency" in v:
                out.setdefault((p["topic"], key), {"value": v, "provision": p})
    return out


def _threshold_pairs(atlas: Atlas, day: dt.date, reps: list[str], chains: dict[str, list[str]],
                     by_code: dict[str, list[dict]], topic: str | None) -> list[dict[str, Any]]:
    from regatlas.engines.fx import default_rates

    rates = default_rates()
    params = {c: _money_params([p for x in chains[c] for p in by_code.get(x, [])], topic) for c in reps}
    pairs = []
    for i, a in enumerate(reps):
        for b in reps[i + 1:]:
            for key in sorted(set(params[a]) & set(params[b])):
                pa, pb = params[a][key], params[b][key]
                if pa["provision"]["id"] == pb["provision"]["id"]:
                    continue
                try:
                    ea = rates.convert(pa["value"]["amount"], pa["value"]["currency"], "EUR", day)
                    eb = rates.convert(pb["value"]["amount"], pb["value"]["currency"], "EUR", day)
                except InputError:
                    continue
                lo, hi = sorted((ea, eb))
                if hi <= 0 or (lo > 0 and hi / lo < 2):
                    continue
                score = 0.8 if lo == 0 else round(min(1.0, math.log10(hi / lo) / 2), 3)
                pairs.append({
                    "kind": "threshold", "topic": key[0], "parameter": key[1], "score": score,
                    "a": {"code": a, "value": pa["value"], "eur": round(ea, 2),
                          "provision": _cite(atlas, pa["provision"])},
                    "b": {"code": b, "value": pb["value"], "eur": round(eb, 2),
                          "provision": _cite(atlas, pb["provision"])},
                    "why": f"{key[1]} differs {'(one requires it for every amount)' if lo == 0 else f'{hi / lo:,.1f}x'}"})
    return pairs


def _representatives(treat: dict[str, dict], chains: dict[str, list[str]]) -> dict[str, list[str]]:
    """Collapse jurisdictions whose treatment comes wholly from law they inherit into the owner."""
    reps: dict[str, list[str]] = {}
    for code, t in treat.items():
        inherited = t["owners"] and code not in t["owners"]
        owner = next((c for c in chains[code][1:] if c in t["owners"]), None) if inherited else None
        if owner and treat.get(owner, {}).get("treatment") == t["treatment"]:
            reps.setdefault(owner, []).append(code)
        else:
            reps.setdefault(code, [])
    return reps


def arbitrage(atlas: Atlas, day: dt.date, activity: str | None = None, topic: str | None = None,
              limit: int = 50) -> dict[str, Any]:
    """Ranked pairs of jurisdictions with different treatment, plus the key arbitrage patterns."""
    if activity is not None and activity not in ACTIVITIES:
        raise InputError(f"unknown activity '{activity}' (one of: {', '.join(ACTIVITIES)})", field="activity")
    if topic is not None and topic not in TOPICS:
        raise InputError(f"unknown topic '{topic}' (one of: {', '.join(TOPICS)})", field="topic")
    chains = aq.chains(atlas)
    provs = aq.provisions_on(atlas, day)
    by_code: dict[str, list[dict]] = {}
    for p in provs:
        by_code.setdefault(p["jurisdiction"], []).append(p)
    statuses = {c: queries.crypto_status(atlas, c, day).get("value") for c in chains}
    pairs: list[dict[str, Any]] = []
    activities = [activity] if activity else ([] if topic else list(DEFAULT_ACTIVITIES))
    for act in activities:
        treat = {c: treatment(atlas, chains[c], by_code, statuses[c], act) for c in chains}
        reps = _representatives(treat, chains)
        codes = sorted(reps)
        for i, a in enumerate(codes):
            for b in codes[i + 1:]:
                ta, tb = treat[a]["treatment"], treat[b]["treatment"]
                if ta == tb:
                    continue
                pairs.append({"kind": "treatment", "activity": act, "score": gap(ta, tb),
                              "a": {"code": a, "also": reps[a], **treat[a]},
                              "b": {"code": b, "also": reps[b], **treat[b]},
                              "why": f"{act}: {ta} in {a}, {tb} in {b}"})
    if topic or not activity:
        owners = sorted(c for c in chains if c in by_code or not chains[c][1:])
        pairs.extend(_threshold_pairs(atlas, day, owners, chains, by_code, topic))
    order = {a: i for i, a in enumerate(DEFAULT_ACTIVITIES)}
    pairs.sort(key=lambda p: (-p["score"], order.get(p.get("activity"), len(order)),
                              p.get("parameter") or "", p["a"]["code"], p["b"]["code"]))
    return {"rulebook": queries.header(atlas, day), "activity": activity, "topic": topic,
            "total_pairs": len(pairs), "pairs": pairs[:limit],
            "patterns": patterns.find(atlas, day, chains, by_code, statuses, treatment)}
