"""Small dated lookup tables that turn screening into equality joins.

`tr_law_daily` has one row per law and day (a jurisdiction's own resolved law, or the one
"no data" law that every code without Travel Rule data shares): whether the Travel Rule is in force and
its thresholds expressed in euro at that day's reference rate. `fx_daily` has one row per
currency and day: units per euro (last published rate carried forward). Both carry the plan's
integer key `k` (plan.key_sql: day number x n + code index) over the code indexes in `tr_codes`
and `fx_codes` (n: their number of codes).

>>> import duckdb, datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> con = duckdb.connect()
>>> build_lookups(con, open_atlas(), d.date(2025, 1, 1), d.date(2025, 1, 2), ["EU"])
>>> con.execute("SELECT jurisdiction, day, in_force, threshold_eur FROM tr_law_daily ORDER BY day").fetchall()[0]
('EU', datetime.date(2025, 1, 1), True, 0.0)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pyarrow as pa

from regatlas.engines.fx import RateTable, bundled_fingerprint, default_rates
from regatlas.engines.travel_rule.cache_key import fingerprint, lookups_file_name, module_fingerprint
from regatlas.engines.travel_rule.law import law_intervals
from regatlas.engines.travel_rule.plan import (
    COUNTERPARTY_TYPES,
    DEFAULT_RANGE,
    SH_CHECKS,
    day_number_sql,
    enum_type,
    key_sql,
    label,
)
from regatlas.store.atlas import Atlas
from regatlas.store.schema import STORE_SCHEMA


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


_LAW_COLUMNS = (
    ("jurisdiction", "string"), ("valid_from", "date32"), ("valid_to", "date32"),
    ("status", "string"), ("in_force", "bool_"), ("threshold_amount", "float64"),
    ("threshold_currency", "string"), ("threshold_inclusive", "bool_"),
    ("tier_min_amount", "float64"), ("tier_currency", "string"), ("sh_policy", "string"),
    ("sh_threshold_amount", "float64"), ("sh_threshold_currency", "string"),
    ("sh_inclusive", "bool_"),
)
"""The law intervals' columns and their Arrow types, by name: a single check, which reads the cached
lookups, needs their fingerprint but not pyarrow (about 0.15 s to import)."""


def _in_eur(amount: str, alias: str) -> str:
    """Euro value of an amount column converted with fx alias; NULL amount stays NULL."""
    return f"CASE WHEN {amount} IS NULL THEN NULL WHEN {amount} = 0 THEN 0.0 ELSE {amount} / {alias}.per_eur END"


def _from_eur(threshold: str, inclusive: str) -> str:
    """The least euro amount over `threshold`: itself if inclusive, else the next double up."""
    return f"CASE WHEN {inclusive} THEN {threshold} ELSE nextafter({threshold}, CAST('Infinity' AS DOUBLE)) END"


LOOKUP_TABLES = ("fx_codes", "tr_codes", "fx_daily", "tr_law_daily")
LOOKUP_SQL = f"""
CREATE OR REPLACE TABLE fx_codes AS
SELECT currency, CAST(row_number() OVER (ORDER BY currency) - 1 AS INTEGER) AS idx,
       CAST(count(*) OVER () AS INTEGER) AS n
FROM (SELECT DISTINCT currency FROM _rates);
CREATE OR REPLACE TEMP TABLE _law_idx AS
SELECT jurisdiction, CAST(row_number() OVER (ORDER BY jurisdiction) - 1 AS INTEGER) AS idx,
       CAST(count(*) OVER () AS INTEGER) AS n
