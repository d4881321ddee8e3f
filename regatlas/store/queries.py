"""As-of queries over the compiled atlas. Every answer is a plain dict ready for JSON.

A jurisdiction's law is its own plus what it `inherits` (EU law in member states, federal law
in US states). For each dated fact the strongest status wins (in force over enacted over
proposed), then the most recent value, then the jurisdiction's own; where a jurisdiction's own
law prevails (`own_law_prevails`, e.g. financial free zones) its own value wins when it has one.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> atlas = open_atlas()
>>> show(atlas, "EU", d.date(2025, 1, 15))["travel_rule"]["status"]
'in_force'
>>> show(atlas, "EU", d.date(2024, 1, 15))["travel_rule"]["status"]
'enacted'
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from regatlas.errors import NotFound
from regatlas.store import fatf
from regatlas.store.atlas import Atlas
from regatlas.store.coverage import (
    COVERAGE_LEVELS,
    DEPTH_TOPICS,
    IN_DEPTH_MIN_TOPICS,
    NATIONAL_LAYER,
    NO_FILE_NOTE,
)
from regatlas.store.facts import crypto_status, fact_summary, facts_as_of, travel_rule
from regatlas.store.tables import AS_OF, chain, jurisdiction_table, source_of

__all__ = ["chain", "crypto_status", "fact_summary", "header", "info", "jurisdictions", "parameter_vocabulary",
           "provisions", "search", "show", "source_of", "standards", "travel_rule", "verification_share"]


def header(atlas: Atlas, as_of: dt.date) -> dict[str, str]:
    """The `rulebook` block every answer carries: content-hash version and as-of date."""
    return {"version": atlas.version, "as_of": as_of.isoformat()}


def parameter_vocabulary(atlas: Atlas) -> dict[str, dict[str, Any]]:
    """Every declared parameter name with its type, unit, stricter direction, effect and topics.

    >>> from regatlas.store.atlas import open_atlas
    >>> v = parameter_vocabulary(open_atlas())
    >>> v["cold_storage_min"]["stricter"], v["interest_allowed"]["effect"]
    ('higher', 'prohibition')
    """
    return {r["name"]: r for r in atlas.rows("SELECT * FROM parameters ORDER BY name")}


def provisions(atlas: Atlas, codes: list[str], day: dt.date, topic: str | None = None) -> list[dict]:
    """Provisions of `codes` published by `day`, with their status on that day."""
    sql = (f"SELECT p.*, s.status FROM provisions p JOIN provision_status s USING (id) "
           f"WHERE p.jurisdiction IN ({','.join('?' * len(codes))}) AND "
           f"{AS_OF.replace('valid_', 's.valid_')}")
    params: list[Any] = [*codes, day, day]
    if topic:
        sql += " AND p.topic = ?"
        params.append(topic)
    return [provision_dict(atlas, r) for r in atlas.rows(sql + " ORDER BY p.jurisdiction, p.id", params)]


def provision_dict(atlas: Atlas, r: dict[str, Any]) -> dict[str, Any]:
    """A provision row as the contract's provision object."""
    return {
        "id": r["id"], "jurisdiction": r["jurisdiction"], "title": r["title"], "topic": r["topic"],
        "authority": r["authority"], "status": r.get("status"), "activities": r["activities"], "token_types": r["token_types"],
        "parameters": json.loads(r["parameters"]), "published": r["published"],
        "effective_from": r["effective_from"], "effective_to": r["effective_to"],
        "implements": r["implements"], "applies_if": r["applies_if"], "text": r["text"],
        "encoded": r["encoded"], "source": source_of(atlas, r), "verification": r["verification"],
        "note": r["note"],
    }


def jurisdiction_row(atlas: Atlas, code: str) -> dict[str, Any]:
    """The jurisdictions table row for `code`; NotFound when unknown."""
    row = jurisdiction_table(atlas).get(code)
    if row is None:
        raise NotFound(f"unknown jurisdiction '{code}'", field="code")
    return row


