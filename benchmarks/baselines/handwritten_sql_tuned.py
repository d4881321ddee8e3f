"""Baseline (c'): the hand-written DuckDB query (c) given regatlas's physical design by hand.

The same decision and output as (c), written with the four things that make regatlas's plan
fast: joins on one integer key (day number x n + code index, index and n from a tiny code
table), thresholds pre-folded into "applies from" euro amounts (one >= comparison each), labels
typed as ENUMs (DuckDB writes them from the dictionary), and the input's code columns cast to
ENUMs of the known codes (written from the dictionary too; the code tables joined on the ENUM
position). It reads the same lookups.
This is the best query I could write by hand; regatlas's generated plan is measured against it.
"""

from __future__ import annotations

from typing import Any

import duckdb

from baselines.common import ACTIONS, CHECKS, INPUT_COLUMNS, WINDOW_END, WINDOW_START, Job
from baselines.handwritten_sql import copy_decisions
from regatlas.store.atlas import Atlas

LABEL = "(c') hand-written DuckDB SQL, integer keys + ENUM labels and codes"


def _enum(domain: tuple[str, ...]) -> str:
    return "ENUM(" + ", ".join(f"'{v}'" for v in domain) + ")"


def _code_types(con: duckdb.DuckDBPyConnection) -> None:
    """ENUM types of the known codes, in the code tables' order (fx_codes.idx, tr_codes.pos)."""
    currencies = tuple(r[0] for r in con.execute("SELECT currency FROM fx_codes ORDER BY idx").fetchall())
    codes = tuple(r[0] for r in con.execute("SELECT jurisdiction FROM tr_codes ORDER BY pos").fetchall())
    con.execute(f"CREATE TYPE currency_code AS {_enum(currencies)}")
    con.execute(f"CREATE TYPE jurisdiction_code AS {_enum(codes)}")
    con.execute(f"CREATE TYPE counterparty AS {_enum(('vasp', 'self-hosted'))}")


def decide_sql(source: str, version: str) -> str:
    """The query: `source` (a relation with the input columns) -> input columns + decisions."""
    cols = ", ".join(f'"{c}"' for c in INPUT_COLUMNS)
    act = {a: f"CAST('{a}' AS {_enum(ACTIONS)})" for a in ACTIONS}
    coded = ("TRY_CAST(originator_jurisdiction AS jurisdiction_code) AS originator_jurisdiction, "
             "TRY_CAST(beneficiary_jurisdiction AS jurisdiction_code) AS beneficiary_jurisdiction, "
             "TRY_CAST(currency AS currency_code) AS currency, TRY_CAST(counterparty_type AS counterparty) "
             "AS counterparty_type")
    return f"""
WITH t AS (
  SELECT {cols}, CAST("timestamp" AS DATE) AS _day,
         DATE_DIFF('day', DATE '{WINDOW_START}', CAST("timestamp" AS DATE)) AS dn
  FROM (SELECT * REPLACE ({coded}) FROM {source})
  WHERE amount >= 0 AND amount <= 1e18 AND counterparty_type IN ('vasp', 'self-hosted')
    AND CAST("timestamp" AS DATE) BETWEEN DATE '{WINDOW_START}' AND DATE '{WINDOW_END}'
),
d AS (
  SELECT t.*, t.amount / fx.per_eur AS amount_eur, o.in_force AS o_in, b.in_force AS b_in,
         o.full_from_eur AS o_from, b.full_from_eur AS b_from, o.tier_from_eur AS o_tier_from,
         o.sh_policy, o.sh_verify_from_eur AS sh_from
  FROM t
  JOIN fx_codes cc ON cc.idx = enum_code(t.currency)
  JOIN tr_codes oc ON oc.pos = enum_code(t.originator_jurisdiction)
  JOIN tr_codes bc ON bc.pos = enum_code(t.beneficiary_jurisdiction)
  JOIN fx_daily fx ON fx.k = t.dn * cc.n + cc.idx
  JOIN tr_law_daily o ON o.k = t.dn * oc.n + oc.idx
  JOIN tr_law_daily b ON b.k = t.dn * bc.n + bc.idx
),
f AS (
  SELECT *,
    coalesce(amount_eur >= o_from, false) AS o_req,
    counterparty_type = 'vasp' AND coalesce(amount_eur >= b_from, false) AS b_req,
    coalesce(amount_eur >= o_tier_from, false) AS o_tier,
    counterparty_type = 'self-hosted' AS sh,
    CASE WHEN sh_policy = 'verify_ownership' AND amount_eur < sh_from THEN 'record'
         ELSE sh_policy END AS sh_check
  FROM d
)
SELECT {cols}, _day AS transfer_date, amount_eur,
  o_req AS originator_required, b_req AS beneficiary_required,
  o_req OR b_req AS travel_rule_required,
  NOT sh AND o_in <> b_in AS sunrise,
  CASE WHEN sh THEN CAST(sh_check AS {_enum(CHECKS)}) END AS self_hosted_check,
  CASE WHEN sh THEN CASE WHEN sh_check = 'prohibited' THEN {act['block']}
                         WHEN sh_check = 'verify_ownership' THEN {act['verify_self_hosted_ownership']}
                         WHEN o_req OR sh_check IN ('record', 'risk_based') THEN {act['collect_and_record']}
                         ELSE {act['none']} END
       WHEN o_req AND NOT b_in THEN {act['send_full_sunrise']}
       WHEN o_req OR b_req THEN {act['send_full']}
       WHEN o_tier THEN {act['send_reduced']}
       ELSE {act['none']} END AS action,
  CAST('{version}' AS ENUM('{version}')) AS rulebook_version
FROM f"""


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Decide job.input in one COPY; returns rows decided."""
    return copy_decisions(job, atlas, decide_sql, _code_types)
