"""The Python library (issue 20), used as a notebook would: only names from `regatlas.__all__`.

Expectations come from the law as cited in the cases (Singapore's PSA, the EU TFR) and from the CLI
run on the same rows, never from the library itself.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import regatlas
from regatlas import Atlas, InputError, NotFound

ROWS = 100_000
CODES = ["DE", "SG", "US", "GB", "CH", "AE-DU", "JP", "FR", "ZZ"]  # ZZ is unknown: rejected


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.open()


@pytest.fixture(scope="module")
def transfers() -> pa.Table:
    """100k seeded transfers over nine codes (one unknown), amounts 0-5,000, dates 2019-2026."""
    rng = np.random.default_rng(2026)
    start = dt.datetime(2019, 1, 1, tzinfo=dt.UTC)
    days = rng.integers(0, 365 * 8, ROWS)
    return pa.table({
        "id": [f"t{i}" for i in range(ROWS)],
        "timestamp": [(start + dt.timedelta(days=int(d))).isoformat() for d in days],
        "originator_jurisdiction": rng.choice(CODES, ROWS),
        "beneficiary_jurisdiction": rng.choice(CODES, ROWS),
        "amount": np.round(rng.uniform(0, 5000, ROWS), 2),
        "currency": rng.choice(["EUR", "USD", "SGD"], ROWS),
        "counterparty_type": rng.choice(["vasp", "self-hosted"], ROWS),
        "note": ["passes through"] * ROWS,
    })


def test_only_the_public_names_are_exported():
    assert set(regatlas.__all__) == {"Atlas", "Screened", "InputError", "NotFound", "RegatlasError",
                                     "RulebookError", "__version__"}
    assert all(hasattr(regatlas, name) for name in regatlas.__all__)


def test_importing_regatlas_does_not_import_the_engines_or_dataframe_libraries():
    code = ("import sys, regatlas; heavy = [m for m in ('duckdb', 'pandas', 'polars', 'fastapi', "
            "'regatlas.store', 'regatlas.engines') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_singapore_on_two_dates(atlas):
    # PSA 2019 licensing from 28 January 2020 (MAS); before it, no regime was in force.
    before, after = atlas.jurisdiction("SG", as_of="2019-06-01"), atlas.jurisdiction("sg", as_of=dt.date(2024, 6, 1))
    assert (after.code, after.crypto_status) == ("SG", "regulated")
    assert after.rulebook.as_of == dt.date(2024, 6, 1) and after.rulebook.version == atlas.version
    assert before.crypto_status != "regulated"
    assert "SG" in repr(after) and "as of 2024-06-01" in repr(after)
    assert "<table>" in after._repr_html_()


def test_a_corridor_check_matches_the_cli(atlas, cli):
    # TFR Art. 14 applies from the first cent from 30 December 2024 (Regulation (EU) 2023/1113, Art. 40).
    answer = atlas.travel_rule_check(frm="DE", to="SG", amount=2000, currency="EUR", date="2025-03-01")
    assert answer.required is True and answer.originator.jurisdiction == "DE"
    result = cli("travel-rule", "check", "--from", "DE", "--to", "SG", "--amount", "2000", "--currency", "EUR",
                 "--date", "2025-03-01", "--json")
    assert answer.to_dict() == json.loads(result.stdout)


def _cli_decisions(cli, tmp_path, table: pa.Table) -> pa.Table:
    src, out, rej = tmp_path / "in.parquet", tmp_path / "out.parquet", tmp_path / "rej.parquet"
    pq.write_table(table, src)
    result = cli("screen", str(src), "--out", str(out), "--rejects", str(rej), "--json")
    assert result.exit_code == 0, result.stderr
    return pq.read_table(out).sort_by("id")


def test_screen_pandas_and_polars_equal_the_cli_on_the_same_rows(atlas, cli, tmp_path, transfers):
    pl = pytest.importorskip("polars")
    expected = _cli_decisions(cli, tmp_path, transfers)
    frame = transfers.to_pandas()
    done = atlas.screen(frame)
    assert type(done.decisions).__module__.startswith("pandas")
    summary = done.summary
    assert summary.rows_in == ROWS == summary.rows_decided + summary.rows_rejected
    assert summary.rows_rejected == len(done.rejects) > 0  # every ZZ row, with its reason
    assert set(done.rejects["reject_reason"]) and "note" in done.decisions.columns
    got = pa.Table.from_pandas(done.decisions, preserve_index=False).sort_by("id")
    assert got.column_names == expected.column_names
    for name in ("id", "travel_rule_required", "action", "originator_required", "beneficiary_required",
                 "amount_eur", "note"):
        assert got[name].to_pylist() == expected[name].to_pylist(), name
    polars_done = atlas.screen(pl.from_arrow(transfers).lazy())
    assert type(polars_done.decisions).__name__ == "LazyFrame"
    got = polars_done.decisions.collect().to_arrow().sort_by("id")
    assert got["id"].to_pylist() == expected["id"].to_pylist()
    assert got["action"].to_pylist() == expected["action"].to_pylist()


def test_assess_a_profile_given_as_a_dict(atlas):
    profile = {"name": "Example exchange", "entities": [{"id": "eu", "name": "Example GmbH", "jurisdiction": "DE"}],
               "activities": ["exchange", "custody"], "markets": [{"jurisdiction": "DE", "clients": ["retail"]}]}
    answer = atlas.assess(profile, as_of="2025-06-01")
    assert answer.rulebook.as_of == dt.date(2025, 6, 1)
    # An exchange serving German retail clients needs MiCA authorisation (Reg. 2023/1114, Art. 59).
    assert "eu-mica-art59-casp-authorisation" in json.dumps(answer.to_dict())
    with pytest.raises(InputError) as bad:
        atlas.assess({**profile, "markets": [{"jurisdiction": "QQ", "clients": ["retail"]}]})
    assert "QQ" in str(bad.value)


def test_classify_equals_the_cli_for_a_bundled_profile(atlas, cli):
    from pathlib import Path

    profile = Path(regatlas.__file__).parent / "data" / "examples" / "profiles" / "eu-exchange.yaml"
    answer = atlas.classify(str(profile), ["DE", "GB"], as_of="2025-06-01")
    result = cli("classify", str(profile), "-j", "DE", "-j", "GB", "--as-of", "2025-06-01", "--json")
    assert result.exit_code == 0, result.stderr
    assert answer.to_dict() == json.loads(result.stdout)
    assert {c.jurisdiction for c in answer.classifications} == {"DE", "GB"}


def test_errors_are_typed(atlas):
    with pytest.raises(NotFound) as unknown:
        atlas.jurisdiction("QQ")
    assert unknown.value.location.field == "code" and unknown.value.exit_code == 2
    with pytest.raises(InputError, match="not a date"):
        atlas.jurisdiction("SG", as_of="2024-13-01")
    with pytest.raises(InputError, match="cannot screen a list"):
        atlas.screen([1, 2])
