"""Batch screening: every kind of bad row is rejected with its reason, nothing is lost,
empty and header-only files work, memory limits hold, and DuckDB and Spark agree row by row."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from regatlas.engines.screen import duckdb_engine
from regatlas.engines.screen.common import read_relation
from regatlas.engines.screen.synthetic import write_transfers
from regatlas.engines.travel_rule.plan import CHECKS, DECISION_COLUMNS, DEFAULT_RANGE, ROW_KEEP
from regatlas.errors import InputError

HEADER = "id,timestamp,originator_jurisdiction,beneficiary_jurisdiction,amount,currency,counterparty_type,memo\n"
# One row per reject reason, plus accepted rows; the memo column must pass through unchanged.
ROWS = {
    "ok-1": ("2025-01-15T10:00:00Z", "EU", "US", "5000", "USD", "vasp"),
    "ok-2": ("2025-01-15T23:30:00-02:00", "EU", "US", "10", "EUR", "self-hosted"),
    "bad_timestamp": ("15/01/2025", "EU", "US", "10", "EUR", "vasp"),
    "date_out_of_range": ("2010-01-15T10:00:00Z", "EU", "US", "10", "EUR", "vasp"),
    "bad_amount": ("2025-01-15T10:00:00Z", "EU", "US", "ten", "EUR", "vasp"),
    "bad_amount_nan": ("2025-01-15T10:00:00Z", "EU", "US", "nan", "EUR", "vasp"),
    "negative_amount": ("2025-01-15T10:00:00Z", "EU", "US", "-1", "EUR", "vasp"),
    "unknown_currency": ("2025-01-15T10:00:00Z", "EU", "US", "1", "XXZ", "vasp"),
    "no_reference_rate": ("2025-01-15T10:00:00Z", "EU", "US", "1", "NGN", "vasp"),
    "unknown_originator_jurisdiction": ("2025-01-15T10:00:00Z", "ZZ", "US", "1", "EUR", "vasp"),
    "unknown_beneficiary_jurisdiction": ("2025-01-15T10:00:00Z", "EU", "QQ", "1", "EUR", "vasp"),
    "bad_counterparty_type": ("2025-01-15T10:00:00Z", "EU", "US", "1", "EUR", "robot"),
}


def _csv(path: Path, rows: dict) -> Path:
    lines = [HEADER] + [",".join((rid, *vals, f"memo {rid}")) + "\n" for rid, vals in rows.items()]
    path.write_text("".join(lines))
    return path


def _read(path: Path) -> dict[str, dict]:
    cur = duckdb.connect().execute(f"SELECT * FROM {read_relation(path)}")
    names = [d[0] for d in cur.description]
    return {r[0]: dict(zip(names, r)) for r in cur.fetchall()}


@pytest.mark.parametrize("out", ["out.csv", "out.parquet"])  # two statements; one pass (split.py)
def test_every_bad_row_is_rejected_with_its_reason(atlas, tmp_path, out):
    result = duckdb_engine.screen(atlas, _csv(tmp_path / "in.csv", ROWS), tmp_path / out)
    assert result.rows_in == len(ROWS) == result.rows_decided + result.rows_rejected
    rejects = _read(Path(result.rejects))
    for rid, row in rejects.items():
        assert row["reject_reason"] == rid.removesuffix("_nan"), rid
        assert row["memo"] == f"memo {rid}"
    decided = _read(Path(result.out))
    assert set(decided) == {"ok-1", "ok-2"}
    assert decided["ok-2"]["memo"] == "memo ok-2"


def test_decisions_follow_the_eu_travel_rule(atlas, tmp_path):
    """TFR Art. 14 (no threshold, from 2024-12-30) and Art. 14(5) (self-hosted, > EUR 1,000)."""
    rows = {
        "before": ("2024-12-29T12:00:00Z", "EU", "EU", "10", "EUR", "vasp"),
        "after": ("2024-12-30T00:00:00Z", "EU", "EU", "10", "EUR", "vasp"),
        "sh-1000": ("2025-03-03T00:00:00Z", "EU", "EU", "1000", "EUR", "self-hosted"),
        "sh-1001": ("2025-03-03T00:00:00Z", "EU", "EU", "1000.01", "EUR", "self-hosted"),
        # 23:30 at UTC-2 is 01:30 UTC on the next day: the law of 2024-12-30 applies.
        "offset": ("2024-12-29T23:30:00-02:00", "EU", "EU", "10", "EUR", "vasp"),
    }
    result = duckdb_engine.screen(atlas, _csv(tmp_path / "in.csv", rows), tmp_path / "out.parquet")
    d = _read(Path(result.out))
    assert d["before"]["travel_rule_required"] is False and d["before"]["action"] == "none"
    assert d["after"]["travel_rule_required"] is True and d["after"]["action"] == "send_full"
    assert d["sh-1000"]["self_hosted_check"] == "record"
    assert d["sh-1001"]["self_hosted_check"] == "verify_ownership"
    assert d["sh-1001"]["action"] == "verify_self_hosted_ownership"
    assert str(d["offset"]["transfer_date"]) == "2024-12-30"


@pytest.mark.parametrize("typed", ["CSV read typed", "Parquet with text columns, codes cast to ENUMs"])
def test_typed_reading_decides_what_the_text_plan_decides(atlas, tmp_path, typed):
    """A CSV input screened to Parquet is decided from typed timestamp, amount and code columns
    (duckdb_engine._decide_csv), a Parquet input from its code columns cast to ENUMs
    (duckdb_engine._coded); a CSV screened to CSV is decided from the text as written. All must
    give every row the same decision or reason, unknown codes and malformed values included."""
    src = tmp_path / "mixed.csv"
    write_transfers(src, 30_000, seed=11, codes=["EU", "US", "SG", "GB", "CH", "ZZ"], bad_share=0.05)
    con = duckdb.connect()
    if typed.startswith("Parquet"):
        con.execute(f"COPY (SELECT * FROM {read_relation(src)}) TO '{tmp_path / 'mixed.parquet'}'")
    one = duckdb_engine.screen(atlas, src.with_suffix(".parquet" if typed.startswith("Parquet") else ".csv"),
                               tmp_path / "one.parquet")
    two = duckdb_engine.screen(atlas, src, tmp_path / "two.csv")
    assert (one.rows_in, one.rows_decided, one.rows_rejected) == (two.rows_in, two.rows_decided, two.rows_rejected)
    assert one.rows_rejected > 1000 and one.reject_reasons == two.reject_reasons
    assert "unknown_originator_jurisdiction" in one.reject_reasons
    cols = "id, transfer_date, amount_eur, originator_required, beneficiary_required, travel_rule_required, " \
           "sunrise, CAST(self_hosted_check AS VARCHAR), CAST(action AS VARCHAR), CAST(rulebook_version AS VARCHAR)"
    for a, b, c in ((one.out, two.out, cols), (one.rejects, two.rejects, "id, reject_reason, rulebook_version")):
        diff = con.execute(f"SELECT count(*) FROM ((SELECT {c} FROM {read_relation(Path(a))} EXCEPT ALL "
                           f"SELECT {c} FROM {read_relation(Path(b))}) UNION ALL (SELECT {c} FROM "
                           f"{read_relation(Path(b))} EXCEPT ALL SELECT {c} FROM {read_relation(Path(a))}))").fetchone()[0]
        assert diff == 0, (a, b)


def test_a_csv_whose_rows_are_all_decided_is_read_once(atlas, tmp_path):
    """Issue 16 (CSV in one pass, no counting read): when every row is decided, the run reports
    only the deciding and (empty) rejects phases, and still knows how many rows the file has."""
    src = tmp_path / "good.csv"
    write_transfers(src, 5_000, seed=3, codes=["EU", "US", "SG"], bad_share=0.0)
    lines = src.read_text().count("\n") - 1
    phases: list[str] = []
    run = duckdb_engine.screen(atlas, src, tmp_path / "good.parquet", progress=lambda label, pct: phases.append(label))
    assert (run.rows_in, run.rows_decided, run.rows_rejected) == (lines, lines, 0)
    assert "counting" not in phases and "deciding" in phases
    bad = tmp_path / "bad.csv"
    bad.write_text(src.read_text() + "x-1,not a time,EU,US,10,EUR,vasp\n")
    phases.clear()
    run = duckdb_engine.screen(atlas, bad, tmp_path / "bad.parquet", progress=lambda label, pct: phases.append(label))
    assert (run.rows_in, run.rows_decided, run.rows_rejected) == (lines + 1, lines, 1)
    assert run.reject_reasons == {"bad_timestamp": 1} and "counting" in phases


@pytest.mark.parametrize("src,out", [("in.csv", "ids.parquet"), ("in.csv", "ids.csv"), ("in.parquet", "ids.parquet")])
def test_decisions_only_keeps_id_and_the_decisions(atlas, tmp_path, src, out):
    """--decisions-only: the decisions file has `id` and the decision columns, nothing else of the
    input (the memo column is dropped); rejects keep every input column to mend the rows."""
    csv_in = _csv(tmp_path / "in.csv", ROWS)
    if src.endswith(".parquet"):
        duckdb.connect().execute(f"COPY (SELECT * FROM {read_relation(csv_in)}) TO '{tmp_path / src}'")
    full = duckdb_engine.screen(atlas, tmp_path / src, tmp_path / f"full-{out}")
    ids = duckdb_engine.screen(atlas, tmp_path / src, tmp_path / out, decisions_only=True)
    decided = _read(Path(ids.out))
    assert set(decided) == {"ok-1", "ok-2"}
    assert list(decided["ok-1"]) == ["id", *DECISION_COLUMNS]
    whole = _read(Path(full.out))
    for rid, row in decided.items():
        assert {k: str(v) for k, v in row.items()} == {k: str(whole[rid][k]) for k in row}
    assert _read(Path(ids.rejects))["bad_amount"]["memo"] == "memo bad_amount"


def test_empty_file_and_header_only(atlas, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    header = tmp_path / "header.csv"
    header.write_text(HEADER)
    for src in (empty, header):
        result = duckdb_engine.screen(atlas, src, tmp_path / f"{src.stem}-out.parquet")
        assert (result.rows_in, result.rows_decided, result.rows_rejected) == (0, 0, 0)
        assert Path(result.out).exists() and Path(result.rejects).exists()


def test_missing_columns_are_an_input_error(atlas, tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("id,amount\n1,2\n")
    with pytest.raises(InputError, match="missing column.*timestamp"):
        duckdb_engine.screen(atlas, src, tmp_path / "o.parquet")


@pytest.mark.slow
def test_file_larger_than_the_memory_limit(atlas, tmp_path):
    """A CSV file larger than DuckDB's memory limit streams through without loss.

    The limit has to leave room for the joins over the daily lookups, which grow with the atlas:
    128 MB was enough for 44 jurisdictions, not for the 100+ with Travel Rule data now."""
    src = tmp_path / "big.csv"
    n = 3_200_000
    write_transfers(src, n, seed=3, codes=["EU", "US", "SG", "GB"], bad_share=0.01)
    assert src.stat().st_size > 192 * 2**20
    result = duckdb_engine.screen(atlas, src, tmp_path / "big-out.parquet", memory_limit="192MB", threads=1)
    assert result.rows_in == n == result.rows_decided + result.rows_rejected
    assert result.rows_rejected > 0
    ids = duckdb.connect().execute(f"SELECT count(DISTINCT id) FROM (SELECT id FROM '{result.out}' UNION ALL "
                     f"SELECT id FROM '{result.rejects}')").fetchall()[0][0]
    assert ids == n


def test_cli_screen_json_summary_and_exit_codes(cli, tmp_path):
    src = _csv(tmp_path / "in.csv", ROWS)
    run = cli("screen", str(src), "--out", str(tmp_path / "o.parquet"), "--json")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert {"rulebook", "rows_in", "rows_decided", "rows_rejected", "out", "rejects"} <= set(doc)
    assert doc["rows_in"] == doc["rows_decided"] + doc["rows_rejected"] == len(ROWS)
    bad = cli("screen", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.parquet"))
    assert bad.exit_code == 2 and "no such file" in bad.stderr and "Traceback" not in bad.stderr


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    from regatlas.engines.screen.spark_engine import spark_session

    session = spark_session()
    yield session
    session.stop()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_duckdb_and_spark_decide_identically_row_by_row(atlas, codes, spark, tmp_path, fmt):
    from regatlas.engines.screen import spark_engine

    src = tmp_path / f"in.{fmt}"
    write_transfers(src, 4000, seed=11, codes=codes, bad_share=0.05 if fmt == "csv" else 0.0)
    a = duckdb_engine.screen(atlas, src, tmp_path / "duck.parquet")
    b = spark_engine.screen(atlas, src, tmp_path / "spark.parquet", spark=spark)
    assert (a.rows_in, a.rows_decided, a.rows_rejected) == (b.rows_in, b.rows_decided, b.rows_rejected)
    assert a.reject_reasons == b.reject_reasons
    left, right = _read(Path(a.out)), _read(Path(b.out))
    assert left.keys() == right.keys()
    for rid, row in left.items():
        other = right[rid]
        for col in ("transfer_date", "originator_required", "beneficiary_required",
                    "travel_rule_required", "sunrise", "self_hosted_check", "action"):
            assert str(row[col]) == str(other[col]), (rid, col, row, other)
        assert row["amount_eur"] == pytest.approx(other["amount_eur"], rel=1e-12)
    assert _read(Path(a.rejects)).keys() == _read(Path(b.rejects)).keys()


@pytest.mark.slow
def test_the_library_screens_a_pyspark_dataframe_through_the_spark_plan(atlas, codes, spark, tmp_path):
    """Issue 20: a PySpark DataFrame stays in Spark; its decisions equal the DuckDB engine's."""
    from regatlas import Atlas

    src = tmp_path / "in.parquet"
    write_transfers(src, 3000, seed=20, codes=codes)
    expected = duckdb_engine.screen(atlas, src, tmp_path / "duck.parquet")
    done = Atlas.open().screen(spark.read.parquet(str(src)))
    assert type(done.decisions).__module__.startswith("pyspark")
    assert (done.summary.rows_in, done.summary.rows_decided, done.summary.rows_rejected) == (
        expected.rows_in, expected.rows_decided, expected.rows_rejected)
    got = {r["id"]: (r["action"], r["travel_rule_required"]) for r in done.decisions.collect()}
    want = {rid: (row["action"], row["travel_rule_required"]) for rid, row in _read(Path(expected.out)).items()}
    assert got == want


