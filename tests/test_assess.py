"""Assessments of the example profiles against facts (tests/cases/assess/assess.yaml), the
document's shape (docs/assessment.md), bad profiles (exit code 2) and the reports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from regatlas.engines.assess.engine import assess
from regatlas.engines.assess.profile_io import load_profile, parse_profile
from regatlas.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "examples" / "profiles"
BAD = yaml.safe_load((Path(__file__).parent / "cases" / "assess" / "bad_profiles.yaml").read_text())
_DOCS: dict = {}


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _assessment(atlas, profile, day: dt.date) -> dict:
    key = (json.dumps(profile, default=str, sort_keys=True), day)
    if key not in _DOCS:
        if isinstance(profile, str):
            firm = load_profile(PROFILES / profile, atlas)
        else:
            firm = parse_profile(yaml.safe_dump(profile), "inline.yaml", atlas)
        _DOCS[key] = assess(atlas, firm, day)
    return _DOCS[key]


def _jurisdiction(doc: dict, code: str) -> dict:
    return next(j for j in doc["jurisdictions"] if j["code"] == code)


@pytest.mark.parametrize("name", sorted(p.name for p in PROFILES.glob("*.yaml")))
def test_example_profiles_have_the_documented_shape(atlas, name):
    doc = _assessment(atlas, name, dt.date(2026, 11, 25))
    assert {"rulebook", "schema", "disclaimer", "profile", "summary", "jurisdictions", "conflicts", "plan",
            "timeline"} <= set(doc)
    assert set(doc["rulebook"]) == {"version", "as_of"}
    assert {"common_controls", "jurisdiction_specific"} <= set(doc["plan"])
    for j in doc["jurisdictions"]:
        assert {"code", "licences", "obligations", "upcoming", "prohibitions", "tokens", "summary"} <= set(j)
        for item in j["licences"] + [p for b in ("obligations", "upcoming", "prohibitions") for p in j[b]]:
            assert item["source"] and item["source"]["instrument"], f"{item['id']} has no source"
            assert item["verification"] in ("verified", "unverified")
    for c in doc["conflicts"]:
        assert len(c["sides"]) >= 2 and all("source" in s for s in c["sides"])
    assert len(doc["summary"]) == len(doc["jurisdictions"])


def test_five_example_profiles_ship():
    assert len(list(PROFILES.glob("*.yaml"))) >= 5


def test_assessment_is_deterministic(atlas):
    firm = load_profile(PROFILES / "eu-exchange.yaml", atlas)
    day = dt.date(2026, 11, 25)
    dump = lambda d: json.dumps(d, default=str, sort_keys=True)
    assert dump(assess(atlas, firm, day)) == dump(assess(atlas, firm, day))


@pytest.mark.parametrize("case", BAD, ids=[c["case"] for c in BAD])
def test_bad_profile_is_an_input_error_with_position(atlas, case):
    with pytest.raises(InputError) as info:
        parse_profile(case["text"], case.get("file", "bad.yaml"), atlas)
    err = info.value
    assert case["message"] in err.message, str(err)
    assert err.location.line == case["line"], str(err)
    assert err.location.file == case.get("file", "bad.yaml")
    if "field" in case:
        assert err.location.field == case["field"], str(err)


@pytest.mark.parametrize("case", [BAD[0], BAD[1], BAD[3]], ids=["unknown activity", "unknown jurisdiction",
                                                                  "malformed YAML"])
def test_cli_rejects_bad_profiles_with_exit_2(cli, tmp_path, case):
    path = tmp_path / "bad.yaml"
    path.write_text(case["text"])
    run = cli("assess", str(path), "--json")
    assert run.exit_code == 2, run.stderr
    assert run.stdout == ""
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert f"{path}:{case['line']}:" in run.stderr


def test_cli_json_and_markdown(cli, tmp_path):
    profile = str(PROFILES / "eu-exchange.yaml")
    run = cli("assess", profile, "--json", "--as-of", "2026-11-25")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["rulebook"]["as_of"] == "2026-11-25"
    out = tmp_path / "r.md"
    run = cli("assess", profile, "--format", "md", "--out", str(out), "--as-of", "2026-11-25")
    assert run.exit_code == 0, run.stderr
    text = out.read_text()
    assert f"rulebook {doc['rulebook']['version']}, as of 2026-11-25" in text and "## Conflicts" in text
    bad = cli("assess", profile, "--format", "docx")
    assert bad.exit_code == 2


def test_html_report_cites_every_line_and_stamps_version(atlas):
    from regatlas.interfaces.reports import render

    doc = _assessment(atlas, "us-stablecoin-issuer.yaml", dt.date(2026, 11, 25))
    html = render(doc, "html")
    assert f"rulebook {doc['rulebook']['version']} - as of 2026-11-25" in html
    assert "@top-right" in html and "Timeline of upcoming obligations" in html
    for ob in _jurisdiction(doc, "EU")["obligations"]:
        assert ob["title"].replace("'", "&#39;") in html


def test_pdf_report_renders(atlas, tmp_path):
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: Pango missing (scripts/ensure-system-deps.sh)
        pytest.skip(f"WeasyPrint unavailable: {exc}")
    from regatlas.interfaces.reports import render

    doc = _assessment(atlas, "ch-custody.yaml", dt.date(2026, 11, 25))
    pdf = render(doc, "pdf")
    assert pdf[:5] == b"%PDF-" and len(pdf) > 10_000
