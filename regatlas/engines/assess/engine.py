"""Assess a firm profile as of a date: per jurisdiction, licences, obligations, prohibitions,
token status; then conflicts between jurisdictions, the common plan and the timeline.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> from regatlas.model.profile import FirmProfile
>>> p = FirmProfile.model_validate({"name": "A", "activities": ["custody"], "entities": [
...     {"id": "a", "name": "A AG", "jurisdiction": "CH"}], "markets": [{"jurisdiction": "CH"}]})
>>> doc = assess(open_atlas(), p, d.date(2025, 6, 1))
>>> doc["rulebook"]["as_of"], [j["code"] for j in doc["jurisdictions"]]
('2025-06-01', ['CH'])
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.assess.conflicts import parameter_conflicts, travel_rule_conflicts, travel_sides
from regatlas.engines.assess.context import assessed_codes, market_view, volumes_env
from regatlas.engines.assess.data import assess_data
from regatlas.engines.assess.licences import licence_positions
from regatlas.engines.assess.obligations import sort_provisions
from regatlas.engines.assess.overlaps import firm_overlaps
from regatlas.engines.assess.plan import common_plan, timeline
from regatlas.engines.classify import DISCLAIMER
from regatlas.model.profile import FirmProfile
from regatlas.store import legal_data, queries
from regatlas.store.atlas import Atlas

SCHEMA_VERSION = "1"
ASSESSMENT_DISCLAIMER = ("Indicative assessment from the rulebook and the profile given; not legal "
                         "advice. " + DISCLAIMER)
GAP_POSITIONS = {"required"}


def _jurisdiction(data: Any, profile: FirmProfile, view: Any, buckets: dict[str, Any],
                  day: dt.date) -> dict[str, Any]:
    row = data.jurisdictions[view.code]
    status = data.crypto_status(view.code, day)
    prohibitions = list(buckets["prohibitions"])
    if status == "banned":
        fact = queries.crypto_status(data.atlas, view.code, day)
        prohibitions.insert(0, {"id": f"crypto-status-{view.code}", "title": "Crypto-asset activity banned",
                                "topic": "ban", "restriction": "ban", "status": "in_force",
                                "source": fact.get("source"), "verification": fact.get("verification"),
                                "parameters": {}, "jurisdiction": fact.get("jurisdiction")})
    lic = buckets["licences"]
    counts = {pos: sum(1 for r in lic["requirements"] if r["position"] == pos)
              for pos in ("held", "passported", "passport_available", "reverse_solicitation", "required",
                          "upcoming", "proposed")}
    return {
        "code": view.code, "name": row["name"], "kind": row["kind"], "inherits": data.chains[view.code][1:],
        "roles": [r for r, on in (("market", view.market is not None), ("home", view.home)) if on],
        "market": view.market.model_dump() if view.market else None,
        "crypto_status": status,
        "licences": lic["requirements"], "perimeter": lic["perimeter"], "passport_routes": lic["passport_routes"],
        "obligations": buckets["obligations"], "upcoming": buckets["upcoming"], "prohibitions": prohibitions,
        "watchlist": buckets["watchlist"], "not_applicable": buckets["not_applicable"],
        "tokens": view.classifications,
        "summary": {"licences": counts, "gaps": sum(counts[p] for p in GAP_POSITIONS),
                    "obligations": len(buckets["obligations"]), "upcoming": len(buckets["upcoming"]),
                    "prohibitions": len(prohibitions), "watchlist": len(buckets["watchlist"]),
                    "token_categories": {c["token"]: c["category"] for c in view.classifications}},
    }


def assess(atlas: Atlas, profile: FirmProfile, day: dt.date) -> dict[str, Any]:
    """The full assessment document of `profile` on `day` (documented in docs/assessment.md); entities
    named by LEI hold the licences and passports the registers show (registers/profile.py)."""
    from regatlas.registers.profile import from_registers

    profile, registers = from_registers(profile, day)
    data = assess_data(atlas)
    volumes = volumes_env(profile, day)
    activities = set(profile.activities)
    views, buckets = [], {}
    for code in assessed_codes(profile):
        view = market_view(data, profile, code, day, volumes)
        sorted_ = sort_provisions(data, view, activities, day)
        sorted_["licences"] = licence_positions(data, profile, view, sorted_.pop("licensing"), day)
        views.append(view)
        buckets[code] = sorted_
    jurisdictions = [_jurisdiction(data, profile, v, buckets[v.code], day) for v in views]
    per_code = {v.code: buckets[v.code]["obligations"] + buckets[v.code]["prohibitions"] for v in views}
    sides = []
    vasp = legal_data.vasp_scope(atlas)  # the Travel Rule binds VASPs (FATF INR.15 para 7(b))
    if activities & (set(vasp["activities"]) | set(vasp["may_include"])):
        sides = travel_sides(views, data, day)
    travel = travel_rule_conflicts(sides)
    conflicts = travel + parameter_conflicts(per_code, day, data.vocabulary)
    plan = common_plan(per_code, sides, day, data.vocabulary)
    return {
        "rulebook": queries.header(atlas, day),
        "schema": SCHEMA_VERSION,
        "disclaimer": ASSESSMENT_DISCLAIMER,
        "registers": registers,
        "profile": {"name": profile.name, "activities": list(profile.activities),
                    "entities": [{"id": e.id, "name": e.name, "jurisdiction": e.jurisdiction, "lei": e.lei,
                                  "licences": [lic.model_dump() for lic in e.licences]} for e in profile.entities],
                    "markets": [m.model_dump() for m in profile.markets],
                    "tokens": [t.symbol for t in profile.tokens]},
        "summary": [{"code": j["code"], "name": j["name"], "roles": j["roles"],
                     "crypto_status": j["crypto_status"], **j["summary"]} for j in jurisdictions],
        "jurisdictions": jurisdictions,
        "conflicts": conflicts,
        "plan": plan,
        "timeline": timeline(views, buckets, day),
        "overlaps": firm_overlaps(atlas, day, {v.code: v.token_types for v in views}, activities),
    }

