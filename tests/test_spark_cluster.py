"""Issue 16, item 5: the Spark plan on a standalone cluster (a master and two worker processes on
this machine, a spark:// URL, not local mode) decides every row as the DuckDB engine does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from regatlas.engines.screen import duckdb_engine
from regatlas.engines.screen.synthetic import write_transfers

COMPARED = ("transfer_date", "amount_eur", "originator_required", "beneficiary_required", "travel_rule_required",
            "sunrise", "CAST(self_hosted_check AS VARCHAR)", "CAST(action AS VARCHAR)")


@pytest.mark.slow
def test_a_standalone_cluster_decides_every_row_as_duckdb_does(atlas, codes, tmp_path):
    pytest.importorskip("pyspark")
    from regatlas.engines.screen.standalone import standalone_cluster

    src = tmp_path / "in.csv"
    write_transfers(src, 20_000, seed=16, codes=codes, bad_share=0.02)
    duck = duckdb_engine.screen(atlas, src, tmp_path / "duck.parquet")
    with standalone_cluster(workers=2) as url:
        assert url.startswith("spark://127.0.0.1:")
        # the CLI in its own process: its Spark driver connects to the cluster, whose executors
        # are launched by the two worker processes
        run = subprocess.run([sys.executable, "-m", "regatlas", "screen", str(src), "--out",
                              str(tmp_path / "spark.parquet"), "--engine", "spark", "--spark-master", url,
                              "--json"], check=False, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    doc = json.loads(run.stdout)
    assert doc["engine"] == "spark"
    assert (doc["rows_in"], doc["rows_decided"], doc["rows_rejected"]) == (
        duck.rows_in, duck.rows_decided, duck.rows_rejected) and duck.rows_rejected > 0
    assert doc["reject_reasons"] == duck.reject_reasons
    con = duckdb.connect()
    cols = ", ".join(("id", *COMPARED))

    def differing(a: Path, b: Path, columns: str) -> int:
        return con.execute(f"SELECT count(*) FROM ((SELECT {columns} FROM '{a}' EXCEPT ALL SELECT {columns} "
                           f"FROM '{b}') UNION ALL (SELECT {columns} FROM '{b}' EXCEPT ALL SELECT {columns} "
                           f"FROM '{a}'))").fetchone()[0]

    assert differing(Path(duck.out), Path(doc["out"]), cols) == 0
    assert differing(Path(duck.rejects), Path(doc["rejects"]), "id, reject_reason") == 0