FROM (SELECT DISTINCT jurisdiction FROM _law);
-- every code, each with the index of the law it resolves to (its own, or the shared "no data"),
-- and its own position among the codes (`pos`: the code's number in code_enums' ENUM)
CREATE OR REPLACE TABLE tr_codes AS
SELECT c.jurisdiction, l.idx, l.n, CAST(row_number() OVER (ORDER BY c.jurisdiction) - 1 AS INTEGER) AS pos
FROM _codes c JOIN _law_idx l ON l.jurisdiction = c.law;
CREATE OR REPLACE TABLE fx_daily AS
SELECT {key_sql('g', day_number_sql('g.day'))} AS k, g.currency, g.day, r.per_eur
FROM (SELECT c.currency, c.idx, c.n, d.day FROM fx_codes c CROSS JOIN _days d) g
ASOF JOIN _rates r ON r.currency = g.currency AND g.day >= r.published
ORDER BY k;
CREATE OR REPLACE TABLE tr_law_daily AS
SELECT *,
       -- the smallest euro amount each rule applies from, so the plan makes one >= comparison
       CASE WHEN in_force THEN {_from_eur('threshold_eur', 'threshold_inclusive')} END AS full_from_eur,
       CASE WHEN in_force THEN tier_min_eur END AS tier_from_eur,
       coalesce({_from_eur('sh_threshold_eur', 'sh_inclusive')}, 0.0) AS sh_verify_from_eur,
       -- the policy below sh_verify_from_eur: ownership verification records the transfer there
       CASE WHEN sh_policy = 'verify_ownership' THEN {label('record', SH_CHECKS)} ELSE sh_policy END AS sh_below
