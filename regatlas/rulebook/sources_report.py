"""What keeps each cited value from being verified: the `regatlas sources` report.

A value is verified only with a document URL (not a home page), a pinpoint and an excerpt
(regatlas.rulebook.checks.verification). This report lists every value that is not verified,
grouped per jurisdiction, with where it is written and what it lacks; totals come first.

>>> from regatlas.rulebook.load import default_rulebook_dir, load_rulebook
>>> doc = sources_report(load_rulebook(default_rulebook_dir()), "SG")
>>> [g["code"] for g in doc["jurisdictions"]]
['SG']
>>> doc["totals"]["values"] == doc["totals"]["verified"] + doc["totals"]["not_verified"]
True
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from regatlas.errors import NotFound
from regatlas.rulebook.checks.verification import CitedValue, Gap, authority_homes, cited_values, gaps

REASONS: dict[Gap | str, str] = {
    "no_url": "no document URL",
    "home_page": "URL is a home page",
    "no_pinpoint": "no pinpoint (source.article)",
    "no_excerpt": "no excerpt (source.excerpt or text)",
    "complete": "evidence complete but not marked verified (see its note)",
}
"""The words for each reason a value is not verified; `complete` when nothing is missing."""


def _entry(loaded: Any, cv: CitedValue, missing: list[Gap]) -> dict[str, Any]:
    doc = loaded.documents.get(cv.file)
    line, column = doc.position(cv.path + ("verification",), key=True) if doc else (None, None)
    return {"file": cv.file, "line": line, "column": column, "kind": cv.kind, "id": cv.ident,
            "url": cv.url, "article": cv.value.source.article, "missing": list(missing),
            "why": "; ".join(REASONS[g] for g in missing) or REASONS["complete"]}


def sources_report(loaded: Any, jurisdiction: str | None = None) -> dict[str, Any]:
    """Totals, then per jurisdiction (agreements between parties under code None) the values that
    are not verified, each with file, line, kind, id, URL, pinpoint and what is missing."""
    homes = authority_homes(loaded)
    groups: dict[str | None, dict[str, Any]] = {}
    missing_counts: Counter = Counter()
    for cv in cited_values(loaded):
        if jurisdiction and (cv.jurisdiction or "").upper() != jurisdiction.upper():
            continue
        group = groups.setdefault(cv.jurisdiction, {"code": cv.jurisdiction, "values": 0, "verified": 0,
                                                    "not_verified": []})
        group["values"] += 1
        if cv.value.verification == "verified":
            group["verified"] += 1
            continue
        missing = gaps(cv.value, cv.url, homes)
        missing_counts.update(missing or ["complete"])
        group["not_verified"].append(_entry(loaded, cv, missing))
    if jurisdiction and not groups:
        raise NotFound(f"no cited values for jurisdiction '{jurisdiction}'", field="jurisdiction")
    values = sum(g["values"] for g in groups.values())
    verified = sum(g["verified"] for g in groups.values())
    return {
        "rulebook": {"version": loaded.rulebook.version},
        "totals": {"values": values, "verified": verified, "not_verified": values - verified,
                   "share": round(verified / values, 4) if values else 0.0,
                   "missing": {key: missing_counts[key] for key in REASONS}},
        "jurisdictions": [{**g, "not_verified": sorted(g["not_verified"], key=lambda e: (e["file"], e["line"] or 0))}
                          for g in sorted(groups.values(), key=lambda g: (g["code"] is None, g["code"] or ""))],
    }
