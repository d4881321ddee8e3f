"""Agreements and programmes as data: MoUs, supervisory colleges, legal-assistance and extradition
treaties, conventions, sandboxes and cross-border testing (proposals that went nowhere included, with
their status), and interoperability initiatives, listed and searched by party, kind and words.

A party matches directly (its code or one of its authorities is a party) or through a jurisdiction
whose law it inherits (France through the EU). The status on the as-of date is read from the dates:
an active agreement signed later is `not_yet`; one whose end has passed is `ended`.

>>> from regatlas.store.atlas import open_atlas
>>> import datetime as dt
>>> ans = agreements(open_atlas(), dt.date(2026, 1, 1), party="GB")
>>> any(a["id"] == "uk-us-transatlantic-taskforce" for a in ans["agreements"])
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any, get_args

from regatlas.errors import InputError
from regatlas.model.entities import Agreement
from regatlas.store import analytics_queries as aq
from regatlas.store import queries
from regatlas.store.atlas import Atlas
from regatlas.store.tables import source_of

KINDS: tuple[str, ...] = get_args(Agreement.model_fields["kind"].annotation)


def _status_on(row: dict[str, Any], day: dt.date) -> str:
    if row["status"] != "active":
        return row["status"]
    start = row["effective_from"] or row["signed"]
    if start is not None and day < start:
        return "not_yet"
    if row["effective_to"] is not None and row["effective_to"] <= day:
        return "ended"
    return "active"


def _matches(row: dict[str, Any], text: str) -> bool:
    words = " ".join([row["id"], row["name"], *row["other_names"], row["summary"] or "", row["kind"]]).lower()
    return all(w in words for w in text.lower().split())


def agreements(atlas: Atlas, day: dt.date, party: str | None = None, kind: str | None = None,
               text: str | None = None) -> dict[str, Any]:
    """Every agreement or programme matching the filters, with its parties, status and source."""
    if kind is not None and kind not in KINDS:
        raise InputError(f"unknown kind '{kind}' (one of: {', '.join(KINDS)})", field="kind")
    code = aq.require_code(atlas, party) if party else None
    chain = aq.chains(atlas)[code] if code else []
    owner = aq.authority_owner(atlas)
    out = []
    for row in atlas.rows("SELECT * FROM agreements ORDER BY coalesce(signed, effective_from) NULLS LAST, id"):
        link = next((m for p in row["parties"] if (m := aq.party_link(p, code, chain, owner))), None) if code else None
        if (code and not link) or (kind and row["kind"] != kind) or (text and not _matches(row, text)):
            continue
        out.append({"id": row["id"], "name": row["name"], "other_names": row["other_names"], "kind": row["kind"],
                    "status": _status_on(row, day), "recorded_status": row["status"],
                    "parties": row["parties"], "party_link": link, "scope": row["scope"], "binding": row["binding"],
                    "signed": row["signed"], "effective_from": row["effective_from"],
                    "effective_to": row["effective_to"], "summary": row["summary"],
                    "source": source_of(atlas, row), "verification": row["verification"], "note": row["note"]})
    counts: dict[str, int] = {}
    for a in out:
        counts[a["kind"]] = counts.get(a["kind"], 0) + 1
    return {"rulebook": queries.header(atlas, day), "party": code, "kind": kind, "text": text,
            "counts": dict(sorted(counts.items())), "agreements": out}
