"""Queries over who is competent for what and the official ratings (tables in
store/competence_rows.py), each row with its `source` object.

>>> from regatlas.store.atlas import open_atlas
>>> isinstance(competence_maps(open_atlas()), dict)
True
"""

from __future__ import annotations

from typing import Any

from regatlas.store.atlas import Atlas
from regatlas.store.tables import source_of


def _cited(atlas: Atlas, sql: str) -> list[dict[str, Any]]:
    rows = atlas.rows(sql)
    for r in rows:
        r["source"] = {**(source_of(atlas, r) or {}), "excerpt": r.pop("source_excerpt")}
        for key in ("source_instrument", "source_article", "source_url"):
            r.pop(key)
    return rows


def competence_maps(atlas: Atlas) -> dict[str, dict[str, Any]]:
    """Jurisdiction code -> its mapped cells, claims and divisions (read once per atlas)."""
    def build() -> dict[str, dict[str, Any]]:
        maps = {r["jurisdiction"]: {**r, "claims": [], "divisions": []}
                for r in atlas.rows("SELECT * FROM competence_maps ORDER BY jurisdiction")}
        for c in _cited(atlas, "SELECT * FROM competence_claims ORDER BY jurisdiction, id"):
            maps[c["jurisdiction"]]["claims"].append(c)
        for d in _cited(atlas, "SELECT * FROM competence_divisions ORDER BY jurisdiction, id"):
            maps[d["jurisdiction"]]["divisions"].append(d)
        return maps
    return atlas.cached("competence_maps", build)


def official_ratings(atlas: Atlas) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(jurisdiction, recommendation) -> its official ratings, newest first (read once per atlas)."""
    def build() -> dict[tuple[str, str], list[dict[str, Any]]]:
        out: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in _cited(atlas, "SELECT * FROM official_ratings ORDER BY as_of DESC, id"):
            out.setdefault((r["jurisdiction"], r["recommendation"]), []).append(r)
        return out
    return atlas.cached("official_ratings", build)


def issuer_freezes(atlas: Atlas) -> list[dict[str, Any]]:
    """Every token issuer's freezing capabilities, cited (read once per atlas)."""
    return atlas.cached("issuer_freezes", lambda: _cited(atlas, "SELECT * FROM issuer_freezes ORDER BY issuer"))