@pytest.mark.slow
def test_spark_writes_the_same_counterparty_status_as_duckdb(atlas, spark, tmp_path):
    """Issue 15: VASP LEI columns get the same counterparty_* columns on both engines."""
    from regatlas.engines.screen import spark_engine

    src = Path(__file__).parent / "data" / "registers" / "transfers-with-vasps.csv"
    a = duckdb_engine.screen(atlas, src, tmp_path / "duck.csv")
    b = spark_engine.screen(atlas, src, tmp_path / "spark.csv", spark=spark)
    assert a.registers == b.registers and a.registers
    cols = ("counterparty_beneficiary_status", "counterparty_beneficiary_reason", "counterparty_register")
    left, right = ({r["id"]: tuple(r[c] or "" for c in cols) for r in csv.DictReader(
        Path(path).read_text().splitlines())} for path in (a.out, b.out))
    assert left == right


def test_positive_row_filter_keeps_what_the_row_checks_keep():
    """plan.ROW_KEEP is the deciding pass's filter; CHECKS says which rows fail a row-only check.
    On edge values (NULLs, NaN, infinities, -0.0, the date window's ends) both keep the same rows."""
    start, end = DEFAULT_RANGE
    checks = " AND ".join(f"NOT coalesce({cond}, false)" for _, cond, lookup in CHECKS if not lookup)
    days = ["NULL", f"DATE '{start}'", f"DATE '{end}'", f"DATE '{start}' - 1", f"DATE '{end}' + 1", "DATE '2024-02-29'"]
    amounts = ["NULL", "'nan'::DOUBLE", "'inf'::DOUBLE", "'-inf'::DOUBLE", "-0.0", "0.0", "-1.0", "1e18",
               "1.0000000000000001e18", "2e18", "12.5"]
    types = ["NULL", "'vasp'", "'self-hosted'", "'robot'", "''"]
    rows = [f"({d}, {a}, {t})" for d in days for a in amounts for t in types]
    values = f"(VALUES {', '.join(rows)}) v(_row_day, _amount, counterparty_type)"
    sql = (f"SELECT ({ROW_KEEP}) IS TRUE, ({checks}) IS TRUE FROM (SELECT *, _row_day AS _day FROM {values})")
    sql = sql.replace("{start}", start.isoformat()).replace("{end}", end.isoformat())
    pairs = duckdb.connect().execute(sql).fetchall()
    assert len(pairs) == len(rows) and sum(a for a, _ in pairs) > 0
    assert all(a == b for a, b in pairs)
