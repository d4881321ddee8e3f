"""The Travel Rule decision plan, written once in DuckDB SQL and transpiled for Spark.

Inputs (relations): `transfers` (the contract's columns, any types), the dated lookups
`fx_daily` and `tr_law_daily` and their code tables `fx_codes` and `tr_codes` (see lookup.py).
The plan types and checks each row, then decides with equality joins and comparisons only.
Each dated lookup is joined on one integer key, day number x n + code index (n: how many codes
the code table has): a code's index comes from a join on a tiny code table, so the large joins
compare integers, and no join condition links two lookups (the optimizer cannot pair them into a
large product). The keys are dense, so DuckDB joins them as arrays indexed by the key (a perfect
hash join) rather than through a hash table.

`decided_sql` keeps accepted rows with decision columns; `rejected_sql` keeps the others with
`reject_reason`. Both run the one CTE below over one list of CHECKS: the deciding pass filters
on the row-only checks and joins with inner joins (a row without a rate or a known jurisdiction
has no decision); the rejects pass joins with outer joins and names the first failed check.
Engines check rows_in == decided + rejected on every run.

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
from typing import Any, Literal, get_args

from regatlas.model.vocab import SelfHostedPolicy

# The days the rulebook is compiled for: transfers outside it are rejected as date_out_of_range.
DEFAULT_RANGE = (dt.date(2015, 1, 1), dt.date(2030, 12, 31))
# Lookup keys: the day's number in DEFAULT_RANGE (0 on its first day) x n + the code's index, n being
# the number of codes in the code table (its column `n`). Dense keys let DuckDB join the 10M-row
# benchmark through arrays (a perfect hash join, built when the key range is under about a
# million); day x 256 + index (1.03M keys for its eleven years) fell back to a hash table, and the
# three dated joins cost about 0.2 s more. Day-major keys keep the arrays of a short window small.


def day_number_sql(day: str) -> str:
    """The day's number in DEFAULT_RANGE, as SQL: the day's part of a lookup key.

    >>> day_number_sql("d.day")
    "DATE_DIFF('day', DATE '2015-01-01', d.day)"
    """
    return f"DATE_DIFF('day', DATE '{DEFAULT_RANGE[0].isoformat()}', {day})"


def key_sql(codes: str, day_number: str) -> str:
    """A lookup key from a code table's row (alias `codes`, columns idx and n) and a day number.

    >>> key_sql("c", "t._dd")
    't._dd * c.n + c.idx'
    """
    return f"{day_number} * {codes}.n + {codes}.idx"


DECISION_COLUMNS = (
    "transfer_date", "amount_eur", "originator_required", "beneficiary_required",
    "travel_rule_required", "sunrise", "self_hosted_check", "action", "rulebook_version",
)
COUNTERPARTY_TYPES = ("vasp", "self-hosted")
# Why a row is rejected: (reason, condition true for a bad row, whether the condition reads a
# lookup). The first true condition is the reason given. The deciding pass keeps a row when no
# row-only condition holds, and its inner joins drop rows a lookup condition would reject.
CHECKS: tuple[tuple[str, str, bool], ...] = (
    ("bad_timestamp", "_row_day IS NULL", False),
    ("date_out_of_range", "_day < DATE '{start}' OR _day > DATE '{end}'", False),
    ("bad_amount", "_amount IS NULL OR NOT (_amount <= 1e18)", False),
    ("negative_amount", "_amount < 0", False),
    ("no_reference_rate", "_per_eur IS NULL AND currency IN ({iso})", True),
    ("unknown_currency", "_per_eur IS NULL", True),
    ("unknown_originator_jurisdiction", "_o_known IS NULL", True),
    ("unknown_beneficiary_jurisdiction", "_b_known IS NULL", True),
    ("bad_counterparty_type", f"counterparty_type IS NULL OR counterparty_type NOT IN {COUNTERPARTY_TYPES}", False),
)


def _reason_sql(iso: str) -> str:
    whens = "\n".join(f"      WHEN {cond.replace('{iso}', iso)} THEN '{reason}'" for reason, cond, _ in CHECKS)
    return f"CASE\n{whens}\n    END"


# The rows passing every row-only check of CHECKS, written positively: a filter of plain
# comparisons that DuckDB pushes into the scan (the NOT coalesce(...) form of each check cost
# about 0.4 s CPU per 10M CSV rows). tests/test_screen.py evaluates both forms on edge values.
ROW_KEEP = ("_row_day IS NOT NULL AND _day BETWEEN DATE '{start}' AND DATE '{end}' AND _amount BETWEEN 0 AND 1e18"
            f" AND counterparty_type IN {COUNTERPARTY_TYPES}")


# Rows that could be rejected: a superset of the `checked` rejects, tested with cheap membership
# filters so that the rejects pass skips the joins for the (usually all) good rows. Any NULL makes
# a row a candidate; currencies count only when they have a rate on every day of the lookups.
CANDIDATES = """NOT coalesce(
    _day BETWEEN DATE '{start}' AND DATE '{end}' AND _amount >= 0 AND _amount <= 1e18
    AND counterparty_type IN """ + str(COUNTERPARTY_TYPES) + """
    AND currency IN (SELECT currency FROM fx_daily GROUP BY currency
                     HAVING count(*) = (SELECT count(DISTINCT day) FROM fx_daily))
    AND originator_jurisdiction IN (SELECT jurisdiction FROM tr_codes)
    AND beneficiary_jurisdiction IN (SELECT jurisdiction FROM tr_codes), false)"""


ACTIONS = ("block", "verify_self_hosted_ownership", "collect_and_record", "send_full_sunrise",
           "send_full", "send_reduced", "none")
SH_CHECKS = get_args(SelfHostedPolicy)


def enum_type(domain: tuple[str, ...]) -> str:
    """The SQL type ENUM of `domain`.

    >>> enum_type(("a", "b"))
    "ENUM('a', 'b')"
    """
    return f"ENUM({', '.join(repr(v) for v in domain)})"


def label(value: str, domain: tuple[str, ...]) -> str:
    """A constant label typed as an ENUM of its domain.

    DuckDB writes an ENUM column straight from its dictionary instead of hashing every row's
    string (about 0.25 s per 10M rows and column); to_spark drops the cast, Spark sees a string.
    """
    return f"CAST('{value}' AS {enum_type(domain)})"


Timestamp = Literal["text", "naive", "instant"]
"""How the input types `timestamp`: text (ISO 8601, perhaps with an offset), a timestamp without
time zone (read as UTC), or an instant (a timestamp with time zone)."""


def _utc_date(timestamp: Timestamp) -> str:
    """The UTC date of the row's timestamp, as SQL.

    Text is parsed with its offset. An instant's UTC date comes from its epoch microseconds: a
    date cast of a TIMESTAMPTZ converts through the session's calendar row by row (about 1 s per
    10M rows). A naive timestamp casts directly.
    """
    if timestamp == "text":
        return 'CAST(TRY_CAST("timestamp" AS TIMESTAMPTZ) AS DATE)'
    if timestamp == "instant":
        return "CAST(DATE '1970-01-01' + CAST(floor(epoch_us(\"timestamp\") / 86400000000) AS INTEGER) AS DATE)"
    return 'CAST("timestamp" AS DATE)'


def _parsed(timestamp: Timestamp, source: str) -> str:
    return f"""
