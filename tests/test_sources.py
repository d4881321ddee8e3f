"""`regatlas sources` names each value that is not verified and why; `info` gives the strict share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from regatlas.errors import NotFound
from regatlas.interfaces.cli.app import app

TEMPLATE = (Path(__file__).parent / "cases" / "validator_template.yaml").read_text()
runner = CliRunner()


def run_json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """One jurisdiction, four cited values: a home-page URL with an excerpt (line 22), a value
    with only a pinpoint (26), a Travel Rule value (32), and a provision with full evidence that
    its author left unverified (43)."""
    root = tmp_path_factory.mktemp("tiny") / "rulebook"
    (root / "jurisdictions").mkdir(parents=True)
    text = TEMPLATE.replace(
        '    source: {instrument: mc-test-law, article: "Art. 1"}\n',
        '    source: {instrument: mc-test-law, url: "https://www.example.org/", excerpt: "Not regulated."}\n',
    ).replace(
        '    source: {instrument: mc-test-law, article: "Art. 4"}\n',
        '    source: {instrument: mc-test-law, article: "Art. 4"}\n    text: A licence is required.\n',
    )
    (root / "jurisdictions" / "MC.yaml").write_text(text)
    return root


def test_each_unverified_value_is_listed_with_file_line_and_what_it_lacks(tiny: Path) -> None:
    doc = run_json("sources", "--rulebook", str(tiny))
    assert doc["totals"] | {"missing": None} == {
        "values": 4, "verified": 0, "not_verified": 4, "share": 0.0, "missing": None}
    assert doc["totals"]["missing"] == {"no_url": 0, "home_page": 1, "no_pinpoint": 1, "no_excerpt": 2,
                                        "complete": 1}
    [group] = doc["jurisdictions"]
    got = [(e["line"], e["id"], e["missing"]) for e in group["not_verified"]]
    assert got == [
        (22, "crypto_status@2022-01-01", ["home_page", "no_pinpoint"]),
        (26, "crypto_status@2023-01-01", ["no_excerpt"]),
        (32, "travel_rule@2023-01-01", ["no_excerpt"]),
        (43, "mc-test-licensing", []),
    ]
    assert group["not_verified"][0]["file"] == "rulebook/jurisdictions/MC.yaml"
    assert group["not_verified"][-1]["why"] == "evidence complete but not marked verified (see its note)"


def test_text_report_gives_totals_first_then_file_and_line(tiny: Path) -> None:
    result = runner.invoke(app, ["sources", "--rulebook", str(tiny)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "4 cited values: 0 verified (0.0%), 4 not verified"
    assert ("  rulebook/jurisdictions/MC.yaml:22: crypto_status crypto_status@2022-01-01: "
            "URL is a home page; no pinpoint (source.article)") in lines


def test_an_unknown_jurisdiction_is_a_usage_error(tiny: Path) -> None:
    result = runner.invoke(app, ["sources", "--rulebook", str(tiny), "--jurisdiction", "XX"])
    assert isinstance(result.exception, NotFound) and result.exception.exit_code == 2  # main() exits 2


def test_bundled_rulebook_filter_and_info_agree_per_jurisdiction() -> None:
    sg = run_json("sources", "--jurisdiction", "sg")
    assert [g["code"] for g in sg["jurisdictions"]] == ["SG"]
    info = run_json("info")
    strict = info["verification"]
    assert info["verified_share"] == strict["share"]
    assert strict["by_jurisdiction"]["SG"] == {
        "share": sg["totals"]["share"], "verified": sg["totals"]["verified"], "values": sg["totals"]["values"]}
    parts = [*strict["by_jurisdiction"].values(), strict["agreements"], strict["legal_data"]]
    assert sum(p["values"] for p in parts) == strict["values"] == info["cited_values"]
