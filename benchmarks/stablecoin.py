"""Stablecoin stress benchmark: 100,000 paths x 90 days of redemption runs (target under 2 s),
on the bundled example reports, with the same seed giving the same answer; and, in the same run,
the solvency and contagion model over 100,000 paths x 90 days x 5 issuers (target under 10 s).

Times the whole `simulate` call (draws, liquidity ladder, shortfalls, percentiles) and the whole
`simulate_runs` call (day-by-day model, bands, break order). Results go to the "Stablecoin stress"
and "Stablecoin contagion" sections of benchmarks/RESULTS.md; other sections are kept.

    .venv/bin/python benchmarks/stablecoin.py [--paths 100000] [--days 90] [--repeat 5] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import time
from pathlib import Path

from results import replace_section

from regatlas.engines.stablecoin.contagion import load_contagion
from regatlas.engines.stablecoin.report import load_report
from regatlas.engines.stablecoin.runs import simulate_runs
from regatlas.engines.stablecoin.stress import simulate

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples" / "reserves"
REPORTS = ("compliant.yaml", "unregulated_bank.yaml", "long_dated.yaml")
SECTION = "## Stablecoin stress"
TARGET_S = 2.0
CONTAGION = "## Stablecoin contagion"
CONTAGION_TARGET_S = 10.0


def measure_contagion(paths: int, days: int, repeat: int, seed: int) -> dict:
    """The contagion example's three issuers plus compliant.yaml and long_dated.yaml, under the
    example's shock (a run on one issuer, a shared bank failing)."""
    case = load_contagion(EXAMPLES / "contagion" / "scenario.yaml")
    issuers = [*case["issuers"], *((n, load_report(EXAMPLES / n)) for n in ("compliant.yaml", "long_dated.yaml"))]
    t0 = time.perf_counter()
    first = simulate_runs(issuers, paths, days, seed, case["shock"])
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        again = simulate_runs(issuers, paths, days, seed, case["shock"])
        warm.append(time.perf_counter() - t0)
        assert again == first, "same seed must give the same answer"
    return {"issuers": len(issuers), "cold": cold, "best": min(warm), "median": statistics.median(warm),
            "first": first}


def contagion_section(r: dict, paths: int, days: int, repeat: int, seed: int) -> str:
    rows = [f"| {i['name']} | {i['solvency']['start']:.3f} | {i['solvency']['end']['p5']:.3f} | "
            f"{i['peg_break_probability']:.1%} | {i['gate_probability']:.1%} | {i['holder_loss']['p99']:,.0f} |"
            for i in r["first"]["issuers"]]
    met = "met" if r["median"] < CONTAGION_TARGET_S else "NOT met"
    return "\n".join([
        CONTAGION, "",
        (f"{paths:,} paths x {days} days x {r['issuers']} issuers (examples/reserves/contagion/ plus "
         f"compliant.yaml and long_dated.yaml, the example's shock), seed {seed}, {repeat} warm runs; "
         f"measured {dt.date.today().isoformat()} in the same run as the section above. Each run repeats "
         "the first answer exactly."), "",
        "| cold (s) | warm best (s) | warm median (s) |", "|---:|---:|---:|",
        f"| {r['cold']:.2f} | {r['best']:.2f} | {r['median']:.2f} |", "",
        "| issuer | solvency start | solvency end p5 | peg break | gate | holder loss p99 |",
        "|---|---:|---:|---:|---:|---:|", *rows, "",
        (f"Target: {paths:,} x {days} x 5 issuers within {CONTAGION_TARGET_S:g} s - {met} "
        f"(median {r['median']:.2f} s).")])


def measure(paths: int, days: int, repeat: int, seed: int) -> list[dict]:
    """Cold and warm timings per example report, plus the headline figures."""
    rows = []
    for name in REPORTS:
        report = load_report(EXAMPLES / name)
        t0 = time.perf_counter()
        first = simulate(report, paths, days, seed)
        cold = time.perf_counter() - t0
        warm = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            again = simulate(report, paths, days, seed)
            warm.append(time.perf_counter() - t0)
            assert again == first, "same seed must give the same answer"
        rows.append({"report": name, "cold": cold, "best": min(warm),
                     "median": statistics.median(warm), "survival": first["survival_probability"],
                     "gap_p99": first["liquidity_gap"]["p99"]})
    return rows


def section(rows: list[dict], paths: int, days: int, repeat: int, seed: int) -> str:
    worst = max(r["median"] for r in rows)
    lines = [
        SECTION, "",
        (f"{paths:,} paths x {days} days, seed {seed}, {repeat} warm runs per report; Python "
         f"{platform.python_version()} on {platform.machine()}, measured "
         f"{dt.date.today().isoformat()} with `benchmarks/stablecoin.py`. Each run repeats the "
         "first answer exactly (reproducible with the seed)."), "",
        "| report | cold (s) | warm best (s) | warm median (s) | survival | liquidity gap p99 |",
        "|---|---:|---:|---:|---:|---:|",
        *[f"| {r['report']} | {r['cold']:.3f} | {r['best']:.3f} | {r['median']:.3f} | "
          f"{r['survival']:.2%} | {r['gap_p99']:,.0f} |" for r in rows], "",
        (f"Target: {paths:,} x {days} under {TARGET_S:g} s - "
         f"{'met' if worst < TARGET_S else 'NOT met'} (slowest median {worst:.3f} s)."),
    ]
    return "\n".join(lines)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--paths", type=int, default=100_000)
    p.add_argument("--days", type=int, default=90)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    p.add_argument("--no-write", action="store_true")
    a = p.parse_args()
    text = section(measure(a.paths, a.days, a.repeat, a.seed), a.paths, a.days, a.repeat, a.seed)
    spread = contagion_section(measure_contagion(a.paths, a.days, max(1, a.repeat // 2), a.seed),
                               a.paths, a.days, max(1, a.repeat // 2), a.seed)
    print(text, spread, sep="\n\n")
    if not a.no_write:
        replace_section(a.results, SECTION, text)
        replace_section(a.results, CONTAGION, spread)


if __name__ == "__main__":
    main()
