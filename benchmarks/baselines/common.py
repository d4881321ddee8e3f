"""What every benchmarked method shares: the job it is given and the dated lookup tables.

All methods decide with the same inputs: the transfers file and regatlas's per-day lookups
(`tr_law_daily`, `fx_daily`, loaded by `load_lookups` from the per-rulebook cache). `tr_law_daily`
has a row per *law* and day; `tr_codes` says which law each code resolves to (its own, or the one
"no data" law all codes without Travel Rule data share), and `tr_code_law` (built here, one row per
code) spells that out by name for the baselines that join on names.
The lookups are compiled once per rulebook version and rate data (about a second, done before
any timing); each method copies the days it needs from that cache inside its timed run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from regatlas.engines.travel_rule.lookup import DEFAULT_RANGE, load_lookups, lookup_window
from regatlas.engines.travel_rule.plan import day_number_sql
from regatlas.store.atlas import Atlas

INPUT_COLUMNS = ("id", "timestamp", "originator_jurisdiction", "beneficiary_jurisdiction", "amount",
                 "currency", "counterparty_type")
# The label vocabularies the tuned baselines type their outputs with (written out by hand, not
# imported from regatlas, like the rest of each baseline's decision).
ACTIONS = ("block", "verify_self_hosted_ownership", "collect_and_record", "send_full_sunrise",
           "send_full", "send_reduced", "none")
CHECKS = ("none", "record", "risk_based", "verify_ownership", "prohibited")
COMPARED_COLUMNS = ("originator_required", "beneficiary_required", "travel_rule_required", "sunrise",
                    "self_hosted_check", "action")
WINDOW_START, WINDOW_END = DEFAULT_RANGE


@dataclass(frozen=True)
class Job:
    """One run of one method: read `input`, write decisions to `out` (if the method writes)."""

    input: Path
    out: Path
    memory_limit: str | None = None


def quote(path: Path) -> str:
    """A path as a DuckDB string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def input_days(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[dt.date, dt.date]:
    """First and last day of a typed Parquet input (from the footer statistics: no scan)."""
    first, last = con.execute(
        f'SELECT CAST(min("timestamp") AS DATE), CAST(max("timestamp") AS DATE) '
        f"FROM read_parquet({quote(path)})").fetchall()[0]
    return first, last


def lookup_connection(atlas: Atlas, path: Path, memory_limit: str | None = None,
                      threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection (UTC, no insertion order) holding the lookups for the input's days."""
    con = duckdb.connect(config={"preserve_insertion_order": False})
    con.execute("SET TimeZone = 'UTC'")
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    load_lookups(con, atlas, *lookup_window(*input_days(con, path)))
    # code -> the name of the law it resolves to: a law's index is its key minus the day's part
    con.execute("CREATE TEMP TABLE tr_code_law AS SELECT c.jurisdiction AS code, l.law FROM tr_codes c "
                f"JOIN (SELECT DISTINCT k - {day_number_sql('day')} * (SELECT max(n) FROM tr_codes) AS idx, "
                "jurisdiction AS law FROM tr_law_daily) l ON l.idx = c.idx")
    return con
