"""The CLI honours ../shared/contract.md: names, JSON shapes, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from regatlas.interfaces.cli.app import app


def run(*args: str) -> subprocess.CompletedProcess:
    """A real process: what is tested is the exit code, stderr and no traceback."""
    return subprocess.run([sys.executable, "-m", "regatlas", *args], capture_output=True, text=True, check=False)


def as_json(*args: str) -> dict:
    """The --json answer, in-process (the shape is tested here, not process start-up)."""
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_info_counts_standards_and_verified_share():
    doc = as_json("info")
    assert set(doc["rulebook"]) >= {"version", "as_of"}
    counts = doc["counts"]
    assert {"jurisdictions", "authorities", "instruments", "provisions", "standards", "agreements"} <= set(counts)
    assert counts["jurisdictions"] >= 40 and counts["provisions"] >= 300
    assert 0 < doc["verified_share"] <= 1
    sizes = {s["id"]: s["recommendations"] for s in doc["standards"]}
    assert sizes["fsb-ca"] == 9 and sizes["fsb-gsc"] == 10 and sizes["iosco"] == 18
    assert sizes["fatf"] >= 2


def test_jurisdictions_shape_and_status_vocabulary():
    doc = as_json("jurisdictions", "--as-of", "2025-06-01")
    assert doc["rulebook"]["as_of"] == "2025-06-01"
    statuses = {"regulated", "partially_regulated", "unregulated", "restricted", "banned", None}
    for j in doc["jurisdictions"]:
        assert {"code", "name", "parent", "crypto_status"} <= set(j)
        assert j["crypto_status"] in statuses
    codes = {j["code"] for j in doc["jurisdictions"]}
    assert {"EU", "US", "US-NY", "AE-DU", "AE-ADGM", "AE-DIFC", "SG", "NG"} <= codes


def test_show_shape_and_sources():
    doc = as_json("show", "SG", "--as-of", "2024-06-01")
    for key in ("rulebook", "code", "name", "crypto_status", "authorities", "regimes", "travel_rule",
                "stablecoins", "cbdc", "fatf", "provisions"):
        assert key in doc
    assert doc["cbdc"]["status"] in {"none", "research", "development", "pilot", "launched", "cancelled"}
    assert doc["fatf"]["list"] in {"call_for_action", "increased_monitoring", None}
    for key in ("status", "in_force_from", "threshold", "self_hosted", "source"):
        assert key in doc["travel_rule"]
    assert doc["provisions"]
    for p in doc["provisions"]:
        assert set(p["source"]) >= {"instrument", "article", "url"}
        assert p["source"]["url"].startswith("http")
        assert p["verification"] in {"verified", "unverified"}


@pytest.mark.parametrize("args,needle", [
    (("show", "ZZ"), "unknown jurisdiction 'ZZ'"),
    (("show", "SG", "--as-of", "2024-13-01"), "is not a date"),
    (("travel-rule", "check", "--from", "EU", "--to", "XX", "--amount", "1", "--currency", "EUR"),
     "unknown jurisdiction 'XX'"),
    (("travel-rule", "check", "--from", "EU", "--to", "SG", "--amount", "1", "--currency", "EUX"),
     "--currency: 'EUX' is not an ISO 4217"),
    (("travel-rule", "check", "--from", "QQ", "--to", "SG", "--amount", "1", "--currency", "EUR"),
     "--from: unknown jurisdiction 'QQ'"),
    (("stablecoin", "check", "examples/reserves/compliant.yaml", "--regime", "nope"), "--regime: unknown regime"),
    (("validate", "/nonexistent/dir"), "not a directory"),
])
def test_bad_input_is_exit_2_with_one_line(args, needle):
    proc = run(*args)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.strip().count("\n") == 0
    assert proc.stdout == ""


def test_travel_rule_check_shape():
    doc = as_json("travel-rule", "check", "--from", "EU", "--to", "SG", "--amount", "2000",
                  "--currency", "EUR", "--date", "2025-03-03")
    assert {"rulebook", "required", "sunrise", "originator", "beneficiary", "fields", "action",
            "citations"} <= set(doc)
    for side in ("originator", "beneficiary"):
        assert {"jurisdiction", "required", "threshold", "fields"} <= set(doc[side])
    assert doc["required"] is True and doc["sunrise"] is False
    assert doc["citations"] and all("url" in c for c in doc["citations"])
    assert doc["rulebook"]["as_of"] == "2025-03-03"


def test_validate_json_on_bundled_rulebook():
    assert as_json("validate") == {"valid": True, "errors": []}


def test_ivms_validate_reports_repairs_and_fail_on_exit_1():
    args = ("ivms", "validate", "examples/ivms/incomplete_transfer_2020.json", "--corridor", "DE:SG",
            "--as-of", "2025-03-03")
    doc = as_json(*args)
    assert doc["valid"] is False and doc["edition"] == "2020"
    assert doc["corridor"]["complete"] is False
    assert any(g["field"] == "beneficiary_account" for g in doc["corridor"]["repair"])
    assert run(*args, "--fail-on", "incomplete").returncode == 1
    bad = run("ivms", "validate", "examples/ivms/incomplete_transfer_2020.json", "--corridor", "DESG")
    assert bad.returncode == 2 and "A:B" in bad.stderr


def test_every_command_is_built_from_the_module_the_entry_point_names():
    """The installed command registers only the invoked command's module (cli/entry.py): each
    top-level command of the full app must be found there, or a user would get 'No such command'."""
    from typer.main import get_command

    from regatlas.interfaces.cli.app import app
    from regatlas.interfaces.cli.entry import COMMANDS, MODULES, build_app

    names = set(get_command(app).commands)
    assert names == set(COMMANDS) and set(COMMANDS.values()) == set(MODULES)
    for name, module in COMMANDS.items():
        assert name in get_command(build_app([module])).commands, (name, module)
