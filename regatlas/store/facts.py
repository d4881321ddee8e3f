"""As-of selection of dated facts (crypto status, Travel Rule, stablecoins, CBDC).

One SQL query fetches every fact row valid on the day for a jurisdiction and the law it
inherits; the choice among them follows the rules in `pick`.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> travel_rule(open_atlas(), "FR", d.date(2025, 3, 1))["jurisdiction"]
'EU'
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from regatlas.store.atlas import Atlas
from regatlas.store.tables import chain, jurisdiction_table, source_of

STRENGTH = {"in_force": 3, "enacted": 2, "proposed": 1, "none": 0}
Rows = dict[str, list[dict[str, Any]]]


def _index(atlas: Atlas) -> dict[str, list[dict[str, Any]]]:
    """Every fact row by jurisdiction, in the table's order, read once per atlas (the store is
    read-only): answering a date is then a filter in memory, not a query (about 1 ms each)."""
    def load() -> dict[str, list[dict[str, Any]]]:
        by: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in atlas.rows("SELECT * FROM facts"):
            by[r["jurisdiction"]].append(r)
        return dict(by)

    return atlas.cached("facts_by_jurisdiction", load)


def _valid(r: dict[str, Any], day: dt.date) -> bool:
    """tables.AS_OF for one row: valid from its start (inclusive) to its end (exclusive)."""
    return (r["valid_from"] is None or r["valid_from"] <= day) and (r["valid_to"] is None or day < r["valid_to"])


def facts_as_of(atlas: Atlas, codes: list[str], day: dt.date) -> Rows:
    """Fact rows of `codes` valid on `day`, by kind."""
    out: Rows = defaultdict(list)
    index = _index(atlas)
    for code in dict.fromkeys(codes):
        for r in index.get(code, ()):
            if _valid(r, day):
                out[r["kind"]].append(r)
    return out


def pick(atlas: Atlas, rows: list[dict[str, Any]], codes: list[str], kind: str) -> dict[str, Any] | None:
    """The value that governs: own law first where it prevails (free zones); otherwise the
    strongest status (in force > enacted > proposed), then the latest, then the nearest code."""
    rows = [r for r in rows if r["jurisdiction"] in codes]
    if not rows:
        return None
    own = [r for r in rows if r["jurisdiction"] == codes[0]]
    if own and jurisdiction_table(atlas)[codes[0]]["own_law_prevails"]:
        rows = own
    rank = {c: i for i, c in enumerate(codes)}

    def key(r: dict[str, Any]) -> tuple:
        strength = STRENGTH.get(r["value"], 0) if kind in ("travel_rule", "stablecoins") else 0
        return (-strength, -r["valid_from"].toordinal(), rank[r["jurisdiction"]])

    best = min(rows, key=key)
    out = json.loads(best["payload"])
    out.update(from_=best["valid_from"], jurisdiction=best["jurisdiction"])
    out["source"] = source_of(atlas, best)
    return out


def _nearest(atlas: Atlas, rows: Rows, codes: list[str], kind: str) -> dict[str, Any] | None:
    """Own value first, else the nearest inherited one (crypto status, CBDC)."""
    return next((f for c in codes if (f := pick(atlas, rows[kind], [c], kind))), None)


def _in_force_from(atlas: Atlas, jurisdiction: str, kind: str, day: dt.date) -> dt.date | None:
    """Start of the unbroken run of in-force values that covers `day`."""
    start = None
    rows = [r for r in _index(atlas).get(jurisdiction, ()) if r["kind"] == kind
            and r["valid_from"] is not None and r["valid_from"] <= day]
    for r in sorted(rows, key=lambda r: r["valid_from"], reverse=True):
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
    return fact


def travel_rule(atlas: Atlas, code: str, day: dt.date, rows: Rows | None = None) -> dict[str, Any]:
    """The Travel Rule in force (or announced) for `code` on `day`, per the contract's shape.

    Without a fact on `day` the status is None ("no data"), never "none": "none" is a finding
    that the law has no Travel Rule, and it needs a source.
    """
    codes = chain(atlas, code)
    rows = rows if rows is not None else facts_as_of(atlas, codes, day)
    fact = pick(atlas, rows["travel_rule"], codes, "travel_rule")
    out = _plain(fact, "status", None)
    out.setdefault("threshold", None)
    out.setdefault("self_hosted", None)
    out.setdefault("tiers", [])
    out["in_force_from"] = (_in_force_from(atlas, fact["jurisdiction"], "travel_rule", day)
                            if fact and fact["status"] == "in_force" else None)
    return out


def crypto_status(atlas: Atlas, code: str, day: dt.date, rows: Rows | None = None) -> dict[str, Any]:
    """The overall crypto status fact (own value first, else inherited); None when unknown."""
    codes = chain(atlas, code)
    rows = rows if rows is not None else facts_as_of(atlas, codes, day)
    return _plain(_nearest(atlas, rows, codes, "crypto_status"), "value", None)


def fact_summary(atlas: Atlas, code: str, kind: str, day: dt.date, rows: Rows | None = None) -> dict[str, Any]:
    """Stablecoin regime or CBDC status (FATF list status is `store.fatf.status`, from the plenaries)."""
    codes = chain(atlas, code)
    rows = rows if rows is not None else facts_as_of(atlas, codes, day)
    fact = _nearest(atlas, rows, codes, kind) if kind == "cbdc" else pick(atlas, rows[kind], codes, kind)
    # without a fact on the day the answer is "no data" (null), never the finding "none"
    return _plain(fact, "status", None)
