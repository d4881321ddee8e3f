"""The atlas at world scale (issue 14): every ISO 3166-1 code is known, coverage is computed from
the data, no-file jurisdictions answer null, and `stale` lists what was not checked.

Run on the fixture rulebook (tests/fixtures/rulebook: AQ, BV and the free zone AQ-FIXZ, none with
`checked:`), so the expectations do not move as the bundled rulebook grows. The expected numbers
come from ISO 3166-1 (249 codes in pycountry) and the three fixture files, not from the code.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pycountry
import pytest
from fastapi.testclient import TestClient

FIXTURE = Path(__file__).parent / "fixtures" / "rulebook"
DAY = "2025-02-01"


@pytest.fixture(scope="module")
def rulebook(tmp_path_factory) -> Path:
    """The fixture rulebook, with AQ reviewed on 2026-11-20 (BV and AQ-FIXZ never)."""
    root = tmp_path_factory.mktemp("world") / "rulebook"
    shutil.copytree(FIXTURE, root)
    aq = root / "jurisdictions" / "AQ.yaml"
    aq.write_text(aq.read_text().replace("\nkind: country\n", "\nkind: country\nchecked: 2026-11-20\n", 1))
    return root


def _json(cli, *args: str) -> dict:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_show_a_code_without_a_file_is_coverage_none_with_null_values(cli, rulebook):
    doc = _json(cli, "show", "AT", "--rulebook", str(rulebook))
    assert (doc["code"], doc["name"], doc["coverage"]) == ("AT", "Austria", "none")
    assert doc["crypto_status"] is None and doc["checked"] is None
    assert doc["travel_rule"]["status"] is None
    assert doc["stablecoins"]["status"] is None and doc["cbdc"]["status"] is None  # never "none"
    assert doc["authorities"] == doc["provisions"] == []
    assert "no rulebook file" in doc["coverage_note"]


def test_a_code_iso_does_not_know_is_still_exit_2(cli, rulebook):
    assert cli("show", "QQ", "--rulebook", str(rulebook)).exit_code == 2
    result = cli("travel-rule", "check", "--rulebook", str(rulebook), "--from", "AT", "--to", "QQ",
                 "--amount", "10", "--currency", "EUR", "--date", DAY)
    assert result.exit_code == 2 and "QQ" in result.stderr


def test_info_coverage_counts_add_up(cli, rulebook):
    doc = _json(cli, "info", "--rulebook", str(rulebook))
    iso = len(pycountry.countries)  # 249 in ISO 3166-1
    assert doc["counts"]["jurisdictions"] == iso + 1  # plus the free zone AQ-FIXZ
    assert doc["coverage"]["none"] == iso - 2  # AQ and BV have files
    assert sum(doc["coverage"].values()) == doc["counts"]["jurisdictions"]
    shares = doc["verification"]["by_coverage"]
    assert shares["none"] == {"share": 0.0, "verified": 0, "values": 0}
    assert sum(s["values"] for s in shares.values()) == sum(
        s["values"] for s in doc["verification"]["by_jurisdiction"].values())


def test_jurisdictions_lists_every_iso_code_with_its_coverage(cli, rulebook):
    rows = {j["code"]: j for j in _json(cli, "jurisdictions", "--rulebook", str(rulebook))["jurisdictions"]}
    assert {c.alpha_2 for c in pycountry.countries} <= set(rows)
    assert rows["KY"]["coverage"] == "none" and rows["KY"]["crypto_status"] is None
    assert rows["AQ"]["checked"] == "2026-11-20" and rows["AQ"]["coverage"] != "none"


def test_in_depth_is_computed_from_topics_and_authorities():
    from regatlas.model import Jurisdiction
    from regatlas.store.coverage import coverage_of

    def jur(topics: list[str], authority: bool) -> Jurisdiction:
        return Jurisdiction.model_validate({
            "code": "XX", "name": "X", "kind": "country", "currency": "EUR",
            "authorities": [{"id": "xa", "name": "A", "roles": ["securities"]}] if authority else [],
            "provisions": [{"id": f"p{i}", "title": "t", "topic": t, "role": "requirement",
                            "source": {"instrument": "i"}, "verification": "unverified"}
                           for i, t in enumerate(topics)]})

    four = ["licensing", "travel_rule", "custody", "stablecoin_reserves"]
    assert coverage_of(jur(four, True)) == ("in_depth", ["licensing", "travel_rule", "stablecoins", "custody"])
    assert coverage_of(jur(four, False))[0] == "basic"  # no authority named
    assert coverage_of(jur(four[:3], True))[0] == "basic"  # three topics
    assert coverage_of(jur(["stablecoin_issuance", "stablecoin_reserves", "licensing", "custody"], True))[0] == "basic"  # one topic twice
    bill = jur(four, True).model_copy(update={"provisions": [
        p.model_copy(update={"proposed": True}) if p.topic == "custody" else p for p in jur(four, True).provisions]})
    assert coverage_of(bill) == ("basic", ["licensing", "travel_rule", "stablecoins"])  # a bill is not law
    unread = jur(four, True).model_copy(update={"provisions": [
        p.model_copy(update={"encoded": False}) if p.topic == "custody" else p for p in jur(four, True).provisions]})
    assert coverage_of(unread)[0] == "basic"  # its rule was not encoded


def test_an_eu_or_eea_state_is_in_depth_with_its_whole_national_layer():
    """Issue 14 item 2: a member state's depth is its national layer (MiCA competent authority, the
    implementing act, the Art. 143(3) transitional end, the TFR authority), MiCA itself being EU law."""
    from regatlas.model import Jurisdiction
    from regatlas.store.coverage import coverage_of

    def state(memberships: list[str], drop: str = "") -> Jurisdiction:
        provisions = [
            {"id": "ca", "title": "t", "topic": "supervision_enforcement", "role": "requirement",
             "source": {"instrument": "act"}, "verification": "unverified"},
            {"id": "tp", "title": "t", "topic": "licensing", "role": "transitional",
             "effective_from": "2024-12-30", "effective_to": "2026-07-01",
             "source": {"instrument": "esma-list"}, "verification": "unverified"},
            {"id": "tfr", "title": "t", "topic": "travel_rule", "role": "requirement",
             "source": {"instrument": "act"}, "verification": "unverified"}]
        return Jurisdiction.model_validate({
            "code": "XX", "name": "X", "kind": "country", "currency": "EUR", "memberships": memberships,
            "authorities": [{"id": "xa", "name": "A", "roles": ["securities" if drop == "authority"
                                                              else "virtual_assets"]}],
            "instruments": [{"id": "act", "title": "Act", "kind": "report" if drop == "act" else "law",
                             "url": "https://example.org/act",
                             "gives_effect_to": [] if drop == "not-mica" else ["eu-mica"]}],
            "provisions": [p for p in provisions if p["id"] != drop]})

    layer = ["licensing", "travel_rule", "mica_authority", "implementing_act", "transitional_end", "tfr_authority"]
    assert coverage_of(state(["EU"])) == ("in_depth", layer)
    assert coverage_of(state(["EEA"]))[0] == "in_depth"
    assert coverage_of(state(["FATF"])) == ("basic", ["licensing", "travel_rule"])  # not an EU or EEA state
    for missing in ("authority", "act", "not-mica", "tp", "tfr"):  # not-mica: an act, but not MiCA's
        assert coverage_of(state(["EU"], missing))[0] == "basic", missing


def test_travel_rule_check_between_two_no_file_codes_answers_no_data(cli, rulebook):
    doc = _json(cli, "travel-rule", "check", "--rulebook", str(rulebook), "--from", "AT", "--to", "IE",
                "--amount", "1500", "--currency", "EUR", "--date", DAY)
    assert doc["originator"]["status"] is None and doc["beneficiary"]["status"] is None
    assert doc["originator"]["coverage"] == "none"
    assert doc["required"] is False and doc["action"] == "none"
    assert any("no rulebook file" in line for line in doc["explanation"])
    assert any("required follows only from what the atlas knows" in line for line in doc["explanation"])


def test_stale_lists_files_without_checked_and_skips_a_recent_one(rulebook):
    from regatlas.rulebook.load import load_rulebook
    from regatlas.store.freshness import stale

    doc = stale(load_rulebook(rulebook), "6m", today=dt.date(2026, 12, 3))
    assert doc["cutoff"] == dt.date(2026, 6, 3)
    assert [(r["code"], r["checked"], r["line"]) for r in doc["jurisdictions"]] == [
        ("AQ-FIXZ", None, 2), ("BV", None, 2)]  # AQ checked 2026-11-20 is fresh
    later = stale(load_rulebook(rulebook), "6m", today=dt.date(2027, 6, 1))
    assert [r["code"] for r in later["jurisdictions"]][-1] == "AQ"  # oldest first, never-checked before
    assert all(v["file"] and v["line"] for v in doc["values"])


def test_stale_cut_off_takes_a_month_end_to_the_shorter_month():
    from regatlas.store.freshness import cutoff

    assert cutoff(dt.date(2026, 8, 31), "6m") == dt.date(2026, 2, 28)
    assert cutoff(dt.date(2026, 3, 1), "1y") == dt.date(2025, 3, 1)


def test_stale_cli_rejects_a_bad_age_and_answers_json(cli, rulebook):
    assert cli("stale", "--older-than", "6x", "--rulebook", str(rulebook)).exit_code == 2
    assert cli("stale", "--older-than", "3000y", "--rulebook", str(rulebook)).exit_code == 2  # before year 1
    doc = _json(cli, "stale", "--older-than", "90d", "--rulebook", str(rulebook))
    assert doc["counts"]["jurisdictions"] == len(doc["jurisdictions"]) >= 2


def test_api_and_map_answer_for_a_no_file_code(rulebook):
    from regatlas.interfaces.api.app import create_app

    with TestClient(create_app(rulebook), base_url="http://127.0.0.1") as client:
        ok = client.get("/api/v1/jurisdictions/AT", params={"as_of": DAY})
        assert ok.status_code == 200 and ok.json()["coverage"] == "none" and ok.json()["crypto_status"] is None
        assert client.get("/api/v1/jurisdictions/QQ").status_code == 404
        assert client.get("/api/v1/jurisdictions/AQ").json()["checked"] == "2026-11-20"
        doc = client.get("/api/v1/map", params={"metric": "travel_rule", "as_of": DAY}).json()
        assert doc["values"]["AT"] is None and doc["coverage"]["AT"] == "none"
        assert {c.alpha_2 for c in pycountry.countries} <= set(doc["values"])
        page = client.get("/jurisdictions/AT").text
        assert "no rulebook file" in page and "never recorded" in page


def test_api_answers_stale_and_sources_like_the_cli(cli, rulebook):
    """Issue 14 item 4: the API shows freshness too; a malformed age or code is a 422, an unknown one 404."""
    from regatlas.interfaces.api.app import create_app

    with TestClient(create_app(rulebook), base_url="http://127.0.0.1") as client:
        stale = client.get("/api/v1/stale", params={"older_than": "90d"})
        assert stale.status_code == 200
        never = {r["code"] for r in stale.json()["jurisdictions"] if r["checked"] is None}
        assert {"BV", "AQ-FIXZ"} <= never  # the fixture files without `checked:`
        assert stale.json()["counts"] == _json(cli, "stale", "--older-than", "90d", "--rulebook",
                                               str(rulebook))["counts"]
        for bad in ("6x", "1" * 7, "../etc", "3000y"):
            answer = client.get("/api/v1/stale", params={"older_than": bad})
            assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
        sources = client.get("/api/v1/sources", params={"jurisdiction": "aq"})
        assert sources.status_code == 200 and [g["code"] for g in sources.json()["jurisdictions"]] == ["AQ"]
        assert client.get("/api/v1/sources", params={"jurisdiction": "QQ"}).status_code == 404
        assert client.get("/api/v1/sources", params={"jurisdiction": "<script>"}).status_code == 422


def test_codes_without_data_share_one_law_in_the_screening_lookups(rulebook):
    import duckdb

    from regatlas.engines.travel_rule.lookup import build_lookups
    from regatlas.store.atlas import open_atlas

    con = duckdb.connect()
    build_lookups(con, open_atlas(rulebook), dt.date(2025, 2, 1), dt.date(2025, 2, 1))
    idx = dict(con.execute("SELECT jurisdiction, idx FROM tr_codes").fetchall())
    assert len(idx) == len(pycountry.countries) + 1  # every ISO code and AQ-FIXZ can be screened
    assert idx["AT"] == idx["IE"] == idx["KY"]  # no data anywhere: one shared law
    assert len(set(idx.values())) == 4  # AQ, BV (inherits AQ), AQ-FIXZ, and "no data"
    assert con.execute("SELECT count(*) FROM tr_law_daily").fetchone()[0] == 4  # one day x 4 laws
