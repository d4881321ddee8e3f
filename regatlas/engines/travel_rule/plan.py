"""The Travel Rule decision plan, written once in DuckDB SQL and transpiled for Spark.

Inputs (relations): `transfers` (the contract's columns, any types), `fx_daily` and
`tr_law_daily` (see lookup.py). The plan types and checks each row, then decides with equality
joins and comparisons only. `decided_sql` keeps accepted rows with decision columns;
`rejected_sql` keeps the others with `reject_reason`. Both share one CTE, so an accepted and a
rejected row can never be decided by two different copies of the logic.

The VASP applying the decision is the originator's VASP (in `originator_jurisdiction`);
`counterparty_type` describes the beneficiary side.

>>> opts = PlanOptions(columns=("id", "timestamp"), version="v1")
>>> "tr_law_daily" in decided_sql(opts)
True
>>> "`timestamp`" in to_spark(decided_sql(opts))
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlglot

from regatlas.rulebook.checks.codes import all_currency_codes

# The days the rulebook is compiled for: transfers outside it are rejected as date_out_of_range.
DEFAULT_RANGE = (dt.date(2015, 1, 1), dt.date(2030, 12, 31))

DECISION_COLUMNS = (
    "transfer_date", "amount_eur", "originator_required", "beneficiary_required",
    "travel_rule_required", "sunrise", "self_hosted_check", "action", "rulebook_version",
)
REJECT_REASONS = (
    "bad_timestamp", "date_out_of_range", "bad_amount", "negative_amount", "unknown_currency",
    "no_reference_rate", "unknown_originator_jurisdiction", "unknown_beneficiary_jurisdiction",
    "bad_counterparty_type",
)


def _over(amount: str, threshold: str, inclusive: str) -> str:
    return f"(CASE WHEN {inclusive} THEN {amount} >= {threshold} ELSE {amount} > {threshold} END)"


# Rows that could be rejected: a superset of the `checked` rejects, tested with cheap membership
# filters so that the rejects pass skips the joins for the (usually all) good rows. Any NULL makes
# a row a candidate; currencies count only when they have a rate on every day of the lookups.
CANDIDATES = """NOT coalesce(
    _day BETWEEN DATE '{start}' AND DATE '{end}' AND _amount >= 0 AND _amount <= 1e18
    AND counterparty_type IN ('vasp', 'self-hosted')
    AND currency IN (SELECT currency FROM fx_daily GROUP BY currency
                     HAVING count(*) = (SELECT count(DISTINCT day) FROM fx_daily))
    AND originator_jurisdiction IN (SELECT DISTINCT jurisdiction FROM tr_law_daily)
    AND beneficiary_jurisdiction IN (SELECT DISTINCT jurisdiction FROM tr_law_daily), false)"""


def _parsed(timestamp_is_text: bool) -> str:
    # Text may carry an offset: parse with time zone, take the UTC date. A typed timestamp is
    # already an instant (or naive, read as UTC): a plain date cast avoids per-row zone lookups.
    ts = 'TRY_CAST("timestamp" AS TIMESTAMPTZ)' if timestamp_is_text else '"timestamp"'
    return f"""
WITH parsed AS (
  SELECT *, TRY_CAST(amount AS DOUBLE) AS _amount, CAST({ts} AS DATE) AS _row_day
  FROM transfers
)"""


def _base(currencies: list[str], as_of: str | None, timestamp_is_text: bool, only_candidates: bool) -> str:
    iso = ", ".join(f"'{c}'" for c in currencies)
    amt = "t._amount / fx.per_eur"
    return _parsed(timestamp_is_text) + f""",
