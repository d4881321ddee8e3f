"""Who is competent for what: for each activity x token type x market a jurisdiction's competence
map examined, the authorities that claim it (cited), and the outcome - one regulator, an overlap
(with how the authorities divide it, when a joint statement, MoU or statute says so) or a gap.

A cell the map did not examine, or a jurisdiction without a map, is `unknown`, never a gap: the
atlas says nobody is competent only where its authors looked and found nobody.

>>> from regatlas.store.atlas import open_atlas
>>> import datetime as dt
>>> ans = overlap(open_atlas(), dt.date(2026, 1, 1), jurisdiction="US", activity="exchange")
>>> ans["jurisdictions"][0]["code"], ans["jurisdictions"][0]["mapped"]
('US', True)
"""

from __future__ import annotations

import datetime as dt
import json
from itertools import product
from typing import Any

from regatlas.errors import InputError
from regatlas.model.competence import CellPattern
from regatlas.model.vocab import ACTIVITIES, MARKETS, TOKEN_TYPES
from regatlas.store import analytics_queries as aq
from regatlas.store import queries
from regatlas.store.atlas import Atlas
from regatlas.store.competence import competence_maps
from regatlas.store.tables import jurisdiction_table


def _in_effect(claim: dict[str, Any], day: dt.date) -> bool:
    return (not claim["proposed"] and not claim["enacted"] and (claim["effective_from"] is None or claim["effective_from"] <= day)
            and (claim["effective_to"] is None or day < claim["effective_to"]))


def _covers(item: dict[str, Any], activity: str, token_type: str, market: str) -> bool:
    return (activity in item["activities"] and market in item["markets"]
            and (token_type in item["token_types"] or "any" in item["token_types"]))


def _claim(c: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {"id": c["id"], "authority": c["authority"], "name": names.get(c["authority"], c["authority"]),
            "power": c["power"], "basis": c["basis"], "effective_from": c["effective_from"],
            "source": c["source"], "verification": c["verification"], "note": c["note"]}


def _patterns(m: dict[str, Any], key: str) -> list[CellPattern]:
    return [CellPattern.model_validate(p) for p in json.loads(m[key] or "[]")]


def _cell(m: dict[str, Any], cell: tuple[str, str, str], day: dt.date, names: dict[str, str]) -> dict[str, Any]:
    activity, token_type, market = cell
    hits = [c for c in m["claims"] if _covers(c, *cell)]
    claims = [_claim(c, names) for c in hits if _in_effect(c, day)]
    who = {c["authority"] for c in claims}
    divisions = [{"id": d["id"], "kind": d["kind"], "authorities": d["authorities"], "how": d["how"],
                  "date": d["date"], "source": d["source"], "verification": d["verification"]}
                 for d in m["divisions"] if _covers(d, *cell) and who & set(d["authorities"])
                 and (d["date"] is None or d["date"] <= day)]
    outcome = "gap" if not who else "single" if len(who) == 1 else "overlap"
    # an overlap is divided when the cited divisions name every authority claiming the cell, one of
    # them at least two together (a division between two of three claimants leaves the third open)
    named = {a for d in divisions for a in d["authorities"]}
    divided = who <= named and any(len(who & set(d["authorities"])) >= 2 for d in divisions)
    unsettled = next((p.why for p in _patterns(m, "unexamined") if p.matches(*cell)), None)
    if unsettled and outcome == "gap":  # not settled by the map's authors: unknown, not a gap
        outcome = "unknown"
    return {"activity": activity, "token_type": token_type, "market": market, "outcome": outcome,
            "authorities": sorted(who), "claims": claims, "divisions": divisions,
            "divided": divided if outcome == "overlap" else None,
            "proposed": [_claim(c, names) for c in hits if c["proposed"]],
            "enacted": [_claim(c, names) for c in hits if c["enacted"]
                        or (not c["proposed"] and c["effective_from"] and c["effective_from"] > day)],
            "unexamined": unsettled if outcome == "unknown" else None}


def _check(value: str | None, allowed: tuple[str, ...], field: str) -> None:
    if value is not None and value not in allowed:
        raise InputError(f"unknown {field} '{value}' (one of: {', '.join(allowed)})", field=field)


def _jurisdiction(atlas: Atlas, code: str, m: dict[str, Any] | None, day: dt.date,
                  activity: str | None, token_type: str | None) -> dict[str, Any]:
    name = jurisdiction_table(atlas)[code]["name"]
    if m is None:
        return {"code": code, "name": name, "mapped": False, "cells": [], "counts": {},
                "note": "no competence map in the atlas: who is competent here is unknown"}
    names = {a["id"]: a["name"] for a in aq.authorities(atlas, [code, *aq.chains(atlas)[code][1:]])}
    excluded = _patterns(m, "not_applicable")
    cells = [c for c in product(m["activities"], m["token_types"], m["markets"])
             if not any(p.matches(*c) for p in excluded) and (activity is None or c[0] == activity)
             and (token_type is None or c[1] == token_type or c[1] == "any")]
    out = [_cell(m, c, day, names) for c in cells]
    counts = {k: sum(1 for c in out if c["outcome"] == k) for k in ("single", "overlap", "gap", "unknown")}
    counts["overlap_undivided"] = sum(1 for c in out if c["divided"] is False)
    return {"code": code, "name": name, "mapped": True, "cells": out, "counts": counts, "note": m["note"]}


def overlap(atlas: Atlas, day: dt.date, jurisdiction: str | None = None, activity: str | None = None,
            token_type: str | None = None) -> dict[str, Any]:
    """Competence per cell for one jurisdiction (and the laws it inherits) or every mapped one."""
    _check(activity, ACTIVITIES, "activity")
    _check(token_type, TOKEN_TYPES, "token_type")
    maps = competence_maps(atlas)
    if jurisdiction:
        codes = list(aq.chains(atlas)[aq.require_code(atlas, jurisdiction)])
    else:
        codes = sorted(maps)
    return {"rulebook": queries.header(atlas, day), "jurisdiction": jurisdiction and jurisdiction.upper(),
            "activity": activity, "token_type": token_type, "markets": list(MARKETS),
            "jurisdictions": [_jurisdiction(atlas, c, maps.get(c), day, activity, token_type) for c in codes],
            "unmapped": sorted(set(jurisdiction_table(atlas)) - set(maps)) if not jurisdiction else [],
            "method": ("A cell is an activity, a token type and a market. 'single': one authority claims it; "
                       "'overlap': two or more (with their division, when one is cited); 'gap': the map "
                       "examined the cell and no authority claims it; 'unknown': a cell its authors could not "
                       "settle; combinations that cannot occur are left out; unmapped jurisdictions are unknown."),
            "not_applicable": {c: (json.loads(maps[c]["not_applicable"] or "[]")) for c in codes if c in maps}}
