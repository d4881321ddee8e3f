"""The solvency, market-risk and contagion model on hand-sized cases: with random redemptions,
runs and bank failures switched off (tests/fixtures/stablecoin/quiet_params.yaml), only the
scenario acts, so each expected figure is worked out by hand from the rule it tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from regatlas.engines.stablecoin.contagion import load_contagion, parse_contagion
from regatlas.engines.stablecoin.market import market_params, parse_shock
from regatlas.engines.stablecoin.params import stress_params
from regatlas.engines.stablecoin.runs import simulate_runs
from regatlas.errors import InputError
from regatlas.model.stablecoin import ReserveReport

FIX = Path(__file__).parent / "fixtures" / "stablecoin"
QUIET = stress_params(FIX / "quiet_params.yaml")
ISOLATED = market_params(FIX / "isolated_market.yaml")
EXAMPLES = Path(__file__).parent.parent / "examples" / "reserves"


def report(*holdings: dict, outstanding: float = 100) -> ReserveReport:
    return ReserveReport.model_validate({"outstanding": outstanding, "date": "2026-01-01", "holdings": list(holdings)})


def run(issuers, shock: dict | None = None, market=None, days: int = 10):
    return simulate_runs(issuers, paths=50, days=days, seed=3, shock=parse_shock(shock or {"id": "t"}),
                         params=QUIET, market=market or market_params())


def test_a_rate_shock_marks_bills_down_by_their_duration():
    # 100 of bills maturing in one year (365 days / 365.25 = 0.9993 years): +300 bp -> price 1 - 0.03 x 0.9993
    bills = report({"asset_class": "treasury_bill", "value": 100, "maturity": "2027-01-01"})
    out = run([("A", bills)], {"id": "r", "rate_shock_bp": 300})["issuers"][0]
    assert out["solvency"]["start"] == pytest.approx(1 - 0.03 * 365 / 365.25, abs=1e-5)
    assert out["peg_break_probability"] == 1.0  # 0.970 is below the 0.995 band from day 1
    assert out["days_to_peg_break"]["p50"] == 1
    calm = run([("A", bills)])["issuers"][0]
    assert calm["solvency"]["start"] == 1.0 and calm["peg_break_probability"] == 0.0


def test_a_failed_bank_loses_its_share_and_freezes_the_rest():
    book = report({"asset_class": "bank_deposit", "value": 50, "custodian": "X Bank"},
                  {"asset_class": "cash", "value": 50})
    shock = {"id": "f", "bank_failure": {"bank": "X Bank", "day": 0, "loss": 0.3, "frozen_days": 30}}
    out = run([("A", book)], shock, market=ISOLATED)["issuers"][0]
    # holders do not react: 50 cash + 50 x (1 - 0.3) frozen, still the holders' = 85 over 100 tokens
    assert out["solvency"]["end"]["p50"] == pytest.approx(0.85, abs=1e-5)
    assert out["holder_loss"]["mean"] == pytest.approx(15, abs=1e-3)
    assert out["peg_break_probability"] == 1.0
    # holders run once the peg breaks: the first 50 are paid at par from cash, and the 50 tokens left
    # share the 35 frozen: 0.70, the first-mover advantage that makes runs rational
    ran = run([("A", book)], shock, days=40)["issuers"][0]
    assert ran["solvency"]["end"]["p50"] == pytest.approx(0.70, abs=1e-4)
    assert ran["redeemed_share"]["p50"] == pytest.approx(0.5, abs=1e-4)


def test_a_shared_bank_hits_every_issuer_banking_there_and_no_other():
    at_x = report({"asset_class": "bank_deposit", "value": 100, "custodian": "X Bank"})
    at_y = report({"asset_class": "bank_deposit", "value": 100, "custodian": "Y Bank"})
    out = run([("A", at_x), ("B", at_x), ("C", at_y)],
              {"id": "f", "bank_failure": {"bank": "X Bank", "day": 2, "loss": 0.5, "frozen_days": 5}},
              market=ISOLATED)
    broke = {i["name"]: i["peg_break_probability"] for i in out["issuers"]}
    assert broke == {"A": 1.0, "B": 1.0, "C": 0.0}
    assert {i["name"]: i["days_to_peg_break"]["p50"] for i in out["issuers"]}["A"] == 3  # day index 2 = day 3
    assert out["break_order"]["most_frequent"][0]["order"] == ["A", "B"]


def test_a_request_unpaid_beyond_the_queue_limit_gates():
    # a forced run of 60% on day 0 against corporate bonds settling T+2: the day-0 request is still
    # unpaid at the end of day 1 (queue limit: one day), so the issuer gates on day 2 (index 1)
    bonds = report({"asset_class": "corporate_bond", "value": 102, "maturity": "2026-03-01"})
    out = run([("A", bonds)], {"id": "g", "runs": [{"issuer": "A", "day": 0, "daily": 0.6, "days": 1}]})
    assert out["issuers"][0]["gate_probability"] == 1.0 and out["issuers"][0]["days_to_gate"]["p50"] == 2
    # the same run against bills settling T+1 is paid on day 1: no gate
    bills = report({"asset_class": "treasury_bill", "value": 102, "maturity": "2026-03-01"})
    out = run([("A", bills)], {"id": "g", "runs": [{"issuer": "A", "day": 0, "daily": 0.6, "days": 1}]})
    assert out["issuers"][0]["gate_probability"] == 0.0


def test_a_fire_sale_by_one_issuer_marks_down_another_holding_the_same_class():
    bonds = report({"asset_class": "corporate_bond", "value": 15_000_000_000, "maturity": "2026-02-01"},
                   outstanding=14_000_000_000)
    out = run([("A", bonds), ("B", bonds)], {"id": "s", "runs": [{"issuer": "A", "day": 0, "daily": 0.5, "days": 2}]},
              market=ISOLATED)
    b = next(i for i in out["issuers"] if i["name"] == "B")
    # B redeems nothing, yet its worst solvency falls below its start: A's sales moved the price
    assert b["redeemed_share"]["p95"] == pytest.approx(0.0, abs=1e-6)
    assert b["solvency"]["worst"]["p50"] < b["solvency"]["start"]


def test_runs_are_identical_with_the_same_seed_and_differ_with_another():
    case = load_contagion(EXAMPLES / "contagion" / "scenario.yaml")
    a = simulate_runs(case["issuers"], 500, 30, 11, case["shock"])
    assert a == simulate_runs(case["issuers"], 500, 30, 11, case["shock"])
    assert a != simulate_runs(case["issuers"], 500, 30, 12, case["shock"])


@pytest.mark.parametrize("raw, field", [
    ({"issuers": [{"name": "x", "report": "../compliant.yaml"}]}, "issuers[0].report"),
    ({"issuers": [{"name": "x", "report": "/etc/passwd"}]}, "issuers[0].report"),
    ({"issuers": []}, "issuers"),
    ({"issuers": [{"name": "a", "report": "alpha.yaml"}, {"name": "a", "report": "beta.yaml"}]}, "issuers"),
    ({"issuers": [{"name": "a", "report": "alpha.yaml"}], "shock": "doomsday"}, "shock"),
    ({"issuers": [{"name": "a", "report": "alpha.yaml"}], "shock": {"id": "x", "rate_shock_bp": -5}},
     "shock.rate_shock_bp"),
])
def test_bad_contagion_scenarios_name_the_field(raw, field):
    with pytest.raises(InputError) as err:
        parse_contagion(raw, EXAMPLES / "contagion", "scenario.yaml")
    assert err.value.location.field == field


def test_an_unknown_bank_or_issuer_in_the_shock_is_refused():
    bills = report({"asset_class": "treasury_bill", "value": 100})
    with pytest.raises(InputError, match="holds no deposit"):
        run([("A", bills)], {"id": "f", "bank_failure": {"bank": "Nowhere Bank", "day": 0}})
    with pytest.raises(InputError, match="unknown issuer"):
        run([("A", bills)], {"id": "r", "runs": [{"issuer": "B", "day": 0, "daily": 0.1, "days": 1}]})


def test_a_pause_halts_payments_and_the_price_without_gating():
    # banks closed on days 0 and 1: a 30% run on day 0 waits; the token trades at the gate discount
    # (1 - 0.05) while halted, then the requests are paid from cash on day 2 and no gate follows
    cash = report({"asset_class": "cash", "value": 100})
    out = run([("A", cash)], {"id": "p", "runs": [{"issuer": "A", "day": 0, "daily": 0.3, "days": 1}],
                              "redemption_pauses": [[0, 2]]}, market=ISOLATED)["issuers"][0]
    assert out["gate_probability"] == 0.0
    assert out["price_bands"]["p50"][:3] == [0.95, 0.95, 1.0]
    assert out["redeemed_share"]["p50"] == pytest.approx(0.3, abs=1e-4)


def test_the_usdc_back_test_replays_the_disclosed_reserve():
    from regatlas.engines.stablecoin.backtest import backtest

    doc = backtest("usdc-2023-03", paths=300, seed=5)
    day1 = next(r for r in doc["rows"] if r["date"] == "2023-03-10")["model"]
    # 3.3 billion of a 42.1 billion reserve at SVB (Circle, 10-11 March 2023): losing all of it leaves
    # 1 - 3.3/42.1 of backing, 30% of it 1 - 0.99/42.1, none of it 1 (prices as the model marks them)
    # (bands are float32 rounded to four places)
    assert day1["svb-total-loss"] == pytest.approx(1 - 3.3 / 42.1, abs=3e-4)
    assert day1["svb-loss-30pct"] == pytest.approx(1 - 0.3 * 3.3 / 42.1, abs=3e-4)
    assert day1["as-it-turned-out"] == pytest.approx(1.0)
    weekend = [r["model"]["as-it-turned-out"] for r in doc["rows"] if r["date"] in ("2023-03-11", "2023-03-12")]
    assert weekend == pytest.approx([0.95, 0.95])  # redemptions paused: the gate discount of market.yaml
    # the observed series is the one cited in the episode file (its lowest point 0.8994 on 11 March)
    assert doc["observed_low"] == pytest.approx(0.8994)
    assert backtest("usdc-2023-03", paths=300, seed=5) == doc
