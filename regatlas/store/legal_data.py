"""Queries over the legal data once kept in engine code (tables in store/legal_rows.py): published
figures, listing consequences and VASP scopes, each with its citation.

>>> from regatlas.store.atlas import open_atlas
>>> atlas = open_atlas()
>>> sorted(vasp_scope(atlas)["activities"])
['brokerage', 'custody', 'exchange', 'transfer']
>>> listing_consequence(atlas, "call_for_action")["measures"]
['enhanced_due_diligence', 'countermeasures']
"""

from __future__ import annotations

from typing import Any

from regatlas.store.atlas import Atlas
from regatlas.store.tables import source_of


def _citation(atlas: Atlas, row: dict[str, Any]) -> dict[str, Any] | None:
    src = source_of(atlas, row)
    return src and {**src, "excerpt": row["source_excerpt"]}


def _answer(atlas: Atlas, row: dict[str, Any]) -> dict[str, Any]:
    """A row as an answer object: source columns folded into a `source` citation."""
    out = {k: v for k, v in row.items() if not k.startswith("source_")}
    return {**out, "source": _citation(atlas, row)}


def published_figures(atlas: Atlas) -> list[dict[str, Any]]:
    """The standard setters' published figures, each with its citation, by body and date."""
    return atlas.cached("published_figures", lambda: [_answer(atlas, r) for r in atlas.rows(
        "SELECT * FROM published_figures ORDER BY body, as_of, id")])


def listing_consequence(atlas: Atlas, listed: str | None, standard: str = "fatf") -> dict[str, Any] | None:
    """What being on list `listed` of `standard` calls for, cited; None when off the lists."""
    by_list = atlas.cached(f"listing_consequences:{standard}", lambda: {r["list"]: _answer(atlas, r) for r in atlas.rows(
        "SELECT * FROM listing_consequences WHERE standard = ?", [standard])})
    return by_list.get(listed) if listed else None


def vasp_scope(atlas: Atlas, scope: str = "fatf-vasp") -> dict[str, Any]:
    """The activities that make a firm a VASP (`activities`, and `may_include`), cited.

    A rulebook that declares no such scope names no activity: nothing is counted as CASP
    licensing by activity, and no assessment runs the Travel Rule analysis.
    """
    rows = atlas.cached(f"scope:{scope}", lambda: atlas.rows("SELECT * FROM activity_scopes WHERE id = ?", [scope]))
    if not rows:
        return {"id": scope, "activities": [], "may_include": [], "source": None, "verification": None}
    return _answer(atlas, rows[0])
