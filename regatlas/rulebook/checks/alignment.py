"""Alignment assessments: jurisdiction, recommendation and cited instrument all exist; no
dangling id; one jurisdiction-recommendation pair never has two assessments on the same date.

>>> from regatlas.rulebook.load import load_rulebook, default_rulebook_dir
>>> check(load_rulebook(default_rulebook_dir()))
[]
"""

from __future__ import annotations

from regatlas.errors import RulebookError
from regatlas.rulebook.checks.index import build_index
from regatlas.rulebook.checks.sources import url_problem


def check(loaded) -> list[RulebookError]:
    """Dangling jurisdiction, recommendation or instrument ids, bad URLs, same-day duplicates."""
    if not loaded.rulebook.alignment:
        return []
    index = build_index(loaded)
    codes = set(loaded.rulebook.jurisdictions)
    errors: list[RulebookError] = []
    seen: dict[tuple, str] = {}
    for file, base, a in loaded.entities("alignment"):
        if a.jurisdiction not in codes:
            errors.append(loaded.error(file, base + ("jurisdiction",),
                                       f"unknown jurisdiction '{a.jurisdiction}'"))
        if not index.has("recommendation", a.recommendation):
            errors.append(loaded.error(file, base + ("recommendation",),
                                       f"unknown recommendation '{a.recommendation}'"))
        if not index.has("instrument", a.source.instrument):
            errors.append(loaded.error(file, base + ("source", "instrument"),
                                       f"unknown instrument '{a.source.instrument}'"))
        if a.source.url and (problem := url_problem(a.source.url)):
            errors.append(loaded.error(file, base + ("source", "url"), problem))
        key = (a.jurisdiction, a.recommendation, a.from_)
        if key in seen:
            errors.append(loaded.error(file, base + ("from",),
                                       f"second assessment of {a.jurisdiction}/{a.recommendation} "
                                       f"on {a.from_} (first: {seen[key]})"))
        seen.setdefault(key, a.id)
    return errors
