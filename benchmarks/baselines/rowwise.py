"""The per-row harness shared by the plain-Python and zen-engine baselines.

It does what a per-row implementation has to do around the decision itself: load the day
lookups into dicts, stream the input in Arrow batches, look up each row's law and rate, reject
the rows regatlas would reject (same reasons, same order), hand the rest to a `Decider`, and
write the accepted rows with their decisions to Parquet. Only the decision differs per baseline.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import pyarrow as pa
import pyarrow.parquet as pq

from baselines.common import INPUT_COLUMNS, WINDOW_END, WINDOW_START, Job, lookup_connection
from regatlas.rulebook.checks.codes import all_currency_codes
from regatlas.store.atlas import Atlas

BATCH_ROWS = 65_536


class LawDay(NamedTuple):
    """One jurisdiction's Travel Rule on one day, thresholds in euro (a `tr_law_daily` row)."""

    in_force: bool
    threshold_eur: float
    threshold_inclusive: bool | None
    tier_min_eur: float | None
    sh_policy: str | None
    sh_threshold_eur: float | None
    sh_inclusive: bool | None


class Decision(NamedTuple):
    """The decision columns a baseline computes for one accepted row."""

    originator_required: bool
    beneficiary_required: bool
    travel_rule_required: bool
    sunrise: bool
    self_hosted_check: str | None
    action: str


@dataclass
class Row:
    """An accepted transfer with what its decision needs."""

    amount_eur: float
    counterparty_type: str
    o: LawDay
    b: LawDay


# A decider turns a list of accepted rows into their decisions (a batch lets engines batch calls).
Decider = Callable[[list[Row]], list[Decision]]

_SCHEMA = [("transfer_date", pa.date32()), ("amount_eur", pa.float64()),
           ("originator_required", pa.bool_()), ("beneficiary_required", pa.bool_()),
           ("travel_rule_required", pa.bool_()), ("sunrise", pa.bool_()),
           ("self_hosted_check", pa.string()), ("action", pa.string()), ("rulebook_version", pa.string())]


@dataclass
class Lookups:
    """`tr_law_daily` and `fx_daily` as dicts keyed by (law or currency, day), and each code's law."""

    laws: dict[tuple[str, dt.date], LawDay]
    fx: dict[tuple[str, dt.date], float]
    code_law: dict[str, str]

    def law(self, code: str | None, day: dt.date) -> LawDay | None:
        """The Travel Rule that applies to `code` on `day` (None for a code the atlas does not know)."""
        name = self.code_law.get(code or "")
        return None if name is None else self.laws.get((name, day))

    @classmethod
    def load(cls, atlas: Atlas, job: Job) -> Lookups:
        """Build the lookups for the input's days with regatlas and read them into dicts."""
        con = lookup_connection(atlas, job.input, job.memory_limit)
        law = {(r[0], r[1]): LawDay(*r[2:]) for r in con.execute(
            "SELECT jurisdiction, day, in_force, threshold_eur, threshold_inclusive, tier_min_eur, "
            "sh_policy, sh_threshold_eur, sh_inclusive FROM tr_law_daily").fetchall()}
        fx = {(r[0], r[1]): r[2] for r in con.execute(
            "SELECT currency, day, per_eur FROM fx_daily").fetchall()}
        code_law = dict(con.execute("SELECT code, law FROM tr_code_law").fetchall())
        con.close()
        return cls(law, fx, code_law)


def reject_reason(day: dt.date | None, amount: float | None, currency: str, per_eur: float | None,
                  o: LawDay | None, b: LawDay | None, counterparty_type: str | None,
                  iso: frozenset[str]) -> str | None:
    """Why regatlas would reject a (typed) row, checked in the plan's order; None if accepted."""
    if day is None:
        return "bad_timestamp"
    if day < WINDOW_START or day > WINDOW_END:
        return "date_out_of_range"
    if amount is None or math.isnan(amount) or amount > 1e18:
        return "bad_amount"
    if amount < 0:
        return "negative_amount"
    if per_eur is None:
        return "no_reference_rate" if currency in iso else "unknown_currency"
    if o is None:
        return "unknown_originator_jurisdiction"
    if b is None:
        return "unknown_beneficiary_jurisdiction"
    if counterparty_type not in ("vasp", "self-hosted"):
        return "bad_counterparty_type"
    return None


def _batches(job: Job) -> Iterator[pa.RecordBatch]:
    yield from pq.ParquetFile(job.input).iter_batches(batch_size=BATCH_ROWS, columns=list(INPUT_COLUMNS))


def screen_rows(job: Job, atlas: Atlas, decide: Decider, stats: dict) -> int:
    """Decide every row of job.input with `decide`; write accepted rows to job.out; rows decided.

    stats['setup_s'] gets the time spent loading the lookups (a one-off cost, about a second).
    """
    started = time.perf_counter()
    lookups = Lookups.load(atlas, job)
    stats["setup_s"] = time.perf_counter() - started
    iso = frozenset(all_currency_codes())
    writer: pq.ParquetWriter | None = None
    decided = rejected = 0
    try:
        for batch in _batches(job):
            keep: list[int] = []
            rows: list[Row] = []
            days: list[dt.date] = []
            amounts_eur: list[float] = []
            columns = [batch.column(i).to_pylist() for i in range(1, 7)]
            for i, (ts, o_code, b_code, amount, currency, cp) in enumerate(zip(*columns)):
                day = ts.date() if ts is not None else None
                per_eur = lookups.fx.get((currency, day))
                o = lookups.law(o_code, day)
                b = lookups.law(b_code, day)
                if reject_reason(day, amount, currency, per_eur, o, b, cp, iso) is not None:
                    rejected += 1
                    continue
                amount_eur = amount / per_eur
                keep.append(i)
                rows.append(Row(amount_eur, cp, o, b))
                days.append(day)
                amounts_eur.append(amount_eur)
            decisions = decide(rows)
            columns_out = [days, amounts_eur, *map(list, zip(*decisions))] if decisions else \
                [[] for _ in range(8)]
            columns_out.append([atlas.version] * len(keep))
            accepted = batch.take(pa.array(keep, pa.int32()))
            out = pa.RecordBatch.from_arrays(
                accepted.columns + [pa.array(v, t) for v, (_, t) in zip(columns_out, _SCHEMA)],
                names=accepted.schema.names + [n for n, _ in _SCHEMA])
            if writer is None:
                writer = pq.ParquetWriter(job.out, out.schema, compression="zstd", compression_level=1)
            writer.write_batch(out)
            decided += len(keep)
    finally:
        if writer is not None:
            writer.close()
    stats["rows_rejected"] = rejected
    return decided
