"""Who regulates what (overlap), agreements by party and status, and legal-assistance routes in
enforce, on the fictional fixture rulebook (tests/fixtures/rulebook/competence/AQ.yaml and
agreements/fixture.yaml): every expected answer below is read off those files by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from regatlas.engines.analytics.agreements import agreements
from regatlas.engines.analytics.enforce import enforce, parse_case
from regatlas.engines.analytics.overlap import overlap
from regatlas.errors import InputError, NotFound

RULEBOOK = Path(__file__).parent / "fixtures" / "rulebook"


@pytest.fixture(scope="module")
def atlas(tmp_path_factory):
    from regatlas.store.atlas import open_atlas

    return open_atlas(RULEBOOK, tmp_path_factory.mktemp("coordination-home"))


def _cells(doc, code="AQ"):
    j = next(j for j in doc["jurisdictions"] if j["code"] == code)
    return {(c["activity"], c["token_type"], c["market"]): c for c in j["cells"]}


def test_each_cell_has_the_outcome_the_fixture_claims_give(atlas):
    cells = _cells(overlap(atlas, dt.date(2023, 1, 1), "AQ"))
    assert {k: c["outcome"] for k, c in cells.items()} == {
        ("exchange", "security_token", "spot"): "single",       # the securities commission alone
        ("exchange", "security_token", "derivatives"): "overlap",  # commission + anti-fraud authority
        ("exchange", "payment_token", "spot"): "single",        # the authority from 2021
        ("exchange", "payment_token", "derivatives"): "gap",    # only a bill claims it
    }
    overlap_cell = cells[("exchange", "security_token", "derivatives")]
    assert overlap_cell["authorities"] == ["aq-fixture-authority", "aq-fixture-securities"]
    assert [d["id"] for d in overlap_cell["divisions"]] == ["aq-joint-statement-2022"]
    assert overlap_cell["divided"] is True
    assert [c["id"] for c in cells[("exchange", "payment_token", "derivatives")]["proposed"]] == ["aq-va-derivatives-bill"]


def test_a_claim_before_its_effective_date_and_a_division_before_its_date_do_not_count(atlas):
    cells = _cells(overlap(atlas, dt.date(2020, 12, 31), "AQ"))
    assert cells[("exchange", "payment_token", "spot")]["outcome"] == "gap"  # registration from 2021-01-01
    undivided = cells[("exchange", "security_token", "derivatives")]
    assert undivided["outcome"] == "overlap" and undivided["divisions"] == [] and undivided["divided"] is False


def test_an_inheriting_jurisdiction_shows_the_map_of_the_law_it_inherits_and_its_own_as_unknown(atlas):
    doc = overlap(atlas, dt.date(2023, 1, 1), "BV")
    assert [(j["code"], j["mapped"]) for j in doc["jurisdictions"]] == [("BV", False), ("AQ", True)]


def test_overlap_filters_and_refuses_unknown_values(atlas):
    doc = overlap(atlas, dt.date(2023, 1, 1), "AQ", token_type="payment_token")
    assert set(_cells(doc)) == {("exchange", "payment_token", "spot"), ("exchange", "payment_token", "derivatives")}
    with pytest.raises(InputError):
        overlap(atlas, dt.date(2023, 1, 1), "AQ", activity="teleportation")
    with pytest.raises(NotFound):
        overlap(atlas, dt.date(2023, 1, 1), "ZZ")


def test_agreements_by_party_with_status_on_the_date(atlas):
    doc = agreements(atlas, dt.date(2025, 1, 1), party="BV")  # BV inherits AQ's law
    assert {a["id"]: (a["status"], a["party_link"]) for a in doc["agreements"]} == {
        "aq-fixz-mlat": ("active", "via AQ"),
        "aq-future-sandbox": ("not_yet", "via AQ"),  # signed 2030; AQ's authority is the party
        "aq-proposed-college": ("proposed", "via AQ"),
    }
    assert [a["id"] for a in agreements(atlas, dt.date(2025, 1, 1), kind="sandbox")["agreements"]] == ["aq-future-sandbox"]
    assert [a["id"] for a in agreements(atlas, dt.date(2025, 1, 1), text="legal assistance")["agreements"]] == ["aq-fixz-mlat"]
    with pytest.raises(InputError):
        agreements(atlas, dt.date(2025, 1, 1), kind="alliance")


def test_enforce_routes_legal_assistance_through_treaties_in_effect_and_own_law(atlas):
    case = parse_case({"platform": {"operated_from": ["AQ-FIXZ"]}, "victims": ["AQ"]}, "case.yaml")
    doc = enforce(atlas, case, dt.date(2025, 1, 1))
    link = doc["links"][0]
    assert (link["a"], link["b"]) == ("AQ", "AQ-FIXZ")
    # the proposed college and the sandbox not yet signed are no cooperation instrument in 2025
    assert [x["id"] for x in link["agreements"]] == ["aq-fixz-mlat"]
    la = link["legal_assistance"]
    assert la["mutual_legal_assistance"] == ["aq-fixz-mlat"] and la["extradition"] == []
    assert [(d["jurisdiction"], d["authority"]) for d in la["domestic_bases"]] == [("AQ", "aq-fixture-police")]
    assert la["unknown"] == ["no extradition route between AQ and AQ-FIXZ in the atlas"]
    aq = next(j for j in doc["jurisdictions"] if j["code"] == "AQ")
    assert aq["criminal"]["law_enforcement"] == ["aq-fixture-police"]
    assert "the atlas names no prosecution authority for AQ" in doc["criminal_gaps"]
    # AQ-FIXZ inherits AQ's law, so AQ's police can restrain there too
    assert [(r["code"], r["authority"], r["kind"]) for r in doc["freeze_routes"]] == [
        ("AQ", "aq-fixture-police", "restrain"), ("AQ-FIXZ", "aq-fixture-police", "restrain")]


def test_enforce_reads_an_issuers_freezing_power_from_the_rulebook(atlas):
    case = parse_case({"platform": {"operated_from": ["AQ"]}, "victims": ["BV"],
                       "tokens": [{"symbol": "FXC", "issuer": "Some Name"}],
                       "issuers": [{"name": "Fixture Coin Ltd", "jurisdiction": "AQ"},
                                   {"name": "Some Name", "jurisdiction": "AQ"},
                                   {"name": "Unknown Issuer", "jurisdiction": "AQ"}]}, "case.yaml")
    issuers = {i["name"]: i["freeze_capabilities"] for i in enforce(atlas, case, dt.date(2025, 1, 1))["issuers"]}
    # by its name, by the token the case says it issues, and nothing for an issuer the atlas lacks
    assert [(c["can_freeze"], c["on_request_of"]) for c in issuers["Fixture Coin Ltd"]] == [
        (True, ["court_order", "law_enforcement"])]
    assert [c["issuer"] for c in issuers["Some Name"]] == ["fixture-coin-issuer"]
    assert issuers["Unknown Issuer"] == []
