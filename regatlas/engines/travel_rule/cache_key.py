"""The name of the Travel Rule lookups file cache: every input that shapes its tables.

A cached lookups file is reused only while the rulebook version, the bundled rate data and the
code that builds the tables (its module sources, SQL, constants and the store schema) are all
unchanged; a change to any of them names a new file, so changed code never reads a stale cache.

>>> lookups_file_name("v1", "fx1", fingerprint("code", 1)) == lookups_file_name("v1", "fx1", fingerprint("code", 1))
True
>>> lookups_file_name("v1", "fx1", fingerprint("code", 1)) == lookups_file_name("v1", "fx1", fingerprint("code", 2))
False
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable
from functools import cache
from pathlib import Path

# Modules whose code decides what the lookup tables hold: the builder and its SQL, the plan's key
# and range, the law resolution (and the store queries it asks), the rate table.
LOOKUP_MODULES = (
    "regatlas.engines.fx",
    "regatlas.engines.travel_rule.law",
    "regatlas.engines.travel_rule.lookup",
    "regatlas.engines.travel_rule.plan",
    "regatlas.store.facts",
    "regatlas.store.tables",
)


def fingerprint(*parts: object) -> str:
    """A short stable hash of `parts` (their `repr`s, in order).

    >>> fingerprint("a", 1) == fingerprint("a", 1), fingerprint("a", 1) == fingerprint("a", 2)
    (True, False)
    """
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def source_fingerprint(paths: Iterable[Path]) -> str:
    """A short hash of the bytes of each file in `paths`, in order."""
    return fingerprint(*(Path(p).read_bytes() for p in paths))


@cache
def module_fingerprint(modules: tuple[str, ...] = LOOKUP_MODULES) -> str:
    """`source_fingerprint` of the named modules' source files (read once per process)."""
    paths = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise ImportError(f"no source for {name}")
        paths.append(Path(spec.origin))
    return source_fingerprint(paths)


def lookups_file_name(version: str, rates: str, code: str) -> str:
    """File name of the lookups built from rulebook `version`, rate data `rates` and code `code`."""
    return f"lookups-{version}-{rates}-{code}.duckdb"