WITH parsed AS (
  SELECT *, TRY_CAST(amount AS DOUBLE) AS _amount, {_utc_date(timestamp)} AS _row_day
  FROM {source}
)"""


def _counterparty_sql(sides: tuple[str, ...]) -> tuple[str, str]:
    """Select-list items and joins giving each side's counterparty status (registers/counterparty.py)."""
    if not sides:
        return "", ""
    from regatlas.registers.counterparty import join_sql, status_sql

    items = "".join(f",\n         {status_sql(side, 't._day')} AS _cp_{side},"
                    f" {status_sql(side, 't._day', 'reason')} AS _cp_{side}_reason" for side in sides)
    return items, "".join(f"\n  {join_sql(side, 't')}" for side in sides)


Rows = Literal["decided", "rejects"]
"""Which rows a plan keeps: the deciding pass's or the rejects pass's."""


def _code_joins(join: str, code_types: bool) -> str:
    """The joins giving each code its index: on the string, or on a typed code's ENUM position."""
    if code_types:
        return (f"{join} fx_codes cc ON cc.idx = enum_code(t.currency)\n"
                f"  {join} tr_codes oc ON oc.pos = enum_code(t.originator_jurisdiction)\n"
                f"  {join} tr_codes bc ON bc.pos = enum_code(t.beneficiary_jurisdiction)")
    return (f"{join} fx_codes cc ON cc.currency = t.currency\n"
            f"  {join} tr_codes oc ON oc.jurisdiction = t.originator_jurisdiction\n"
            f"  {join} tr_codes bc ON bc.jurisdiction = t.beneficiary_jurisdiction")


