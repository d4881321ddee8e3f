"""Python library start-up (issue 20): `import regatlas` and `Atlas.open()` on a built atlas, each
in a fresh process (the cost a notebook or a pipeline task pays), plus one in-process lookup.

Targets: `import regatlas` under 0.3 s; `Atlas.open()` on a built atlas under 0.5 s. Times are the
wall clock of the child's own measurement (interpreter start-up excluded), best and median of
--repeat runs. The table goes to the "Python library" section of benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/library.py [--repeat 15] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from results import replace_section  # shared by the benchmark scripts

PROBES = {
    "import regatlas": "import regatlas",
    "Atlas.open() (atlas built)": "import regatlas; regatlas.Atlas.open()",
    "Atlas.open() + jurisdiction('SG')": "import regatlas; regatlas.Atlas.open().jurisdiction('SG')",
}
TARGETS = {"import regatlas": 0.3, "Atlas.open() (atlas built)": 0.5}
CHILD = "import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"


def run(code: str) -> float:
    """Seconds the child process spends on `code` (its own clock, after interpreter start-up)."""
    out = subprocess.run([sys.executable, "-c", CHILD.format(code=code)], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    run(PROBES["Atlas.open() (atlas built)"])  # build the atlas once, outside the measurement
    rows = []
    for label, code in PROBES.items():
        times = [run(code) for _ in range(args.repeat)]
        target = TARGETS.get(label)
        verdict = "" if target is None else ("met" if statistics.median(times) < target else "MISSED")
        rows.append((label, min(times), statistics.median(times), target, verdict))
    lines = ["## Python library", "",
             (f"Fresh process per run, {args.repeat} runs each, the child's own clock (interpreter start-up "
             f"excluded); Python {platform.python_version()} on {platform.machine()}, measured "
             f"{dt.date.today().isoformat()} with `benchmarks/library.py`."), "",
             "| measurement | best (s) | median (s) | target (s) | |", "|---|---:|---:|---:|---|"]
    lines += [f"| {label} | {best:.3f} | {med:.3f} | {'' if target is None else target} | {verdict} |"
              for label, best, med, target, verdict in rows]
    text = "\n".join(lines)
    print(text)
    print(json.dumps({label: med for label, _, med, _, _ in rows}))
    if not args.no_write:
        replace_section(HERE / "RESULTS.md", "## Python library", text)


if __name__ == "__main__":
    main()
