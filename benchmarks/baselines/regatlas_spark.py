"""regatlas on Apache Spark in local mode: the same plan, transpiled by sqlglot, as on a cluster.

`spark_engine.screen` with `single_file=False` writes directories of part files, as
`spark_job.py` does under spark-submit. The time includes starting the local Spark session (a
JVM) and handing it the lookups; peak RSS includes the JVM. Spark is there for data that
outgrows one machine: on one 2-core machine it is not expected to beat DuckDB.
"""

from __future__ import annotations

import os
from typing import Any

from baselines.common import Job
from regatlas.store.atlas import Atlas

LABEL = "regatlas on Spark (local mode, same plan)"


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Screen job.input into the directory job.out with Spark; returns rows decided."""
    from regatlas.engines.screen.spark_engine import screen

    rejects = job.out.with_name(f"{job.out.stem}.rejects.parquet")
    result = screen(atlas, job.input, job.out, rejects, memory_limit=job.memory_limit or "4g",
                    threads=os.cpu_count(), single_file=False)
    stats["rows_rejected"] = result.rows_rejected
    return result.rows_decided
