"""What the atlas learned between two rulebook versions (the record axis): each value added,
corrected, re-sourced or removed, with before and after, classified.

Classes: `new_coverage` (a jurisdiction file or an existing law newly encoded), `new_law` (a text
published or taking effect after the older version was recorded), `amendment` (a provision amending
another), `correction` (a value of the law changed: dates, parameters, scope, status), `source`
(only the citation or its verification changed), `removed`. Notes and check dates are not changes.

>>> from regatlas.model import Provision
>>> a = Provision.model_validate({"id": "p", "title": "t", "topic": "ban", "role": "prohibition",
...     "effective_from": "2021-01-01", "source": {"instrument": "i"}, "verification": "unverified"})
>>> b = a.model_copy(update={"effective_from": __import__("datetime").date(2021, 2, 1)})
>>> [(c["field"], c["before"], c["after"]) for c in field_changes(a, b)]
[('effective_from', '2021-01-01', '2021-02-01')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from regatlas.model import Rulebook

IGNORED = {"note", "text", "checked", "excerpt", "summary"}
"""Keys whose change is not a change of the law or of its citation (words about it, check dates)."""
SOURCE_KEYS = {"source", "verification"}
FACT_KINDS = {"travel_rule": "travel_rule", "crypto_status": "licensing", "stablecoins": "stablecoin_issuance",
              "cbdc": "cbdc"}
"""Dated facts of a jurisdiction file, with the topic a `--topic` filter matches them by."""


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in IGNORED}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def field_changes(before: BaseModel, after: BaseModel) -> list[dict[str, Any]]:
    """The top-level fields that differ, with their values before and after (JSON values)."""
    a, b = (_plain(m.model_dump(mode="json", by_alias=True, exclude_none=True)) for m in (before, after))
    return [{"field": k, "before": a.get(k), "after": b.get(k)} for k in sorted(set(a) | set(b))
            if a.get(k) != b.get(k)]


def _source(value: Any) -> dict[str, Any] | None:
    src = getattr(value, "source", None)
    return src.model_dump(mode="json", exclude_none=True) if src is not None else None


def _kind_of_new(value: Any, since: dt.date) -> str:
    if getattr(value, "amends", None):
        return "amendment"
    dates = [d for d in (getattr(value, "published", None), getattr(value, "effective_from", None),
                         getattr(value, "from_", None)) if d]
    return "new_law" if dates and min(dates) > since else "new_coverage"


def _pairs(rb: Rulebook) -> Iterator[tuple[str, str, str, str | None, Any]]:
    """(key, kind, jurisdiction, topic, value) for every value the feed follows."""
    for code, j in rb.jurisdictions.items():
        yield f"jurisdiction:{code}", "jurisdiction", code, None, None
        for p in j.provisions:
            yield f"provision:{p.id}", "provision", code, p.topic, p
        for name, topic in FACT_KINDS.items():
            for v in getattr(j, name, []):
                yield f"fact:{code}:{name}:{v.from_}", name, code, topic, v
        for a in j.authorities:
            yield f"authority:{a.id}", "authority", code, None, a
    for a in rb.agreements.values():
        yield f"agreement:{a.id}", "agreement", ",".join(a.parties[:3]), None, a
    for m in rb.competence.values():
        for c in m.claims:
            yield f"competence:{c.id}", "competence", m.code, None, c
    for r in rb.ratings.values():
        yield f"rating:{r.id}", "rating", r.jurisdiction, None, r


def record_changes(old: Rulebook, new: Rulebook, since: dt.date) -> list[dict[str, Any]]:
    """Every value added, changed or removed from `old` to `new`, classified, with before/after."""
    before = {k: (kind, code, topic, v) for k, kind, code, topic, v in _pairs(old)}
    after = {k: (kind, code, topic, v) for k, kind, code, topic, v in _pairs(new)}
    out = []
    for key in sorted(set(before) | set(after)):
        kind, code, topic, value = after.get(key) or before[key]
        ident = key.split(":", 1)[1]
        base = {"key": key, "type": kind, "id": ident, "jurisdiction": code, "topic": topic}
        if key not in before:
            out.append({**base, "class": "new_coverage" if kind == "jurisdiction" else _kind_of_new(value, since),
                        "changes": [], "after": _dump(value), "source": _source(value)})
        elif key not in after:
            out.append({**base, "class": "removed", "changes": [], "before": _dump(before[key][3]),
                        "source": _source(before[key][3])})
        elif value is not None:
            changes = field_changes(before[key][3], value)
            if changes:
                kind_of = "source" if {c["field"] for c in changes} <= SOURCE_KEYS else "correction"
                out.append({**base, "class": kind_of, "changes": changes, "source": _source(value)})
    return out


def _dump(value: Any) -> Any:
    return _plain(value.model_dump(mode="json", by_alias=True, exclude_none=True)) if value is not None else None
