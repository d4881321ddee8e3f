"""The analytics decide from provision columns (`role`, `reserve_holding`, `powers`, scope), never
from words: law cases in tests/cases/analytics/roles.yaml, plus engine logic on made-up rows whose
titles say the opposite of their columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from regatlas.engines.analytics import arbitrage as arb
from regatlas.engines.analytics import patterns
from regatlas.engines.analytics.enforce import _issuers, parse_case
from regatlas.store import analytics_queries as aq
from regatlas.store import queries

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "analytics" / "roles.yaml").read_text())


_WORLDS: dict[dt.date, tuple[dict, dict, dict]] = {}


def _world(atlas, day: dt.date) -> tuple[dict, dict, dict]:
    """Chains, provisions by jurisdiction and crypto statuses on `day` (built once per date)."""
    if day in _WORLDS:
        return _WORLDS[day]
    chains = aq.chains(atlas)
    by_code: dict[str, list[dict]] = {}
    for p in aq.provisions_on(atlas, day):
        by_code.setdefault(p["jurisdiction"], []).append(p)
    statuses = {c: queries.crypto_status(atlas, c, day).get("value") for c in chains}
    _WORLDS[day] = (chains, by_code, statuses)
    return _WORLDS[day]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_role_cases(atlas, case):
    day = case["as_of"]
    chains, by_code, statuses = _world(atlas, day)
    why = f"{case['case']} ({case['cites']})"
    if "treatment" in case:
        t = case["treatment"]
        got = arb.treatment(atlas, chains[t["code"]], by_code, statuses[t["code"]], t["activity"])
        assert got["treatment"] == t["expect"], why
        if "deciding" in t:
            assert t["deciding"] in {p["id"] for p in got["provisions"]}, why
    if "reserves" in case:
        r = case["reserves"]
        found = patterns.find(atlas, day, chains, by_code, statuses, arb.treatment)
        listed = {x["code"] for x in found["stablecoin_reserves_unregulated_banks"]}
        assert (r["code"] in listed) == r["listed"], why
    for d in case.get("defi", []):
        found = patterns.find(atlas, day, chains, by_code, statuses, arb.treatment)["decentralised_label"]
        where = next(k for k in ("carve_out", "addressed", "no_rule") if d["code"] in found[k])
        assert where == d["expect"], why
    if "freeze" in case:
        f = case["freeze"]
        issuer = parse_case({"platform": {"operated_from": [f["issuer_in"]]},
                             "issuers": [{"name": "Issuer", "jurisdiction": f["issuer_in"]}]}, "case.yaml")
        rules = _issuers(atlas, issuer, day)[0]["legal_freeze_rules"]
        assert sorted(r["id"] for r in rules) == sorted(f["expect"]), why
        assert all(r["powers"] for r in rules), "each freeze rule carries the powers that put it there"


def _row(**cols) -> dict:
    base = {"id": "x-1", "jurisdiction": "XX", "title": "", "topic": "licensing", "role": "requirement",
            "activities": [], "token_types": ["any"], "reserve_holding": [], "powers": [], "implements": [],
            "parameters": {}, "status": "in_force", "verification": "unverified",
            "source_instrument": None, "source_article": None, "source_url": None}
    return {**base, **cols}


def _treat(atlas, *rows: dict, activity: str = "exchange") -> str:
    return arb.treatment(atlas, ["XX"], {"XX": list(rows)}, None, activity)["treatment"]


def test_titles_do_not_decide_the_treatment(atlas):
    """A licence titled "no-action, not exempt" is a licence; an exemption titled "licence" is not."""
    assert _treat(atlas, _row(title="No-action: firms do not need ... exempt", role="licence")) == "licensed"
    assert _treat(atlas, _row(title="Registration with the regulator", role="licence")) == "licensed"
    assert _treat(atlas, _row(title="Licence required", role="exemption")) == "open"
    assert _treat(atlas, _row(title="Licence required", role="registration",
                              implements=["iosco-1", "fsb-ca-2"])) == "registered"
    assert _treat(atlas, _row(title="Transitional period", role="transitional")) == "open"


def test_a_ban_counts_only_for_every_token_type_and_covered_activity(atlas):
    ban = _row(topic="ban", role="prohibition", activities=["exchange"])
    assert _treat(atlas, ban) == "banned"
    assert _treat(atlas, {**ban, "token_types": ["privacy_token"]}) == "open"
    assert _treat(atlas, ban, activity="staking") == "open"
    assert _treat(atlas, {**ban, "role": "requirement"}) == "open", "a power to ban is not a ban"


def test_reserve_holding_and_carve_outs_come_from_columns(atlas):
    chains = {"XX": ["XX"]}
    said = _row(topic="stablecoin_reserves", title="Reserve held at a bank", text="bank custodian")
    found = patterns._reserves(atlas, chains, {"XX": [said]}, {"XX": None}, arb.treatment)
    assert [r["code"] for r in found] == ["XX"], "words alone do not say where reserves are held"
    held = {**said, "title": "Reserve", "reserve_holding": ["central_bank"]}
    assert patterns._reserves(atlas, chains, {"XX": [held]}, {"XX": None}, arb.treatment) == []
    defi = _row(topic="defi", activities=["defi"], title="Decentralised services are outside scope")
    assert list(patterns._decentralised(atlas, chains, {"XX": [defi]})["addressed"]) == ["XX"]
    carved = {**defi, "title": "DeFi rules", "role": "carve_out"}
    assert list(patterns._decentralised(atlas, chains, {"XX": [carved]})["carve_out"]) == ["XX"]


def test_engines_get_no_text_or_note_to_read(atlas):
    row = aq.provisions_on(atlas, dt.date(2026, 1, 1))[0]
    assert {"role", "reserve_holding", "powers"} <= set(row)
    assert not {"text", "note"} & set(row)
