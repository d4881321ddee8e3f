"""Register snapshots in DuckDB: each official file once (by SHA-256), its rows, and what was rejected.

Registers are data of their own, dated by snapshot, beside the compiled atlas (which is per rulebook
version and read-only): one `registers-r<schema>.duckdb` under $REGATLAS_HOME. The bundled snapshots
are loaded into it on first use; `registers load` adds a newer official file. A file already loaded
(same SHA-256) is not loaded twice.

>>> store = open_registers()
>>> [s["register"] for s in store.snapshots() if s["published"].isoformat() == "2026-02-09"][:1]
['esma-art']
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from regatlas.errors import InputError, RegatlasError, RulebookError
from regatlas.registers.formats import DATA, load_catalogue
from regatlas.registers.parse import MAX_FILE, Parsed, parse_register
from regatlas.rulebook.yamlpos import load_file
from regatlas.store.atlas import store_home
from regatlas.untrusted.files import read_bytes

REGISTERS_SCHEMA = 1
"""Bumped when the tables below change, so an older file is rebuilt rather than misread."""
_LOCK = threading.Lock()
_OPEN: dict[Path, RegisterStore] = {}
_TABLES = """
create table if not exists snapshots (
  id varchar primary key, register varchar, published date, retrieved date, source_url varchar,
  obtained_from varchar, file varchar, sha256 varchar, encoding varchar, delimiter varchar,
  rows_in integer, loaded integer, rejected integer, dropped integer, bundled boolean);
create table if not exists entities (
  snapshot varchar, register varchar, line integer, lei varchar, lei_raw varchar, name varchar,
  commercial_name varchar, home_state varchar, lei_country varchar, authority varchar, address varchar,
  website varchar[], authorised_on date, end_on date, services varchar[], countries varchar[],
  comments varchar, last_update date, extra json);
create table if not exists issues (
  snapshot varchar, line integer, field varchar, reason varchar, value varchar, rejected boolean);
"""
_COLUMNS = ("lei", "lei_raw", "name", "commercial_name", "home_state", "lei_country", "authority", "address",
            "website", "authorised_on", "end_on", "services", "countries", "comments", "last_update")


@dataclass
class RegisterStore:
    """A read connection to the register store."""

    path: Path
    con: duckdb.DuckDBPyConnection

    def rows(self, sql: str, params: list | tuple = ()) -> list[dict[str, Any]]:
        """Run a query and return rows as dicts."""
        cur = self.con.cursor().execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def snapshots(self, register: str | None = None) -> list[dict[str, Any]]:
        """Every snapshot (of `register`), oldest first."""
        where, params = ("where register = ?", [register]) if register else ("", [])
        return self.rows(f"select * from snapshots {where} order by published, register, id", params)

    def snapshot(self, ref: str) -> dict[str, Any]:
        """A snapshot by id, by the start of its id (`esma-casp-2026-02-09`) or of its SHA-256 (8+
        characters); InputError when none or several match."""
        found = self.rows("select * from snapshots where id = ? or (length(?) >= 8 and "
                          "(starts_with(id, ?) or starts_with(sha256, lower(?))))", [ref, ref, ref, ref])
        exact = [s for s in found if s["id"] == ref]
        found = exact or found
        if len(found) != 1:
            known = ", ".join(s["id"] for s in self.snapshots())
            raise InputError(f"{'no' if not found else 'more than one'} snapshot {ref!r}; known: {known}",
                             field="snapshot")
        return found[0]

    def latest(self, register: str, on: dt.date | None = None) -> dict[str, Any] | None:
        """The newest snapshot of `register` published on or before `on` (any date when None)."""
        return newest(self.snapshots(register), on)

    def entities(self, snapshot_ids: list[str], where: str = "true", params: list | tuple = ()) -> list[dict]:
        """Rows of the given snapshots matching `where` (a SQL condition on the entities table)."""
        if not snapshot_ids:
            return []
        marks = ", ".join("?" for _ in snapshot_ids)
        rows = self.rows(f"select * from entities where snapshot in ({marks}) and ({where}) order by name, line",
                         [*snapshot_ids, *params])
        for r in rows:
            r["extra"] = json.loads(r["extra"]) if r["extra"] else {}
        return rows


def newest(snapshots: list[dict[str, Any]], on: dt.date | None) -> dict[str, Any] | None:
    """The newest of `snapshots` (oldest first) published on or before `on` (any when None).

    >>> newest([{"published": dt.date(2026, 1, 1)}, {"published": dt.date(2026, 2, 1)}], dt.date(2026, 1, 15))
    {'published': datetime.date(2026, 1, 1)}
    """
    return next((s for s in reversed(snapshots) if on is None or s["published"] <= on), None)


def registers_path(home: Path | None = None) -> Path:
    """The register store's file."""
    return (home or store_home()) / f"registers-r{REGISTERS_SCHEMA}.duckdb"


def bundled() -> list[dict[str, Any]]:
    """The bundled snapshots' provenance (regatlas/data/registers/snapshots/snapshots.yaml)."""
    doc = load_file(DATA / "snapshots" / "snapshots.yaml")
    return list(doc.value)


def open_registers(home: Path | None = None) -> RegisterStore:
    """The register store, read-only, with every bundled snapshot loaded (written once per store file).

    Read-only connections let any number of processes (a server, CLI commands, test workers) read
    the store at once; only seeding and `registers load` write, each in a short-lived connection."""
    path = registers_path(home)
    with _LOCK:
        if path not in _OPEN:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if not _complete(path):
                    _write(path, _seed)
                con = _connect(path, read_only=True)
            except (OSError, duckdb.IOException):  # a read-only home: the bundled snapshots in memory
                con = duckdb.connect()
                _seed(con)
            _OPEN[path] = RegisterStore(path, con)
        return _OPEN[path]


