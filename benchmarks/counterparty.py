"""Screening with counterparty VASP columns against screening without them (issue 15).

One synthetic file of --rows transfers is written twice: as is, and with `originator_vasp_lei` and
`beneficiary_vasp_lei` added (LEIs drawn from the bundled ESMA CASP snapshot, a valid LEI no register
lists, a malformed one, and empty cells). Both are screened by the DuckDB engine in one run, the runs
alternating (A, B, A, B, ...) so that machine noise hits both alike; median wall time of --repeat
runs each. Target: with the columns within 15% of without. The table goes to the "Counterparty
columns" section of benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/counterparty.py [--rows 2000000] [--repeat 5] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from results import replace_section  # shared by the benchmark scripts

TARGET = 1.15


def write_inputs(workdir: Path, rows: int) -> tuple[Path, Path, int]:
    """The plain file, the same rows with two LEI columns, and how many distinct LEIs they use."""
    from regatlas.engines.screen.synthetic import write_transfers
    from regatlas.store.atlas import open_atlas
    from regatlas.store.registers import open_registers

    atlas = open_atlas()
    codes = [r["code"] for r in atlas.rows("SELECT code FROM jurisdictions WHERE kind = 'country' ORDER BY code")]
    plain = workdir / "plain.parquet"
    write_transfers(plain, rows, seed=15, codes=codes)
    store = open_registers()
    leis = [r["lei"] for r in store.entities([store.latest("esma-casp")["id"]], "lei IS NOT NULL")]
    pool = np.array(leis + ["5493001KJTIIGC8Y1R12", "NOT-AN-LEI", None], dtype=object)
    rng = np.random.default_rng(15)
    table = pq.read_table(plain)
    for name in ("originator_vasp_lei", "beneficiary_vasp_lei"):
        table = table.append_column(name, pa.array(pool[rng.integers(0, len(pool), table.num_rows)].tolist(),
                                                   pa.string()))
    with_leis = workdir / "with_leis.parquet"
    pq.write_table(table, with_leis, compression="zstd")
    return plain, with_leis, len(pool)


def screen_seconds(path: Path, out: Path) -> float:
    from regatlas.engines.screen.duckdb_engine import screen
    from regatlas.store.atlas import open_atlas

    started = time.perf_counter()
    result = screen(open_atlas(), path, out)
    assert result.rows_in == result.rows_decided + result.rows_rejected
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="regatlas-bench-cp-"))
    plain, with_leis, distinct = write_inputs(workdir, args.rows)
    screen_seconds(plain, workdir / "warm.parquet")  # lookups cached, register store seeded
    times: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(args.repeat):
        times["without"].append(screen_seconds(plain, workdir / "a.parquet"))
        times["with"].append(screen_seconds(with_leis, workdir / "b.parquet"))
    a, b = statistics.median(times["without"]), statistics.median(times["with"])
    ratio = b / a
    lines = ["## Counterparty columns", "",
             (f"{args.rows:,} transfers screened by the DuckDB engine without and with `originator_vasp_lei` and "
              f"`beneficiary_vasp_lei` ({distinct} distinct values: the CASP snapshot's LEIs, an unknown and a "
              f"malformed LEI, empty cells), runs alternating, {args.repeat} each; {os.cpu_count()} CPUs, Python "
              f"{platform.python_version()}, measured {dt.date.today().isoformat()} with "
              "`benchmarks/counterparty.py`."), "",
             "| input | median (s) | best (s) | rows/s (median) |", "|---|---:|---:|---:|",
             f"| without VASP LEI columns | {a:.2f} | {min(times['without']):.2f} | {args.rows / a:,.0f} |",
             f"| with both VASP LEI columns | {b:.2f} | {min(times['with']):.2f} | {args.rows / b:,.0f} |", "",
             (f"With the columns / without: **{ratio:.2f}** (target at most {TARGET:.2f}: "
              f"{'met' if ratio <= TARGET else 'MISSED'}).")]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        replace_section(HERE / "RESULTS.md", "## Counterparty columns", text)


if __name__ == "__main__":
    main()
