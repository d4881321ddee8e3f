"""Screening on embedded DuckDB: streaming, out-of-core under a memory limit.

The input is read as a view (CSV as text, Parquet as typed). The decision plan runs as `COPY ...
TO` statements, one for accepted rows and one for rejects (skipped when every row was decided).
The deciding pass reads the code columns as ENUMs of the known codes where it can: a CSV input
written to Parquet is typed by the CSV reader and read once when every row is decided
(`_decide_csv`), a Parquet input's text codes are cast in a view (`_coded`). The data streams
from input to output and spills to disk when it exceeds the memory limit.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import duckdb

from regatlas.engines.fx import RateTable
from regatlas.engines.screen.common import (
    REQUIRED_COLUMNS,
    ScreenResult,
    check_columns,
    file_format,
    prepare_paths,
    read_relation,
    reject_reasons,
)
from regatlas.engines.screen.typed_csv import profiled, rows_read, typed_csv_relation
from regatlas.engines.travel_rule.lookup import code_enums, load_lookups, lookup_window
from regatlas.engines.travel_rule.plan import (
    DEFAULT_RANGE,
    PlanOptions,
    Timestamp,
    decided_sql,
    rejected_sql,
    stats_sql,
)
from regatlas.errors import InputError, RegatlasError
from regatlas.registers.counterparty import plan_inputs, sides_in
from regatlas.store import queries
from regatlas.store.atlas import Atlas

Progress = Callable[[str, float], None]


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


# zstd at level 1: writing the 10M-row benchmark output takes about 0.8 s less than at the
# default level 3, for a file 5% larger (239 vs 228 MB); snappy's would be larger still.
PARQUET_OPTIONS = "(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)"


def _copy_options(path: Path) -> str:
    return "(FORMAT csv, HEADER true)" if file_format(path, "out") == "csv" else PARQUET_OPTIONS


@contextmanager
def _watching(con: duckdb.DuckDBPyConnection, label: str, progress: Progress | None) -> Iterator[None]:
    """Report the query's progress under `label` every 0.2 s while the block runs, then 100%."""
    if progress is None:
        yield
        return
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.2):
            pct = con.query_progress()
            if pct >= 0:
                progress(label, pct)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        progress(label, 100.0)


def _run(con: duckdb.DuckDBPyConnection, sql: str, label: str, progress: Progress | None) -> int:
    with _watching(con, label, progress):
        return con.execute(sql).fetchall()[0][0]


def memory_size(value: str) -> str:
    """A DuckDB memory size such as '2GB' or '512MB'; InputError otherwise.

    >>> memory_size("2 gb")
    '2GB'
    """
    text = value.replace(" ", "").upper()
    if not re.fullmatch(r"\d+(\.\d+)?(KB|MB|GB|TB|KIB|MIB|GIB|TIB)", text):
        raise InputError(f"'{value}' is not a memory size like 2GB or 512MB", field="memory_limit")
    return text


def _timestamp_kind(duckdb_type: str) -> Timestamp:
    """How the plan reads a `timestamp` column of this DuckDB type."""
    return {"VARCHAR": "text", "TIMESTAMP WITH TIME ZONE": "instant"}.get(duckdb_type, "naive")


def _empty_input(path: Path) -> bool:
    return path.stat().st_size == 0


def _counterparty(con: duckdb.DuckDBPyConnection, opts: PlanOptions, day: dt.date) -> tuple[PlanOptions, list[str]]:
    """With VASP LEI columns in the input, the register relations in `con` and the plan told to read them."""
    def distinct(column: str) -> list[str]:
        return [r[0] for r in con.execute(f'SELECT DISTINCT CAST("{column}" AS VARCHAR) FROM transfers').fetchall()]

    codes = [r[0] for r in con.execute("SELECT jurisdiction FROM tr_codes").fetchall()]
    sides, rels, snapshots = plan_inputs(opts.columns, distinct, codes, day)
    for name, table in rels.items():
        con.register(name, table)
    return replace(opts, counterparty=sides, register_snapshots=snapshots), snapshots.split(",") if sides else []


