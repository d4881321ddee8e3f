"""Compile a loaded rulebook into an embedded DuckDB database.

Tables hold dated intervals (`valid_from` inclusive, `valid_to` exclusive, NULL = open), so every
as-of question is a range predicate in SQL. A small inverted index supports full-text search.

>>> import duckdb
>>> from regatlas.rulebook import load_rulebook, default_rulebook_dir
>>> con = duckdb.connect()
>>> compile_into(con, load_rulebook(default_rulebook_dir()).rulebook)
>>> con.execute("SELECT count(*) > 0 FROM provisions").fetchone()[0]
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pyarrow as pa

from regatlas.model import Rulebook
from regatlas.store import competence_rows, fatf_rows, legal_rows, rows
from regatlas.store.coverage import iso_rows
from regatlas.store.schema import STORE_SCHEMA

_S, _D, _B, _L = pa.string(), pa.date32(), pa.bool_(), pa.list_(pa.string())
_SOURCE = [("source_instrument", _S), ("source_article", _S), ("source_url", _S)]

TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "jurisdictions": [("code", _S), ("name", _S), ("kind", _S), ("parent", _S), ("currency", _S),
                      ("memberships", _L), ("inherits", _L), ("own_law_prevails", _B), ("summary", _S),
                      ("coverage", _S), ("depth_topics", _L), ("checked", _D)],
    "authorities": [("id", _S), ("jurisdiction", _S), ("name", _S), ("acronym", _S), ("roles", _L),
                    ("url", _S), ("powers", _S)],
    "instruments": [("id", _S), ("owner", _S), ("title", _S), ("kind", _S), ("number", _S),
                    ("date", _D), ("url", _S), ("authority", _S)],
    "provisions": [("id", _S), ("jurisdiction", _S), ("title", _S), ("topic", _S), ("role", _S),
                   ("authority", _S),
                   ("reserve_holding", _L), ("powers", _L), ("activities", _L), ("token_types", _L), ("parameters", _S), ("implements", _L),
                   ("applies_if", _S), ("text", _S), ("encoded", _B), ("amends", _S),
                   ("proposed", _B), ("published", _D), ("effective_from", _D),
                   ("effective_to", _D), ("verification", _S), ("note", _S), *_SOURCE],
    "provision_status": [("id", _S), ("jurisdiction", _S), ("status", _S), ("valid_from", _D),
                         ("valid_to", _D)],
    "facts": [("jurisdiction", _S), ("kind", _S), ("valid_from", _D), ("valid_to", _D),
              ("value", _S), ("payload", _S), ("verification", _S), ("published", _D), *_SOURCE],
    "standards": [("id", _S), ("name", _S), ("body", _S), ("published", _D), ("url", _S),
                  ("verification", _S), ("note", _S)],
    "recommendations": [("id", _S), ("standard", _S), ("number", _S), ("title", _S),
                        ("summary", _S), ("topics", _L), ("paragraph", _S), ("position", pa.int32())],
    "agreements": [("id", _S), ("name", _S), ("other_names", _L), ("kind", _S), ("parties", _L),
                   ("scope", _L), ("status", _S), ("binding", _B), ("signed", _D), ("effective_from", _D),
                   ("effective_to", _D), ("summary", _S), ("verification", _S), ("note", _S),
                   *_SOURCE],
    "alignment_assessments": [("id", _S), ("jurisdiction", _S), ("recommendation", _S), ("status", _S),
                              ("valid_from", _D), ("valid_to", _D), ("basis", _S),
                              ("verification", _S), ("note", _S), ("published", _D), *_SOURCE],
    "classification_rules": [("id", _S), ("jurisdiction", _S), ("position", pa.int32()),
                             ("category", _S), ("label", _S), ("token_types", _L), ("in_scope", _B),
                             ("condition", _S), ("condition_tree", _S), ("factors", _S),
                             ("valid_from", _D), ("valid_to", _D), ("text", _S),
                             ("verification", _S), ("note", _S), *_SOURCE],
    "classification_perimeter": [("jurisdiction", _S), ("role", _S), ("provision", _S)],
    "provision_conditions": [("id", _S), ("expression", _S), ("tree", _S)],
    "stablecoin_regimes": [("id", _S), ("name", _S), ("jurisdiction", _S), ("token_types", _L),
                           ("summary", _S), ("note", _S)],
    "stablecoin_requirements": [("regime", _S), ("position", pa.int32()), ("kind", _S),
                                ("provision", _S), ("parameter", _S), ("applies_to", _L),
                                ("lag_parameter", _S), ("share_parameter", _S), ("note", _S)],
    "parameters": [("name", _S), ("type", _S), ("unit", _S), ("stricter", _S), ("effect", _S),
                   ("topics", _L), ("description", _S), ("replaces", _L)],
}
TABLES.update(legal_rows.TABLES)  # published figures, listing consequences, VASP scopes, pegs
TABLES.update(fatf_rows.TABLES)  # FATF public lists per plenary
TABLES.update(competence_rows.TABLES)  # who is competent for what; official ratings


def _table_rows(rulebook: Rulebook) -> dict[str, list[dict[str, Any]]]:
    urls = rows.instrument_urls(rulebook)
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for j in rulebook.jurisdictions.values():
        out["jurisdictions"].append(rows.jurisdiction_rows(j))
        out["authorities"].extend(rows.authority_rows(j))
        out["provisions"].extend(rows.provision_rows(j, urls))
        out["provision_status"].extend(rows.provision_status_rows(j))
        out["facts"].extend(rows.fact_rows(j, urls))
    out["jurisdictions"].extend(iso_rows(rulebook.jurisdictions))  # ISO codes without a file: coverage none
    out["instruments"].extend(rows.instrument_rows(rulebook))
    for s in rulebook.standards.values():
        out["standards"].append({"id": s.id, "name": s.name, "body": s.body, "published": s.published,
                                 "url": s.url, "verification": s.verification, "note": s.note})
        for pos, r in enumerate(s.recommendations):
            out["recommendations"].append({
                "id": r.id, "standard": s.id, "number": r.number, "title": r.title,
                "summary": r.summary, "topics": list(r.topics), "paragraph": r.paragraph,
                "position": pos})
    for a in rulebook.agreements.values():
        out["agreements"].append({
            "id": a.id, "name": a.name, "other_names": list(a.other_names), "kind": a.kind,
            "parties": list(a.parties), "scope": list(a.scope), "status": a.status, "binding": a.binding,
            "signed": a.signed, "effective_from": a.effective_from, "effective_to": a.effective_to,
            "summary": a.summary, "verification": a.verification, "note": a.note,
            **rows.source_cols(a.source, urls)})
    out["alignment_assessments"].extend(rows.alignment_rows(rulebook, urls))
    out["classification_rules"].extend(rows.classification_rows(rulebook, urls))
    out["classification_perimeter"].extend(rows.perimeter_rows(rulebook))
    out["provision_conditions"].extend(rows.condition_rows(rulebook))
    out["stablecoin_regimes"].extend(rows.stablecoin_regime_rows(rulebook))
    out["stablecoin_requirements"].extend(rows.stablecoin_requirement_rows(rulebook))
    out["parameters"].extend(rows.vocabulary_rows(rulebook))
    out.update(legal_rows.table_rows(rulebook, urls))
    out.update(fatf_rows.table_rows(rulebook, urls))
    out.update(competence_rows.table_rows(rulebook, urls))
    return out


SEARCH_INDEX_SQL = """
CREATE TABLE search_terms AS
WITH docs AS (
  SELECT id, lower(concat_ws(' ', title, topic, text, note, source_article, jurisdiction,
                             array_to_string(activities, ' '))) AS body
  FROM provisions),
toks AS (SELECT id, unnest(regexp_split_to_array(body, '[^[:alnum:]]+')) AS term FROM docs)
SELECT term, id, count(*)::INTEGER AS tf FROM toks WHERE length(term) > 1 GROUP BY ALL;
CREATE TABLE search_docs AS SELECT id, sum(tf)::INTEGER AS len FROM search_terms GROUP BY id;
"""


def compile_into(con: duckdb.DuckDBPyConnection, rulebook: Rulebook) -> None:
    """Create every table of the store in `con` from `rulebook`."""
    for name, table_rows in _table_rows(rulebook).items():
        schema = pa.schema(TABLES[name])
        arrow = pa.Table.from_pylist(table_rows, schema=schema)
        con.register("_incoming", arrow)
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _incoming")
        con.unregister("_incoming")
    con.execute(SEARCH_INDEX_SQL)
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("version", rulebook.version),
        ("store_schema", str(STORE_SCHEMA)),
        ("built_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
    ])
