"""Baselines (c'') and (c'''): the hand-written decision as a Polars lazy query, streamed to Parquet.

Scan the typed Parquet input, join the per-day lookups (read from DuckDB into Polars frames),
compute the decision with `when/then` expressions and `sink_parquet` (zstd level 1, as regatlas).
Accepted rows only, like the hand-written SQL.
  - `run` joins on (code, day) and compares with each threshold's inclusive flag: the query as
    one would first write it;
  - `run_tuned` is the best I could write: regatlas's physical design by hand (integer keys from
    tiny code tables, thresholds pre-folded into "applies from" amounts, Enum labels).
"""

from __future__ import annotations

from typing import Any

from baselines.common import ACTIONS, CHECKS, INPUT_COLUMNS, WINDOW_END, WINDOW_START, Job, lookup_connection
from regatlas.store.atlas import Atlas

LABEL = "(c'') hand-written Polars lazy query"
LABEL_TUNED = "(c''') hand-written Polars, integer keys + Enum labels"


def _frame(con: Any, sql: str) -> Any:
    import polars as pl

    return pl.from_arrow(con.sql(sql).to_arrow_table())


def _scan(path: Any) -> Any:
    """The input with its decision day, the row-only checks applied."""
    import polars as pl

    return (pl.scan_parquet(path)
            .with_columns(pl.col("timestamp").dt.date().alias("transfer_date"))
            .filter(pl.col("amount").is_between(0, 1e18)
                    & pl.col("counterparty_type").is_in(["vasp", "self-hosted"])
                    & pl.col("transfer_date").is_between(WINDOW_START, WINDOW_END)))


def _finish(joined: Any, check: Any, version: str, tuned: bool) -> Any:
    """Decision columns from a frame with amount_eur, required flags, in-force flags and _tier."""
    import polars as pl

    o_req, b_req = pl.col("originator_required"), pl.col("beneficiary_required")
    o_in, b_in = pl.col("o_in_force"), pl.col("b_in_force")
    sh = pl.col("counterparty_type") == "self-hosted"
    action = (
        pl.when(sh & (check == "prohibited")).then(pl.lit("block"))
        .when(sh & (check == "verify_ownership")).then(pl.lit("verify_self_hosted_ownership"))
        .when(sh & (o_req | check.is_in(["record", "risk_based"]))).then(pl.lit("collect_and_record"))
        .when(sh).then(pl.lit("none"))
        .when(o_req & ~b_in).then(pl.lit("send_full_sunrise"))
        .when(o_req | b_req).then(pl.lit("send_full"))
        .when(pl.col("_tier")).then(pl.lit("send_reduced"))
        .otherwise(pl.lit("none")))
    sh_check, version_col = pl.when(sh).then(check), pl.lit(version)
    if tuned:
        action, sh_check = action.cast(pl.Enum(list(ACTIONS))), sh_check.cast(pl.Enum(list(CHECKS)))
        version_col = version_col.cast(pl.Enum([version]))
    return joined.select(*INPUT_COLUMNS, "transfer_date", "amount_eur", o_req, b_req,
                         (o_req | b_req).alias("travel_rule_required"),
                         (~sh & (o_in != b_in)).alias("sunrise"),
                         sh_check.alias("self_hosted_check"), action.alias("action"),
                         version_col.alias("rulebook_version"))


