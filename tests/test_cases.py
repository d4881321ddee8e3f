"""Every cited case file under tests/cases/ through the runners `regatlas test` uses (regatlas/cases/).

The expectations are written out in the case files, each case citing the law it exercises; the
runner compares them with the engines' answers on the bundled rulebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from regatlas.cases import Context, discover, load_case_file, run_case

CASES_DIR = Path(__file__).parent / "cases"
FILES = [load_case_file(p) for p in discover([CASES_DIR])]
CASES = [c for f in FILES for c in f.cases]


@pytest.fixture(scope="module")
def context(atlas) -> Context:
    return Context(lambda: atlas)


@pytest.mark.parametrize("case", CASES, ids=[f"{Path(c.file).stem}: {c.name}" for c in CASES])
def test_case(context: Context, case) -> None:
    outcome = run_case(case, context)
    assert outcome.passed, outcome.explain()


def test_every_kind_of_case_file_is_run():
    kinds = {f.kind for f in FILES}
    assert {"asof", "search_asof", "travel_rule", "classify", "stablecoin_report", "stablecoin_boundary",
            "assess", "ivms101_validate", "ivms101_convert", "ivms101_roundtrip", "ivms101_corridor",
            "ivms101_load"} <= kinds


def test_travel_rule_cases_cover_at_least_15_jurisdictions():
    corridors = [c.spec for c in CASES if c.kind == "travel_rule"]
    assert len({code for s in corridors for code in (s.from_, s.to)}) >= 15


def test_classify_cases_cover_the_issue_jurisdictions():
    assert {"EU", "US", "GB", "CH", "SG", "JP", "HK", "AE-DU"} <= {
        c.spec.jurisdiction for c in CASES if c.kind == "classify"}