def _base(currencies: list[str], as_of: str | None, timestamp: Timestamp, rows: Rows,
          counterparty: tuple[str, ...] = (), source: str = "transfers", code_types: bool = False) -> str:
    iso = ", ".join(f"'{c}'" for c in currencies)
    cp_items, cp_joins = _counterparty_sql(() if rows == "rejects" else counterparty)
    amt = "_amount_eur"
    join = "JOIN" if rows == "decided" else "LEFT JOIN"
    keep = {"decided": ROW_KEEP, "rejects": CANDIDATES}[rows]
    day = f"CAST('{as_of}' AS DATE)" if as_of else "_row_day"
    number = day_number_sql(day)
    if rows == "rejects":  # a day outside DEFAULT_RANGE has no key (it would be another code's day)
        number = f"CASE WHEN {day} BETWEEN DATE '{{start}}' AND DATE '{{end}}' THEN {number} END"
    return _parsed(timestamp, source) + f""",
typed AS (
  SELECT * FROM (SELECT *, {day} AS _day, {number} AS _dd FROM parsed)
  WHERE {keep}
),
looked_up AS (
  SELECT t.*, t._amount / fx.per_eur AS _amount_eur, fx.per_eur AS _per_eur,
         o.k AS _o_known, o.full_from_eur AS _o_full_from,
         o.tier_from_eur AS _o_tier_from, o.sh_policy AS _o_sh_policy, o.sh_below AS _o_sh_below,
         o.sh_verify_from_eur AS _o_sh_from,
         b.k AS _b_known, b.full_from_eur AS _b_full_from{cp_items}
  FROM typed t
  {_code_joins(join, code_types)}
  {join} fx_daily fx ON fx.k = {key_sql('cc', 't._dd')}
  {join} tr_law_daily o ON o.k = {key_sql('oc', 't._dd')}
  {join} tr_law_daily b ON b.k = {key_sql('bc', 't._dd')}{cp_joins}
),
joined AS (
  SELECT *,
         -- a law in force has a full_from_eur and only such a law has one (lookup.py): reading its
         -- validity spares the plan a lookup per side (the arrays are read at random positions)
         _o_full_from IS NOT NULL AS _o_in_force, _b_full_from IS NOT NULL AS _b_in_force,
         coalesce({amt} >= _o_full_from, false) AS _o_req,
         coalesce({amt} >= _b_full_from, false) AS _b_req_law,
         coalesce({amt} >= _o_tier_from, false) AS _o_tier,
         -- below its threshold a policy applies as `sh_below` (ownership verification records)
         CASE WHEN counterparty_type = 'self-hosted' THEN
           coalesce(CASE WHEN {amt} < _o_sh_from THEN _o_sh_below ELSE _o_sh_policy END, {label('none', SH_CHECKS)})
         END AS _sh_policy_check
  FROM looked_up
),
checked AS (
  SELECT *,
    {"CAST(NULL AS VARCHAR)" if rows == "decided" else _reason_sql(iso)} AS reject_reason,
    counterparty_type = 'self-hosted' AS _self_hosted,
    counterparty_type = 'vasp' AND _b_req_law AS _b_req
  FROM joined
)"""


def _counterparty_columns(sides: tuple[str, ...], snapshots: str) -> str:
    """The counterparty_* decision columns: status, reason and the register snapshots read."""
    if not sides:
        return ""
    cols = [f"_cp_{side} AS counterparty_{side}_status, _cp_{side}_reason AS counterparty_{side}_reason"
            for side in sides]
    cols.append(f"{label(snapshots, (snapshots,))} AS counterparty_register")
    return ",\n    " + ",\n    ".join(cols)


def _vasp_action(o_req: bool, b_req: bool, b_in_force: bool, o_tier: bool) -> str:
    """The action towards a VASP counterparty (the same order as single.decide)."""
    if o_req and not b_in_force:
        return "send_full_sunrise"
    return "send_full" if o_req or b_req else "send_reduced" if o_tier else "none"


# The VASP actions as a list indexed by four bits: one lookup per row instead of a CASE whose
# conditions DuckDB re-evaluates branch by branch (about 0.25 s per 10M rows).
VASP_ACTIONS = tuple(_vasp_action(*(bool(i >> bit & 1) for bit in range(4))) for i in range(16))


def _decisions(version: str, sides: tuple[str, ...] = (), snapshots: str = "") -> str:
    act = {a: label(a, ACTIONS) for a in ACTIONS}
    vasp = ", ".join(act[a] for a in VASP_ACTIONS)
    return f"""
    _day AS transfer_date,
    _amount_eur AS amount_eur,
    _o_req AS originator_required,
    _b_req AS beneficiary_required,
    (_o_req OR _b_req) AS travel_rule_required,
    (NOT _self_hosted AND _o_in_force <> _b_in_force) AS sunrise,
    _sh_policy_check AS self_hosted_check,
    CASE
      WHEN _self_hosted THEN CASE _sh_policy_check
        WHEN 'prohibited' THEN {act['block']}
        WHEN 'verify_ownership' THEN {act['verify_self_hosted_ownership']}
        WHEN 'none' THEN CASE WHEN _o_req THEN {act['collect_and_record']} ELSE {act['none']} END
        ELSE {act['collect_and_record']} END
      ELSE list_extract([{vasp}], 1 + CAST(_o_req AS INTEGER) + 2 * CAST(_b_req AS INTEGER)
                                  + 4 * CAST(_b_in_force AS INTEGER) + 8 * CAST(_o_tier AS INTEGER))
    END AS action,
    {label(version, (version,))} AS rulebook_version{_counterparty_columns(sides, snapshots)}"""


