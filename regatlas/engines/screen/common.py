"""What both screening engines share: input checks, output paths, the result summary.

>>> default_rejects_path(__import__("pathlib").Path("out/decided.parquet")).name
'decided.rejects.parquet'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from regatlas.errors import InputError

REQUIRED_COLUMNS = ("id", "timestamp", "originator_jurisdiction", "beneficiary_jurisdiction",
                    "amount", "currency", "counterparty_type")
FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


@dataclass
class ScreenResult:
    """Counts of a screening run; rows_in always equals rows_decided + rows_rejected."""

    rulebook: dict
    rows_in: int
    rows_decided: int
    rows_rejected: int
    out: str
    rejects: str
    engine: str
    seconds: float
    reject_reasons: dict[str, int]
    registers: list[str] = field(default_factory=list)
    """Register snapshots the counterparty columns were read from (empty without VASP LEI columns)."""

    def as_dict(self) -> dict:
        """The contract's `screen` JSON answer (plus engine, timing and reasons)."""
        return {"rulebook": self.rulebook, "rows_in": self.rows_in, "rows_decided": self.rows_decided,
                "rows_rejected": self.rows_rejected, "out": self.out, "rejects": self.rejects,
                "engine": self.engine, "seconds": round(self.seconds, 3),
                "reject_reasons": self.reject_reasons, "registers": self.registers,
                "balanced": self.rows_in == self.rows_decided + self.rows_rejected}


def file_format(path: Path, role: str) -> str:
    """'csv' or 'parquet' from a file name (a trailing .gz is allowed for CSV)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-1:] == [".gz"] and suffixes[-2:-1] == [".csv"]:
        return "csv"
    fmt = FORMATS.get(suffixes[-1] if suffixes else "")
    if fmt is None:
        raise InputError(f"{path}: must be .csv, .csv.gz or .parquet", field=role)
    return fmt


def default_rejects_path(out: Path) -> Path:
    """Rejects go next to the output unless a path is given: NAME.rejects.EXT."""
    return out.with_name(f"{out.stem}.rejects{out.suffix}")


def prepare_paths(input_path: Path, out: Path, rejects: Path | None) -> Path:
    """Check the input exists and the outputs have known formats; make their folders; return
    the rejects path (next to the output unless given)."""
    if not input_path.is_file():
        raise InputError(f"{input_path}: no such file", file=str(input_path))
    rejects = rejects or default_rejects_path(out)
    for path, role in ((out, "out"), (rejects, "rejects")):
        file_format(path, role)
        path.parent.mkdir(parents=True, exist_ok=True)
    return rejects


def check_columns(columns: list[str], path: Path) -> None:
    """InputError naming every contract column missing from the input header."""
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)} (found: {', '.join(columns)})",
                         file=str(path), line=1, field=missing[0])
    dup = {c for c in columns if columns.count(c) > 1}
    if dup:
        raise InputError(f"{path}: duplicate column(s) {', '.join(sorted(dup))}", file=str(path), line=1)


def read_relation(path: Path) -> str:
    """DuckDB table function for a screening file (CSV read as text)."""
    quoted = "'" + str(path).replace("'", "''") + "'"
    if file_format(path, "file") == "csv":
        return f"read_csv({quoted}, header = true, all_varchar = true)"
    return f"read_parquet({quoted})"


def count_rows(path: Path) -> int:
    """Rows in an output file (0 for an empty file)."""
    import duckdb

    if path.stat().st_size == 0:
        return 0
    return duckdb.connect().execute(f"SELECT count(*) FROM {read_relation(path)}").fetchone()[0]


def reject_reasons(path: Path) -> dict[str, int]:
    """Count of rejected rows by reason, read back from a rejects file that has rows (callers
    know from their own count; an empty file may have no columns to group)."""
    import duckdb

    return dict(duckdb.connect().execute(
        f"SELECT reject_reason, count(*) FROM {read_relation(path)} GROUP BY 1 ORDER BY 1").fetchall())
