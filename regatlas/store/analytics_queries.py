"""As-of queries for the coordination analytics (alignment, aggregates, arbitrage, diff, timeline,
similarity, enforcement routing). Each returns plain rows; the engines in
`regatlas.engines.analytics` turn them into answers. Queries are set-based (one per table and
date) so that analytics over every jurisdiction stay fast.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> atlas = open_atlas()
>>> chains(atlas)["DE"][:2]
['DE', 'EU']
>>> any(r["recommendation"] == "fatf-r15" for r in mapped_statuses(atlas, d.date(2025, 1, 1)))
True
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from regatlas.errors import NotFound
from regatlas.store.atlas import Atlas
from regatlas.store.queries import AS_OF, source_of

_S_AS_OF = AS_OF.replace("valid_", "s.valid_")


def _memo(atlas: Atlas, key: str, build: Any) -> Any:
    """Per-atlas cache of version-constant lookups (the atlas file never changes once built)."""
    cache = atlas.__dict__.setdefault("_analytics_cache", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def jurisdictions(atlas: Atlas) -> list[dict[str, Any]]:
    """Every jurisdiction row (code, name, kind, parent, memberships, inherits, coverage), by code."""
    return _memo(atlas, "jurisdictions", lambda: atlas.rows(
        "SELECT code, name, kind, parent, currency, memberships, inherits, own_law_prevails, coverage "
        "FROM jurisdictions ORDER BY code"))


class Chains(dict):
    """Code -> chain for the jurisdictions analytics compare (those with a rulebook file).

    Iterating gives only those; looking up a code without a file (coverage `none`, nothing
    inherited is known) gives the code alone, so a named jurisdiction still has an answer.

    >>> Chains({"FR": ["FR", "EU"]})["AT"]
    ['AT']
    """

    def __missing__(self, code: str) -> list[str]:
        return [code]


def chains(atlas: Atlas) -> Chains:
    """For each code with a file: itself then every jurisdiction whose law it inherits, nearest first.

    The ~200 ISO codes without a file have no values to compare, so analytics (aggregates,
    alignment, similarity, arbitrage, patterns) leave them out instead of listing them empty.
    """
    def build() -> Chains:
        rows = [r for r in jurisdictions(atlas) if r["coverage"] != "none"]
        inherits = {r["code"]: list(r["inherits"] or []) for r in rows}
        out = Chains()
        for code in inherits:
            seen, todo = [], [code]
            while todo:
                cur = todo.pop(0)
                if cur not in seen:
                    seen.append(cur)
                    todo.extend(inherits.get(cur, []))
            out[code] = seen
        return out
    return _memo(atlas, "chains", build)


def require_code(atlas: Atlas, code: str) -> str:
    """`code` upper-cased when the atlas knows it (with or without a file); NotFound (exit 2) otherwise."""
    code = code.strip().upper()
    if code not in {r["code"] for r in jurisdictions(atlas)}:
        raise NotFound(f"unknown jurisdiction '{code}'", field="jurisdiction")
    return code


def recommendations(atlas: Atlas) -> list[dict[str, Any]]:
    """Every recommendation with its standard, in each standard's order."""
    return _memo(atlas, "recommendations", lambda: atlas.rows(
        "SELECT r.id, r.standard, r.number, r.title, r.topics, s.name AS standard_name, s.body "
        "FROM recommendations r JOIN standards s ON s.id = r.standard ORDER BY r.standard, r.position"))


def provision_sources(atlas: Atlas) -> dict[str, dict[str, Any]]:
    """Every provision id with its contract `source` object and verification."""
    def build() -> dict[str, dict[str, Any]]:
        rows = atlas.rows("SELECT id, jurisdiction, title, verification, source_instrument, "
                          "source_article, source_url FROM provisions")
        return {r["id"]: {"jurisdiction": r["jurisdiction"], "title": r["title"],
                          "source": source_of(atlas, r), "verification": r["verification"]}
                for r in rows}
    return _memo(atlas, "provision_sources", build)


def mapped_statuses(atlas: Atlas, day: dt.date) -> list[dict[str, Any]]:
    """(jurisdiction, recommendation, provision id, topic, status) for every provision that is
    proposed, enacted or in force on `day` and names the recommendation in `implements`."""
    return atlas.rows(
        "SELECT p.jurisdiction, unnest(p.implements) AS recommendation, p.id, p.topic, s.status "
        f"FROM provisions p JOIN provision_status s USING (id) WHERE {_S_AS_OF} "
        "AND s.status <> 'repealed'", [day, day])


def assessments(atlas: Atlas, day: dt.date) -> list[dict[str, Any]]:
    """Explicit alignment assessments holding on `day`."""
    return atlas.rows(f"SELECT * FROM alignment_assessments WHERE {AS_OF}", [day, day])


