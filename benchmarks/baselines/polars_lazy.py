"""Baseline (c'): the same hand-written decision as a Polars lazy query, streamed to Parquet.

Scan the typed Parquet input, join the per-day lookups (read from DuckDB into Polars frames)
on (code, day), compute the decision with `when/then` expressions and `sink_parquet` (zstd
level 1, as regatlas).
Accepted rows only, like the hand-written SQL.
"""

from __future__ import annotations

from typing import Any

from baselines.common import INPUT_COLUMNS, WINDOW_END, WINDOW_START, Job, lookup_connection
from regatlas.store.atlas import Atlas

LABEL = "(c') hand-written Polars lazy query"


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Decide job.input with Polars; returns rows decided."""
    import polars as pl

    con = lookup_connection(atlas, job.input, job.memory_limit)
    law = pl.from_arrow(con.sql(
        "SELECT jurisdiction, day, in_force, threshold_eur, threshold_inclusive, tier_min_eur, "
        "sh_policy, sh_threshold_eur, sh_inclusive FROM tr_law_daily").to_arrow_table())
    fx = pl.from_arrow(con.sql("SELECT currency, day, per_eur FROM fx_daily").to_arrow_table())
    con.close()
    o = law.select(pl.all().name.prefix("o_"))
    b = law.select(pl.col("jurisdiction", "day", "in_force", "threshold_eur", "threshold_inclusive")
                   .name.prefix("b_"))

    amt = pl.col("amount_eur")

    def over(threshold: str, inclusive: str) -> pl.Expr:
        return pl.when(pl.col(inclusive)).then(amt >= pl.col(threshold)).otherwise(amt > pl.col(threshold))

    o_in, b_in = pl.col("o_in_force"), pl.col("b_in_force")
    sh = pl.col("counterparty_type") == "self-hosted"
    policy = pl.col("o_sh_policy")
    sh_check = (
        pl.when(policy == "verify_ownership").then(
            pl.when(pl.col("o_sh_threshold_eur").is_null() | over("o_sh_threshold_eur", "o_sh_inclusive"))
            .then(pl.lit("verify_ownership")).otherwise(pl.lit("record")))
        .when(policy.is_in(["prohibited", "record", "risk_based"])).then(policy)
        .otherwise(pl.lit("none")))
    o_req, b_req, check = pl.col("originator_required"), pl.col("beneficiary_required"), pl.col("_sh_check")
    action = (
        pl.when(sh & (check == "prohibited")).then(pl.lit("block"))
        .when(sh & (check == "verify_ownership")).then(pl.lit("verify_self_hosted_ownership"))
        .when(sh & (o_req | check.is_in(["record", "risk_based"]))).then(pl.lit("collect_and_record"))
        .when(sh).then(pl.lit("none"))
        .when(o_req & ~b_in).then(pl.lit("send_full_sunrise"))
        .when(o_req | b_req).then(pl.lit("send_full"))
        .when(pl.col("_tier")).then(pl.lit("send_reduced"))
        .otherwise(pl.lit("none")))
    plan = (
        pl.scan_parquet(job.input)
        .with_columns(pl.col("timestamp").dt.date().alias("transfer_date"))
        .filter(pl.col("amount").is_between(0, 1e18)
                & pl.col("counterparty_type").is_in(["vasp", "self-hosted"])
                & pl.col("transfer_date").is_between(WINDOW_START, WINDOW_END))
        .join(fx.lazy(), left_on=["currency", "transfer_date"], right_on=["currency", "day"])
        .join(o.lazy(), left_on=["originator_jurisdiction", "transfer_date"], right_on=["o_jurisdiction", "o_day"])
        .join(b.lazy(), left_on=["beneficiary_jurisdiction", "transfer_date"], right_on=["b_jurisdiction", "b_day"])
        .with_columns((pl.col("amount") / pl.col("per_eur")).alias("amount_eur"))
        .with_columns(
            (o_in & over("o_threshold_eur", "o_threshold_inclusive")).alias("originator_required"),
            ((pl.col("counterparty_type") == "vasp") & b_in & over("b_threshold_eur", "b_threshold_inclusive"))
            .alias("beneficiary_required"),
            (o_in & (amt >= pl.col("o_tier_min_eur")).fill_null(False)).alias("_tier"),
            sh_check.alias("_sh_check"))
        .select(*INPUT_COLUMNS, "transfer_date", "amount_eur", o_req, b_req,
                (o_req | b_req).alias("travel_rule_required"),
                (~sh & (o_in != b_in)).alias("sunrise"),
                pl.when(sh).then(check).alias("self_hosted_check"),
                action.alias("action"),
                pl.lit(atlas.version).alias("rulebook_version")))
    plan.sink_parquet(job.out, compression="zstd", compression_level=1)
    return pl.scan_parquet(job.out).select(pl.len()).collect().item()
