"""The strictest common control set, what stays jurisdiction-specific, and the timeline.

Topics whose rules a firm can meet once for every market (Travel Rule, self-hosted wallets,
CDD, custody, reserves, redemption, conduct, cyber) are merged: for each parameter the
strictest value in the direction the vocabulary declares (`conflicts.direction`) with the
provision it comes from and every jurisdiction it satisfies; qualitative requirements are listed
once each. Licences, capital, tax reporting, marketing, white papers and bans stay
jurisdiction-specific (`COMMON_TOPICS` is that choice of topics, made here, not read from names),
and so does every value of a parameter declared not comparable (`stricter: none`) where the
markets' values differ: shown side by side, never ranked.

>>> "travel_rule" in COMMON_TOPICS, "licensing" in COMMON_TOPICS
(True, False)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.assess.conflicts import FACT_TOPICS, SELF_HOSTED_ORDER, comparable, direction, strictest

COMMON_TOPICS = ("travel_rule", "self_hosted_wallets", "aml_cdd", "custody", "stablecoin_reserves",
                 "stablecoin_redemption", "stablecoin_issuance", "consumer_protection", "market_abuse",
                 "governance", "cybersecurity", "staking", "lending", "defi")


def common_plan(per_code: dict[str, list[dict[str, Any]]], travel: list[dict[str, Any]],
                day: dt.date, vocabulary: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Merge in-force obligations into common controls; the rest is jurisdiction-specific."""
    controls: dict[str, dict[str, Any]] = {}
    specific: list[dict[str, Any]] = []
    for code, obligations in per_code.items():
        for ob in obligations:
            if ob["status"] != "in_force":
                continue
            if ob["topic"] not in COMMON_TOPICS:
                specific.append({"jurisdiction": code, "id": ob["id"], "topic": ob["topic"], "title": ob["title"],
                                 "parameters": ob["parameters"], "source": ob["source"],
                                 "verification": ob["verification"]})
                continue
            topic = controls.setdefault(ob["topic"], {"topic": ob["topic"], "parameters": {}, "requirements": {}})
            req = topic["requirements"].setdefault(ob["id"], {
                "id": ob["id"], "title": ob["title"], "law_of": ob["jurisdiction"], "jurisdictions": [],
                "source": ob["source"], "verification": ob["verification"]})
            req["jurisdictions"].append(code)
            for name, value in ({} if ob["topic"] in FACT_TOPICS else ob["parameters"] or {}).items():
                topic["parameters"].setdefault(name, []).append((code, ob, value))
    out_controls = []
    for topic in controls.values():
        params = []
        for name, uses in sorted(topic["parameters"].items()):
            ranked = [(comparable(v, day)[0], (c, ob, v)) for c, ob, v in uses]
            best = strictest(direction(name, vocabulary), ranked)
            covered = sorted({c for c, _, _ in uses})
            if best is None and len({repr(v) for _, _, v in uses}) > 1:
                for c, ob, v in uses:
                    specific.append({"jurisdiction": c, "id": ob["id"], "topic": ob["topic"],
                                     "title": f"{ob['title']} ({name})", "parameters": {name: v},
                                     "source": ob["source"], "verification": ob["verification"]})
                continue
            code, ob, value = best or uses[0]
            params.append({"parameter": name, "value": value, "from_provision": ob["id"], "law_of": ob["jurisdiction"],
                           "satisfies": covered, "source": ob["source"], "verification": ob["verification"]})
        out_controls.append({"topic": topic["topic"], "parameters": params,
                             "requirements": list(topic["requirements"].values())})
    out_controls.extend(_travel_controls(travel))
    out_controls.sort(key=lambda c: COMMON_TOPICS.index(c["topic"]) if c["topic"] in COMMON_TOPICS else 99)
    return {"common_controls": _merge_topics(out_controls),
            "jurisdiction_specific": sorted(specific, key=lambda s: (s["jurisdiction"], s["topic"], s["id"]))}


def _travel_controls(travel: list[dict[str, Any]]) -> list[dict[str, Any]]:
    live = [s for s in travel if s["status"] == "in_force"]
    out = []
    with_threshold = [s for s in live if s["threshold_eur"] is not None]
    if with_threshold:
        best = min(with_threshold, key=lambda s: s["threshold_eur"])
        out.append({"topic": "travel_rule", "parameters": [{
            "parameter": "threshold", "value": best["threshold"], "value_eur": best["threshold_eur"],
            "from_provision": best["provision"], "law_of": best["law_of"], "market": best["jurisdiction"],
            "satisfies": sorted(s["jurisdiction"] for s in live),
            "source": best["source"], "verification": best["verification"],
            "control": "send and check full originator and beneficiary information from this amount "
                       "(the lowest threshold in force among the markets, in euros on the day)"}],
            "requirements": []})
    if live:
        best = max(live, key=lambda s: SELF_HOSTED_ORDER.index(s["self_hosted"])
                   if s["self_hosted"] in SELF_HOSTED_ORDER else 0)
        out.append({"topic": "self_hosted_wallets", "parameters": [{
            "parameter": "policy", "value": best["self_hosted"], "threshold": best["self_hosted_threshold"],
            "from_provision": best["provision"], "law_of": best["law_of"], "market": best["jurisdiction"],
            "satisfies": sorted(s["jurisdiction"] for s in live),
            "source": best["source"], "verification": best["verification"],
            "control": "apply the strictest self-hosted wallet policy in force among the markets"}],
            "requirements": []})
    return out


def _merge_topics(controls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for c in controls:
        slot = merged.setdefault(c["topic"], {"topic": c["topic"], "parameters": [], "requirements": []})
        slot["parameters"].extend(c["parameters"])
        slot["requirements"].extend(c["requirements"])
    return list(merged.values())


def timeline(views: list[Any], buckets: dict[str, dict[str, Any]], day: dt.date) -> list[dict[str, Any]]:
    """Dated changes after `day`: obligations and licence requirements starting or ending."""
    events: dict[tuple[str, str, dt.date], dict[str, Any]] = {}

    def add(when: dt.date | None, what: str, ident: str, code: str, item: dict[str, Any]) -> None:
        if when is None or when <= day:
            return
        ev = events.setdefault((ident, what, when), {
            "date": when, "event": what, "id": ident, "title": item.get("title"), "topic": item.get("topic"),
            "law_of": item.get("jurisdiction"), "jurisdictions": [], "source": item.get("source"),
            "verification": item.get("verification")})
        if code not in ev["jurisdictions"]:
            ev["jurisdictions"].append(code)

    for view in views:
        b = buckets[view.code]
        for item in b["upcoming"] + [r for r in b["licences"]["requirements"] if r["position"] == "upcoming"]:
            add(item["effective_from"], "starts", item["id"], view.code, item)
        for item in b["obligations"] + b["prohibitions"] + b["licences"]["requirements"]:
            add(item["effective_to"], "ends", item["id"], view.code, item)
    return sorted(events.values(), key=lambda e: (e["date"], e["id"]))
