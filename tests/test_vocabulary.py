"""The vocabulary of parameter names: the validator cases of tests/cases/vocabulary.yaml, and the
census the docs state (how many names, how many shared by two or more jurisdictions)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from regatlas.rulebook import default_rulebook_dir, load_rulebook, validate

CASES_DIR = Path(__file__).parent / "cases"
TEMPLATE = (CASES_DIR / "validator_template.yaml").read_text()
CASES = yaml.safe_load((CASES_DIR / "vocabulary.yaml").read_text())


@pytest.fixture(scope="module")
def rulebook_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("rb") / "rulebook"
    shutil.copytree(default_rulebook_dir(), root)
    return root


def _write(root: Path, case: dict) -> tuple[list[Path], Path]:
    """Write the case's files into the copy: (files to remove afterwards, file the error is in)."""
    text = TEMPLATE
    for old, new in case.get("edits", []):
        assert old in text, "the case must change the template"
        text = text.replace(old, new, 1)
    text += "".join("  " + line if line else line for line in case.get("append", "").splitlines(True))
    jurisdiction = root / "jurisdictions" / "MC.yaml"
    jurisdiction.write_text(text)
    written = [jurisdiction]
    if "vocabulary_file" in case:
        extra = root / case["file"]
        extra.write_text(case["vocabulary_file"])
        written.append(extra)
    return written, root / case.get("file", "jurisdictions/MC.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_vocabulary_case(case: dict, rulebook_copy: Path) -> None:
    written, target = _write(rulebook_copy, case)
    try:
        errors = validate(rulebook_copy).errors
    finally:
        for path in written:
            path.unlink()
    name = target.relative_to(rulebook_copy.parent).as_posix()
    mine = [e for e in errors if e.location.file == name]
    assert [e.message for e in mine] == [case["message"]], [str(e) for e in errors]
    err = mine[0]
    assert (err.location.line, err.location.column, err.location.field) == (
        case["line"], case["column"], case["field"]), str(err)
    assert str(err).startswith(f"{name}:{case['line']}:{case['column']}: {case['field']}: ")


def test_template_with_declared_parameters_is_valid(rulebook_copy: Path) -> None:
    """The same shapes, written as declared, pass: the cases fail for the reason they name."""
    case = {"edits": [["    threshold: {amount: 1000, currency: EUR}\n",
                       "    threshold: {amount: 1000, currency: EUR}\n    provision: mc-test-licensing\n"],
                      ["    implements: [fatf-r15]\n",
                       ("    implements: [fatf-r15]\n    parameters:\n      threshold: {amount: 1000, currency: EUR}\n"
                        "      record_retention_years: 5\n      application_deadline: \"2025-06-30\"\n"
                        "      attestation_interval: P1M\n      interest_allowed: false\n")]]}
    written, _ = _write(rulebook_copy, case)
    try:
        assert validate(rulebook_copy).errors == []
    finally:
        for path in written:
            path.unlink()


def test_census_of_bundled_parameter_names() -> None:
    """docs/vocabulary.md states these numbers (before the vocabulary: 277 names, 23 shared)."""
    rulebook = load_rulebook(default_rulebook_dir()).rulebook
    users: dict[str, set[str]] = {}
    for code, j in rulebook.jurisdictions.items():
        for p in j.provisions:
            for name in p.parameters:
                users.setdefault(name, set()).add(code)
    assert set(users) == set(rulebook.vocabulary)
    assert len(users) == 219
    assert sum(len(codes) >= 2 for codes in users.values()) == 35