FROM (
SELECT {key_sql('c', day_number_sql('d.day'))} AS k, l.jurisdiction, d.day, l.status, l.in_force,
       coalesce({_in_eur('l.threshold_amount', 'ft')}, 0.0) AS threshold_eur,
       (l.threshold_amount IS NULL OR l.threshold_amount = 0 OR l.threshold_inclusive) AS threshold_inclusive,
       (l.threshold_amount > 0 AND ft.per_eur IS NULL) AS threshold_fx_missing,
       {_in_eur('l.tier_min_amount', 'fm')} AS tier_min_eur,
       -- a self-hosted wallet policy binds only once its Travel Rule is in force
       CAST(CASE WHEN l.in_force THEN l.sh_policy ELSE 'none' END AS {enum_type(SH_CHECKS)}) AS sh_policy,
       {_in_eur('l.sh_threshold_amount', 'fs')} AS sh_threshold_eur,
       l.sh_inclusive
FROM _law l
JOIN _law_idx c ON c.jurisdiction = l.jurisdiction
JOIN _days d ON d.day >= l.valid_from AND (l.valid_to IS NULL OR d.day < l.valid_to)
LEFT JOIN fx_daily ft ON ft.currency = l.threshold_currency AND ft.day = d.day
LEFT JOIN fx_daily fm ON fm.currency = l.tier_currency AND fm.day = d.day
LEFT JOIN fx_daily fs ON fs.currency = l.sh_threshold_currency AND fs.day = d.day)
-- day-major order: a one-day filter (a corridor check) skips the other days' row groups
ORDER BY k;
"""


@cache
def _rates_arrow(rates: RateTable) -> pa.Table:
    """Every published rate as an Arrow table (built once per rate table)."""
    import pyarrow as pa  # only when building the lookups

    cur: list[str] = ["EUR"]
    day: list[dt.date] = [dt.date(1999, 1, 1)]
    val: list[float] = [1.0]
    for currency in rates.currencies():
        dates, values = rates.series[currency]
        cur.extend([currency] * len(dates))
        day.extend(dates)
        val.extend(values)
    return pa.table({"currency": cur, "published": pa.array(day, pa.date32()), "per_eur": val})


NO_DATA = "(no data)"
"""The one law every code without Travel Rule data resolves to (in `tr_law_daily`, not a code)."""


def shared_laws(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """(law rows, code -> law rows): codes with no Travel Rule data on any day share one law.

    ~200 ISO codes have no rulebook file; one shared "no data" law keeps `tr_law_daily` (codes x
    days) and its key range as small as before the atlas went world-wide.

    >>> laws, codes = shared_laws([{"jurisdiction": "AT", "status": None},
    ...     {"jurisdiction": "IE", "status": None}, {"jurisdiction": "EU", "status": "in_force"}])
    >>> [r["jurisdiction"] for r in laws], [(c["jurisdiction"], c["law"]) for c in codes]
    (['EU', '(no data)'], [('AT', '(no data)'), ('IE', '(no data)'), ('EU', 'EU')])
    """
    known = {r["jurisdiction"] for r in rows if r["status"] is not None}
    codes = [{"jurisdiction": c, "law": c if c in known else NO_DATA}
             for c in dict.fromkeys(r["jurisdiction"] for r in rows)]
    laws = [r for r in rows if r["jurisdiction"] in known]
    blank = next((r for r in rows if r["jurisdiction"] not in known), None)
    return laws + ([{**blank, "jurisdiction": NO_DATA}] if blank else []), codes


def build_lookups(con: duckdb.DuckDBPyConnection, atlas: Atlas, start: dt.date, end: dt.date,
                  codes: list[str] | None = None, rates: RateTable | None = None) -> None:
    """Create the LOOKUP_TABLES in `con` for days in [start, end]."""
    laws, code_laws = shared_laws(law_intervals(atlas, codes))
    import pyarrow as pa  # only when building the lookups

    law = pa.Table.from_pylist(laws, schema=pa.schema([(n, getattr(pa, t)()) for n, t in _LAW_COLUMNS]))
    rates_table = _rates_arrow(rates or default_rates())
    con.register("_codes", pa.Table.from_pylist(code_laws, schema=pa.schema(
        [("jurisdiction", pa.string()), ("law", pa.string())])))
    con.register("_law", law)
    con.register("_rates", rates_table)
    con.execute("CREATE OR REPLACE TEMP TABLE _days AS SELECT CAST(unnest(generate_series("
                "CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 DAY)) AS DATE) AS day", [start, end])
    con.execute(LOOKUP_SQL)
    con.unregister("_codes")
    con.unregister("_law")
    con.unregister("_rates")


def code_fingerprint() -> str:
    """Hash of the code that builds the lookups: module sources, SQL, key, range, store schema."""
    return fingerprint(module_fingerprint(), LOOKUP_SQL, str(_LAW_COLUMNS), DEFAULT_RANGE,
                       STORE_SCHEMA)


_BUILDING = threading.Lock()


def cached_lookups_file(atlas: Atlas) -> Path:
    """Lookups over DEFAULT_RANGE for the bundled rates, built once per rulebook, rate data and code.

    They live beside the compiled atlas; every input, the building code included, is in the name,
    so a file never goes stale.
    """
    name = lookups_file_name(atlas.version, bundled_fingerprint(), code_fingerprint())
    path = atlas.path.with_name(name)
    # One build per process at a time: threads would share the temporary file (DuckDB opens one
    # database per path in a process) and collide; other processes write their own temporary file.
    with _BUILDING:
        if not path.exists():
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.unlink(missing_ok=True)
            con = duckdb.connect(str(tmp))
            try:
                build_lookups(con, atlas, *DEFAULT_RANGE)
            finally:
                con.close()
            os.replace(tmp, path)
    return path


def load_lookups(con: duckdb.DuckDBPyConnection, atlas: Atlas, start: dt.date, end: dt.date,
                 rates: RateTable | None = None, in_place: bool = False) -> None:
    """The LOOKUP_TABLES in `con`, dated ones for days in [start, end] (within DEFAULT_RANGE).

    With the bundled rates (`rates` None) the days are copied from the per-version file cache
    (milliseconds; compiled in memory when the cache cannot be written); user-supplied rates are
    compiled afresh by `build_lookups`. `in_place` leaves the cache file attached and reads it
    through views instead of copying: a screening run under a tight memory limit then pages the
    lookups from disk rather than holding them all in memory (the connection must not outlive it).

    >>> import duckdb, datetime as d
    >>> from regatlas.store.atlas import open_atlas
    >>> con = duckdb.connect()
    >>> load_lookups(con, open_atlas(), d.date(2025, 1, 1), d.date(2025, 1, 2))
    >>> con.execute("SELECT count(DISTINCT day) FROM tr_law_daily").fetchall()
    [(2,)]
    """
    if rates is not None:
        build_lookups(con, atlas, start, end, rates=rates)
        return
    try:
        path = str(cached_lookups_file(atlas)).replace("'", "''")
    except (OSError, duckdb.IOException):  # a read-only atlas home: compile in memory instead
        build_lookups(con, atlas, start, end)
        return
    con.execute(f"ATTACH '{path}' AS _lookups (READ_ONLY)")
    if in_place:
        for table in LOOKUP_TABLES:
            window = f" WHERE day BETWEEN DATE '{start}' AND DATE '{end}'" if table.endswith("_daily") else ""
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM _lookups.{table}{window}")
        return
    try:
        for table in LOOKUP_TABLES:
            dated = table.endswith("_daily")
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _lookups.{table}"
                        + (" WHERE day BETWEEN ? AND ?" if dated else ""), [start, end] if dated else [])
    finally:
        con.execute("DETACH _lookups")


def code_enums(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """ENUM types for the input's code columns, in the code tables' order (see plan.PlanOptions
    `code_types`): a currency's ENUM position is its `fx_codes.idx`, a jurisdiction's its
    `tr_codes.pos`. A reader typing the columns with them turns each code into its position once,
    where a join on the string would hash it.

    >>> import duckdb, datetime as d
    >>> from regatlas.store.atlas import open_atlas
    >>> con = duckdb.connect()
    >>> load_lookups(con, open_atlas(), d.date(2025, 1, 1), d.date(2025, 1, 1))
    >>> code_enums(con)["counterparty_type"]
    "ENUM('vasp', 'self-hosted')"
    """
    currencies = tuple(r[0] for r in con.execute("SELECT currency FROM fx_codes ORDER BY idx").fetchall())
    codes = enum_type(tuple(r[0] for r in con.execute("SELECT jurisdiction FROM tr_codes ORDER BY pos").fetchall()))
    return {"currency": enum_type(currencies), "originator_jurisdiction": codes,
            "beneficiary_jurisdiction": codes, "counterparty_type": enum_type(COUNTERPARTY_TYPES)}


_SHARED: dict[tuple[str, int], duckdb.DuckDBPyConnection] = {}
_SHARED_LOCK = threading.Lock()


def shared_key(atlas: Atlas, rates: RateTable | None) -> tuple[str, int]:
    """What identifies a process's lookups: the rulebook version and the rates (0: the bundled ones)."""
    bundled = rates is None or rates is default_rates()
    return (atlas.version, 0 if bundled else id(rates))


