"""World-scale benchmark: what every ISO 3166-1 jurisdiction costs the atlas (issue 14).

In one process: compile the atlas into an empty home (forced), build the screening lookups file,
load the shared lookups, then time `travel-rule check` on a few corridors (one side without a
rulebook file when `--world`). Prints one line; the numbers go to the "World scale" section of
benchmarks/RESULTS.md by hand, with the other side measured on main under the same load.

    PYTHONPATH=. .venv/bin/python benchmarks/world.py [--world] [--repeat 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from regatlas.engines.travel_rule import corridor, lookup
from regatlas.store import atlas as store


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print one line of timings."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--world", action="store_true", help="Also check a corridor to a no-file code (AT).")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="regatlas-world-bench-"))
    build = _timed(lambda: store.build(home=home, force=True))
    atlas = store.open_atlas(home=home)
    count = atlas.rows("SELECT count(*) AS n FROM jurisdictions")[0]["n"]
    lookups_file = _timed(lambda: lookup.cached_lookups_file(atlas))
    shared = _timed(lambda: lookup.shared_lookups(atlas))
    pairs = [("FR", "DE"), ("SG", "US"), ("GB", "CH")] + ([("AT", "IE")] if args.world else [])
    day = dt.date(2025, 2, 1)
    times = sorted(_timed(lambda f=f, t=t: corridor.check(atlas, f, t, 1500, "EUR", day))
                   for _ in range(args.repeat) for f, t in pairs)
    print(f"jurisdictions={count} build={build:.2f}s lookups_file={lookups_file:.2f}s shared_load={shared:.2f}s "
          f"check median={statistics.median(times) * 1000:.1f}ms p95={times[int(len(times) * .95)] * 1000:.1f}ms")


if __name__ == "__main__":
    main()
