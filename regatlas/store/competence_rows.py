"""Store tables for who is competent for what (competence/), the assessors' official ratings
(ratings/) and what token issuers can freeze (issuers/). Claims, divisions, ratings and freezing
capabilities are cited values, counted per jurisdiction in the verified share (`_CITED_SQL` in
store/queries.py). Queries are in store/competence.py.

>>> from regatlas.rulebook import load_rulebook, default_rulebook_dir
>>> tables = table_rows(load_rulebook(default_rulebook_dir()).rulebook, {})
>>> sorted(tables) == sorted(TABLES)
True
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from regatlas.model import Rulebook
from regatlas.store.rows import source_cols

_S, _D, _L, _B, _F = pa.string(), pa.date32(), pa.list_(pa.string()), pa.bool_(), pa.float64()
_CITED = [("verification", _S), ("note", _S), ("source_instrument", _S), ("source_article", _S),
          ("source_url", _S), ("source_excerpt", _S)]
_CELLS = [("activities", _L), ("token_types", _L), ("markets", _L)]

TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "competence_maps": [("jurisdiction", _S), *_CELLS, ("not_applicable", _S), ("unexamined", _S),
                        ("note", _S)],
    "competence_claims": [("id", _S), ("jurisdiction", _S), ("authority", _S), *_CELLS, ("power", _S),
                          ("basis", _S), ("effective_from", _D), ("effective_to", _D), ("proposed", _B), ("enacted", _B),
                          *_CITED],
    "competence_divisions": [("id", _S), ("jurisdiction", _S), ("authorities", _L), ("kind", _S),
                             *_CELLS, ("how", _S), ("date", _D), *_CITED],
    "issuer_freezes": [("issuer", _S), ("name", _S), ("other_names", _L), ("jurisdiction", _S),
                       ("issuer_tokens", _L), ("can_freeze", _B), ("tokens", _L), ("chains", _L),
                       ("mechanism", _S), ("on_request_of", _L), *_CITED],
    "official_ratings": [("id", _S), ("jurisdiction", _S), ("assessor", _S), ("recommendation", _S),
                         ("rating", _S), ("points", _F), ("stage", _S), ("as_of", _D), ("report", _S),
                         *_CITED],
}


def _cited(value: Any, urls: dict[str, str]) -> dict[str, Any]:
    return {"verification": value.verification, "note": value.note,
            **source_cols(value.source, urls), "source_excerpt": value.source.excerpt}


def _cells(item: Any) -> dict[str, list[str]]:
    return {"activities": list(item.activities), "token_types": list(item.token_types),
            "markets": list(item.markets)}


def _rows(rulebook: Rulebook, urls: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for m in rulebook.competence.values():
        yield "competence_maps", {"jurisdiction": m.code, **_cells(m.mapped), "note": m.note,
                                  "not_applicable": json.dumps([p.model_dump() for p in m.mapped.not_applicable]),
                                  "unexamined": json.dumps([p.model_dump() for p in m.mapped.unexamined])}
        for c in m.claims:
            yield "competence_claims", {"id": c.id, "jurisdiction": m.code, "authority": c.authority,
                                        **_cells(c), "power": c.power, "basis": c.basis,
                                        "effective_from": c.effective_from, "effective_to": c.effective_to,
                                        "proposed": c.proposed, "enacted": c.enacted, **_cited(c, urls)}
        for d in m.divisions:
            yield "competence_divisions", {"id": d.id, "jurisdiction": m.code, "authorities": list(d.authorities),
                                           "kind": d.kind, **_cells(d), "how": d.how, "date": d.date,
                                           **_cited(d, urls)}
    for i in rulebook.issuers.values():
        for f in i.freeze:
            yield "issuer_freezes", {"issuer": i.id, "name": i.name, "other_names": list(i.other_names),
                                     "jurisdiction": i.jurisdiction, "issuer_tokens": list(i.tokens),
                                     "can_freeze": f.can_freeze, "tokens": list(f.tokens), "chains": list(f.chains),
                                     "mechanism": f.mechanism, "on_request_of": list(f.on_request_of),
                                     **_cited(f, urls)}
    for r in rulebook.ratings.values():
        yield "official_ratings", {"id": r.id, "jurisdiction": r.jurisdiction, "assessor": r.assessor,
                                   "recommendation": r.recommendation, "rating": r.rating,
                                   "points": r.points(), "stage": r.stage, "as_of": r.as_of,
                                   "report": r.report, **_cited(r, urls)}


def table_rows(rulebook: Rulebook, urls: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table here, from the loaded rulebook."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for table, row in _rows(rulebook, urls):
        out[table].append(row)
    return out
