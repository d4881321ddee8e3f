"""Limits (d') and (d''): write the output's shape without deciding (same Parquet settings as regatlas).

  - `run`: read the input and write it back unchanged: the floor for any method that passes the
    seven input columns through;
  - `run_shaped`: the same plus nine columns shaped like the decision columns (a date, a double,
    four booleans, two ENUM labels and the version) computed from the row alone, with no lookup:
    the floor for writing regatlas's full output. What regatlas adds on top is the deciding.
"""

from __future__ import annotations

from typing import Any

import duckdb

from baselines.common import Job, quote
from regatlas.engines.screen.duckdb_engine import PARQUET_OPTIONS
from regatlas.store.atlas import Atlas

LABEL = "(d') scan + write the input back, no decision"
LABEL_SHAPED = "(d'') scan + write the input + 9 decision-shaped columns, no lookup"

SHAPED = """CAST("timestamp" AS DATE) AS transfer_date, amount / 1.1 AS amount_eur,
  amount > 1000 AS originator_required, amount > 3000 AS beneficiary_required,
  amount > 1000 AS travel_rule_required, amount > 50000 AS sunrise,
  CASE WHEN counterparty_type = 'self-hosted' THEN CAST('record' AS ENUM('none', 'record')) END
    AS self_hosted_check,
  CASE WHEN amount > 1000 THEN CAST('send_full' AS ENUM('send_full', 'none'))
       ELSE CAST('none' AS ENUM('send_full', 'none')) END AS action,
  CAST('{version}' AS ENUM('{version}')) AS rulebook_version"""


def _copy(job: Job, columns: str) -> int:
    con = duckdb.connect(config={"preserve_insertion_order": False})
    if job.memory_limit:
        con.execute(f"SET memory_limit = '{job.memory_limit}'")
    rows = con.execute(f"COPY (SELECT {columns} FROM read_parquet({quote(job.input)})) "
                       f"TO {quote(job.out)} {PARQUET_OPTIONS}").fetchall()[0][0]
    con.close()
    return rows


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Copy job.input to job.out with DuckDB; returns rows written."""
    return _copy(job, "*")


def run_shaped(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Copy job.input to job.out with nine decision-shaped columns added; returns rows written."""
    return _copy(job, "*, " + SHAPED.format(version=atlas.version))
