"""Small dated lookup tables that turn screening into equality joins.

`tr_law_daily` has one row per jurisdiction and day: whether the Travel Rule is in force and
its thresholds expressed in euro at that day's reference rate. `fx_daily` has one row per
currency and day: units per euro (last published rate carried forward).

>>> import duckdb, datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> con = duckdb.connect()
>>> build_lookups(con, open_atlas(), d.date(2025, 1, 1), d.date(2025, 1, 2), ["EU"])
>>> con.execute("SELECT jurisdiction, day, in_force, threshold_eur FROM tr_law_daily ORDER BY day").fetchall()[0]
('EU', datetime.date(2025, 1, 1), True, 0.0)
"""

from __future__ import annotations

import datetime as dt
import threading
from functools import cache

import duckdb
import pyarrow as pa

from regatlas.engines.fx import RateTable, default_rates
from regatlas.engines.travel_rule.law import law_intervals
from regatlas.engines.travel_rule.plan import DEFAULT_RANGE
from regatlas.store.atlas import Atlas


def lookup_window(first: dt.date | None, last: dt.date | None,
                  as_of: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Days the lookups must cover: the input's days within DEFAULT_RANGE (or the as-of day).

    >>> lookup_window(dt.date(2010, 1, 1), dt.date(2020, 1, 1))
    (datetime.date(2015, 1, 1), datetime.date(2020, 1, 1))
    """
    if as_of:
        return as_of, as_of
    lo, hi = DEFAULT_RANGE
    if first is None or last is None or last < lo or first > hi:
        return lo, lo
    return max(first, lo), min(last, hi)


_LAW_SCHEMA = pa.schema([
    ("jurisdiction", pa.string()), ("valid_from", pa.date32()), ("valid_to", pa.date32()),
    ("status", pa.string()), ("in_force", pa.bool_()), ("threshold_amount", pa.float64()),
    ("threshold_currency", pa.string()), ("threshold_inclusive", pa.bool_()),
    ("tier_min_amount", pa.float64()), ("tier_currency", pa.string()), ("sh_policy", pa.string()),
    ("sh_threshold_amount", pa.float64()), ("sh_threshold_currency", pa.string()),
    ("sh_inclusive", pa.bool_()),
])


def _in_eur(amount: str, alias: str) -> str:
    """Euro value of an amount column converted with fx alias; NULL amount stays NULL."""
    return f"CASE WHEN {amount} IS NULL THEN NULL WHEN {amount} = 0 THEN 0.0 ELSE {amount} / {alias}.per_eur END"


LOOKUP_SQL = f"""
CREATE OR REPLACE TABLE fx_daily AS
SELECT g.currency, g.day, r.per_eur
FROM (SELECT c.currency, d.day FROM (SELECT DISTINCT currency FROM _rates) c CROSS JOIN _days d) g
ASOF JOIN _rates r ON r.currency = g.currency AND g.day >= r.published;
CREATE OR REPLACE TABLE tr_law_daily AS
SELECT l.jurisdiction, d.day, l.status, l.in_force,
       coalesce({_in_eur('l.threshold_amount', 'ft')}, 0.0) AS threshold_eur,
       (l.threshold_amount IS NULL OR l.threshold_amount = 0 OR l.threshold_inclusive) AS threshold_inclusive,
       (l.threshold_amount > 0 AND ft.per_eur IS NULL) AS threshold_fx_missing,
       {_in_eur('l.tier_min_amount', 'fm')} AS tier_min_eur,
       -- a self-hosted wallet policy binds only once its Travel Rule is in force
       CASE WHEN l.in_force THEN l.sh_policy ELSE 'none' END AS sh_policy,
       {_in_eur('l.sh_threshold_amount', 'fs')} AS sh_threshold_eur,
       l.sh_inclusive
FROM _law l
JOIN _days d ON d.day >= l.valid_from AND (l.valid_to IS NULL OR d.day < l.valid_to)
LEFT JOIN fx_daily ft ON ft.currency = l.threshold_currency AND ft.day = d.day
LEFT JOIN fx_daily fm ON fm.currency = l.tier_currency AND fm.day = d.day
LEFT JOIN fx_daily fs ON fs.currency = l.sh_threshold_currency AND fs.day = d.day;
"""


@cache
def _rates_arrow(rates: RateTable) -> pa.Table:
    """Every published rate as an Arrow table (built once per rate table)."""
    cur: list[str] = ["EUR"]
    day: list[dt.date] = [dt.date(1999, 1, 1)]
    val: list[float] = [1.0]
    for currency in rates.currencies():
        dates, values = rates.series[currency]
        cur.extend([currency] * len(dates))
        day.extend(dates)
        val.extend(values)
    return pa.table({"currency": cur, "published": pa.array(day, pa.date32()), "per_eur": val})


def build_lookups(con: duckdb.DuckDBPyConnection, atlas: Atlas, start: dt.date, end: dt.date,
                  codes: list[str] | None = None, rates: RateTable | None = None) -> None:
    """Create `fx_daily` and `tr_law_daily` in `con` for days in [start, end]."""
    law = pa.Table.from_pylist(law_intervals(atlas, codes), schema=_LAW_SCHEMA)
    con.register("_law", law)
    con.register("_rates", _rates_arrow(rates or default_rates()))
    con.execute("CREATE OR REPLACE TEMP TABLE _days AS SELECT CAST(unnest(generate_series("
                "CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 DAY)) AS DATE) AS day", [start, end])
    con.execute(LOOKUP_SQL)
    con.unregister("_law")
    con.unregister("_rates")


_SHARED: dict[tuple[str, int], duckdb.DuckDBPyConnection] = {}
_SHARED_LOCK = threading.Lock()


def shared_lookups(atlas: Atlas, rates: RateTable | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the lookups over DEFAULT_RANGE, built once per process.

    Callers take a `.cursor()` each (one per thread) and register their own `transfers`.
    """
    rates = rates or default_rates()
    key = (atlas.version, id(rates))
    with _SHARED_LOCK:
        if key not in _SHARED:
            con = duckdb.connect()
            con.execute("SET TimeZone = 'UTC'")
            build_lookups(con, atlas, *DEFAULT_RANGE, rates=rates)
            _SHARED[key] = con
        return _SHARED[key]
