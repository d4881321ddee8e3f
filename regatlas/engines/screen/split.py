"""One reading, two files: decisions and rejects written from a single pass over the input.

The two-statement plan (`decided_sql`, then `rejected_sql`, each a DuckDB `COPY`) reads its
input once per statement and, to size the lookups, once more before them. For a typed Parquet
input those extra reads cost little (footer statistics, a membership filter); for CSV, whose
parsing is most of a run's work, each is a full parse. Here DuckDB runs `all_rows_sql` once and
streams Arrow batches; each batch is split on `reject_reason` into the decisions file and the
rejects file, written by pyarrow in a second thread while DuckDB computes the next batch.

The files have the shapes of the two-statement plan's Parquet files: decisions carry the input
columns and DECISION_COLUMNS, rejects the input columns, `reject_reason` and `rulebook_version`.
The Arrow schema is not stored in the files, so an ENUM label reads back as a string, as it
does from DuckDB's own writer.

>>> import duckdb, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> con = duckdb.connect()
>>> sql = "SELECT i AS id, CASE WHEN i = 2 THEN 'bad_amount' END AS reject_reason FROM range(4) t(i)"
>>> write_split(con, sql, d / "ok.parquet", d / "bad.parquet", ("id",), "v1")
(3, 1)
>>> con.sql(f"SELECT id, reject_reason, rulebook_version FROM '{d}/bad.parquet'").fetchall()
[(2, 'bad_amount', 'v1')]
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import Any

import duckdb

BATCH_ROWS = 122_880
"""Rows per Arrow batch and so per Parquet row group (DuckDB's own row-group size)."""
PARQUET = {"compression": "zstd", "compression_level": 1, "store_schema": False}
"""The writer settings of duckdb_engine.PARQUET_OPTIONS; no Arrow schema, so labels read as strings."""
REASON = "reject_reason"
CODED = frozenset({"originator_jurisdiction", "beneficiary_jurisdiction", "currency", "counterparty_type", REASON})
"""Input columns drawn from small code lists: dictionary-encoded. Trying a dictionary on the other
columns (ids, timestamps, amounts: nearly all distinct) costs about a quarter of the writing time
before the writer falls back to plain encoding."""


class _Writer:
    """A Parquet file written in its own thread from a bounded queue of batches."""

    def __init__(self, path: Path, schema: Any) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        coded = [f.name for f in schema if f.name in CODED or pa.types.is_dictionary(f.type)]
        self._file = pq.ParquetWriter(str(path), schema, use_dictionary=coded, **PARQUET)
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=4)
        self._error: Exception | None = None
        self.rows = 0
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._file.write_batch(batch)
                except Exception as exc:  # noqa: BLE001 - re-raised by close() in the caller's thread
                    self._error = exc

    def put(self, batch: Any) -> None:
        if len(batch):
            self.rows += len(batch)
            self._queue.put(batch)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._file.close()
        if self._error is not None:
            raise self._error


def write_split(con: duckdb.DuckDBPyConnection, sql: str, out: Path, rejects: Path,
                columns: tuple[str, ...], version: str, kept: tuple[str, ...] | None = None) -> tuple[int, int]:
    """Run `sql` (every row once: the input `columns`, decision columns, and `reject_reason`, NULL
    on a decided row) and write the decided rows (the `kept` input columns, all by default, and
    the decision columns) to `out` and the rejected ones (the input `columns`, `reject_reason`,
    `rulebook_version`) to `rejects`; returns (decided, rejected) row counts."""
    import pyarrow as pa
    import pyarrow.compute as pc

    reader = con.sql(sql).to_arrow_reader(BATCH_ROWS)
    kept = columns if kept is None else kept
    decided_names = [*kept, *(n for n in reader.schema.names if n not in columns and n != REASON)]
    reject_schema = pa.schema([reader.schema.field(c) for c in columns]
                              + [pa.field(REASON, pa.string()), pa.field("rulebook_version", pa.string())])
    decided = _Writer(out, pa.schema([reader.schema.field(n) for n in decided_names]))
    rejected = _Writer(rejects, reject_schema)
    try:
        for batch in reader:
            reason = batch.column(REASON)
            if reason.null_count == len(batch):  # the usual batch: every row decided
                decided.put(batch.select(decided_names))
                continue
            bad = pc.is_valid(reason)
            decided.put(batch.filter(pc.invert(bad)).select(decided_names))
            rows = batch.filter(bad)
            rejected.put(pa.RecordBatch.from_arrays(
                [rows.column(c) for c in columns] + [rows.column(REASON).cast(pa.string()),
                                                     pa.array([version] * len(rows), pa.string())],
                schema=reject_schema))
    finally:
        decided.close()
        rejected.close()
    return decided.rows, rejected.rows
