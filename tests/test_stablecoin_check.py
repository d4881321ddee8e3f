"""Stablecoin checks driven by cited cases (tests/cases/stablecoin/*.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from regatlas.engines.stablecoin.check import check_regime, check_report
from regatlas.engines.stablecoin.report import load_report
from regatlas.model.stablecoin import ReserveReport

CASES = Path(__file__).parent / "cases" / "stablecoin"
EXAMPLES = Path(__file__).parent.parent / "examples" / "reserves"
EXAMPLE_CASES = yaml.safe_load((CASES / "examples.yaml").read_text())
BOUNDARY_CASES = yaml.safe_load((CASES / "boundaries.yaml").read_text())


def _day(v) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(v)


def _by_key(regime: dict) -> dict[str, dict]:
    """Results keyed by kind, or kind#n (n = position) when a kind repeats."""
    out = {}
    for i, r in enumerate(regime["results"]):
        kinds = [x["requirement"] for x in regime["results"]]
        key = r["requirement"] if kinds.count(r["requirement"]) == 1 else f"{r['requirement']}#{i}"
        out[key] = r
    return out


@pytest.mark.parametrize("case", EXAMPLE_CASES, ids=[c["case"] for c in EXAMPLE_CASES])
def test_example_report(atlas, case):
    report = load_report(EXAMPLES / case["report"])
    ans = check_report(atlas, report, "all", _day(case["as_of"]), case["report"])
    got = {r["id"]: r for r in ans["regimes"]}
    for regime, exp in case["expect"].items():
        results = got[regime]["results"]
        fails = {x["requirement"] for x in results if x["outcome"] == "fail"}
        nas = {x["requirement"] for x in results if x["outcome"] == "not_assessable"}
        assert fails == set(exp.get("fail", [])), f"{regime} fails ({case['cites']})"
        assert nas == set(exp.get("not_assessable", [])), f"{regime} not assessable"
        for x in results:
            assert x["source"] and x["source"]["instrument_id"], f"{regime}/{x['requirement']} uncited"
    for regime, verdict in case.get("verdicts", {}).items():
        assert got[regime]["verdict"] == verdict, regime
    assert ans["rulebook"]["as_of"] == _day(case["as_of"]).isoformat()


@pytest.mark.parametrize("case", BOUNDARY_CASES, ids=[c["case"] for c in BOUNDARY_CASES])
def test_boundary(atlas, case):
    report = ReserveReport.model_validate(case["report"])
    ans = check_regime(atlas, report, case["regime"], _day(case["as_of"]))
    results = _by_key(ans)
    for key, outcome in case["expect"].items():
        assert results[key]["outcome"] == outcome, f"{key}: {results[key]} ({case['cites']})"
    for key, figure in case.get("figure", {}).items():
        assert results[key]["figure"] == pytest.approx(figure)
    for key, limit in case.get("limit", {}).items():
        assert results[key]["limit"] == pytest.approx(limit)
    for key, binding in case.get("binding", {}).items():
        assert results[key]["binding"] is binding
    if "verdict" in case:
        assert ans["verdict"] == case["verdict"]


def test_all_regimes_cover_the_ten_jurisdictions(atlas):
    from regatlas.engines.stablecoin.law import regime_ids

    codes = {atlas.rows("SELECT jurisdiction FROM stablecoin_regimes WHERE id = ?", [r])[0]["jurisdiction"]
             for r in regime_ids(atlas)}
    assert {"EU", "US", "US-NY", "GB", "SG", "HK", "JP", "AE", "CH", "BM"} <= codes


NEEDS_RATIO = "share_parameter needs kind capital_min and {ratio: N}"


@pytest.mark.parametrize(("kind", "provision", "parameter", "share", "message"), [
    ("reserve_coverage_min", "sg-scs-reserves", "reserve_coverage_min", "reserve_coverage_min", NEEDS_RATIO),
    ("capital_min", "sg-scs-issuance", "capital_min", "capital_min", NEEDS_RATIO),
    ("capital_min", "sg-scs-issuance", "capital_min", "opex_share",
     "provision 'sg-scs-issuance' has no parameter 'opex_share'"),
])
def test_share_parameter_is_checked(tmp_path, kind, provision, parameter, share, message):
    """A share of operating expenses only on capital_min, naming a Ratio the provision has."""
    import shutil

    from regatlas.rulebook import default_rulebook_dir, validate

    root = tmp_path / "rulebook"
    shutil.copytree(default_rulebook_dir(), root)
    regime = root / "stablecoin_regimes" / "sg-mas-scs.yaml"
    lines = regime.read_text().splitlines()
    at = next(i for i, x in enumerate(lines) if "kind: capital_min" in x)
    lines[at] = (f"  - {{kind: {kind}, provision: {provision}, parameter: {parameter}, "
                 f"share_parameter: {share}}}")
    regime.write_text("\n".join(lines) + "\n")
    errors = [e for e in validate(root).errors if e.location.file.endswith("sg-mas-scs.yaml")]
    assert [e.message for e in errors] == [message]
    assert errors[0].location.line == at + 1 and errors[0].location.field.endswith("share_parameter")