def _cols(columns: list[str]) -> str:
    return ", ".join('"' + c.replace('"', '""') + '"' for c in columns)


def _currency_codes() -> tuple[str, ...]:
    # imported on first use: a single check imports this module for its key layout only, and
    # the code lists (pycountry and the rulebook models) cost it about 40 ms
    from regatlas.rulebook.checks.codes import all_currency_codes

    return all_currency_codes()


@dataclass(frozen=True)
class PlanOptions:
    """What the plan needs to know beyond the rulebook: input shape, currencies, date window."""

    columns: tuple[str, ...]
    version: str
    currencies: tuple[str, ...] = field(default_factory=lambda: _currency_codes())
    as_of: str | None = None
    timestamp: Timestamp = "text"
    start: str = DEFAULT_RANGE[0].isoformat()
    end: str = DEFAULT_RANGE[1].isoformat()
    counterparty: tuple[str, ...] = ()
    """Sides whose VASP LEI column the input has: their status is read from `cp_lei` and `cp_codes`."""
    register_snapshots: str = ""
    """The register snapshots those relations come from (written in `counterparty_register`)."""
    decisions_only: bool = False
    """Decisions keep only `id` of the input columns (rejects keep them all, to mend the rows)."""
    source: str = "transfers"
    """The relation holding the input rows."""
    code_types: bool = False
    """`currency`, the jurisdictions and `counterparty_type` are ENUMs typed by the reader in the
    code tables' order (lookup.code_enums): the plan joins the code tables on ENUM positions."""

    @property
    def kept_columns(self) -> tuple[str, ...]:
        """The input columns a decisions file carries before DECISION_COLUMNS."""
        return ("id",) if self.decisions_only else self.columns

    def base(self, rows: Rows = "decided") -> str:
        sql = _base(list(self.currencies), self.as_of, self.timestamp, rows, self.counterparty, self.source,
                    self.code_types)
        return sql.replace("{start}", self.start).replace("{end}", self.end)


def stats_sql(opts: PlanOptions) -> str:
    """Row count and first/last decision day of the input (sizes the lookup tables).

    A typed timestamp's date is monotonic in it: min and max come from Parquet footer
    statistics, without a scan. Text has to be parsed.
    """
    if opts.timestamp != "text":
        return f'SELECT count(*), CAST(min("timestamp") AS DATE), CAST(max("timestamp") AS DATE) FROM {opts.source}'
    return f"{_parsed('text', opts.source)}\nSELECT count(*), min(_row_day), max(_row_day) FROM parsed"


def decided_sql(opts: PlanOptions) -> str:
    """SQL selecting accepted rows: the input columns unchanged (only `id` with
    `decisions_only`), then DECISION_COLUMNS."""
    return (f"{opts.base()}\nSELECT {_cols(opts.kept_columns)},"
            f"{_decisions(opts.version, opts.counterparty, opts.register_snapshots)}\nFROM checked")


def rejected_sql(opts: PlanOptions) -> str:
    """SQL selecting rejected rows: the input columns unchanged plus `reject_reason`.

    Only rows failing a cheap membership test reach its (outer) joins; usually none do.
    """
    return (f"{opts.base('rejects')}\nSELECT {_cols(opts.columns)}, reject_reason, "
            f"'{opts.version}' AS rulebook_version\nFROM checked WHERE reject_reason IS NOT NULL")


def _spark_node(node: Any) -> Any:
    """A DuckDB expression node as Spark needs it: ENUM casts dropped (labels become strings) and
    list_extract (1-based) as ELEMENT_AT (1-based too; sqlglot shifts only some bracket indexes
    to Spark's 0-based ones, so the plan does not index with brackets)."""
    from sqlglot import exp

    if isinstance(node, exp.Cast) and node.to.this == exp.DataType.Type.ENUM:
        return node.this
    if isinstance(node, exp.Anonymous) and str(node.this).lower() == "list_extract":
        return exp.Anonymous(this="ELEMENT_AT", expressions=[e.transform(_spark_node) for e in node.expressions])
    return node


def to_spark(sql: str) -> str:
    """The same plan in Spark SQL (sqlglot transpiles DuckDB to Spark; labels become strings)."""
    import sqlglot  # only for Spark: a single check never transpiles

    return sqlglot.parse_one(sql, read="duckdb").transform(_spark_node).sql("spark", pretty=True)
