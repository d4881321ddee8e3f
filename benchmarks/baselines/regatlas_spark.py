"""regatlas on Apache Spark, in local mode and on a standalone cluster: the same plan,
transpiled by sqlglot.

`spark_engine.screen` with `single_file=False` writes directories of part files, as
`spark_job.py` does under spark-submit. The time includes starting the Spark session (a JVM)
and handing it the lookups; peak RSS includes every JVM (driver, and on a cluster the master,
the workers and the executors they launch). The cluster runs are a master and one or two worker
processes on this machine, each worker offering one core (standalone.py); starting them is the
run's `setup_s`. Spark is there for data that outgrows one machine: on one 2-core machine it is
not expected to beat DuckDB.
"""

from __future__ import annotations

import os
import time
from typing import Any

from baselines.common import Job
from regatlas.store.atlas import Atlas

LABEL = "regatlas on Spark (local mode, same plan)"
LABEL_CLUSTER1 = "regatlas on a Spark standalone cluster, 1 worker x 1 core"
LABEL_CLUSTER2 = "regatlas on a Spark standalone cluster, 2 workers x 1 core"


def run(job: Job, atlas: Atlas, stats: dict[str, Any], master: str | None = None) -> int:
    """Screen job.input into the directory job.out with Spark; returns rows decided."""
    from regatlas.engines.screen.spark_engine import screen

    rejects = job.out.with_name(f"{job.out.stem}.rejects.parquet")
    result = screen(atlas, job.input, job.out, rejects, memory_limit=job.memory_limit or "4g",
                    threads=os.cpu_count(), single_file=False, master=master)
    stats["rows_rejected"] = result.rows_rejected
    return result.rows_decided


def _on_cluster(workers: int, job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    from regatlas.engines.screen.standalone import standalone_cluster

    started = time.perf_counter()
    with standalone_cluster(workers=workers, cores=1, memory="2g") as url:
        stats["setup_s"] = time.perf_counter() - started
        try:
            return run(job, atlas, stats, master=url)
        finally:
            from pyspark.sql import SparkSession

            session = SparkSession.getActiveSession()
            if session is not None:  # leave the cluster before it stops
                session.stop()


def run_cluster1(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """The run on a standalone cluster of one worker (one core)."""
    return _on_cluster(1, job, atlas, stats)


def run_cluster2(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """The run on a standalone cluster of two workers (one core each)."""
    return _on_cluster(2, job, atlas, stats)
