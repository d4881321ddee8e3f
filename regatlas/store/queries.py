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
from regatlas.store.atlas import Atlas

STRENGTH = {"in_force": 3, "enacted": 2, "proposed": 1, "none": 0}
AS_OF = "(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR ? < valid_to)"


def header(atlas: Atlas, as_of: dt.date) -> dict[str, str]:
    """The `rulebook` block every answer carries: content-hash version and as-of date."""
    return {"version": atlas.version, "as_of": as_of.isoformat()}


def _instrument_titles(atlas: Atlas) -> dict[str, str]:
    cache = atlas.__dict__.setdefault("_titles", None)
    if cache is None:
        cache = {r["id"]: r["title"] for r in atlas.rows("SELECT id, title FROM instruments")}
        atlas.__dict__["_titles"] = cache
    return cache


def source_of(atlas: Atlas, row: dict[str, Any]) -> dict[str, Any] | None:
    """The contract's `source` object from a row's source columns."""
    if not row.get("source_instrument"):
        return None
    ident = row["source_instrument"]
    return {"instrument": _instrument_titles(atlas).get(ident, ident), "instrument_id": ident,
            "article": row.get("source_article"), "url": row.get("source_url")}


def chain(atlas: Atlas, code: str) -> list[str]:
    """`code` followed by every jurisdiction whose law it inherits, nearest first.

    >>> from regatlas.store.atlas import open_atlas
    >>> chain(open_atlas(), "EU")
    ['EU']
    """
    rows = {r["code"]: r["inherits"] for r in atlas.rows("SELECT code, inherits FROM jurisdictions")}
    if code not in rows:
        raise NotFound(f"unknown jurisdiction '{code}'", field="code")
    out, todo = [], [code]
    while todo:
        current = todo.pop(0)
        if current not in out:
            out.append(current)
            todo.extend(rows.get(current) or [])
    return out


def _fact(atlas: Atlas, codes: list[str], kind: str, day: dt.date) -> dict[str, Any] | None:
    rows = atlas.rows(
        f"SELECT * FROM facts WHERE kind = ? AND jurisdiction IN ({','.join('?' * len(codes))})"
        f" AND {AS_OF}", [kind, *codes, day, day])
    if not rows:
        return None
    own = [r for r in rows if r["jurisdiction"] == codes[0]]
    if own and _own_law_prevails(atlas, codes[0]):
        rows = own
    own_rank = {c: i for i, c in enumerate(codes)}

    def key(r: dict[str, Any]) -> tuple:
        strength = STRENGTH.get(r["value"], 0) if kind in ("travel_rule", "stablecoins") else 0
        return (-strength, -r["valid_from"].toordinal(), own_rank[r["jurisdiction"]])

    best = min(rows, key=key)
    out = json.loads(best["payload"])
    out.update(from_=best["valid_from"], jurisdiction=best["jurisdiction"])
    out["source"] = source_of(atlas, best)
    out["valid_to"] = best["valid_to"]
    return out


def _own_law_prevails(atlas: Atlas, code: str) -> bool:
    return bool(atlas.rows("SELECT own_law_prevails FROM jurisdictions WHERE code = ?", [code])[0][
        "own_law_prevails"])


def _in_force_from(atlas: Atlas, jurisdiction: str, kind: str, day: dt.date) -> dt.date | None:
    """Start of the unbroken run of in-force values that covers `day`."""
    rows = atlas.rows(
        "SELECT valid_from, value FROM facts WHERE jurisdiction = ? AND kind = ? AND valid_from <= ?"
        " ORDER BY valid_from DESC", [jurisdiction, kind, day])
    start = None
    for r in rows:
        if r["value"] != "in_force":
            break
        start = r["valid_from"]
    return start


def _plain(fact: dict[str, Any] | None, status_key: str, empty: Any) -> dict[str, Any]:
    if fact is None:
        return {status_key: empty, "from": None, "source": None, "verification": "unverified",
                "note": "no data in the atlas for this date"}
    fact = dict(fact)
    fact.setdefault(status_key, empty)  # payloads drop nulls: `list: null` means off the lists
    fact["from"] = fact.pop("from_")
    fact.pop("valid_to", None)
    return fact


def travel_rule(atlas: Atlas, code: str, day: dt.date) -> dict[str, Any]:
    """The Travel Rule in force (or announced) for `code` on `day`, per the contract's shape."""
    fact = _fact(atlas, chain(atlas, code), "travel_rule", day)
    out = _plain(fact, "status", "none")
    out.setdefault("threshold", None)
    out.setdefault("self_hosted", None)
    out.setdefault("tiers", [])
    out["in_force_from"] = (
        _in_force_from(atlas, fact["jurisdiction"], "travel_rule", day)
        if fact and fact["status"] == "in_force" else None)
    return out


def crypto_status(atlas: Atlas, code: str, day: dt.date) -> dict[str, Any]:
    """The overall crypto status fact for `code` on `day` (own value first, else inherited)."""
    codes = chain(atlas, code)
    for c in codes:
        fact = _fact(atlas, [c], "crypto_status", day)
        if fact:
            return _plain(fact, "value", None)
    return _plain(None, "value", "unregulated")


