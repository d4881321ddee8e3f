"""regatlas itself: `duckdb_engine.screen` decides every row and writes decisions + rejects.

Besides the total, the run records where the time went (input statistics, lookups, the
decided pass and the rejects pass) by wrapping the engine's helpers while it runs. The
wrapping only observes; if the engine's internals are renamed the breakdown is left out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from baselines.common import Job
from regatlas.engines.screen import duckdb_engine
from regatlas.store.atlas import Atlas

LABEL = "regatlas (DuckDB plan)"
LABEL_CSV = "regatlas (DuckDB plan), the same rows as CSV (typed CSV reader)"
LABEL_IDS = "regatlas (DuckDB plan), --decisions-only (id + decisions)"


@contextmanager
def _timed(module: Any, name: str, phases: dict[str, float],
           label: Callable[[tuple, dict], str]) -> Iterator[None]:
    """Replace module.name by a wrapper adding its wall time to phases[label(args, kwargs)]."""
    original = getattr(module, name, None)
    if original is None:
        yield
        return

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            key = label(args, kwargs)
            phases[key] = phases.get(key, 0.0) + time.perf_counter() - started

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


def run(job: Job, atlas: Atlas, stats: dict[str, Any], decisions_only: bool = False) -> int:
    """Screen job.input into job.out; returns rows decided. Fills stats['phases'] (seconds)."""
    phases: dict[str, float] = {}
    rejects = job.out.with_name(f"{job.out.stem}.rejects{job.out.suffix}")
    started = time.perf_counter()
    # every pass over the input, the typed CSV reading's included, goes through _run
    with _timed(duckdb_engine, "_run", phases, lambda a, k: f"{a[2]} pass"), \
            _timed(duckdb_engine, "load_lookups", phases, lambda a, k: "lookups"):
        result = duckdb_engine.screen(atlas, job.input, job.out, rejects, memory_limit=job.memory_limit,
                                      decisions_only=decisions_only)
    total = time.perf_counter() - started
    if phases:
        phases["statistics + setup"] = total - sum(phases.values())
        stats["phases"] = {k: round(v, 2) for k, v in phases.items()}
    stats["rows_rejected"] = result.rows_rejected
    return result.rows_decided


def run_csv(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """The run on the benchmark's rows written as CSV (text timestamps with an offset)."""
    return run(job, atlas, stats)


def run_ids(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """The run writing decisions only: `id` and the decision columns."""
    return run(job, atlas, stats, decisions_only=True)
