"""The validator names file, line, field and message for each way of breaking the rulebook."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from regatlas.rulebook import validate

CASES_DIR = Path(__file__).parent / "cases"
TEMPLATE = (CASES_DIR / "validator_template.yaml").read_text()
# classification/MC.yaml, written beside the jurisdiction template for `section: classification` cases.
CLASSIFICATION = (CASES_DIR / "validator_classification_template.yaml").read_text()
CASES = yaml.safe_load((CASES_DIR / "validator.yaml").read_text())



@pytest.fixture(autouse=True)
def _restore_monaco(rulebook_copy: Path):
    """The cases write their template over jurisdictions/MC.yaml (Monaco's real file) and remove it;
    put Monaco's own files back after each case, since other sections (ratings) cite Monaco."""
    paths = [rulebook_copy / section / "MC.yaml" for section in ("jurisdictions", "classification")]
    saved = {p: p.read_bytes() for p in paths if p.exists()}
    yield
    for p in paths:
        if p in saved:
            p.write_bytes(saved[p])
        elif p.exists():
            p.unlink()


def test_template_is_valid(rulebook_copy: Path) -> None:
    target = rulebook_copy / "jurisdictions" / "MC.yaml"
    classification = rulebook_copy / "classification" / "MC.yaml"
    target.write_text(TEMPLATE)
    classification.write_text(CLASSIFICATION)
    try:
        report = validate(rulebook_copy)
        assert report.errors == []
    finally:
        target.unlink()
        classification.unlink()


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_broken_rulebook(case: dict, rulebook_copy: Path) -> None:
    # `replace` is one [old, new] pair, or a list of them applied in order.
    pairs = case["replace"] if isinstance(case["replace"][0], list) else [case["replace"]]
    section = case.get("section", "jurisdictions")
    template = CLASSIFICATION if section == "classification" else TEMPLATE
    for old, new in pairs:
        assert old in template, "the case must change the template"
        template = template.replace(old, new, 1)
    target = rulebook_copy / section / case.get("file", "MC.yaml")
    written = [target]
    if section != "jurisdictions":
        written.append(rulebook_copy / "jurisdictions" / "MC.yaml")
        written[-1].write_text(TEMPLATE)
    target.write_text(template)
    try:
        errors = validate(rulebook_copy).errors
    finally:
        for path in written:
            path.unlink()
    mine = [e for e in errors if e.location.file.endswith(target.name)]
    assert mine, f"no error in {target.name}; got {[str(e) for e in errors]}"
    exact = case.get("exact", False)
    match = [e for e in mine if (e.message == case["message"] if exact else case["message"] in e.message)]
    assert match, f"expected '{case['message']}' in {[str(e) for e in mine]}"
    err = match[0]
    assert err.location.line == case["line"], str(err)
    if "field" in case:
        assert err.location.field == case["field"], str(err)
    assert err.location.column is not None
    if "column" in case:
        assert err.location.column == case["column"], str(err)
        where = f"rulebook/{section}/{target.name}:{case['line']}:{case['column']}: "
        assert str(err).startswith(where), str(err)


def test_verified_with_document_pinpoint_and_excerpt_is_valid(rulebook_copy: Path) -> None:
    """The instrument's URL names the document, Art. 4 is the pinpoint, `text` is the excerpt."""
    target = rulebook_copy / "jurisdictions" / "MC.yaml"
    target.write_text(TEMPLATE.replace(
        '    source: {instrument: mc-test-law, article: "Art. 4"}\n    verification: unverified\n',
        '    source: {instrument: mc-test-law, article: "Art. 4", checked: 2026-12-01}\n'
        '    text: A licence is required.\n    verification: verified\n'))
    try:
        errors = validate(rulebook_copy).errors
    finally:
        target.unlink()
    assert [str(e) for e in errors if e.location.file.endswith("MC.yaml")] == []


def test_cli_reports_file_line_column_and_exit_1(cli, rulebook_copy: Path) -> None:
    target = rulebook_copy / "jurisdictions" / "MC.yaml"
    target.write_text(TEMPLATE.replace("topic: licensing", "topic: vibes"))
    try:
        text = cli("validate", str(rulebook_copy))
        js = cli("validate", str(rulebook_copy), "--json")
    finally:
        target.unlink()
    assert text.exit_code == 1 and js.exit_code == 1
    assert "rulebook/jurisdictions/MC.yaml:36:12: provisions.0.topic:" in text.stdout
    doc = json.loads(js.stdout)
    assert doc["valid"] is False
    assert {"file", "line", "column", "field", "message"} <= set(doc["errors"][0])


def test_a_standard_set_cannot_be_verified(rulebook_copy: Path) -> None:
    """A standard has a URL but no pinpoint or excerpt: `verified` on it is an error at its key."""
    from regatlas.rulebook.checks.verification import STANDARD_MESSAGE

    path = rulebook_copy / "standards" / "iosco.yaml"
    text = path.read_text()
    path.write_text(text.replace("verification: unverified", "verification: verified", 1))
    try:
        errors = validate(rulebook_copy).errors
    finally:
        path.write_text(text)
    assert [(e.location.file, e.location.field, e.message) for e in errors] == [
        ("rulebook/standards/iosco.yaml", "verification", STANDARD_MESSAGE)]
