"""Seeded synthetic transfers for tests, examples and benchmarks (vectorised with NumPy).

>>> import tempfile, pathlib, duckdb
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.parquet"
>>> write_transfers(p, 1000, seed=7, codes=["EU", "US"], bad_share=0.1)
1000
>>> duckdb.connect().execute(f"SELECT count(*) FROM '{p}'").fetchall()[0][0]
1000
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

CURRENCIES = ("EUR", "USD", "GBP", "SGD", "HKD", "JPY", "CHF", "KRW", "CAD", "AUD", "BRL", "ZAR", "AED")
BAD_VALUES = {
    "timestamp": ["not-a-date", "2024-02-30T00:00:00Z", ""],
    "amount": ["abc", "-5", "nan", ""],
    "currency": ["XXZ", "eur", "NGN"],
    "originator_jurisdiction": ["ZZ", "sg", ""],
    "beneficiary_jurisdiction": ["QQ", "EUR"],
    "counterparty_type": ["robot", "VASP", ""],
}


def transfers_table(n: int, seed: int, codes: list[str], bad_share: float = 0.0,
                    start: str = "2019-01-01", days: int = 2500, text: bool = True) -> pa.Table:
    """`n` transfers over `days` days from `start`; a share of rows gets one bad value each."""
    rng = np.random.default_rng(seed)
    base = np.datetime64(start, "s")
    stamps = base + rng.integers(0, days * 86400, n).astype("timedelta64[s]")
    amounts = np.round(np.exp(rng.normal(6.5, 2.0, n)), 2)
    cols: dict[str, np.ndarray] = {
        "id": np.char.add("t", np.arange(n).astype(str)),
        "timestamp": np.char.add(np.datetime_as_string(stamps, unit="s"), "Z"),
        "originator_jurisdiction": np.array(codes)[rng.integers(0, len(codes), n)],
        "beneficiary_jurisdiction": np.array(codes)[rng.integers(0, len(codes), n)],
        "amount": amounts.astype(str),
        "currency": np.array(CURRENCIES)[rng.integers(0, len(CURRENCIES), n)],
        "counterparty_type": np.where(rng.random(n) < 0.15, "self-hosted", "vasp"),
    }
    if bad_share:
        bad = np.flatnonzero(rng.random(n) < bad_share)
        names = list(BAD_VALUES)
        which = rng.integers(0, len(names), len(bad))
        for k, name in enumerate(names):
            rows = bad[which == k]
            values = np.array(BAD_VALUES[name])
            cols[name] = cols[name].astype(object)
            cols[name][rows] = values[rng.integers(0, len(values), len(rows))]
    table = pa.table({k: pa.array(v.tolist() if v.dtype == object else v) for k, v in cols.items()})
    if not text:
        table = table.set_column(1, "timestamp", pa.array(stamps.astype("datetime64[us]")))
        table = table.set_column(4, "amount", pa.array(amounts))
    return table


def write_transfers(path: Path, n: int, seed: int, codes: list[str], bad_share: float = 0.0,
                    text: bool | None = None, chunk: int = 2_000_000) -> int:
    """Write `n` transfers to CSV or Parquet in chunks (bounded memory); returns rows written.

    Parquet files get typed `timestamp` and `amount` unless `text` is true.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    is_csv = path.suffix == ".csv"
    typed = not is_csv and not (text or bad_share)
    writer = None
    try:
        for i, lo in enumerate(range(0, n, chunk)):
            table = transfers_table(min(chunk, n - lo), seed + i, codes, bad_share, text=not typed)
            table = table.set_column(0, "id", pa.compute.binary_join_element_wise(
                pa.scalar(f"c{i}-"), table["id"], ""))
            if writer is None:
                writer = (pacsv.CSVWriter(str(path), table.schema) if is_csv
                          else pq.ParquetWriter(str(path), table.schema, compression="zstd"))
            writer.write_table(table, **({} if is_csv else {"row_group_size": 122_880}))
    finally:
        if writer is not None:
            writer.close()
    return n
