"""Registers: ESMA's files load completely, hard files lose nothing silently, firms are checked and
snapshots compared. Expected counts come from reading the files with Python's csv module, not from
the loader; expected answers from the register rows cited (tests/cases/registers/firms.yaml has
the cited `firms check` cases, run by the generic case runner)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from regatlas.errors import InputError
from regatlas.interfaces.api.app import create_app
from regatlas.interfaces.cli.app import app as cli_app
from regatlas.registers.diff import diff
from regatlas.registers.firms import check
from regatlas.registers.formats import DATA, load_catalogue
from regatlas.registers.lei import checked_lei
from regatlas.registers.parse import parse_register
from regatlas.store.registers import bundled, load_file_into_store, open_registers

HERE = Path(__file__).parent / "data" / "registers"
WARNED = "529900EXAMPLE0WARN94"


def _csv_rows(path: Path) -> int:
    text = path.read_bytes().decode("utf-8-sig")
    return sum(1 for row in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in row)) - 1


@pytest.mark.parametrize("entry", bundled(), ids=lambda e: e["file"])
def test_every_bundled_snapshot_loads_completely_with_its_provenance(entry):
    path = DATA / "snapshots" / entry["file"]
    snap = next(s for s in open_registers().snapshots() if s["sha256"] == entry["sha256"])
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    assert snap["rows_in"] == _csv_rows(path)
    assert snap["rows_in"] == snap["loaded"] + snap["rejected"]
    assert snap["source_url"].startswith("https://www.esma.europa.eu/")
    assert snap["published"] == entry["published"]


def test_the_february_2026_casp_file_has_150_authorised_casps_and_its_quirks_are_reported():
    store = open_registers()
    snap = store.snapshot("esma-casp-2026-02-09")
    assert (snap["rows_in"], snap["loaded"], snap["rejected"]) == (150, 150, 0)
    issues = store.rows("select line, field, reason, value from issues where snapshot = ?", [snap["id"]])
    # ESMA's file has an LEI written by a spreadsheet as 9.60E+19 and one of 21 characters
    assert any(i["value"] == "9.60E+19" and "20 characters" in i["reason"] for i in issues)
    # and lists Switzerland among passported states, which MiCA cannot reach
    assert any(i["value"] == "CH" and "not an EEA state" in i["reason"] for i in issues)


def test_a_hard_file_rejects_bad_rows_by_line_and_reports_every_dropped_value():
    data = (HERE / "casp-hard.csv").read_bytes()
    parsed = parse_register(data, load_catalogue().register("esma-casp"), "casp-hard.csv")
    assert (parsed.encoding, parsed.delimiter) == ("windows-1252", ";")
    assert parsed.rows_in == 5 and len(parsed.records) + len(parsed.rejected) == 5
    # the quoted address spans lines 2-3, so the rows after it start one line later
    assert [(i.line, i.field) for i in parsed.rejected] == [(5, None), (6, "ae_lei_name")]
    first = parsed.records[0]
    assert first["name"] == "Müller Krypto GmbH" and first["address"] == "Hauptstraße 1\n10115 Berlin"
    assert first["countries"] == ["AT", "FI", "FR", "GR"]  # 'I' separators, EL and 'Fi' read
    assert first["services"] == ["a", "j"]
    withdrawn = parsed.records[1]
    assert withdrawn["end_on"] == dt.date(2025, 9, 30)
    dropped = {(i.line, i.field): i.reason for i in parsed.dropped}
    assert "not a date" in dropped[(7, "ac_authorisationNotificationDate")]
    assert "20 characters" in dropped[(7, "ae_lei")]
    assert {i.value for i in parsed.dropped if i.line == 7 and i.field == "ac_serviceCode_cou"} == {"CH", "SL"}
    assert any("names no MiCA service" in i.reason for i in parsed.dropped if i.line == 7)


def test_a_file_of_another_register_is_refused_naming_the_missing_column():
    with pytest.raises(InputError) as err:
        parse_register((HERE / "ncasp-with-lei.csv").read_bytes(), load_catalogue().register("esma-casp"), "x.csv")
    assert err.value.location.line == 1 and "ae_address" in str(err.value)


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    home = tmp_path_factory.mktemp("registers-home")
    load_file_into_store(HERE / "casp-hard.csv", "esma-casp", dt.date(2025, 9, 1), None, home)
    load_file_into_store(HERE / "ncasp-with-lei.csv", "esma-ncasp", dt.date(2026, 6, 1), None, home)
    return open_registers(home)


def test_a_withdrawn_authorisation_is_answered_as_withdrawn_from_its_end_date(fixture_store):
    before = check(fixture_store, "969500UP76J52A9OXU27", "c", "DE", dt.date(2025, 9, 29))
    after = check(fixture_store, "969500UP76J52A9OXU27", "c", "DE", dt.date(2025, 9, 30))
    assert (before["status"], after["status"]) == ("passported", "withdrawn")
    assert after["until"] == dt.date(2025, 9, 30)


def test_an_entity_on_the_warning_list_is_answered_as_such(fixture_store):
    doc = check(fixture_store, WARNED, "custody", "NL", dt.date(2026, 6, 2))
    assert doc["status"] == "warning_list" and not doc["authorised"]
    assert doc["warnings"][0]["authority"].startswith("Netherlands Authority")


def test_loading_the_same_file_twice_adds_it_once(tmp_path):
    first = load_file_into_store(HERE / "casp-hard.csv", "esma-casp", None, None, tmp_path)
    again = load_file_into_store(HERE / "casp-hard.csv", "esma-casp", None, None, tmp_path)
    assert (first[2], again[2]) == (True, False) and first[0]["id"] == again[0]["id"]


def test_the_two_bundled_casp_snapshots_differ_by_four_new_firms_and_three_passport_changes():
    # expectation from comparing the two files' LEI columns with sort/diff, and LGT Bank's row
    doc = diff(open_registers(), "esma-casp-2026-01-23", "esma-casp-2026-02-09")
    assert {f["lei"] for f in doc["added"]} == {"529900N0VN8J4S4SCG77", "9845008E8QA4CCFE5F68",
                                               "984500C46B3B7B69Y904", "984500EBL33F46CBF732"}
    assert doc["removed"] == [] and doc["withdrawn"] == []
    lgt = next(c for c in doc["changed"] if c["lei"] == "7KDSOB6Z0X4S67TMX170")
    assert "SE" in lgt["countries"]["added"]


def test_an_lei_with_wrong_check_digits_is_refused():
    with pytest.raises(InputError, match="check digits"):
        checked_lei("5299005V5GBSN2A4C304")


def test_cli_firms_check_json_and_a_bad_lei_exits_2(cli):
    ok = cli("firms", "check", "5299005V5GBSN2A4C303", "--service", "a", "--country", "MT", "--as-of", "2026-03-01",
             "--json")
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)["status"] == "not_passported"
    bad = cli("firms", "check", "5299005V5GBSN2A4C304", "--service", "a", "--country", "MT")
    assert bad.exit_code == 2 and "check digits" in bad.stderr and bad.stdout == ""


def test_cli_registers_load_reports_rows_in_loaded_and_rejected(tmp_path):
    runner = CliRunner(env={"REGATLAS_HOME": str(tmp_path)})
    out = runner.invoke(cli_app, ["registers", "load", str(HERE / "casp-hard.csv"), "--register", "esma-casp",
                                  "--published", "2026-06-01", "--json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert (doc["snapshot"]["rows_in"], doc["snapshot"]["loaded"], doc["snapshot"]["rejected"]) == (5, 3, 2)
    assert [r["line"] for r in doc["rejected"]] == [5, 6]


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def test_api_firm_routes_answer_like_the_cli_and_bad_input_is_422(client):
    r = client.get("/api/v1/firms/check", params={"lei": "5299005V5GBSN2A4C303", "service": "custody",
                                                  "country": "MT", "as_of": "2026-03-01"})
    assert r.status_code == 200 and r.json()["status"] == "not_passported"
    assert client.get("/api/v1/firms", params={"q": "bitpanda"}).json()["count"] == 3
    assert client.get("/api/v1/firms/5493001KJTIIGC8Y1R12").status_code == 404
    for url, params in [("/api/v1/firms/NOTANLEI", {}), ("/api/v1/firms/check",
                                                          {"lei": "5299005V5GBSN2A4C303", "service": "zz", "country": "MT"}),
                        ("/api/v1/registers/diff", {"old": "esma-casp-2026-01-23", "new": "esma-ncasp-2026-02-09"})]:
        assert client.get(url, params=params).status_code == 422


# Each row's expected counterparty status, read from the register rows cited: Bybit EU (esma-casp
# 2026-02-09 line 2: home AT, authorised 28/05/2025, notified for PL but not MT); 5493001KJTIIGC8Y1R12
# is a valid LEI in no ESMA row; BADLEI fails ISO 17442; row 7 names no VASP.
EXPECTED_COUNTERPARTY = {"1": "passported", "2": "not_passported", "3": "authorised", "4": "no_register",
                         "5": "not_found", "6": "invalid_lei", "7": "", "8": "not_yet_authorised",
                         "9": "no_register"}


def test_screen_writes_the_beneficiary_vasp_status_and_reason_cited_to_the_snapshot(cli, tmp_path):
    out = tmp_path / "out.csv"
    run = cli("screen", str(HERE / "transfers-with-vasps.csv"), "--out", str(out), "--json")
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["registers"] == ["esma-casp-2026-02-09-da466db5", "esma-ncasp-2026-02-09-56b501b1"]
    rows = list(csv.DictReader(out.open()))
    assert {r["id"]: r["counterparty_beneficiary_status"] for r in rows} == EXPECTED_COUNTERPARTY
    reasons = load_catalogue().counterparty
    assert all(r["counterparty_beneficiary_reason"] == reasons.get(r["counterparty_beneficiary_status"], "")
               for r in rows)
    assert rows[0]["note"] and all(r["counterparty_register"].startswith("esma-casp-2026-02-09") for r in rows)


def test_travel_rule_check_names_each_vasp_status_like_the_screen(cli):
    run = cli("travel-rule", "check", "--from", "DE", "--to", "MT", "--amount", "2000", "--currency", "EUR",
              "--date", "2026-03-01", "--beneficiary-vasp-lei", "5299005V5GBSN2A4C303",
              "--originator-vasp-lei", "5493001KJTIIGC8Y1R12", "--json")
    assert run.exit_code == 0, run.stderr
    vasps = json.loads(run.stdout)["counterparty_vasps"]
    assert vasps["beneficiary"]["status"] == "not_passported" and vasps["beneficiary"]["snapshot"]["line"] == 2
    assert vasps["originator"]["status"] == "not_found" and vasps["originator"]["jurisdiction"] == "DE"


def test_web_firm_pages_show_the_register_row_and_escape_what_they_echo(client):
    page = client.get("/firms/5299005V5GBSN2A4C303", params={"as_of": "2026-03-01"}).text
    assert "Bybit EU GmbH" in page and "line 2" in page and 'data-passported="BE BG' in page
    found = client.get("/firms", params={"q": "<script>bitpanda"}).text
    assert "&lt;script&gt;bitpanda" in found and "<script>bitpanda" not in found
    assert client.get("/firms/NOTANLEI", headers={"accept": "text/html"}).status_code == 422


def test_assessment_reads_an_entitys_licence_and_passports_from_the_register_and_reports_mismatches():
    # Bybit EU (esma-casp 2026-02-09 line 2): home AT, authorised 28/05/2025, notified PL not MT, no
    # trading platform (service b). The profile claims a German authorisation from another date.
    from regatlas import Atlas

    profile = {"name": "Bybit EU", "activities": ["custody", "exchange"],
               "entities": [{"id": "bybit", "name": "Bybit EU GmbH", "jurisdiction": "AT",
                             "lei": "5299005V5GBSN2A4C303",
                             "licences": [{"provision": "eu-mica-art59-casp-authorisation", "jurisdiction": "DE",
                                           "granted": "2025-01-01", "activities": ["exchange", "derivatives"]}]}],
               "markets": [{"jurisdiction": "PL", "entity": "bybit"}, {"jurisdiction": "MT", "entity": "bybit"}]}
    doc = Atlas.open().assess(profile, as_of="2026-03-01").to_dict()
    report = doc["registers"][0]
    assert report["found"] and report["register"]["line"] == 2 and report["licence"]["jurisdiction"] == "AT"
    kinds = {m["kind"]: m["detail"] for m in report["mismatches"]}
    assert set(kinds) == {"licence_jurisdiction", "licence_date", "activities_not_authorised",
                          "market_not_passported"}
    assert "derivatives" in kinds["activities_not_authorised"] and "MT" in kinds["market_not_passported"]
    held = doc["profile"]["entities"][0]["licences"]
    assert [(lic["jurisdiction"], lic["granted"]) for lic in held] == [("AT", "2025-05-28")]


def test_a_profile_with_a_malformed_lei_is_refused_with_its_line():
    from regatlas import Atlas
    from regatlas.errors import RegatlasError

    text = ("name: X\nactivities: [custody]\nentities:\n  - id: x\n    name: X\n    jurisdiction: AT\n"
            "    lei: 5299005V5GBSN2A4C304\nmarkets:\n  - jurisdiction: AT\n")
    with pytest.raises(RegatlasError) as err:
        Atlas.open().assess(text)
    assert err.value.location.line == 7 and "check digits" in str(err.value)


def test_a_home_that_cannot_be_written_still_answers_from_the_bundled_snapshots(tmp_path):
    # a path under a regular file cannot be created, whoever runs the test (root ignores modes)
    (tmp_path / "file").write_text("")
    store = open_registers(tmp_path / "file" / "home")
    assert store.snapshot("esma-casp-2026-02-09")["loaded"] == 150
    assert not (tmp_path / "file" / "home").exists()
