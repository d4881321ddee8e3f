"""Runners for stablecoin reserve cases: a bundled example report under every regime, and single
requirements at, inside and outside their limits.

>>> keyed({"results": [{"requirement": "a"}, {"requirement": "b"}, {"requirement": "b"}]}).keys()
dict_keys(['a', 'b#1', 'b#2'])
"""

from __future__ import annotations

import datetime as dt
import math
from importlib.resources import as_file
from typing import Any

from pydantic import Field

from regatlas.cases.core import CaseSpec, Checks, Context, runner


def keyed(regime: dict) -> dict[str, dict]:
    """Results keyed by requirement kind, or kind#n (n = position) when a kind repeats."""
    kinds = [r["requirement"] for r in regime["results"]]
    return {(k if kinds.count(k) == 1 else f"{k}#{i}"): r for i, (k, r) in enumerate(zip(kinds, regime["results"]))}


class ReportCase(CaseSpec):
    """An example report (examples/reserves/) on a date: per regime, the exact requirements that
    `fail` and that are `not_assessable` (all others pass), and optional `verdicts`."""

    report: str
    as_of: dt.date
    expect: dict[str, dict[str, list[str]]]
    verdicts: dict[str, str] = Field(default_factory=dict)


@runner("stablecoin_report", ReportCase)
def run_report(case: ReportCase, ctx: Context, checks: Checks) -> None:
    """Every regime's failures and unassessable requirements, each requirement cited."""
    from regatlas.engines.stablecoin.check import check_report
    from regatlas.engines.stablecoin.report import load_report
    from regatlas.examples import example_dir

    with as_file(example_dir("reserves").joinpath(case.report)) as path:
        report = load_report(path)
    answer = check_report(ctx.atlas, report, "all", case.as_of, case.report)
    got = {r["id"]: r for r in answer["regimes"]}
    for regime, exp in case.expect.items():
        results = got[regime]["results"]
        for outcome in ("fail", "not_assessable"):
            checks.expect(f"{regime}.{outcome}", sorted(exp.get(outcome, [])),
                          sorted(x["requirement"] for x in results if x["outcome"] == outcome))
        uncited = [x["requirement"] for x in results if not (x["source"] and x["source"]["instrument_id"])]
        checks.expect(f"{regime} uncited requirements", [], uncited)
    for regime, verdict in case.verdicts.items():
        checks.expect(f"{regime}.verdict", verdict, got[regime]["verdict"])
    checks.expect("rulebook.as_of", case.as_of.isoformat(), answer["rulebook"]["as_of"])


class BoundaryCase(CaseSpec):
    """An inline report under one regime: `expect` maps kind (or kind#n) to outcome; optional
    `figure` and `limit` (to a millionth), `binding` and `verdict`."""

    regime: str
    as_of: dt.date
    report: dict[str, Any]
    expect: dict[str, str]
    figure: dict[str, float] = Field(default_factory=dict)
    limit: dict[str, float] = Field(default_factory=dict)
    binding: dict[str, bool] = Field(default_factory=dict)
    verdict: str | None = None


@runner("stablecoin_boundary", BoundaryCase)
def run_boundary(case: BoundaryCase, ctx: Context, checks: Checks) -> None:
    """One regime's outcome per requirement for a minimal report."""
    from regatlas.engines.stablecoin.check import check_regime
    from regatlas.model.stablecoin import ReserveReport

    answer = check_regime(ctx.atlas, ReserveReport.model_validate(case.report), case.regime, case.as_of)
    results = keyed(answer)
    for key, outcome in case.expect.items():
        checks.expect(f"{key}.outcome", outcome, results[key]["outcome"])
    for name, expected in (("figure", case.figure), ("limit", case.limit)):
        for key, value in expected.items():
            got = results[key][name]
            if got is None or not math.isclose(got, value, rel_tol=1e-6, abs_tol=1e-12):
                checks.expect(f"{key}.{name}", value, got)
    for key, binding in case.binding.items():
        checks.expect(f"{key}.binding", binding, results[key]["binding"])
    if case.verdict is not None:
        checks.expect("verdict", case.verdict, answer["verdict"])