def _complete(path: Path) -> bool:
    """Whether the store file exists and holds every bundled snapshot."""
    if not path.exists():
        return False
    try:
        con = _connect(path, read_only=True)
    except duckdb.Error:
        return False
    try:
        have = {r[0] for r in con.execute("select sha256 from snapshots").fetchall()}
    except duckdb.CatalogException:
        return False
    finally:
        con.close()
    return all(e["sha256"] in have for e in bundled())


def _seed(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_TABLES)
    have = {r[0] for r in con.execute("select sha256 from snapshots").fetchall()}
    for entry in bundled():
        if entry["sha256"] not in have:
            _load_bundled(con, entry)


def _connect(path: Path, read_only: bool, wait: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A connection, waiting while another process holds a conflicting lock (it seeds or loads)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise RegatlasError(f"{path}: the register store is in use by another process "
                                    f"({str(exc).splitlines()[0]}); try again when it is done") from None
            time.sleep(0.2)


def _write(path: Path, work) -> Any:
    """Run `work(con)` in a read-write connection of its own; this process's reader is reopened after."""
    reader = _OPEN.pop(path, None)
    if reader is not None:
        reader.con.close()
    con = _connect(path, read_only=False)
    try:
        return work(con)
    finally:
        con.close()


def _load_bundled(con: duckdb.DuckDBPyConnection, entry: dict[str, Any]) -> None:
    data = (DATA / "snapshots" / entry["file"]).read_bytes()
    parsed = parse_register(data, load_catalogue().register(entry["register"]), entry["file"])
    if parsed.sha256 != entry["sha256"]:
        raise RulebookError(f"SHA-256 {parsed.sha256} differs from the manifest's: the bundled file changed",
                            file=f"snapshots/{entry['file']}", field="sha256")
    insert(con, parsed, {**entry, "bundled": True})


def load_file_into_store(path_in: Path, register: str, published: dt.date | None, source_url: str | None,
                         home: Path | None = None) -> tuple[dict[str, Any], Parsed, bool]:
    """Add an official file to the store; (snapshot row, parsed file, added_now). A file whose SHA-256
    is already in the store is not added again (added_now False)."""
    data = read_bytes(path_in, limit=MAX_FILE)
    parsed = parse_register(data, load_catalogue().register(register), str(path_in))
    open_registers(home)  # the bundled snapshots first
    path = registers_path(home)

    def add(con: duckdb.DuckDBPyConnection) -> bool:
        if con.execute("select id from snapshots where sha256 = ?", [parsed.sha256]).fetchone():
            return False
        insert(con, parsed, {
            "register": register, "published": published or dt.date.today(), "retrieved": dt.date.today(),
            "source_url": source_url, "obtained_from": str(path_in), "file": path_in.name, "bundled": False})
        return True

    with _LOCK:
        added = _write(path, add)
    store = open_registers(home)
    return store.rows("select * from snapshots where sha256 = ?", [parsed.sha256])[0], parsed, added


def insert(con: duckdb.DuckDBPyConnection, parsed: Parsed, meta: dict[str, Any]) -> str:
    """Write one parsed file and its issues; its id is `<register>-<published>-<sha256[:8]>`."""
    sid = f"{parsed.register}-{meta['published']}-{parsed.sha256[:8]}"
    con.execute("insert into snapshots values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        sid, parsed.register, meta["published"], meta["retrieved"], meta.get("source_url"),
        meta.get("obtained_from"), meta["file"], parsed.sha256, parsed.encoding, parsed.delimiter,
        parsed.rows_in, len(parsed.records), len(parsed.rejected), len(parsed.dropped), meta["bundled"]])
    columns: dict[str, list] = {"snapshot": [], "register": [], "line": [], **{c: [] for c in _COLUMNS},
                                "extra": []}
    for r in parsed.records:
        for name, value in (("snapshot", sid), ("register", parsed.register), ("line", r["line"]),
                            *((c, r.get(c)) for c in _COLUMNS)):
            columns[name].append(value)
        columns["extra"].append(json.dumps({k: _jsonable(v) for k, v in r.items() if k not in _COLUMNS
                                            and k != "line"}))
    _append(con, "entities", columns)
    issues = [(i, True) for i in parsed.rejected] + [(i, False) for i in parsed.dropped]
    _append(con, "issues", {"snapshot": [sid] * len(issues), "line": [i.line for i, _ in issues],
                            "field": [i.field for i, _ in issues], "reason": [i.reason for i, _ in issues],
                            "value": [i.value for i, _ in issues], "rejected": [r for _, r in issues]})
    return sid


def _append(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list]) -> None:
    """Insert column lists in one statement (row-by-row inserts take seconds for a few hundred rows)."""
    import pyarrow as pa  # only when writing a snapshot

    names = [d[0] for d in con.execute(f"select * from {table} limit 0").description]
    types = {n: t for n, t in con.execute(f"select column_name, column_type from (describe {table})").fetchall()}
    batch = pa.table({n: columns[n] for n in names})
    con.register("_batch", batch)
    try:
        casts = ", ".join(f"cast({n} as {types[n]})" for n in names)
        con.execute(f"insert into {table} select {casts} from _batch")
    finally:
        con.unregister("_batch")


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value
