"""Stablecoin watch, stress test, bad input files and the regime validator check."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from regatlas.engines.stablecoin.report import load_report, load_snapshots
from regatlas.engines.stablecoin.stress import simulate
from regatlas.engines.stablecoin.watch import watch
from regatlas.errors import InputError
from regatlas.rulebook import default_rulebook_dir, validate

EXAMPLES = Path(__file__).parent.parent / "examples" / "reserves"


def test_watch_feed_flags_unregulated_bank_coverage_and_stale_attestation(atlas):
    snaps = load_snapshots(EXAMPLES / "series" / "feed.jsonl")
    ans = watch(atlas, snaps, "us-ny-dfs", dt.date(2026, 11, 10))
    flags = [{f["flag"] for f in s["flags"]} for s in ans["snapshots"]]
    assert flags[0] == set() and flags[1] == set()          # July, August: clean
    assert "unregulated_bank_concentration" in flags[2]     # September: 250m at an unregulated bank
    assert "stale_attestation" in flags[3]                  # October: attested 31 August (P1M)
    assert "coverage_below_floor" in flags[3]               # 310 + 200 + 410 < 1000
    assert ans["snapshots"][3]["coverage"] == pytest.approx(0.92)
    assert ans["rulebook"]["as_of"] == "2026-11-10"


def test_watch_directory_of_reports(atlas, tmp_path):
    for name in ("compliant.yaml", "stale_attestation.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    ans = watch(atlas, load_snapshots(tmp_path), "all", dt.date(2026, 11, 10))
    assert len(ans["snapshots"]) == 2
    assert ans["flag_counts"].get("stale_attestation", 0) >= 1


def test_stress_is_reproducible_with_a_seed_and_orders_the_examples():
    safe = load_report(EXAMPLES / "compliant.yaml")
    risky = load_report(EXAMPLES / "long_dated.yaml")
    a, b = simulate(safe, 5000, 60, seed=42), simulate(safe, 5000, 60, seed=42)
    assert a == b
    assert simulate(safe, 5000, 60, seed=43)["redemption_bands"] != a["redemption_bands"]
    assert a["survival_probability"] >= simulate(risky, 5000, 60, seed=42)["survival_probability"]


def test_stress_needs_outstanding_and_holdings():
    from regatlas.model.stablecoin import ReserveReport

    with pytest.raises(InputError):
        simulate(ReserveReport.model_validate({"holdings": []}), 10, 10)


@pytest.mark.parametrize("name, text, where", [
    ("bad.yaml", "outstanding: [1, 2\n", "bad.yaml:2"),
    ("bad.yaml", "outstanding: 100\nholdings:\n  - {asset_class: gold_bar, value: 1}\n", "bad.yaml:3"),
    ("bad.yaml", "outstanding: -5\n", "bad.yaml:1"),
    ("bad.json", '{"outstanding": 1, "holdingz": []}', "bad.json:1"),
    ("bad.csv", "asset_class,value\nbank_deposit,lots\n", "bad.csv:2"),
    ("bad.csv", "value\n1\n", "bad.csv:1"),
    ("bad.txt", "x", "bad.txt"),
    ("empty.yaml", "", "empty.yaml"),
])
def test_bad_report_is_exit_2_with_file_and_line(cli, tmp_path, name, text, where):
    path = tmp_path / name
    path.write_text(text)
    res = cli("stablecoin", "check", str(path), "--regime", "us-ny-dfs")
    assert res.exit_code == 2, res.stdout
    assert res.stdout == "" and "Traceback" not in res.stderr and where in res.stderr, res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_missing_report_and_unknown_regime_are_exit_2(cli, tmp_path):
    assert cli("stablecoin", "check", str(tmp_path / "nope.yaml")).exit_code == 2
    res = cli("stablecoin", "check", str(EXAMPLES / "compliant.yaml"), "--regime", "xx-none")
    assert res.exit_code == 2 and "unknown regime" in res.stderr


def test_cli_json_contract_and_fail_on(cli, tmp_path):
    res = cli("stablecoin", "check", str(EXAMPLES / "unregulated_bank.yaml"), "--regime", "us-ny-dfs",
               "--as-of", "2026-11-10", "--json", "--fail-on", "fail")
    doc = json.loads(res.stdout)
    assert res.exit_code == 1 and doc["rulebook"]["as_of"] == "2026-11-10"
    chart = tmp_path / "stress.png"
    res = cli("stablecoin", "stress", str(EXAMPLES / "compliant.yaml"), "--paths", "2000",
               "--days", "30", "--seed", "3", "--chart", str(chart), "--json")
    doc = json.loads(res.stdout)
    assert res.exit_code == 0 and chart.stat().st_size > 0 and "rulebook" in doc
    res = cli("stablecoin", "watch", str(EXAMPLES / "series"), "--regime", "us-ny-dfs",
               "--as-of", "2026-11-10")
    assert res.exit_code == 0 and "rulebook" in res.stdout.splitlines()[-1]


def test_validator_reports_dangling_provision_and_bad_parameter_shape(tmp_path):
    root = tmp_path / "rulebook"
    shutil.copytree(default_rulebook_dir(), root)
    (root / "stablecoin_regimes" / "zz-broken.yaml").write_text(
        "id: zz-broken\nname: Broken\njurisdiction: EU\nrequirements:\n"
        "  - {kind: reserve_coverage_min, provision: no-such-provision, parameter: x}\n"
        "  - {kind: reserve_coverage_min, provision: eu-mica-art49-emt-redemption, parameter: redemption_at_par}\n"
        "  - {kind: capital_min, provision: eu-mica-art35-art-own-funds, parameter: missing_one}\n")
    errors = [e for e in validate(root).errors if e.location.file.endswith("zz-broken.yaml")]
    messages = " | ".join(e.message for e in errors)
    assert "unknown provision 'no-such-provision'" in messages
    assert "needs a ratio" in messages and "has no parameter 'missing_one'" in messages
    assert {e.location.line for e in errors} == {5, 6, 7}
