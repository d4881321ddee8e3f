"""Engine semantics on the small fictional rulebook of tests/fixtures/rulebook/ (not law): as-of
statuses, inheritance, a free zone whose own law prevails, Travel Rule thresholds, tiers and
self-hosted policies. The expected answers are written out by hand in tests/fixtures/cases/, so a
correction of the bundled law never breaks these, and an engine change shows here first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from regatlas.cases import Context, discover, load_case_file, run_case
from regatlas.rulebook import validate

FIXTURES = Path(__file__).parent / "fixtures"
RULEBOOK = FIXTURES / "rulebook"
CASES = [c for p in discover([FIXTURES / "cases"]) for c in load_case_file(p).cases]


@pytest.fixture(scope="module")
def fixture_atlas(tmp_path_factory):
    from regatlas.store.atlas import open_atlas

    return open_atlas(RULEBOOK, tmp_path_factory.mktemp("fixture-home"))


@pytest.fixture(scope="module")
def context(fixture_atlas) -> Context:
    return Context(lambda: fixture_atlas)


def test_fixture_rulebook_is_valid_and_small():
    report = validate(RULEBOOK)
    assert report.errors == []
    rulebook = report.loaded.rulebook
    assert set(rulebook.jurisdictions) == {"AQ", "BV", "AQ-FIXZ"}
    assert sum(len(j.provisions) for j in rulebook.jurisdictions.values()) == 10
    assert all(p.verification == "unverified" for j in rulebook.jurisdictions.values() for p in j.provisions)


@pytest.mark.parametrize("case", CASES, ids=[f"{Path(c.file).stem}: {c.name}" for c in CASES])
def test_fixture_case(context: Context, case) -> None:
    outcome = run_case(case, context)
    assert outcome.passed, outcome.explain()


def test_publication_after_effect_is_refused(tmp_path):
    """A text cannot apply before anyone could read it: the validator refuses published > effective."""
    root = tmp_path / "rulebook"
    shutil.copytree(RULEBOOK, root)
    path = root / "jurisdictions" / "AQ.yaml"
    text = path.read_text()
    assert "    published: 2020-03-01\n    effective_from: 2021-01-01\n" in text
    path.write_text(text.replace("    published: 2020-03-01\n    effective_from: 2021-01-01\n",
                                 "    published: 2021-02-01\n    effective_from: 2021-01-01\n", 1))
    errors = [str(e) for e in validate(root).errors]
    assert errors == [(f"rulebook/jurisdictions/AQ.yaml:{_line(text, 'published: 2020-03-01')}:16: "
                      "provisions.0.published: published 2021-02-01 is after effective_from 2021-01-01")]


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_cli_runs_the_fixture_cases(cli):
    res = cli("test", "--rulebook", str(RULEBOOK), str(FIXTURES / "cases"), "--json")
    assert res.exit_code == 0, res.stdout + res.stderr
    assert '"failed": 0' in res.stdout
