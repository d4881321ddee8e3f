"""Limit (d): read the seven columns the decision reads, and nothing else.

Aggregates that need every value (a hash of each column) so DuckDB cannot answer from the
Parquet footer statistics; no joins, no decision, no output file. No decide-and-write method
can beat this on the same machine.
"""

from __future__ import annotations

from typing import Any

import duckdb

from baselines.common import INPUT_COLUMNS, Job, quote
from regatlas.store.atlas import Atlas

LABEL = "(d) bare scan of the 7 input columns"


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Scan job.input with DuckDB; returns rows scanned (writes nothing)."""
    con = duckdb.connect()
    if job.memory_limit:
        con.execute(f"SET memory_limit = '{job.memory_limit}'")
    hashes = ", ".join(f'bit_xor(hash("{c}"))' for c in INPUT_COLUMNS)
    rows, *_ = con.execute(f"SELECT count(*), {hashes} FROM read_parquet({quote(job.input)})").fetchall()[0]
    con.close()
    return rows