def _sink(plan: Any, out: Any) -> int:
    import polars as pl

    plan.sink_parquet(out, compression="zstd", compression_level=1)
    return pl.scan_parquet(out).select(pl.len()).collect().item()


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Decide job.input with Polars, each code to its law, then joining on (law, day); returns rows decided."""
    import polars as pl

    con = lookup_connection(atlas, job.input, job.memory_limit)
    law = _frame(con, "SELECT jurisdiction, day, in_force, threshold_eur, threshold_inclusive, "
                      "tier_min_eur, sh_policy, sh_threshold_eur, sh_inclusive FROM tr_law_daily")
    fx = _frame(con, "SELECT currency, day, per_eur FROM fx_daily")
    code_law = _frame(con, "SELECT code, law FROM tr_code_law")
    con.close()
    o = law.select(pl.all().name.prefix("o_"))
    b = law.select(pl.col("jurisdiction", "day", "in_force", "threshold_eur", "threshold_inclusive")
                   .name.prefix("b_"))
    amt = pl.col("amount_eur")

    def over(threshold: str, inclusive: str) -> pl.Expr:
        return pl.when(pl.col(inclusive)).then(amt >= pl.col(threshold)).otherwise(amt > pl.col(threshold))

    o_in, b_in = pl.col("o_in_force"), pl.col("b_in_force")
    policy = pl.col("o_sh_policy")
    sh_check = (
        pl.when(policy == "verify_ownership").then(
            pl.when(pl.col("o_sh_threshold_eur").is_null() | over("o_sh_threshold_eur", "o_sh_inclusive"))
            .then(pl.lit("verify_ownership")).otherwise(pl.lit("record")))
        .when(policy.is_in(["prohibited", "record", "risk_based"])).then(policy)
        .otherwise(pl.lit("none")))
    joined = (
        _scan(job.input)
        .join(fx.lazy(), left_on=["currency", "transfer_date"], right_on=["currency", "day"])
        .join(code_law.lazy().rename({"code": "originator_jurisdiction", "law": "_o_law"}),
              on="originator_jurisdiction")
        .join(code_law.lazy().rename({"code": "beneficiary_jurisdiction", "law": "_b_law"}),
              on="beneficiary_jurisdiction")
        .join(o.lazy(), left_on=["_o_law", "transfer_date"], right_on=["o_jurisdiction", "o_day"])
        .join(b.lazy(), left_on=["_b_law", "transfer_date"], right_on=["b_jurisdiction", "b_day"])
        .with_columns((pl.col("amount") / pl.col("per_eur")).alias("amount_eur"))
        .with_columns(
            (o_in & over("o_threshold_eur", "o_threshold_inclusive")).alias("originator_required"),
            ((pl.col("counterparty_type") == "vasp") & b_in & over("b_threshold_eur", "b_threshold_inclusive"))
            .alias("beneficiary_required"),
            (o_in & (amt >= pl.col("o_tier_min_eur")).fill_null(False)).alias("_tier"),
            sh_check.alias("_sh_check")))
    return _sink(_finish(joined, pl.col("_sh_check"), atlas.version, tuned=False), job.out)


def run_tuned(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Decide job.input with Polars, joining on integer keys; returns rows decided."""
    import polars as pl

    con = lookup_connection(atlas, job.input, job.memory_limit)
    law = _frame(con, "SELECT k, in_force, full_from_eur, tier_from_eur, sh_policy, sh_verify_from_eur "
                      "FROM tr_law_daily")
    fx = _frame(con, "SELECT k AS fx_k, per_eur FROM fx_daily")
    codes = _frame(con, "SELECT jurisdiction, idx, n FROM tr_codes")
    currencies = _frame(con, "SELECT currency, idx AS c_idx, n AS c_n FROM fx_codes")
    con.close()
    o = law.select(pl.all().name.prefix("o_"))
    b = law.select(pl.col("k", "in_force", "full_from_eur").name.prefix("b_"))
    amt = pl.col("amount_eur")
    day = (pl.col("transfer_date") - pl.lit(WINDOW_START)).dt.total_days()
    policy = pl.col("o_sh_policy")
    joined = (
        _scan(job.input)
        .join(currencies.lazy(), on="currency")
        .join(codes.lazy().rename({"jurisdiction": "originator_jurisdiction", "idx": "o_idx", "n": "o_n"}),
              on="originator_jurisdiction")
        .join(codes.lazy().rename({"jurisdiction": "beneficiary_jurisdiction", "idx": "b_idx", "n": "b_n"}),
              on="beneficiary_jurisdiction")
        .with_columns((day * pl.col("c_n") + pl.col("c_idx")).alias("fx_k"),
                      (day * pl.col("o_n") + pl.col("o_idx")).alias("o_k"),
                      (day * pl.col("b_n") + pl.col("b_idx")).alias("b_k"))
        .join(fx.lazy(), on="fx_k").join(o.lazy(), on="o_k").join(b.lazy(), on="b_k")
        .with_columns((pl.col("amount") / pl.col("per_eur")).alias("amount_eur"))
        .with_columns(
            (amt >= pl.col("o_full_from_eur")).fill_null(False).alias("originator_required"),
            ((pl.col("counterparty_type") == "vasp") & (amt >= pl.col("b_full_from_eur")).fill_null(False))
            .alias("beneficiary_required"),
            (amt >= pl.col("o_tier_from_eur")).fill_null(False).alias("_tier"),
            pl.when((policy == "verify_ownership") & (amt < pl.col("o_sh_verify_from_eur")))
            .then(pl.lit("record")).otherwise(policy).alias("_sh_check")))
    return _sink(_finish(joined, pl.col("_sh_check"), atlas.version, tuned=True), job.out)
