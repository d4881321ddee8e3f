"""FATF lists per plenary: the data says what the FATF published, the validator checks every code,
and the store answers for any ISO code on any date. Expectations come from the FATF's statements
(and the notices citing them), not from the code under test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pycountry
import pytest

from regatlas.rulebook import default_rulebook_dir, load_rulebook, validate
from regatlas.store import fatf

PLENARIES = load_rulebook(default_rulebook_dir(), sections=["fatf_plenaries"]).rulebook.fatf_plenaries


def _changes(before: str, after: str) -> tuple[set[str], set[str]]:
    old, new = (set(PLENARIES[i].increased_monitoring.codes) for i in (before, after))
    return new - old, old - new


@pytest.mark.parametrize(("before", "after", "added", "removed"), [
    # FATF, Jurisdictions under Increased Monitoring - February 2026: Kuwait and Papua New Guinea added.
    ("2025-10", "2026-02", {"KW", "PG"}, set()),
    # June 2026: Bosnia and Herzegovina and Iraq added; Algeria and Namibia removed.
    ("2026-02", "2026-06", {"BA", "IQ"}, {"DZ", "NA"}),
    # October 2025: Burkina Faso, Mozambique, Nigeria and South Africa removed.
    ("2025-06", "2025-10", set(), {"BF", "MZ", "NG", "ZA"}),
    # June 2024 (FATF page): Monaco and Venezuela added; Jamaica and Türkiye no longer subject.
    ("2024-02", "2024-06", {"MC", "VE"}, {"JM", "TR"}),
])
def test_plenary_changes_are_those_the_fatf_published(before, after, added, removed) -> None:
    assert _changes(before, after) == (added, removed)


def test_the_2026_lists_have_the_published_sizes() -> None:
    # 22 under increased monitoring after each 2026 plenary; DPRK, Iran and Myanmar called for action.
    for ident in ("2026-02", "2026-06"):
        assert len(PLENARIES[ident].increased_monitoring.codes) == 22
        assert set(PLENARIES[ident].call_for_action.codes) == {"KP", "IR", "MM"}


def test_every_plenary_since_2019_is_a_file_and_dates_ascend() -> None:
    dates = [p.date for p in sorted(PLENARIES.values(), key=lambda p: p.id)]
    assert dates == sorted(dates) and dates[1] == dt.date(2019, 2, 22)
    years = {p.date.year for p in PLENARIES.values()}
    assert years == set(range(2018, 2027))


def _errors_after(rulebook_copy: Path, old: str, new: str) -> list:
    """Validator errors once `old` reads `new` in the June 2026 plenary (the file is restored)."""
    path = rulebook_copy / "fatf_plenaries" / "2026-06.yaml"
    text = path.read_text()
    path.write_text(text.replace(old, new))
    try:
        return validate(rulebook_copy).errors
    finally:
        path.write_text(text)


def test_an_unknown_code_is_a_validator_error_at_its_place(rulebook_copy: Path) -> None:
    errors = _errors_after(rulebook_copy, "codes: [AO, BA,", "codes: [AO, XK,")
    where = "rulebook/fatf_plenaries/2026-06.yaml:5:15: increased_monitoring.codes.1: "
    assert [str(e) for e in errors] == [where + "'XK' is not an ISO 3166-1 alpha-2 code"]


def test_a_code_on_both_lists_is_an_error(rulebook_copy: Path) -> None:
    errors = _errors_after(rulebook_copy, "codes: [IR, KP, MM]", "codes: [IR, KP, MM, VN]")
    assert [str(e).endswith("increased_monitoring.codes: 'VN' is on both lists") for e in errors] == [True]


def test_every_iso_country_has_an_answer_on_any_date(atlas) -> None:
    day = dt.date(2026, 7, 1)
    answers = {c.alpha_2: fatf.status(atlas, c.alpha_2, day) for c in pycountry.countries}
    listed = {code for code, a in answers.items() if a["list"]}
    assert listed == set(PLENARIES["2026-06"].increased_monitoring.codes) | {"KP", "IR", "MM"}
    assert all(a["plenary"] and a["source"]["url"] for a in answers.values())


def test_a_removed_jurisdiction_cites_the_plenary_that_removed_it(atlas) -> None:
    # FATF, October 2025: Nigeria no longer subject to increased monitoring.
    a = fatf.status(atlas, "NG", dt.date(2026, 1, 1))
    assert (a["list"], a["from"], a["plenary"]) == (None, dt.date(2025, 10, 24), "October 2025")
    assert a["source"]["instrument_id"] == "fatf-im-2025-10"
