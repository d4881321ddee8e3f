"""Baseline (c): the decision as a DuckDB query as one would first write it by hand.

One `COPY (SELECT ...) TO` pass over the typed Parquet input, against the same per-day lookups
(each code to its law by name, then joined on law and day, string labels; (c') adds regatlas's
physical design):
  - one pass: accepted rows only (the invalid rows are filtered, not written to a rejects file);
  - the day is `CAST(timestamp AS DATE)` on the naive UTC timestamp (no time-zone conversion);
  - inner equality joins in a fixed order, each probing a small build side (the join-order
    optimizer otherwise builds fx x beneficiary-law on `day` first: a 5M-row hash table);
  - the euro amount is computed once and reused by every comparison.
The output has the same columns, types and Parquet settings (zstd level 1) as regatlas's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb

from baselines.common import INPUT_COLUMNS, WINDOW_END, WINDOW_START, Job, lookup_connection, quote
from regatlas.engines.screen.duckdb_engine import PARQUET_OPTIONS
from regatlas.store.atlas import Atlas

LABEL = "(c) hand-written DuckDB SQL, one pass"


def _over(amount: str, threshold: str, inclusive: str) -> str:
    return f"(CASE WHEN {inclusive} THEN {amount} >= {threshold} ELSE {amount} > {threshold} END)"


def decide_sql(source: str, version: str) -> str:
    """The query: `source` (a relation with the input columns) -> input columns + decisions."""
    cols = ", ".join(f't."{c}"' for c in INPUT_COLUMNS)
    return f"""
WITH d AS (
  SELECT {cols}, t._day, t.amount / fx.per_eur AS amount_eur,
         o.in_force AS o_in, b.in_force AS b_in, o.threshold_eur AS o_thr,
         o.threshold_inclusive AS o_inc, b.threshold_eur AS b_thr, b.threshold_inclusive AS b_inc,
         o.tier_min_eur, o.sh_policy, o.sh_threshold_eur, o.sh_inclusive
  FROM (SELECT *, CAST("timestamp" AS DATE) AS _day FROM {source}) t
  JOIN fx_daily fx ON fx.currency = t.currency AND fx.day = t._day
  JOIN tr_code_law ol ON ol.code = t.originator_jurisdiction
  JOIN tr_code_law bl ON bl.code = t.beneficiary_jurisdiction
  JOIN tr_law_daily o ON o.jurisdiction = ol.law AND o.day = t._day
  JOIN tr_law_daily b ON b.jurisdiction = bl.law AND b.day = t._day
  WHERE t.amount >= 0 AND t.amount <= 1e18 AND t.counterparty_type IN ('vasp', 'self-hosted')
    AND t._day BETWEEN DATE '{WINDOW_START}' AND DATE '{WINDOW_END}'
),
f AS (
  SELECT *,
    o_in AND {_over('amount_eur', 'o_thr', 'o_inc')} AS o_req,
    counterparty_type = 'vasp' AND b_in AND {_over('amount_eur', 'b_thr', 'b_inc')} AS b_req,
    o_in AND amount_eur >= tier_min_eur AS o_tier,
    counterparty_type = 'self-hosted' AS sh,
    CASE WHEN sh_policy = 'verify_ownership' THEN
           CASE WHEN sh_threshold_eur IS NULL OR {_over('amount_eur', 'sh_threshold_eur', 'sh_inclusive')}
                THEN 'verify_ownership' ELSE 'record' END
         WHEN sh_policy IN ('prohibited', 'record', 'risk_based') THEN sh_policy
         ELSE 'none' END AS sh_check
  FROM d
)
SELECT {", ".join(f'"{c}"' for c in INPUT_COLUMNS)},
  _day AS transfer_date, amount_eur,
  o_req AS originator_required, b_req AS beneficiary_required,
  o_req OR b_req AS travel_rule_required,
  NOT sh AND o_in <> b_in AS sunrise,
  CASE WHEN sh THEN sh_check END AS self_hosted_check,
  CASE WHEN sh THEN CASE WHEN sh_check = 'prohibited' THEN 'block'
                         WHEN sh_check = 'verify_ownership' THEN 'verify_self_hosted_ownership'
                         WHEN o_req OR sh_check IN ('record', 'risk_based') THEN 'collect_and_record'
                         ELSE 'none' END
       WHEN o_req AND NOT b_in THEN 'send_full_sunrise'
       WHEN o_req OR b_req THEN 'send_full'
       WHEN o_tier THEN 'send_reduced'
       ELSE 'none' END AS action,
  '{version}' AS rulebook_version
FROM f"""


def copy_decisions(job: Job, atlas: Atlas, query: Callable[[str, str], str],
                   setup: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> int:
    """Decide job.input with `query(source, version)` in one COPY, after `setup(con)`; returns rows decided."""
    con = lookup_connection(atlas, job.input, job.memory_limit)
    if setup:
        setup(con)
    source = f"read_parquet({quote(job.input)})"
    ts_type = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {source})")
                   .fetchall())["timestamp"]
    if ts_type != "TIMESTAMP":
        raise ValueError(f"this baseline reads typed (naive UTC) timestamps, got {ts_type}")
    con.execute("SET disabled_optimizers = 'join_order'")
    rows = con.execute(f"COPY ({query(source, atlas.version)}) "
                       f"TO {quote(job.out)} {PARQUET_OPTIONS}").fetchall()[0][0]
    con.close()
    return rows


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Decide job.input in one COPY; returns rows decided."""
    return copy_decisions(job, atlas, decide_sql)
