"""The methods the Travel Rule screening benchmark times, one module each.

Every method is a function `run(job, atlas, stats) -> rows` (see `common.Job`): it reads
`job.input`, writes its decisions to `job.out` when it decides, and may add notes to `stats`.
`sample` says which input a method gets: the full file, the same rows as CSV, or the first rows
of it for the slow per-row baselines.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Sample = Literal["full", "csv", "python", "zen"]


@dataclass(frozen=True)
class Method:
    """A benchmarked method: where its run function lives and what it is given."""

    name: str
    module: str
    function: str
    sample: Sample
    decides: bool  # writes decisions that can be checked against regatlas's

    def load(self) -> tuple[str, Callable[..., int]]:
        """The method's label and run function (imported only in the worker that runs it)."""
        mod = importlib.import_module(f"baselines.{self.module}")
        label = getattr(mod, "LABEL" + self.function.removeprefix("run").upper())  # run_tuned: LABEL_TUNED
        return label, getattr(mod, self.function)


METHODS: dict[str, Method] = {m.name: m for m in (
    Method("regatlas", "regatlas_duckdb", "run", "full", True),
    Method("regatlas-csv", "regatlas_duckdb", "run_csv", "csv", True),
    Method("regatlas-ids", "regatlas_duckdb", "run_ids", "full", True),
    Method("spark", "regatlas_spark", "run", "full", True),
    Method("spark-cluster-1", "regatlas_spark", "run_cluster1", "full", True),
    Method("spark-cluster-2", "regatlas_spark", "run_cluster2", "full", True),
    Method("python", "python_loop", "run", "python", True),
    Method("zen", "zen_table", "run", "zen", True),
    Method("zen-per-call", "zen_table", "run_per_call", "zen", True),
    Method("sql", "handwritten_sql", "run", "full", True),
    Method("sql-tuned", "handwritten_sql_tuned", "run", "full", True),
    Method("polars", "polars_lazy", "run", "full", True),
    Method("polars-tuned", "polars_lazy", "run_tuned", "full", True),
    Method("scan", "bare_scan", "run", "full", False),
    Method("copy", "copy_through", "run", "full", False),
    Method("copy-shaped", "copy_through", "run_shaped", "full", False),
)}

