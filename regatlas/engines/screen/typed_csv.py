"""Reading a screening CSV typed by DuckDB's CSV reader, and knowing how many rows it read.

The typed reader converts `timestamp`, `amount` and the code columns while it splits the text (in
parallel), and skips a row it cannot type, recording it in the connection's `reject_errors`
table (`store_rejects`). How many rows it produced is in DuckDB's query profile: the cardinality
of the one READ_CSV operator. Together they tell whether the deciding pass kept every row of the
file, so a screening run need not read the file again to count it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb


def typed_csv_relation(path: Path, types: dict[str, str] | None = None) -> str:
    """DuckDB table function reading a screening CSV with `timestamp` as TIMESTAMPTZ, `amount` as
    DOUBLE and the columns in `types` as typed there (others as text); a row it cannot type is
    skipped and recorded in `reject_errors`.

    >>> typed_csv_relation(Path("t.csv"), {"currency": "ENUM('EUR')"}).split("store_rejects = true, ")[1]
    "types = {'timestamp': 'TIMESTAMPTZ', 'amount': 'DOUBLE', 'currency': 'ENUM(''EUR'')'})"
    """
    quoted = "'" + str(path).replace("'", "''") + "'"
    typed = {"timestamp": "TIMESTAMPTZ", "amount": "DOUBLE", **(types or {})}
    spec = ", ".join(f"'{col}': '{kind.replace(chr(39), chr(39) * 2)}'" for col, kind in typed.items())
    return f"read_csv({quoted}, header = true, all_varchar = true, store_rejects = true, types = {{{spec}}})"


@contextmanager
def profiled(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Profile the queries run inside, quietly: `rows_read` reads the last one's profile, inside
    the block (leaving it ends profiling and its record)."""
    con.execute("SET enable_profiling = 'no_output'")
    try:
        yield
    finally:
        con.execute("RESET enable_profiling")


def _scans(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if node.get("name") == "READ_CSV":
        yield node
    for child in node.get("children", []):
        yield from _scans(child)


def rows_read(con: duckdb.DuckDBPyConnection) -> int | None:
    """Rows of the CSV file read by the last profiled query: the rows its one READ_CSV operator
    produced plus the rows it skipped (`reject_errors`). None when the profile does not say it
    plainly (no CSV scan, several, or a filter pushed into the scan, which would make its
    cardinality count filtered rows).

    >>> import duckdb, tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = path.write_text("id,timestamp,amount\\na,2025-01-01T00:00:00Z,1\\nb,yesterday,2\\n")
    >>> con = duckdb.connect()
    >>> with profiled(con):
    ...     found = con.execute(f"SELECT id, timestamp FROM {typed_csv_relation(path)} WHERE amount > 1").fetchall()
    ...     read = rows_read(con)
    >>> found, read
    ([], 2)
    """
    profile = json.loads(con.get_profiling_information())
    scans = [scan for top in profile.get("operator", []) for scan in _scans(top)]
    if len(scans) != 1 or "Filters" in scans[0].get("extra_info", {}):
        return None
    skipped = con.execute("SELECT count(DISTINCT (scan_id, file_id, line)) FROM reject_errors").fetchone()[0]
    return int(scans[0]["intermediate_rows"]) + int(skipped)
