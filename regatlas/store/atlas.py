"""The compiled atlas: a DuckDB file per rulebook version, built once and then only read.

The file name carries the rulebook's content hash and the store schema, so a changed rulebook
(or a changed compiler) gets a new file and an unchanged one is never rebuilt.

>>> atlas = open_atlas()
>>> len(atlas.version)
12
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from regatlas.errors import RulebookError
from regatlas.rulebook.files import content_version, default_rulebook_dir
from regatlas.store.schema import STORE_SCHEMA


def store_home() -> Path:
    """Where compiled atlases live: $REGATLAS_HOME, else ~/.cache/regatlas."""
    env = os.environ.get("REGATLAS_HOME")
    return Path(env) if env else Path.home() / ".cache" / "regatlas"


@dataclass
class Atlas:
    """A read-only connection to one compiled rulebook version; cursors are per thread."""

    path: Path
    version: str
    con: duckdb.DuckDBPyConnection
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for the calling thread (DuckDB connections are not shared across threads)."""
        cur = getattr(self._local, "cur", None)
        if cur is None:
            cur = self._local.cur = self.con.cursor()
        return cur

    def cached(self, name: str, load):
        """A value computed once per atlas (the store is read-only, so it never goes stale)."""
        memo = self.__dict__.setdefault("_memo", {})
        if name not in memo:
            memo[name] = load()
        return memo[name]

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict]:
        """Run a query and return rows as dicts."""
        cur = self.cursor().execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def build(root: Path | None = None, home: Path | None = None, force: bool = False) -> tuple[Path, bool]:
    """Compile the rulebook at `root` unless its version is already built; (path, built_now).

    Raises RulebookError (exit code 1) when the rulebook does not validate.
    """
    root = root or default_rulebook_dir()
    home = home or store_home()
    version = content_version(root)
    path = home / f"atlas-{version}-s{STORE_SCHEMA}.duckdb"
    if path.exists() and not force:
        return path, False
    from regatlas.rulebook import validate
    from regatlas.store.compile import compile_into  # the compiler (and pyarrow) only when building

    report = validate(root)
    if not report.valid:
        first = report.errors[0]
        err = RulebookError(f"rulebook is invalid ({len(report.errors)} errors; first: {first})")
        err.exit_code = 1
        raise err
    home.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        compile_into(con, report.loaded.rulebook)
    finally:
        con.close()
    os.replace(tmp, path)
    return path, True


_OPEN: dict[tuple[Path, Path], Atlas] = {}
_LOCK = threading.Lock()


def open_atlas(root: Path | None = None, home: Path | None = None) -> Atlas:
    """The atlas for the rulebook at `root`, compiled on first use, cached per process."""
    root = (root or default_rulebook_dir()).resolve()
    home = (home or store_home()).resolve()
    with _LOCK:
        path, _ = build(root, home)
        key = (root, path)
        if key not in _OPEN:
            con = duckdb.connect(str(path), read_only=True)
            version = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0]
            _OPEN[key] = Atlas(path=path, version=version, con=con)
        return _OPEN[key]