def is_shared(atlas: Atlas) -> bool:
    """Whether this process already holds the bundled lookups of `atlas` (`shared_lookups`)."""
    return shared_key(atlas, None) in _SHARED


_ATTACHING = threading.Lock()


def day_lookups(atlas: Atlas, day: dt.date) -> duckdb.DuckDBPyConnection:
    """A cursor on the atlas with the bundled lookups as its tables, for one check of `day` (the
    caller closes it). The per-version cache file is attached to the atlas's database read-only
    (once: `ATTACH IF NOT EXISTS` under a name derived from the file): a CLI check reads a few rows,
    so neither copying the tables nor a second database (about 9 MB) pays. Where the cache cannot be
    written, the day alone is compiled in memory.

    >>> from regatlas.store.atlas import open_atlas
    >>> con = day_lookups(open_atlas(), dt.date(2025, 1, 1))
    >>> con.execute("SELECT count(*) > 200 FROM tr_codes").fetchone()[0]
    True
    """
    try:
        path = str(cached_lookups_file(atlas)).replace("'", "''")
    except (OSError, duckdb.IOException):  # a read-only atlas home
        con = duckdb.connect()
        build_lookups(con, atlas, day, day)
        return con
    # Named after the file: DuckDB shares one database between connections to the same atlas file
    # (two Atlas objects, two rulebook folders of equal content), so the name must say which file.
    alias = "_lookups_" + hashlib.sha256(path.encode()).hexdigest()[:16]
    with _ATTACHING:
        atlas.cursor().execute(f"ATTACH IF NOT EXISTS '{path}' AS {alias} (READ_ONLY)")
    cur = atlas.con.cursor()
    cur.execute(f"SET search_path = '{alias}'")
    return cur


def shared_lookups(atlas: Atlas, rates: RateTable | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory database with the lookups over DEFAULT_RANGE, built once per process.

    Callers take a `.cursor()` each (one per thread) and register their own `transfers`.
    """
    key = shared_key(atlas, rates)
    bundled = key[1] == 0
    with _SHARED_LOCK:
        if key not in _SHARED:
            con = duckdb.connect()
            con.execute("SET TimeZone = 'UTC'")
            load_lookups(con, atlas, *DEFAULT_RANGE, rates=None if bundled else rates)
            _SHARED[key] = con
        return _SHARED[key]
