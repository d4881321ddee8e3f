"""Entry point for `spark-submit` on a cluster: the same plan as `regatlas screen --engine spark`.

    spark-submit --master yarn $(python -c 'import regatlas.engines.screen.spark_job as m; print(m.__file__)') \\
        transfers.parquet decisions.parquet [rejects.parquet]

regatlas must be installed on the driver (the lookups are built there and broadcast); outputs
are written as Spark directories of part files (no single-file coalesce on a cluster).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Screen IN into OUT (and REJECTS) with the active Spark session; print the JSON summary."""
    from pyspark.sql import SparkSession

    from regatlas.engines.screen.spark_engine import screen
    from regatlas.store.atlas import open_atlas

    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print("usage: spark_job.py IN OUT [REJECTS]", file=sys.stderr)
        return 2
    spark = SparkSession.builder.appName("regatlas-screen").getOrCreate()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    result = screen(open_atlas(), Path(args[0]), Path(args[1]), Path(args[2]) if len(args) == 3 else None,
                    spark=spark, single_file=False)
    print(json.dumps(result.as_dict()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