def fact_summary(atlas: Atlas, code: str, kind: str, day: dt.date) -> dict[str, Any]:
    """Stablecoin regime, CBDC or FATF list status (FATF lists name countries, never inherited)."""
    codes = [code] if kind == "fatf_list" else chain(atlas, code)
    if kind == "cbdc":
        fact = next((f for c in codes if (f := _fact(atlas, [c], kind, day))), None)
    else:
        fact = _fact(atlas, codes, kind, day)
    if kind == "fatf_list":
        out = _plain(fact, "list", None)
        if fact is None:
            out["note"] = "not on an FATF public list in the atlas on this date"
        return out
    return _plain(fact, "status", "none")


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
        "status": r.get("status"), "activities": r["activities"], "token_types": r["token_types"],
        "parameters": json.loads(r["parameters"]), "published": r["published"],
        "effective_from": r["effective_from"], "effective_to": r["effective_to"],
        "implements": r["implements"], "applies_if": r["applies_if"], "text": r["text"],
        "encoded": r["encoded"], "source": source_of(atlas, r), "verification": r["verification"],
        "note": r["note"],
    }


def jurisdiction_row(atlas: Atlas, code: str) -> dict[str, Any]:
    """The jurisdictions table row for `code`; NotFound when unknown."""
    rows = atlas.rows("SELECT * FROM jurisdictions WHERE code = ?", [code])
    if not rows:
        raise NotFound(f"unknown jurisdiction '{code}'", field="code")
    return rows[0]


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
    status = crypto_status(atlas, code, day)
    provs = provisions(atlas, codes, day)
    return {
        "rulebook": header(atlas, day),
        "code": code, "name": row["name"], "kind": row["kind"], "parent": row["parent"],
        "currency": row["currency"], "memberships": row["memberships"], "inherits": codes[1:],
        "summary": row["summary"],
        "crypto_status": status.get("value"), "crypto_status_fact": status,
        "authorities": authorities(atlas, codes),
        "regimes": regimes(provs),
        "travel_rule": travel_rule(atlas, code, day),
        "stablecoins": fact_summary(atlas, code, "stablecoins", day),
        "cbdc": fact_summary(atlas, code, "cbdc", day),
        "fatf": fact_summary(atlas, code, "fatf_list", day),
        "provisions": provs,
    }


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
    for r in atlas.rows("SELECT code, name, parent, kind FROM jurisdictions ORDER BY code"):
        r["crypto_status"] = crypto_status(atlas, r["code"], day).get("value")
        out.append(r)
    return {"rulebook": header(atlas, day), "jurisdictions": out}


def info(atlas: Atlas, day: dt.date) -> dict[str, Any]:
    """Counts of every entity and the share of verified cited values."""
    one = lambda sql: atlas.cursor().execute(sql).fetchall()[0][0]  # noqa: E731
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
    verified, total = atlas.cursor().execute(
        "SELECT sum((verification = 'verified')::INT), count(*) FROM ("
        " SELECT verification FROM provisions UNION ALL SELECT verification FROM facts"
        " UNION ALL SELECT verification FROM agreements)").fetchall()[0]
    return {
        "rulebook": header(atlas, day), "counts": counts,
        "verified_share": round((verified or 0) / total, 4) if total else 0.0,
        "verified": verified or 0, "cited_values": total,
        "standards": atlas.rows("SELECT s.id, s.name, s.body, count(r.id) AS recommendations "
                                "FROM standards s LEFT JOIN recommendations r ON r.standard = s.id "
                                "GROUP BY ALL ORDER BY s.id"),
    }


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
    """Full-text search over provisions (BM25 over an inverted index built at compile time)."""
    terms = sorted({t for t in _tokens(text) if len(t) > 1})
    hits: list[dict[str, Any]] = []
    if terms:
        scored = atlas.rows(f"""
            WITH n AS (SELECT count(*) AS docs, avg(len) AS avglen FROM search_docs),
            q AS (SELECT term, id, tf FROM search_terms WHERE term IN ({','.join('?' * len(terms))})),
            df AS (SELECT term, count(*) AS df FROM q GROUP BY term)
            SELECT q.id, sum(ln(1 + (n.docs - df.df + 0.5) / (df.df + 0.5))
                   * q.tf * 2.2 / (q.tf + 1.2 * (0.25 + 0.75 * d.len / n.avglen))) AS score
            FROM q JOIN df USING (term) JOIN search_docs d USING (id), n
            GROUP BY q.id ORDER BY score DESC, q.id LIMIT ?""", [*terms, limit * 5])
        score = {r["id"]: r["score"] for r in scored}
        if score:
            provs = atlas.rows(
                f"SELECT p.*, s.status FROM provisions p LEFT JOIN provision_status s ON s.id = p.id"
                f" AND {AS_OF.replace('valid_', 's.valid_')} WHERE p.id IN"
                f" ({','.join('?' * len(score))})", [day, day, *score])
            for r in provs:
                d = provision_dict(atlas, r)
                d["score"] = round(score[r["id"]], 4)
                hits.append(d)
            hits.sort(key=lambda h: (-h["score"], h["id"]))
    return {"rulebook": header(atlas, day), "query": text, "results": hits[:limit]}


def _tokens(text: str) -> list[str]:
    return re.split(r"[^0-9a-z]+", text.lower())
