"""DataFrames in, DataFrames out: the table kinds `Atlas.screen` accepts, through Arrow.

A caller's table (pandas, Polars, PyArrow, a DuckDB relation) becomes an Arrow table, is screened
as a Parquet file by the same engine the CLI runs, and comes back as the caller's kind; a PySpark
DataFrame stays in Spark and goes through the Spark plan (`Atlas.screen`). No
DataFrame library is imported unless the caller's table is of that kind (the check reads the
type's module name), so `import regatlas` stays light.

>>> import pyarrow as pa
>>> kind_of(pa.table({"id": [1]}))
'arrow'
>>> kind_of("transfers.parquet")
'path'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regatlas.errors import InputError

KINDS = ("path", "arrow", "arrow_reader", "pandas", "polars", "polars_lazy", "duckdb", "spark")


def kind_of(table: Any) -> str:
    """Which kind of table `table` is (one of KINDS); an unsupported object is an InputError.

    >>> kind_of(42)
    Traceback (most recent call last):
    ...
    regatlas.errors.InputError: table: cannot screen a int: pass a path, a pandas, Polars or PySpark DataFrame, a Polars LazyFrame, a PyArrow Table or RecordBatchReader, or a DuckDB relation
    """
    if isinstance(table, str | Path):
        return "path"
    cls = type(table)
    module, name = cls.__module__.split(".")[0], cls.__name__
    kind = {("pyarrow", "Table"): "arrow", ("pyarrow", "RecordBatchReader"): "arrow_reader",
            ("pandas", "DataFrame"): "pandas", ("polars", "DataFrame"): "polars",
            ("polars", "LazyFrame"): "polars_lazy", ("duckdb", "DuckDBPyRelation"): "duckdb",
            ("pyspark", "DataFrame"): "spark"}.get((module, name))
    if kind is None:
        raise InputError(f"cannot screen a {name}: pass a path, a pandas, Polars or PySpark DataFrame, a "
                         "Polars LazyFrame, a PyArrow Table or RecordBatchReader, or a DuckDB relation",
                         field="table")
    return kind


def to_arrow(table: Any, kind: str) -> Any:
    """The caller's table as a PyArrow Table (pandas' index is not a column)."""
    import pyarrow as pa

    if kind == "arrow":
        return table
    if kind == "arrow_reader":
        return table.read_all()
    if kind == "pandas":
        return pa.Table.from_pandas(table, preserve_index=False)
    if kind == "polars":
        return table.to_arrow()
    if kind == "polars_lazy":
        return table.collect().to_arrow()
    return table.arrow()  # a DuckDB relation


def from_arrow(table: Any, kind: str) -> Any:
    """A PyArrow Table back as the caller's kind (Arrow for a path, a reader or a DuckDB relation)."""
    if kind == "pandas":
        return table.to_pandas()
    if kind in ("polars", "polars_lazy"):
        import polars as pl

        frame = pl.from_arrow(table)
        return frame.lazy() if kind == "polars_lazy" else frame
    return table
