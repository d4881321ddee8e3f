"""scripts/regrade.py: a verified value without evidence becomes unverified with a note saying what is
missing; a research record read in full on the official site stores the evidence and verifies; the
file keeps its layout and a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from regatlas.rulebook.load import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = (ROOT / "tests" / "cases" / "validator_template.yaml").read_text()
_spec = importlib.util.spec_from_file_location("regrade", ROOT / "scripts" / "regrade.py")
regrade = importlib.util.module_from_spec(_spec)
sys.modules["regrade"] = regrade  # dataclasses look their module up there
_spec.loader.exec_module(regrade)
DAY = dt.date(2026, 12, 3)


@pytest.fixture
def rulebook(tmp_path: Path) -> Path:
    """MC: crypto_status 2022 verified on a home page (with a comment to keep), 2023 verified
    with a pinpoint only, and a provision that a record will verify."""
    root = tmp_path / "rulebook"
    (root / "jurisdictions").mkdir(parents=True)
    text = TEMPLATE.replace(
        '    source: {instrument: mc-test-law, article: "Art. 1"}\n    verification: unverified\n',
        '    source: {instrument: mc-test-law, url: "https://www.example.org/", excerpt: "Not regulated."}\n'
        '    verification: verified  # keep this comment\n',
    ).replace(
        '    source: {instrument: mc-test-law, article: "Art. 2"}\n    verification: unverified\n',
        '    source: {instrument: mc-test-law, article: "Art. 2"}\n    verification: verified\n'
        '    note: >-\n      Read in a summary.\n',
    )
    (root / "jurisdictions" / "MC.yaml").write_text(text)
    return root


def record(tmp_path: Path) -> Path:
    records = tmp_path / "records"
    records.mkdir()
    (records / "MC.json").write_text(json.dumps([{
        "file": "jurisdictions/MC.yaml", "target": {"provision": "mc-test-licensing"},
        "url": "https://example.org/law/art-4", "article": "Art. 4(1)",
        "excerpt": "No person shall provide crypto-asset services without a licence.",
        "checked": "2026-12-01", "agrees": True, "disagreement": "", "read_on_official_site": True,
    }, {
        "file": "jurisdictions/MC.yaml", "target": {"fact": "travel_rule", "from": "2023-01-01"},
        "url": "https://example.org/copy", "article": "Art. 3", "excerpt": "x", "checked": "2026-12-01",
        "agrees": True, "disagreement": "", "read_on_official_site": False,
    }]))
    return records


def test_downgrade_says_what_is_missing_and_keeps_the_layout(rulebook: Path) -> None:
    counts = regrade.downgrade(rulebook, DAY)
    assert counts == {"MC": 2}
    text = (rulebook / "jurisdictions" / "MC.yaml").read_text()
    assert "    verification: unverified  # keep this comment\n" in text
    j = load_rulebook(rulebook).rulebook.jurisdictions["MC"]
    first, second = j.crypto_status
    assert first.note == ("Re-graded 2026-12-03 to unverified; the URL https://www.example.org/ is a home page, "
                          "not the document; no article, section or page is cited.")
    assert second.note == ("Read in a summary. Re-graded 2026-12-03 to unverified; no excerpt of the official "
                           "text is stored.")
    before = text
    assert regrade.downgrade(rulebook, DAY) == {}
    assert (rulebook / "jurisdictions" / "MC.yaml").read_text() == before


def test_a_record_read_on_the_official_site_verifies_and_a_copy_does_not(rulebook: Path, tmp_path: Path) -> None:
    records = record(tmp_path)
    outcomes = regrade.apply_records(rulebook, records)
    assert outcomes == {"evidence stored, verified": 1, "not applied: read on a copy, not the official site": 1}
    p = load_rulebook(rulebook).rulebook.jurisdictions["MC"].provisions[0]
    assert p.verification == "verified"
    assert (p.source.article, p.source.url, p.source.checked) == (
        "Art. 4(1)", "https://example.org/law/art-4", dt.date(2026, 12, 1))
    assert p.source.excerpt == "No person shall provide crypto-asset services without a licence."
    before = (rulebook / "jurisdictions" / "MC.yaml").read_text()
    regrade.apply_records(rulebook, records)
    assert (rulebook / "jurisdictions" / "MC.yaml").read_text() == before


def test_a_record_after_a_downgrade_takes_the_regrade_sentence_out(rulebook: Path, tmp_path: Path) -> None:
    regrade.downgrade(rulebook, DAY)
    records = tmp_path / "later"
    records.mkdir()
    (records / "MC.json").write_text(json.dumps([
        {"file": "jurisdictions/MC.yaml", "target": {"fact": "crypto_status", "from": start},
         "url": "https://example.org/law", "article": article, "excerpt": "words read", "checked": "2026-12-02",
         "agrees": True, "disagreement": "", "read_on_official_site": True}
        for start, article in (("2022-01-01", "Art. 1"), ("2023-01-01", "Art. 2"))]))
    regrade.apply_records(rulebook, records)
    first, second = load_rulebook(rulebook).rulebook.jurisdictions["MC"].crypto_status
    assert (first.verification, first.note) == ("verified", None)
    assert (second.verification, second.note) == ("verified", "Read in a summary.")
    assert first.source.url is None  # the instrument's own URL is not repeated
