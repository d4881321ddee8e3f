"""Named scenarios over one reserve report (`stablecoin stress`) and multi-issuer contagion
scenarios (`stablecoin contagion SCENARIO`), both run by the day-by-day model of runs.py.

A contagion scenario file names its issuers (each a reserve report: a file beside the scenario, or
the report itself inline) and a shock (a bundled scenario id, or a mapping with `rate_shock_bp`,
`spread_shock_bp`, `bank_failure`, `runs` and `redemption_pauses`); see
examples/reserves/contagion/scenario.yaml.

>>> from pathlib import Path
>>> case = load_contagion(Path("examples/reserves/contagion/scenario.yaml"))
>>> [name for name, _ in case["issuers"]]
['Alpha Dollar', 'Beta Dollar', 'Gamma Dollar']
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regatlas.engines.stablecoin.market import Shock, parse_shock, scenarios
from regatlas.engines.stablecoin.report import load_report, parse_mapping
from regatlas.engines.stablecoin.runs import MAX_ISSUERS, simulate_runs
from regatlas.errors import InputError
from regatlas.model.stablecoin import ReserveReport
from regatlas.untrusted.files import load_document

SUMMARY_KEYS = ("solvency", "peg_break_probability", "days_to_peg_break", "gate_probability", "days_to_gate",
                "holder_loss", "redeemed_share", "price_bands", "solvency_bands")


def named_shock(value: Any, where: str = "shock") -> Shock:
    """A bundled scenario by id, or a scenario mapping."""
    if isinstance(value, str):
        if value not in scenarios():
            raise InputError(f"unknown scenario '{value}' (one of: {', '.join(scenarios())})", field=where)
        return scenarios()[value]
    return parse_shock(value, where)


def stress_scenarios(report: ReserveReport, paths: int, days: int, seed: int,
                     which: str = "all") -> list[dict[str, Any]]:
    """Solvency, peg break, gate and holder loss of one issuer under each named scenario."""
    shocks = list(scenarios().values()) if which == "all" else [named_shock(which, "scenario")]
    out = []
    for shock in shocks:
        run = simulate_runs([(report.token or "issuer", report)], paths, days, seed, shock)
        out.append({"scenario": run["scenario"], **{k: run["issuers"][0][k] for k in SUMMARY_KEYS}})
    return out


def _issuer(raw: Any, base: Path | None, i: int) -> tuple[str, ReserveReport]:
    where = f"issuers[{i}]"
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise InputError("an issuer needs a name and a report", field=where)
    report = raw.get("report")
    if isinstance(report, dict):
        return raw["name"].strip(), parse_mapping(report, where)
    if not isinstance(report, str) or base is None:
        raise InputError("report must be a reserve report mapping" + (" or a file name" if base else ""),
                         field=f"{where}.report")
    path = (base / report).resolve()
    if base.resolve() not in path.parents:  # a scenario names files beside it, never elsewhere
        raise InputError(f"report '{report}' is outside the scenario's folder", field=f"{where}.report")
    return raw["name"].strip(), load_report(path)


def parse_contagion(raw: Any, base: Path | None, file: str) -> dict[str, Any]:
    """The scenario's issuers and shock; InputError names the field at fault."""
    if not isinstance(raw, dict):
        raise InputError("a contagion scenario must be a mapping", file=file)
    issuers = raw.get("issuers")
    if not isinstance(issuers, list) or not 1 <= len(issuers) <= MAX_ISSUERS:
        raise InputError(f"issuers must list 1 to {MAX_ISSUERS} issuers", file=file, field="issuers")
    parsed = [_issuer(x, base, i) for i, x in enumerate(issuers)]
    if len({n for n, _ in parsed}) != len(parsed):
        raise InputError("issuer names must be unique", file=file, field="issuers")
    return {"name": str(raw.get("name") or file), "issuers": parsed,
            "shock": named_shock(raw.get("shock", "baseline"))}


def load_contagion(path: Path) -> dict[str, Any]:
    """A contagion scenario file (YAML or JSON) with the reports it names."""
    return parse_contagion(load_document(path).value, path.parent, str(path))


def contagion(case: dict[str, Any], paths: int, days: int, seed: int) -> dict[str, Any]:
    """Run every issuer of the case together: which break, in what order, and what holders lose."""
    return {"name": case["name"], **simulate_runs(case["issuers"], paths, days, seed, case["shock"])}
