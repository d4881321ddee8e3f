"""Alignment with the international standards: each jurisdiction against each recommendation.

A cell's status on a date comes, strongest first, from:
1. provisions of the jurisdiction or of a jurisdiction whose law it inherits that name the
   recommendation in `implements` (status of the provision on that date);
2. for an interpretive-note element (`INR.15(3)` ...), provisions mapped to its parent
   recommendation (`R.15`) whose topic is one of the element's topics (`via: "parent"`);
3. explicit cited assessments (`alignment/*.yaml`): an assessment raises the cell to its status;
   an `absent` assessment overrides the mapping while it holds.
Score of a jurisdiction for a standard = 100 x mean weight of its recommendations (in force 1,
enacted 0.5, proposed 0.25, absent 0); the overall score is the mean of the per-standard scores.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> doc = align(open_atlas(), d.date(2025, 6, 1), standard="fatf", codes=["DE"])
>>> cell = next(c for c in doc["jurisdictions"][0]["cells"] if c["recommendation"] == "fatf-r16")
>>> cell["status"]
'in_force'
>>> weight("enacted")
0.5
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from regatlas.errors import NotFound
from regatlas.store import analytics_queries as aq
from regatlas.store.atlas import Atlas
from regatlas.store.competence import official_ratings
from regatlas.store.queries import header, source_of

STATUSES = ("in_force", "enacted", "proposed", "absent")
STRENGTH = {"in_force": 3, "enacted": 2, "proposed": 1, "absent": 0}
WEIGHTS = {"in_force": 1.0, "enacted": 0.5, "proposed": 0.25, "absent": 0.0}
_INR = re.compile(r"^INR\.(\d+)")


def weight(status: str) -> float:
    """Score weight of a cell status (see module docstring)."""
    return WEIGHTS[status]


def standards_for(atlas: Atlas, standard: str | None) -> list[str]:
    """The standard ids to compute: one when named (NotFound when unknown), else all."""
    known = sorted({r["standard"] for r in aq.recommendations(atlas)})
    if standard is None:
        return known
    if standard not in known:
        raise NotFound(f"unknown standard '{standard}' (known: {', '.join(known)})", field="standard")
    return [standard]


def _parents(recs: list[dict[str, Any]]) -> dict[str, str]:
    """Interpretive-note element id -> parent recommendation id (INR.15(3) -> R.15)."""
    by_number = {(r["standard"], r["number"]): r["id"] for r in recs}
    out = {}
    for r in recs:
        m = _INR.match(r["number"] or "")
        parent = by_number.get((r["standard"], f"R.{m.group(1)}")) if m else None
        if parent:
            out[r["id"]] = parent
    return out


def _best(entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    return max(entries, key=lambda e: STRENGTH[e["status"]], default=None)


def _cells_for(code: str, chain: list[str], recs: list[dict[str, Any]], parents: dict[str, str],
               mapped: dict[tuple[str, str], list[dict]], assessed: dict[tuple[str, str], dict],
               sources: dict[str, dict]) -> list[dict[str, Any]]:
    cells = []
    for r in recs:
        hits = [m for c in chain for m in mapped.get((c, r["id"]), [])]
        via = "provision" if hits else "none"
        if not hits and r["id"] in parents:
            hits = [m for c in chain for m in mapped.get((c, parents[r["id"]]), [])
                    if m["topic"] in (r["topics"] or [])]
            via = "parent" if hits else "none"
        best = _best(hits)
        status = best["status"] if best else "absent"
        assessment = next((assessed[(c, r["id"])] for c in chain if (c, r["id"]) in assessed), None)
        if assessment and (assessment["status"] == "absent"
                           or STRENGTH[assessment["status"]] > STRENGTH[status]):
            status, via = assessment["status"], "assessment"
        top = [h for h in hits if h["status"] == status] if via != "assessment" else []
        cell = {"recommendation": r["id"], "standard": r["standard"], "status": status, "via": via,
                "provisions": sorted({h["id"] for h in top})}
        if top:
            first = sources[min(h["id"] for h in top)]
            cell["source"], cell["verification"] = first["source"], first["verification"]
        if assessment:
            cell["assessment"] = assessment
            if via == "assessment":
                cell["source"], cell["verification"] = assessment["source"], assessment["verification"]
        cells.append(cell)
    return cells


def _score(cells: list[dict[str, Any]]) -> float | None:
    if not cells:
        return None
    return round(100 * sum(WEIGHTS[c["status"]] for c in cells) / len(cells), 1)


def align(atlas: Atlas, day: dt.date, standard: str | None = None,
          codes: list[str] | None = None) -> dict[str, Any]:
    """Alignment matrix, per-standard and overall scores for every (or the listed) jurisdiction."""
    wanted = standards_for(atlas, standard)
    chains = aq.chains(atlas)
    codes = [aq.require_code(atlas, c) for c in codes] if codes else sorted(chains)
    recs = [r for r in aq.recommendations(atlas) if r["standard"] in wanted]
    parents = _parents(aq.recommendations(atlas))
    mapped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for m in aq.mapped_statuses(atlas, day):
        mapped[(m["jurisdiction"], m["recommendation"])].append(m)
    assessed = {}
    for a in aq.assessments(atlas, day):
        assessed[(a["jurisdiction"], a["recommendation"])] = {
            "id": a["id"], "status": a["status"], "from": a["valid_from"], "basis": a["basis"],
            "source": source_of(atlas, a), "verification": a["verification"]}
    sources = aq.provision_sources(atlas)
    with_data = {m["jurisdiction"] for m in aq.provisions_on(atlas, day)} | {k[0] for k in assessed}
    names = {j["code"]: j for j in aq.jurisdictions(atlas)}
    out = []
    for code in codes:
        cells = _cells_for(code, chains[code], recs, parents, mapped, assessed, sources)
        scores = {s: _score([c for c in cells if c["standard"] == s]) for s in wanted}
        no_data = not any(c in with_data for c in chains[code])
        out.append({
            "code": code, "name": names[code]["name"], "kind": names[code]["kind"],
            "inherits": chains[code][1:], "no_data": no_data,
            "note": "no provision or assessment in the atlas on this date" if no_data else None,
            "scores": scores,
            "score": round(sum(scores.values()) / len(scores), 1) if scores else None,
            "counts": {s: sum(c["status"] == s for c in cells) for s in STATUSES},
            "cells": cells, "official": _official(atlas, code, cells, parents, day)})
    standards = [{"id": s, "name": next(r["standard_name"] for r in recs if r["standard"] == s),
                  "body": next(r["body"] for r in recs if r["standard"] == s),
                  "recommendations": [{"id": r["id"], "number": r["number"], "title": r["title"]}
                                      for r in recs if r["standard"] == s]} for s in wanted]
    return {"rulebook": header(atlas, day), "standards": standards, "jurisdictions": out,
            "method": method()}


def _official(atlas: Atlas, code: str, cells: list[dict[str, Any]], parents: dict[str, str],
              day: dt.date) -> list[dict[str, Any]]:
    """The newest official rating published by `day` of each recommendation rated for `code`, beside
    the atlas's own score for that recommendation and its interpretive-note elements."""
    out = []
    for (juris, rec), ratings in sorted(official_ratings(atlas).items()):
        current = next((r for r in ratings if r["as_of"] <= day), None) if juris == code else None
        if current is None:
            continue
        ours = [c for c in cells if c["recommendation"] == rec or parents.get(c["recommendation"]) == rec]
        out.append({"recommendation": rec, "assessor": current["assessor"], "rating": current["rating"],
                    "stage": current["stage"], "official_score": None if current["points"] is None
                    else round(100 * current["points"], 1), "as_of": current["as_of"],
                    "report": current["report"], "source": current["source"],
                    "verification": current["verification"], "note": current["note"],
                    "our_score": _score(ours), "our_statuses": {c["recommendation"]: c["status"] for c in ours}})
    return out


def method() -> dict[str, Any]:
    """How cells and scores are computed (also in docs/alignment.md)."""
    return {
        "weights": dict(WEIGHTS),
        "score": ("100 x mean weight over the standard's recommendations; overall = mean of the "
                  "per-standard scores"),
        "sources": ["provision implements (own and inherited law)",
                    ("interpretive-note element via its parent recommendation when the provision's "
                     "topic is one of the element's topics"),
                    ("explicit cited assessments (alignment/*.yaml): raise the status, or set it to "
                     "absent while an 'absent' assessment holds")],
        "official": ("official ratings (ratings/*.yaml: FATF and FSRB technical-compliance ratings) are "
                     "shown beside the score, never mixed into it: C=100, LC=67, PC=33, NC=0; "
                     "our_score is the atlas's score over the recommendation and its interpretive-note "
                     "elements on the as-of date, while the rating is as of its report's date"),
    }
