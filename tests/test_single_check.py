"""A single Travel Rule check (engines/travel_rule/single.py, arithmetic on the day's resolved law)
decides exactly as the screening plan does in SQL: thousands of varied transfers, both ways."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from regatlas.engines.fx import rates_on
from regatlas.engines.screen import duckdb_engine
from regatlas.engines.travel_rule.corridor import check
from regatlas.engines.travel_rule.single import day_law
from regatlas.rulebook.checks.codes import currency_known

COLUMNS = ("originator_required", "beneficiary_required", "travel_rule_required", "sunrise",
           "self_hosted_check", "action")
DAYS = [dt.date(2019, 6, 21), dt.date(2020, 1, 27), dt.date(2020, 1, 28), dt.date(2021, 7, 1),
        dt.date(2023, 6, 1), dt.date(2024, 12, 29), dt.date(2024, 12, 30), dt.date(2025, 6, 1),
        dt.date(2026, 3, 1), dt.date(2026, 7, 1)]
"""Either side of the EU rule's start (30 Dec 2024), Singapore's (28 Jan 2020) and other dates."""


def _transfers(atlas, n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    codes = [r["code"] for r in atlas.rows("SELECT code FROM jurisdictions ORDER BY code")]
    rows = []
    for i in range(n):
        day = rng.choice(DAYS)
        law = day_law(atlas, day, None)
        frm, to = rng.choice(codes), rng.choice(codes)
        published = rates_on(day)  # the answer's `fx` cites a rate published by the day
        currency = rng.choice([c for c, r in law.per_eur.items()
                               if r is not None and currency_known(c) and published.has(c, day)])
        edge = law.laws.get(frm, (None, None))[1] or law.laws.get(to, (None, None))[1]
        per_eur = law.per_eur[currency]
        amount = rng.choice([0.0, round(rng.uniform(0, 5000), 2), round(rng.lognormvariate(7, 2), 2),
                             (edge or 1000.0) * per_eur])  # at a threshold, converted back
        rows.append({"id": f"t{i}", "timestamp": f"{day.isoformat()}T12:00:00Z", "originator_jurisdiction": frm,
                     "beneficiary_jurisdiction": to, "amount": amount, "currency": currency,
                     "counterparty_type": rng.choice(["vasp", "vasp", "self-hosted"]), "_day": day})
    return rows


@pytest.mark.parametrize("seed", [1, 2])
def test_a_single_check_decides_as_the_screening_plan(atlas, tmp_path: Path, seed: int):
    rows = _transfers(atlas, 1500, seed)
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({k: [r[k] for r in rows] for k in rows[0] if k != "_day"}), src)
    result = duckdb_engine.screen(atlas, src, tmp_path / "out.parquet")
    assert result.rows_rejected == 0
    planned = {r[0]: r[1:] for r in duckdb.connect().execute(
        f"SELECT id, amount_eur, {', '.join(COLUMNS)} FROM '{tmp_path / 'out.parquet'}'").fetchall()}
    actions = set()
    for r in rows:
        single = check(atlas, r["originator_jurisdiction"], r["beneficiary_jurisdiction"], r["amount"],
                       r["currency"], r["_day"], r["counterparty_type"])
        amount_eur, *decision = planned[r["id"]]
        got = (single["originator"]["required"], single["beneficiary"]["required"], single["required"],
               single["sunrise"], single["self_hosted_check"], single["action"])
        assert tuple(decision) == got, (r, decision, got)
        assert single["amount_eur"] == amount_eur
        actions.add(single["action"])
    assert {"send_full", "none", "collect_and_record"} <= actions  # the sample reaches the main branches