def regimes(provs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Instruments behind the listed provisions, with how many provisions and their statuses."""
    by: dict[str, dict[str, Any]] = {}
    for p in provs:
        src = p["source"] or {}
        entry = by.setdefault(src.get("instrument_id"), {
            "instrument": src.get("instrument"), "instrument_id": src.get("instrument_id"),
            "url": src.get("url"), "jurisdiction": p["jurisdiction"], "provisions": 0,
            "statuses": set(), "topics": set()})
        entry["provisions"] += 1
        entry["statuses"].add(p["status"])
        entry["topics"].add(p["topic"])
    return [{**e, "statuses": sorted(e["statuses"]), "topics": sorted(e["topics"])}
            for e in by.values()]


def show(atlas: Atlas, code: str, day: dt.date) -> dict[str, Any]:
    """Everything the atlas knows of `code` on `day` (the contract's `show` answer)."""
    row = jurisdiction_row(atlas, code)
    codes = chain(atlas, code)
    rows = facts_as_of(atlas, codes, day)
    status = crypto_status(atlas, code, day, rows)
    provs = provisions(atlas, codes, day)
    return {
        "rulebook": header(atlas, day),
        "code": code, "name": row["name"], "kind": row["kind"], "parent": row["parent"],
        "currency": row["currency"], "memberships": row["memberships"], "inherits": codes[1:],
        "summary": row["summary"], **coverage_fields(row),
        "crypto_status": status.get("value"), "crypto_status_fact": status,
        "authorities": authorities(atlas, codes),
        "regimes": regimes(provs),
        "travel_rule": travel_rule(atlas, code, day, rows),
        "stablecoins": fact_summary(atlas, code, "stablecoins", day, rows),
        "cbdc": fact_summary(atlas, code, "cbdc", day, rows),
        "fatf": fatf.status(atlas, code, day),
        "provisions": provs,
    }


def coverage_fields(row: dict[str, Any]) -> dict[str, Any]:
    """Coverage level, the depth topics found, the file's review date and, without a file, why
    every value is null (docs/coverage.md)."""
    return {"coverage": row["coverage"], "depth_topics": list(row["depth_topics"] or []),
            "checked": row["checked"], "coverage_note": NO_FILE_NOTE if row["coverage"] == "none" else None}


def authorities(atlas: Atlas, codes: list[str]) -> list[dict[str, Any]]:
    """Authorities of the jurisdictions in `codes`, own first."""
    rows = atlas.rows(
        f"SELECT * FROM authorities WHERE jurisdiction IN ({','.join('?' * len(codes))})", codes)
    rank = {c: i for i, c in enumerate(codes)}
    rows.sort(key=lambda r: (rank[r["jurisdiction"]], r["id"]))
    for r in rows:
        r["powers"] = json.loads(r["powers"])
    return rows


def jurisdictions(atlas: Atlas, day: dt.date) -> dict[str, Any]:
    """All jurisdictions with their crypto status on `day` (the contract's `jurisdictions`)."""
    out = []
    for j in jurisdiction_table(atlas).values():
        r = {k: j[k] for k in ("code", "name", "parent", "kind", "coverage", "checked")}
        # without a rulebook file there are no facts to read: unknown, no query needed
        r["crypto_status"] = None if j["coverage"] == "none" else crypto_status(atlas, r["code"], day).get("value")
        out.append(r)
    return {"rulebook": header(atlas, day), "jurisdictions": out}


def info(atlas: Atlas, day: dt.date) -> dict[str, Any]:
    """Counts of every entity and the share of verified cited values."""
    one = lambda sql: atlas.cursor().execute(sql).fetchall()[0][0]
    counts = {
        "jurisdictions": one("SELECT count(*) FROM jurisdictions"),
        "authorities": one("SELECT count(*) FROM authorities"),
        "instruments": one("SELECT count(*) FROM instruments"),
        "provisions": one("SELECT count(*) FROM provisions"),
        "standards": one("SELECT count(*) FROM standards"),
        "recommendations": one("SELECT count(*) FROM recommendations"),
        "agreements": one("SELECT count(*) FROM agreements"),
        "facts": one("SELECT count(*) FROM facts"),
    }
    verification = verification_share(atlas)
    levels = [j["coverage"] for j in jurisdiction_table(atlas).values()]
    return {
        "rulebook": header(atlas, day), "counts": counts,
        "coverage": {level: levels.count(level) for level in COVERAGE_LEVELS},
        "coverage_rule": {"topics": list(DEPTH_TOPICS), "min_topics": IN_DEPTH_MIN_TOPICS,
                          "authorities": True, "national_layer": dict(NATIONAL_LAYER)},
        "verified_share": verification["share"],
        "verified": verification["verified"], "cited_values": verification["values"],
        "verification": verification,
        "standards": atlas.rows("SELECT s.id, s.name, s.body, count(r.id) AS recommendations "
                                "FROM standards s LEFT JOIN recommendations r ON r.standard = s.id "
                                "GROUP BY ALL ORDER BY s.id"),
    }


# Every cited value with the jurisdiction it belongs to; agreements are between parties (NULL).
_CITED_SQL = """
SELECT jurisdiction, verification FROM provisions UNION ALL
SELECT jurisdiction, verification FROM facts UNION ALL
SELECT jurisdiction, verification FROM alignment_assessments UNION ALL
SELECT jurisdiction, verification FROM classification_rules UNION ALL
SELECT jurisdiction, verification FROM competence_claims UNION ALL
SELECT jurisdiction, verification FROM competence_divisions UNION ALL
SELECT jurisdiction, verification FROM official_ratings UNION ALL
SELECT jurisdiction, verification FROM issuer_freezes UNION ALL
SELECT NULL, verification FROM agreements
"""


def _share(verified: int, values: int) -> dict[str, Any]:
    return {"share": round(verified / values, 4) if values else 0.0, "verified": verified, "values": values}


def verification_share(atlas: Atlas) -> dict[str, Any]:
    """The share of cited values that are `verified`, overall and per jurisdiction.

    Strict, because the atlas is built only from a valid rulebook and the validator lets a value
    be `verified` only with a document URL, a pinpoint and an excerpt (checks/verification.py).
    Cited values are provisions, dated facts, authorities' powers, alignment assessments,
    classification rules, competence claims and divisions, official ratings, issuers' freezing
    capabilities and agreements;
    agreements, between parties, are counted apart, and so are the standard setters' figures,
    listing consequences, VASP scopes and currency pegs.

    >>> from regatlas.store.atlas import open_atlas
    >>> v = verification_share(open_atlas())
    >>> parts = [*v["by_jurisdiction"].values(), v["agreements"], v["legal_data"]]
    >>> v["verified"] == sum(j["verified"] for j in parts) and v["values"] == sum(j["values"] for j in parts)
    True
    """
    counts: dict[str | None, list[int]] = {}
    pairs = atlas.cursor().execute(_CITED_SQL).fetchall()
    for r in atlas.rows("SELECT jurisdiction, powers FROM authorities"):
        pairs.extend((r["jurisdiction"], p["verification"]) for p in json.loads(r["powers"]))
    for code, status in pairs:
        row = counts.setdefault(code, [0, 0])
        row[0] += status == "verified"
        row[1] += 1
    agreements = counts.pop(None, [0, 0])
    legal = [0, 0]  # published figures, listing consequences, VASP scopes, pegs: no one jurisdiction
    # imported here: the row builders bring pyarrow, which answering a query does not need
    from regatlas.store import fatf_rows, legal_rows

    for table in (*legal_rows.CITED_TABLES, *fatf_rows.CITED_TABLES):  # FATF lists: two per plenary
        for (status,) in atlas.cursor().execute(f"SELECT verification FROM {table}").fetchall():
            legal[0] += status == "verified"
            legal[1] += 1
    verified = sum(v[0] for v in counts.values()) + agreements[0] + legal[0]
    values = sum(v[1] for v in counts.values()) + agreements[1] + legal[1]
    level = {code: j["coverage"] for code, j in jurisdiction_table(atlas).items()}
    by_coverage = {lvl: _share(sum(v[0] for c, v in counts.items() if level.get(c) == lvl),
                               sum(v[1] for c, v in counts.items() if level.get(c) == lvl))
                   for lvl in COVERAGE_LEVELS}
    return {**_share(verified, values),
            "by_jurisdiction": {code: _share(*counts[code]) for code in sorted(counts)},
            "by_coverage": by_coverage,
            "agreements": _share(*agreements), "legal_data": _share(*legal)}


def standards(atlas: Atlas, day: dt.date, standard: str | None = None) -> dict[str, Any]:
    """Standards with their recommendations in order."""
    rows = atlas.rows("SELECT * FROM standards ORDER BY id")
    if standard and standard not in {r["id"] for r in rows}:
        raise NotFound(f"unknown standard '{standard}'", field="standard")
    recs = atlas.rows("SELECT * FROM recommendations ORDER BY standard, position")
    for s in rows:
        s["recommendations"] = [r for r in recs if r["standard"] == s["id"]]
    if standard:
        rows = [s for s in rows if s["id"] == standard]
    return {"rulebook": header(atlas, day), "standards": rows}


def search(atlas: Atlas, text: str, day: dt.date, limit: int = 20) -> dict[str, Any]:
    """Full-text search over the provisions published by `day`, each with its status on `day`.

    Ranked by BM25 over an inverted index built at compile time. A provision not yet published on
    `day` is not a result; one not yet in force is `enacted`, one no longer in force `repealed`.
    """
    terms = sorted({t for t in _tokens(text) if len(t) > 1})
    hits: list[dict[str, Any]] = []
    if terms:
        live = f"SELECT id, status FROM provision_status WHERE {AS_OF}"
        scored = atlas.rows(f"""
            WITH n AS (SELECT count(*) AS docs, avg(len) AS avglen FROM search_docs),
            q AS (SELECT term, id, tf FROM search_terms WHERE term IN ({','.join('?' * len(terms))})),
            df AS (SELECT term, count(*) AS df FROM q GROUP BY term)
            SELECT q.id, sum(ln(1 + (n.docs - df.df + 0.5) / (df.df + 0.5))
                   * q.tf * 2.2 / (q.tf + 1.2 * (0.25 + 0.75 * d.len / n.avglen))) AS score
            FROM q JOIN df USING (term) JOIN search_docs d USING (id) JOIN ({live}) s USING (id), n
            GROUP BY q.id ORDER BY score DESC, q.id LIMIT ?""", [*terms, day, day, limit])
        score = {r["id"]: r["score"] for r in scored}
        if score:
            provs = atlas.rows(
                f"SELECT p.*, s.status FROM provisions p JOIN ({live}) s USING (id)"
                f" WHERE p.id IN ({','.join('?' * len(score))})", [day, day, *score])
            for r in provs:
                d = provision_dict(atlas, r)
                d["score"] = round(score[r["id"]], 4)
                hits.append(d)
            hits.sort(key=lambda h: (-h["score"], h["id"]))
    return {"rulebook": header(atlas, day), "query": text, "results": hits[:limit]}


def _tokens(text: str) -> list[str]:
    return re.split(r"[^0-9a-z]+", text.lower())