def provisions_on(atlas: Atlas, day: dt.date) -> list[dict[str, Any]]:
    """Every provision with its status on `day` (proposed, enacted, in_force; repealed left out),
    parameters decoded. The columns are those the engines decide on (role, reserve holding,
    powers, scope); the text and note are left out so that no engine decides from words."""
    rows = atlas.rows(
        "SELECT p.id, p.jurisdiction, p.title, p.topic, p.role, p.reserve_holding, p.powers, "
        "p.activities, p.token_types, p.parameters, "
        "p.implements, p.verification, p.source_instrument, p.source_article, "
        f"p.source_url, s.status FROM provisions p JOIN provision_status s USING (id) WHERE {_S_AS_OF} "
        "AND s.status <> 'repealed' ORDER BY p.jurisdiction, p.id", [day, day])
    for r in rows:
        r["parameters"] = json.loads(r["parameters"])
    return rows


def _window(sql: str, column: str, start: dt.date | None, end: dt.date | None,
            codes: list[str] | None, code_column: str) -> tuple[str, list[Any]]:
    """Add `start < column <= end` (open bounds when None) and a jurisdiction filter to `sql`."""
    params: list[Any] = []
    for op, bound in ((">", start), ("<=", end)):
        if bound is not None:
            sql += f" AND {column} {op} ?"
            params.append(bound)
    if codes is not None:
        sql += f" AND {code_column} IN ({','.join('?' * len(codes))})"
        params.extend(codes)
    return sql, params


def provision_events(atlas: Atlas, start: dt.date | None, end: dt.date | None,
                     codes: list[str] | None) -> list[dict[str, Any]]:
    """Status runs of provisions that begin in (start, end] (either bound open when None), with
    the provision's title, topic, amends link, dates and source columns."""
    sql, params = _window(
        "SELECT s.status, s.valid_from AS date, p.id, p.jurisdiction, p.title, p.topic, p.amends, "
        "p.published, p.effective_from, p.effective_to, p.verification, p.source_instrument, "
        "p.source_article, p.source_url FROM provision_status s JOIN provisions p USING (id) "
        "WHERE s.valid_from IS NOT NULL", "s.valid_from", start, end, codes, "p.jurisdiction")
    return atlas.rows(sql + " ORDER BY date, p.jurisdiction, p.id", params)


FATF_AS_FACTS = (
    "SELECT jurisdiction, kind, valid_from, valid_to, value, payload, verification, published, source_instrument, "
    "source_article, source_url FROM facts UNION ALL SELECT code, 'fatf_list', valid_from, valid_to, list, '{}', "
    "verification, NULL, source_instrument, source_article, source_url FROM fatf_listings")
"""Dated facts with each FATF listing run as a `fatf_list` fact, so the change feed reports plenaries."""


def fact_events(atlas: Atlas, start: dt.date | None, end: dt.date | None,
                codes: list[str] | None) -> list[dict[str, Any]]:
    """Dated facts whose value starts in (start, end], each with the value it replaced."""
    sql, params = _window(
        "SELECT * FROM (SELECT f.*, lag(value) OVER w AS previous, lag(payload) OVER w AS "
        f"previous_payload FROM ({FATF_AS_FACTS}) f WINDOW w AS (PARTITION BY jurisdiction, kind ORDER BY valid_from)) "
        "WHERE valid_from IS NOT NULL", "valid_from", start, end, codes, "jurisdiction")
    return atlas.rows(sql + " ORDER BY valid_from, jurisdiction, kind", params)


def authorities(atlas: Atlas, codes: list[str]) -> list[dict[str, Any]]:
    """Authorities of `codes` with decoded `powers`."""
    rows = atlas.rows(f"SELECT * FROM authorities WHERE jurisdiction IN ({','.join('?' * len(codes))}) "
                      "ORDER BY jurisdiction, id", codes)
    for r in rows:
        r["powers"] = json.loads(r["powers"] or "[]")
    return rows


def agreements_on(atlas: Atlas, day: dt.date) -> list[dict[str, Any]]:
    """Agreements in effect on `day` (undated ones count as in effect; proposed or abandoned ones
    never do), with sources."""
    rows = atlas.rows(
        "SELECT * FROM agreements WHERE status IN ('active', 'ended') AND (coalesce(effective_from, signed) IS NULL "
        "OR coalesce(effective_from, signed) <= ?) AND (effective_to IS NULL OR ? < effective_to) "
        "ORDER BY id", [day, day])
    for r in rows:
        r["source"] = source_of(atlas, r)
    return rows


def authority_owner(atlas: Atlas) -> dict[str, str]:
    """Authority id -> jurisdiction code."""
    return _memo(atlas, "authority_owner", lambda: {
        r["id"]: r["jurisdiction"] for r in atlas.rows("SELECT id, jurisdiction FROM authorities")})


def party_link(party: str, code: str, chain: list[str], owner: dict[str, str]) -> str | None:
    """How an agreement's `party` (a code or an authority id) binds `code`: "direct", "via EU"
    (through a jurisdiction whose law `code` inherits), or None.

    >>> party_link("EU", "FR", ["FR", "EU"], {}), party_link("fr-amf", "FR", ["FR", "EU"], {"fr-amf": "FR"})
    ('via EU', 'direct')
    """
    if party == code or owner.get(party) == code:
        return "direct"
    if party in chain[1:] or owner.get(party) in chain[1:]:
        return f"via {party if party in chain else owner[party]}"
    return None
