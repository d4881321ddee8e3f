"""Screening on Apache Spark with the very same decision plan, transpiled from DuckDB SQL.

Lookup tables are built exactly as for DuckDB (in an in-memory DuckDB), then handed to Spark
as small DataFrames (broadcast joins). Local mode here; on a cluster submit `spark_job.py`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb

from regatlas.engines.fx import RateTable
from regatlas.engines.screen.common import (
    REQUIRED_COLUMNS,
    ScreenResult,
    check_columns,
    count_rows,
    file_format,
    prepare_paths,
    reject_reasons,
)
from regatlas.engines.travel_rule.lookup import DEFAULT_RANGE, LOOKUP_TABLES, load_lookups
from regatlas.engines.travel_rule.plan import PlanOptions, decided_sql, rejected_sql, stats_sql, to_spark
from regatlas.errors import RegatlasError
from regatlas.registers.counterparty import plan_inputs, sides_in
from regatlas.store import queries
from regatlas.store.atlas import Atlas


def spark_session(memory: str | None = None, threads: int | None = None, master: str | None = None) -> Any:
    """A Spark session, local (`threads` cores) or on `master` (a `spark://` URL), with the
    driver bound to loopback, UTC, no UI; an active session in the process is reused."""
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.master(master or f"local[{threads or 2}]").appName("regatlas-screen")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true"))
    if memory:
        builder = builder.config("spark.driver.memory", memory.lower().replace("b", ""))
    return builder.getOrCreate()


def _read(spark: Any, path: Path) -> Any:
    from pyspark.sql.types import StringType, StructField, StructType

    if path.stat().st_size == 0:
        schema = StructType([StructField(c, StringType()) for c in REQUIRED_COLUMNS])
        return spark.createDataFrame([], schema)
    if file_format(path, "input") == "csv":
        return spark.read.option("header", True).option("inferSchema", False).csv(str(path))
    return spark.read.parquet(str(path))


def _lookups(spark: Any, atlas: Atlas, rates: RateTable | None, folder: Path) -> None:
    """The dated lookups as Spark views over Parquet files DuckDB writes into `folder`.

    Handed over as files, not as DataFrames built from driver memory: a DataFrame created from
    rows embeds them in the query plan (a local relation of some 750,000 rows), which made the
    deciding pass about three times slower. `folder` must be readable by every executor: any
    local folder in local mode or on a one-machine cluster, shared storage on a real cluster.
    """
    from pyspark.sql.functions import broadcast

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    load_lookups(con, atlas, *DEFAULT_RANGE, rates=rates)
    for table in LOOKUP_TABLES:
        path = folder / f"{table}.parquet"
        con.execute(f"COPY {table} TO '{path}' (FORMAT parquet)")
        # Spark's size estimate of the law table exceeds its 10 MB broadcast default: without the
        # hint one join would shuffle the whole input instead of probing a copy on every executor.
        broadcast(spark.read.parquet(str(path))).createOrReplaceTempView(table)
    con.close()


_CP_SCHEMAS = {"cp_lei": "raw string, valid boolean, warned boolean, home_bit bigint, passport_mask bigint, "
                         "authorised_on date, end_on date",
               "cp_codes": "jurisdiction string, bit bigint, eea boolean"}


def _counterparty(spark: Any, df: Any, opts: PlanOptions, as_of: dt.date | None) -> tuple[PlanOptions, list[str]]:
    """With VASP LEI columns, the register relation as a Spark view and the plan told to read it
    (the snapshots are those published by the last transfer date, as in the DuckDB engine)."""
    from pyspark.sql.functions import broadcast

    if not sides_in(df.columns):
        return opts, []
    day = as_of or spark.sql(to_spark(stats_sql(opts))).collect()[0][2] or dt.date.today()

    def distinct(column: str) -> list[str]:
        return [r[0] for r in df.select(df[column].cast("string")).distinct().collect()]

    codes = [r[0] for r in spark.table("tr_codes").select("jurisdiction").collect()]
    sides, rels, snapshots = plan_inputs(df.columns, distinct, codes, day)
    for name, table in rels.items():
        broadcast(spark.createDataFrame(table.to_pylist(), schema=_CP_SCHEMAS[name])).createOrReplaceTempView(name)
    return replace(opts, counterparty=sides, register_snapshots=snapshots), snapshots.split(",")


def _write(df: Any, path: Path, single_file: bool) -> None:
    fmt = file_format(path, "out")
    target = Path(tempfile.mkdtemp(prefix="regatlas-spark-")) if single_file else path
    writer = (df.coalesce(1) if single_file else df).write.mode("overwrite")
    if fmt == "csv":
        writer.option("header", True).csv(str(target))
    else:
        writer.option("compression", "zstd").parquet(str(target))
    if single_file:
        part = next(target.glob(f"part-*.{fmt}" if fmt == "csv" else "part-*.parquet"), None)
        if part is None:  # no rows at all: Spark wrote no part file; keep an empty file of the format
            part = next(target.glob("part-*"))
        shutil.move(str(part), path)
        shutil.rmtree(target, ignore_errors=True)


def screen(atlas: Atlas, input_path: Path, out: Path, rejects: Path | None = None, *,
           memory_limit: str | None = None, threads: int | None = None, as_of: dt.date | None = None,
           rates: RateTable | None = None, progress: Any = None, single_file: bool = True,
           spark: Any = None, decisions_only: bool = False, master: str | None = None) -> ScreenResult:
    """Decide every transfer on Spark (local, or on the cluster at `master`); same outputs and
    accounting as the DuckDB engine."""
    started = time.perf_counter()
    rejects = prepare_paths(input_path, out, rejects)
    spark = spark or spark_session(memory_limit, threads, master)
    return screen_frame(atlas, _read(spark, input_path), out, rejects, source=str(input_path), as_of=as_of,
                        rates=rates, progress=progress, single_file=single_file, started=started,
                        decisions_only=decisions_only)


def screen_frame(atlas: Atlas, df: Any, out: Path, rejects: Path, *, source: str = "DataFrame",
                 as_of: dt.date | None = None, rates: RateTable | None = None, progress: Any = None,
                 single_file: bool = True, started: float | None = None,
                 decisions_only: bool = False) -> ScreenResult:
    """Decide every transfer of a Spark DataFrame `df` in its own session (what `screen` runs
    after reading its file; the library passes a caller's DataFrame here directly). The lookups
    are staged in a temporary folder (TMPDIR: shared storage on a multi-machine cluster)."""
    started = started if started is not None else time.perf_counter()
    spark = df.sparkSession
    check_columns(df.columns, Path(source))
    df.createOrReplaceTempView("transfers")
    staging = Path(tempfile.mkdtemp(prefix="regatlas-spark-lookups-"))
    try:
        return _decide(spark, atlas, df, out, rejects, staging, as_of=as_of, rates=rates, progress=progress,
                       single_file=single_file, started=started, decisions_only=decisions_only)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _decide(spark: Any, atlas: Atlas, df: Any, out: Path, rejects: Path, staging: Path, *,
            as_of: dt.date | None, rates: RateTable | None, progress: Any, single_file: bool,
            started: float, decisions_only: bool) -> ScreenResult:
    """screen_frame's work, with the lookups staged in `staging`."""
    from pyspark.sql.types import StringType

    _lookups(spark, atlas, rates, staging)
    opts = PlanOptions(columns=tuple(df.columns), version=atlas.version,
                       as_of=as_of.isoformat() if as_of else None,
                       timestamp="text" if isinstance(df.schema["timestamp"].dataType, StringType) else "naive",
                       decisions_only=decisions_only)
    opts, registers = _counterparty(spark, df, opts, as_of)
    rows_in = df.count()
    if progress:
        progress("deciding", 0.0)
    _write(spark.sql(to_spark(decided_sql(opts))), out, single_file)
    if progress:
        progress("deciding", 100.0)
    if single_file:
        count, reasons_of = count_rows, reject_reasons
    else:  # directories of part files on a cluster: count with Spark itself
        read = (lambda p: spark.read.option("header", True).csv(str(p))) if file_format(
            out, "out") == "csv" else (lambda p: spark.read.parquet(str(p)))

        def count(path: Path) -> int:
            return read(path).count()

        def reasons_of(path: Path) -> dict[str, int]:
            return {r[0]: r[1] for r in read(path).groupBy("reject_reason").count().collect()}
    decided = count(out)
    # Every row decided: the rejects file is written empty without a second pass over the input.
    rejects_limit = " LIMIT 0" if decided == rows_in else ""
    _write(spark.sql(to_spark(rejected_sql(opts)) + rejects_limit), rejects, single_file)
    rejected = count(rejects)
    reasons = reasons_of(rejects) if rejected else {}
    if rows_in != decided + rejected:
        raise RegatlasError(f"row accounting failed: {rows_in} in, {decided} decided, {rejected} rejected")
    return ScreenResult(
        rulebook=queries.header(atlas, as_of or dt.date.today()), rows_in=rows_in,
        rows_decided=decided, rows_rejected=rejected, out=str(out), rejects=str(rejects),
        engine="spark", seconds=time.perf_counter() - started, reject_reasons=dict(sorted(reasons.items())),
        registers=registers)
