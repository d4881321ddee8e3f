"""Store tables for the legal data once kept in engine code (model/legal_data.py): published
figures, listing consequences, VASP scopes and currency pegs. Each row is cited like any other,
so it counts in the verified share (`CITED_TABLES`). Queries are in store/legal_data.py.

>>> from regatlas.rulebook import load_rulebook, default_rulebook_dir
>>> tables = table_rows(load_rulebook(default_rulebook_dir()).rulebook, {})
>>> sorted({r["currency"] for r in tables["fx_pegs"]})[:2]
['AED', 'BMD']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from regatlas.model import Rulebook
from regatlas.store.rows import source_cols

_S, _D, _L, _F, _I = pa.string(), pa.date32(), pa.list_(pa.string()), pa.float64(), pa.int32()
_CITED = [("verification", _S), ("note", _S), ("published", _D), ("source_instrument", _S),
          ("source_article", _S), ("source_url", _S), ("source_excerpt", _S)]

TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "published_figures": [("id", _S), ("metric", _S), ("body", _S), ("as_of", _S), ("value", _F),
                          ("count", _I), ("of", _I), ("population", _S), ("text", _S), *_CITED],
    "listing_consequences": [("id", _S), ("standard", _S), ("list", _S), ("measures", _L),
                             ("action", _S), *_CITED],
    "activity_scopes": [("id", _S), ("standard", _S), ("term", _S), ("activities", _L),
                        ("may_include", _L), *_CITED],
    "fx_pegs": [("currency", _S), ("valid_from", _D), ("valid_to", _D), ("anchor", _S),
                ("per_anchor", _F), *_CITED],
}
CITED_TABLES = tuple(TABLES)
"""Every table here holds cited values (a `verification` column)."""


def _cited(value: Any, urls: dict[str, str]) -> dict[str, Any]:
    return {"verification": value.verification, "note": value.note, "published": value.published,
            **source_cols(value.source, urls), "source_excerpt": value.source.excerpt}


def _rows(rulebook: Rulebook, urls: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for f in rulebook.figures.values():
        yield "published_figures", {"id": f.id, "metric": f.metric, "body": f.body, "as_of": f.as_of,
                                    "value": f.share(), "count": f.count, "of": f.of,
                                    "population": f.population, "text": f.text, **_cited(f, urls)}
    for c in rulebook.listings.values():
        yield "listing_consequences", {"id": c.id, "standard": c.standard, "list": c.list,
                                       "measures": list(c.measures), "action": c.action, **_cited(c, urls)}
    for s in rulebook.scopes.values():
        yield "activity_scopes", {"id": s.id, "standard": s.standard, "term": s.term,
                                  "activities": list(s.activities), "may_include": list(s.may_include),
                                  **_cited(s, urls)}
    for cur in rulebook.fx_pegs.values():
        for i, peg in enumerate(cur.pegs):
            ends = cur.pegs[i + 1].from_ if i + 1 < len(cur.pegs) else None
            yield "fx_pegs", {"currency": cur.currency, "valid_from": peg.from_, "valid_to": ends,
                              "anchor": peg.anchor, "per_anchor": peg.per_anchor, **_cited(peg, urls)}


def table_rows(rulebook: Rulebook, urls: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table here, from the loaded rulebook."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for table, row in _rows(rulebook, urls):
        out[table].append(row)
    return out