typed AS (
  SELECT * FROM (SELECT *, {f"CAST('{as_of}' AS DATE)" if as_of else "_row_day"} AS _day FROM parsed)
  {"WHERE " + CANDIDATES if only_candidates else ""}
),
joined AS (
  SELECT t.*, {amt} AS _amount_eur,
         fx.per_eur AS _per_eur, o.jurisdiction AS _o_known, b.jurisdiction AS _b_known,
         coalesce(o.in_force, false) AS _o_in_force, coalesce(b.in_force, false) AS _b_in_force,
         coalesce(o.in_force, false) AND {_over(amt, 'o.threshold_eur', 'o.threshold_inclusive')} AS _o_req,
         coalesce(b.in_force, false) AND {_over(amt, 'b.threshold_eur', 'b.threshold_inclusive')} AS _b_req_law,
         coalesce(o.in_force, false) AND o.tier_min_eur IS NOT NULL AND {amt} >= o.tier_min_eur AS _o_tier,
         CASE o.sh_policy
           WHEN 'prohibited' THEN 'prohibited'
           WHEN 'verify_ownership' THEN CASE WHEN o.sh_threshold_eur IS NULL
                OR {_over(amt, 'o.sh_threshold_eur', 'o.sh_inclusive')} THEN 'verify_ownership' ELSE 'record' END
           WHEN 'record' THEN 'record'
           WHEN 'risk_based' THEN 'risk_based'
           ELSE 'none' END AS _sh_policy_check
  FROM typed t
  LEFT JOIN fx_daily fx ON fx.currency = t.currency AND fx.day = t._day
  LEFT JOIN tr_law_daily o ON o.jurisdiction = t.originator_jurisdiction AND o.day = t._day
  LEFT JOIN tr_law_daily b ON b.jurisdiction = t.beneficiary_jurisdiction AND b.day = t._day
),
checked AS (
  SELECT *,
    CASE
      WHEN _row_day IS NULL THEN 'bad_timestamp'
      WHEN _day < DATE '{{start}}' OR _day > DATE '{{end}}' THEN 'date_out_of_range'
      WHEN _amount IS NULL OR NOT (_amount <= 1e18) THEN 'bad_amount'
      WHEN _amount < 0 THEN 'negative_amount'
      WHEN _per_eur IS NULL AND currency IN ({iso}) THEN 'no_reference_rate'
      WHEN _per_eur IS NULL THEN 'unknown_currency'
      WHEN _o_known IS NULL THEN 'unknown_originator_jurisdiction'
      WHEN _b_known IS NULL THEN 'unknown_beneficiary_jurisdiction'
      WHEN counterparty_type IS NULL OR counterparty_type NOT IN ('vasp', 'self-hosted')
        THEN 'bad_counterparty_type'
    END AS reject_reason,
    counterparty_type = 'self-hosted' AS _self_hosted,
    counterparty_type = 'vasp' AND _b_req_law AS _b_req
  FROM joined
)"""


def _decisions(version: str) -> str:
    return f"""
    _day AS transfer_date,
    _amount_eur AS amount_eur,
    _o_req AS originator_required,
    _b_req AS beneficiary_required,
    (_o_req OR _b_req) AS travel_rule_required,
    (NOT _self_hosted AND _o_in_force <> _b_in_force) AS sunrise,
    CASE WHEN _self_hosted THEN _sh_policy_check END AS self_hosted_check,
    CASE
      WHEN _self_hosted AND _sh_policy_check = 'prohibited' THEN 'block'
      WHEN _self_hosted AND _sh_policy_check = 'verify_ownership' THEN 'verify_self_hosted_ownership'
      WHEN _self_hosted AND (_o_req OR _sh_policy_check IN ('record', 'risk_based')) THEN 'collect_and_record'
      WHEN _self_hosted THEN 'none'
      WHEN _o_req AND NOT _b_in_force THEN 'send_full_sunrise'
      WHEN _o_req OR _b_req THEN 'send_full'
      WHEN _o_tier THEN 'send_reduced'
      ELSE 'none'
    END AS action,
    '{version}' AS rulebook_version"""


def _cols(columns: list[str]) -> str:
    return ", ".join('"' + c.replace('"', '""') + '"' for c in columns)


@dataclass(frozen=True)
class PlanOptions:
    """What the plan needs to know beyond the rulebook: input shape, currencies, date window."""

    columns: tuple[str, ...]
    version: str
    currencies: tuple[str, ...] = field(default_factory=all_currency_codes)
    as_of: str | None = None
    timestamp_is_text: bool = True
    start: str = DEFAULT_RANGE[0].isoformat()
    end: str = DEFAULT_RANGE[1].isoformat()

    def base(self, only_candidates: bool = False) -> str:
        sql = _base(list(self.currencies), self.as_of, self.timestamp_is_text, only_candidates)
        return sql.replace("{start}", self.start).replace("{end}", self.end)


def stats_sql(opts: PlanOptions) -> str:
    """Row count and first/last decision day of the input (sizes the lookup tables)."""
    return f"{_parsed(opts.timestamp_is_text)}\nSELECT count(*), min(_row_day), max(_row_day) FROM parsed"


def decided_sql(opts: PlanOptions) -> str:
    """SQL selecting accepted rows: the input columns unchanged, then DECISION_COLUMNS."""
    return (f"{opts.base()}\nSELECT {_cols(opts.columns)},{_decisions(opts.version)}\n"
            f"FROM checked WHERE reject_reason IS NULL")


def rejected_sql(opts: PlanOptions) -> str:
    """SQL selecting rejected rows: the input columns unchanged plus `reject_reason`."""
    return (f"{opts.base(only_candidates=True)}\nSELECT {_cols(opts.columns)}, reject_reason, "
            f"'{opts.version}' AS rulebook_version\nFROM checked WHERE reject_reason IS NOT NULL")


def to_spark(sql: str) -> str:
    """The same plan in Spark SQL (sqlglot transpiles DuckDB to Spark)."""
    return sqlglot.transpile(sql, read="duckdb", write="spark", pretty=True)[0]
