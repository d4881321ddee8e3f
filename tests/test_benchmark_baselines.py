"""The screening benchmark's baselines decide exactly as regatlas does, so its table compares like
with like. They read regatlas's lookups, whose shape changed when codes without data came to share
one law; nothing ran them then, and the naive baselines silently lost the rows of those codes. This
runs the benchmark's own row-by-row pre-check on a small seeded file (zen-engine, a bench extra, and
Spark, timed there, are left out)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCREEN = Path(__file__).resolve().parent.parent / "benchmarks" / "screen.py"
METHODS = ("python", "sql", "sql-tuned", "polars", "polars-tuned")


@pytest.mark.slow
def test_every_baseline_agrees_with_regatlas_row_by_row(tmp_path):
    pytest.importorskip("polars")
    run = subprocess.run(
        [sys.executable, str(SCREEN), "--rows", "5000", "--check-rows", "5000", "--repeat", "1",
         "--only", ",".join(("regatlas", *METHODS)), "--no-write", "--quiet-wait", "0",
         "--workdir", str(tmp_path)], capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    for method in METHODS:
        assert f"pre-check {method:<13} 5,000/5,000\n" in run.stdout, (method, run.stdout[-2000:])
    assert "DISAGREES" not in run.stdout
