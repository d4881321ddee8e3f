"""The dated lookups the screening plan joins: the per-rulebook file cache holds exactly what a
fresh build computes, and user-supplied rates never come from (or go into) that cache."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import duckdb
import pytest

from regatlas.engines.fx import default_rates
from regatlas.engines.travel_rule.lookup import LOOKUP_TABLES, build_lookups, load_lookups

# Spans the EU Transfer of Funds Regulation's entry into application (30 December 2024).
WINDOW = (dt.date(2024, 12, 20), dt.date(2025, 1, 10))


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def test_cached_lookups_equal_a_fresh_build(atlas):
    fresh, cached = duckdb.connect(), duckdb.connect()
    build_lookups(fresh, atlas, *WINDOW)
    load_lookups(cached, atlas, *WINDOW)
    for table in LOOKUP_TABLES:
        assert _rows(cached, table) == _rows(fresh, table), table
    days = cached.execute("SELECT min(day), max(day), count(DISTINCT day) FROM tr_law_daily").fetchall()
    assert days == [(*WINDOW, 22)]
    in_force = dict(cached.execute(
        "SELECT day, in_force FROM tr_law_daily WHERE jurisdiction = 'EU' AND day IN "
        "(DATE '2024-12-29', DATE '2024-12-30')").fetchall())
    assert in_force == {dt.date(2024, 12, 29): False, dt.date(2024, 12, 30): True}


def test_user_rates_are_compiled_afresh(atlas, tmp_path):
    rates_file = tmp_path / "rates.csv"
    rates_file.write_text("date,currency,per_eur\n2025-01-06,USD,2.0\n")
    con = duckdb.connect()
    load_lookups(con, atlas, *WINDOW, rates=default_rates().with_overrides(rates_file))
    usd = dict(con.execute("SELECT day, per_eur FROM fx_daily WHERE currency = 'USD' "
                           "AND day >= DATE '2025-01-06'").fetchall())
    assert usd[dt.date(2025, 1, 6)] == 2.0 and usd[dt.date(2025, 1, 10)] != 2.0
    bundled = duckdb.connect()
    load_lookups(bundled, atlas, *WINDOW)
    assert bundled.execute("SELECT per_eur FROM fx_daily WHERE currency = 'USD' "
                           "AND day = DATE '2025-01-06'").fetchall() != [(2.0,)]


def test_a_read_only_atlas_home_falls_back_to_compiling_in_memory(atlas, monkeypatch):
    from regatlas.engines.travel_rule import lookup

    def refuse(_atlas):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(lookup, "cached_lookups_file", refuse)
    fresh, fallback = duckdb.connect(), duckdb.connect()
    build_lookups(fresh, atlas, *WINDOW)
    load_lookups(fallback, atlas, *WINDOW)
    for table in LOOKUP_TABLES:
        assert _rows(fallback, table) == _rows(fresh, table), table


# Each way the building code can change; the cache must then be a different file (review F4).
CODE_CHANGES = {
    "lookup SQL": ("LOOKUP_SQL", lambda sql: sql + "-- changed\n"),
    "store schema": ("STORE_SCHEMA", lambda s: s + "0"),
    "date range": ("DEFAULT_RANGE", lambda r: (r[0], r[1].replace(year=r[1].year + 1))),
    "module sources": ("module_fingerprint", lambda _f: lambda: "0123456789abcdef"),
}


@pytest.mark.parametrize("change", CODE_CHANGES, ids=list(CODE_CHANGES))
def test_changed_building_code_never_reads_a_stale_lookups_cache(change, tmp_path, monkeypatch):
    from regatlas.engines.travel_rule import lookup

    builds: list[str] = []

    def build(con, _atlas, *_args, **_kwargs):  # stands in for the 2 s build; marks the file
        builds.append(lookup.LOOKUP_SQL)
        con.execute("CREATE TABLE marker AS SELECT ? AS build", [len(builds)])

    monkeypatch.setattr(lookup, "build_lookups", build)
    atlas = SimpleNamespace(path=tmp_path / "atlas-v1.duckdb", version="v1")
    first = lookup.cached_lookups_file(atlas)
    assert lookup.cached_lookups_file(atlas) == first and len(builds) == 1  # same inputs: one file
    name, alter = CODE_CHANGES[change]
    original = getattr(lookup, name)
    monkeypatch.setattr(lookup, name, alter(original))
    changed = lookup.cached_lookups_file(atlas)
    assert changed != first and len(builds) == 2
    assert duckdb.connect(str(changed), read_only=True).execute("SELECT build FROM marker").fetchall() == [(2,)]
    monkeypatch.setattr(lookup, name, original)
    assert lookup.cached_lookups_file(atlas) == first and len(builds) == 2


def test_threads_asking_at_once_build_the_lookups_file_once(tmp_path, monkeypatch):
    # Threads of one process share a temporary file name (and DuckDB one database per path): before
    # the build lock, eight threads' first checks collided ("write-write conflict") and most failed.
    import threading
    import time

    from regatlas.engines.travel_rule import lookup

    builds: list[int] = []

    def build(con, _atlas, *_args, **_kwargs):  # stands in for the build; slow enough to overlap
        builds.append(1)
        con.execute("CREATE TABLE marker AS SELECT 1 AS build")
        time.sleep(0.2)

    monkeypatch.setattr(lookup, "build_lookups", build)
    atlas = SimpleNamespace(path=tmp_path / "atlas-v1.duckdb", version="v1")
    paths, errors = [], []

    def ask() -> None:
        try:
            paths.append(lookup.cached_lookups_file(atlas))
        except Exception as exc:  # noqa: BLE001 - the test counts them
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(paths)) == 1 and len(paths) == 8
    assert builds == [1]


def test_source_fingerprint_follows_every_byte(tmp_path):
    from regatlas.engines.travel_rule.cache_key import source_fingerprint

    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("KEY_STRIDE = 1024\n")
    b.write_text("LOOKUP_SQL = 'SELECT 1'\n")
    before = source_fingerprint([a, b])
    assert source_fingerprint([a, b]) == before
    b.write_text("LOOKUP_SQL = 'SELECT 2'\n")
    assert source_fingerprint([a, b]) != before


def test_a_single_check_reads_one_day_and_answers_as_the_shared_lookups(monkeypatch):
    """A CLI process or a library call decides one transfer from the day's lookups alone (read from
    the cache file); the answers are those of the whole-range lookups a server holds."""
    import datetime as dt
    import random

    from regatlas.engines.travel_rule import lookup
    from regatlas.engines.travel_rule.corridor import check
    from regatlas.store.atlas import open_atlas

    atlas = open_atlas()
    monkeypatch.setattr(lookup, "_SHARED", {})
    rng = random.Random(16)
    codes = ["DE", "SG", "US", "GB", "CH", "AE-DU", "JP", "KE", "AT", "BR"]
    cases = [(rng.choice(codes), rng.choice(codes), round(rng.uniform(0, 5000), 2), rng.choice(["EUR", "USD", "SGD"]),
              dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2900)), rng.choice(["vasp", "self-hosted"]))
             for _ in range(60)]
    single = [check(atlas, *c) for c in cases]
    assert not lookup.is_shared(atlas)  # nothing loaded the whole range
    lookup.shared_lookups(atlas)
    assert lookup.is_shared(atlas)
    assert [check(atlas, *c) for c in cases] == single


def test_two_atlas_objects_on_one_file_both_read_a_day(atlas):
    # DuckDB gives both connections one database: the second attach must not collide with the first
    # ("database with name ... already exists"), as it did when the attached name was fixed.
    from regatlas.engines.travel_rule.lookup import day_lookups
    from regatlas.store.atlas import Atlas

    twin = Atlas(path=atlas.path, version=atlas.version, con=duckdb.connect(str(atlas.path), read_only=True))
    counts = []
    for a in (atlas, twin, atlas):
        cur = day_lookups(a, dt.date(2025, 1, 1))
        counts.append(cur.execute("SELECT count(*) FROM tr_codes").fetchone()[0])
        cur.close()
    assert len(set(counts)) == 1 and counts[0] > 200