def _typed_csv(input_path: Path, out: Path, rejects: Path, columns: list[str]) -> bool:
    """Whether the run reads the CSV input typed by the CSV reader (`_decide_csv`): a CSV input
    written to Parquet, without VASP LEI columns (their register relations are built
    from the input's distinct LEIs and its last day, which take readings of their own). CSV output
    keeps the text as read."""
    return (not _empty_input(input_path) and file_format(input_path, "input") == "csv"
            and file_format(out, "out") == file_format(rejects, "rejects") == "parquet"
            and not sides_in(columns))


def _copy(con: duckdb.DuckDBPyConnection, sql: str, path: Path, label: str, progress: Progress | None) -> int:
    return _run(con, f"COPY ({sql}) TO {_quote(path)} {_copy_options(path)}", label, progress)


def _decide_csv(con: duckdb.DuckDBPyConnection, input_path: Path, opts: PlanOptions, out: Path, rejects: Path,
                progress: Progress | None) -> tuple[int, int, int]:
    """(rows in, decided, rejected) for a CSV input written to Parquet, the view `transfers` reading
    it as text.

    Parsing text is most of a CSV run, so the file is read once when every row is decided. The
    deciding pass reads `timestamp` as TIMESTAMPTZ, `amount` as DOUBLE and the code columns as
    ENUMs of the known codes (lookup.code_enums) in the CSV reader (typed, in parallel), skipping
    the rows it cannot type; the decisions file then carries `timestamp` and `amount` typed (the
    codes are written as the same strings). When the reader read exactly the rows decided
    (typed_csv.rows_read), the rejects file is written empty. Otherwise the rows are counted as
    text and the rejects pass reads the text, so a rejected row keeps its values as written; should
    the reader and the plan's casts disagree on a value (the counts do not add up), the file is
    decided again from the text.
    """
    relation = typed_csv_relation(input_path, code_enums(con))
    con.execute(f"CREATE OR REPLACE VIEW typed_transfers AS SELECT * FROM {relation}")
    typed = replace(opts, timestamp="instant", source="typed_transfers", code_types=True)
    with profiled(con):
        decided = _copy(con, decided_sql(typed), out, "deciding", progress)
        read = rows_read(con)
    rows_in = decided if read == decided else _run(con, "SELECT count(*) FROM transfers", "counting", progress)
    return (rows_in, *_reject(con, opts, rows_in, decided, out, rejects, progress))


def _coded(con: duckdb.DuckDBPyConnection, opts: PlanOptions, types: dict[str, str]) -> PlanOptions:
    """The plan reading the code columns as ENUMs of the known codes (a view casting them), when
    they are text, written out, and no register is read: DuckDB then writes them from the ENUM's
    dictionary instead of hashing every row's strings (about 0.9 s of 3.5 s for 10M Parquet rows),
    and the plan joins the code tables on ENUM positions. With `decisions_only` the codes are not
    written and the casts would cost more than the joins on the strings (Parquet's dictionary
    pages let DuckDB hash each distinct code once). An unknown code casts to NULL: that row has no
    decision either way, and the rejects pass reads the input as it is."""
    if opts.counterparty or opts.decisions_only:
        return opts
    enums = code_enums(con)
    if any(types.get(column) != "VARCHAR" for column in enums):
        return opts
    casts = ", ".join(f'TRY_CAST("{column}" AS {enum}) AS "{column}"' for column, enum in enums.items())
    con.execute(f"CREATE OR REPLACE VIEW coded_transfers AS SELECT * REPLACE ({casts}) FROM {opts.source}")
    return replace(opts, source="coded_transfers", code_types=True)


def _reject(con: duckdb.DuckDBPyConnection, opts: PlanOptions, rows_in: int, decided: int, out: Path,
            rejects: Path, progress: Progress | None) -> tuple[int, int]:
    """(decided, rejected) once a typed deciding pass wrote `decided` of `rows_in` rows: the rejects
    pass over the input as it is (written empty without reading when every row was decided); should
    the typed reading and the plan's own casts disagree on a value (the counts do not add up), the
    input is decided again as it is."""
    limit = " LIMIT 0" if decided == rows_in else ""
    rejected = _copy(con, rejected_sql(opts) + limit, rejects, "rejects", progress)
    if decided + rejected != rows_in:
        decided = _copy(con, decided_sql(opts), out, "deciding", progress)
    return decided, rejected


