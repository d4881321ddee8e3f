"""Small per-atlas look-ups used by every query: jurisdictions, inheritance chains, sources.

>>> from regatlas.store.atlas import open_atlas
>>> chain(open_atlas(), "US-NY")
['US-NY', 'US']
"""

from __future__ import annotations

from typing import Any

from regatlas.errors import NotFound
from regatlas.store.atlas import Atlas

AS_OF = "(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR ? < valid_to)"


def jurisdiction_table(atlas: Atlas) -> dict[str, dict[str, Any]]:
    """Every jurisdiction row by code (read once per atlas)."""
    return atlas.cached("jurisdictions", lambda: {
        r["code"]: r for r in atlas.rows("SELECT * FROM jurisdictions ORDER BY code")})


def instrument_titles(atlas: Atlas) -> dict[str, str]:
    """Instrument id -> official title (read once per atlas)."""
    return atlas.cached("titles", lambda: {
        r["id"]: r["title"] for r in atlas.rows("SELECT id, title FROM instruments")})


def source_of(atlas: Atlas, row: dict[str, Any]) -> dict[str, Any] | None:
    """The contract's `source` object from a row's source columns."""
    if not row.get("source_instrument"):
        return None
    ident = row["source_instrument"]
    return {"instrument": instrument_titles(atlas).get(ident, ident), "instrument_id": ident,
            "article": row.get("source_article"), "url": row.get("source_url")}


def chain(atlas: Atlas, code: str) -> list[str]:
    """`code` followed by every jurisdiction whose law it inherits, nearest first."""
    table = jurisdiction_table(atlas)
    if code not in table:
        raise NotFound(f"unknown jurisdiction '{code}'", field="code")
    out, todo = [], [code]
    while todo:
        current = todo.pop(0)
        if current not in out:
            out.append(current)
            todo.extend(table[current]["inherits"] or [])
    return out
