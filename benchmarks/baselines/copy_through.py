"""Limit (d'): read the input and write it back unchanged (same Parquet settings as regatlas).

The floor for any decide-and-write method that passes the input columns through: reading,
encoding and compressing the seven input columns, without a single decision column.
"""

from __future__ import annotations

from typing import Any

import duckdb

from baselines.common import Job, quote
from regatlas.engines.screen.duckdb_engine import PARQUET_OPTIONS
from regatlas.store.atlas import Atlas

LABEL = "(d') scan + write the input back, no decision"


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Copy job.input to job.out with DuckDB; returns rows written."""
    con = duckdb.connect(config={"preserve_insertion_order": False})
    if job.memory_limit:
        con.execute(f"SET memory_limit = '{job.memory_limit}'")
    rows = con.execute(f"COPY (SELECT * FROM read_parquet({quote(job.input)})) "
                       f"TO {quote(job.out)} {PARQUET_OPTIONS}").fetchall()[0][0]
    con.close()
    return rows