def screen(atlas: Atlas, input_path: Path, out: Path, rejects: Path | None = None, *,
           memory_limit: str | None = None, threads: int | None = None, as_of: dt.date | None = None,
           rates: RateTable | None = None, progress: Progress | None = None,
           decisions_only: bool = False) -> ScreenResult:
    """Decide every transfer of `input_path`; write decisions to `out` (only `id` of the input
    columns with `decisions_only`) and rejects beside it."""
    started = time.perf_counter()
    rejects = prepare_paths(input_path, out, rejects)
    con = duckdb.connect(config={"preserve_insertion_order": False})
    tmp = tempfile.mkdtemp(prefix="regatlas-spill-")
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"SET temp_directory = {_quote(Path(tmp))}")
    memory = memory_size(memory_limit) if memory_limit else None
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if _empty_input(input_path):
        con.execute("CREATE VIEW transfers AS SELECT " + ", ".join(
            f'CAST(NULL AS VARCHAR) AS "{c}"' for c in REQUIRED_COLUMNS) + " WHERE false")
    else:
        try:
            file_format(input_path, "input")
            con.execute(f"CREATE VIEW transfers AS SELECT * FROM {read_relation(input_path)}")
        except duckdb.Error as exc:
            raise InputError(f"{input_path}: cannot read input: {str(exc).splitlines()[0]}",
                             file=str(input_path)) from None
    described = con.execute("DESCRIBE transfers").fetchall()
    columns = [r[0] for r in described]
    check_columns(columns, input_path)
    types = {r[0]: r[1] for r in described}
    opts = PlanOptions(columns=tuple(columns), version=atlas.version,
                       as_of=as_of.isoformat() if as_of else None, timestamp=_timestamp_kind(types["timestamp"]),
                       decisions_only=decisions_only)
    try:
        if memory:
            con.execute(f"SET memory_limit = '{memory}'")
        if _typed_csv(input_path, out, rejects, columns):
            # the input's days are unknown before the deciding pass: the whole compiled range
            load_lookups(con, atlas, *lookup_window(*DEFAULT_RANGE, as_of), rates=rates, in_place=memory is not None)
            registers: list[str] = []
            rows_in, decided, rejected = _decide_csv(con, input_path, opts, out, rejects, progress)
        else:
            rows_in, first, last = con.execute(stats_sql(opts)).fetchall()[0]
            # The input's days only, copied into memory: joins on tables the planner can size run
            # about 8% faster end to end than on views of the cache file (10M Parquet rows); under a
            # memory limit the views page the lookups from disk instead.
            load_lookups(con, atlas, *lookup_window(first, last, as_of), rates=rates, in_place=memory is not None)
            opts, registers = _counterparty(con, opts, as_of or last or dt.date.today())
            decided = _copy(con, decided_sql(_coded(con, opts, types)), out, "deciding", progress)
            decided, rejected = _reject(con, opts, rows_in, decided, out, rejects, progress)
    except duckdb.Error as exc:
        raise InputError(f"{input_path}: {str(exc).splitlines()[0]}", file=str(input_path)) from None
    finally:
        con.close()
        shutil.rmtree(tmp, ignore_errors=True)
    if rows_in != decided + rejected:
        raise RegatlasError(f"row accounting failed: {rows_in} in, {decided} decided, {rejected} rejected")
    return ScreenResult(
        rulebook=queries.header(atlas, as_of or dt.date.today()), rows_in=rows_in,
        rows_decided=decided, rows_rejected=rejected, out=str(out), rejects=str(rejects),
        engine="duckdb", seconds=time.perf_counter() - started,
        reject_reasons=reject_reasons(rejects) if rejected else {}, registers=registers)
