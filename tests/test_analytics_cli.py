"""The analytics commands honour the contract: --json, --as-of, exit 2 with one line on bad input.
In-process through `main()` (the `cli` fixture); the process itself is tested in test_cli_smoke.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

CASES = Path(__file__).parent / "cases" / "analytics"
EXAMPLES = Path(__file__).parent.parent / "examples" / "cases"
ERRORS = yaml.safe_load((CASES / "errors.yaml").read_text())


@pytest.mark.parametrize("args", [
    ("align", "--standard", "fatf"), ("aggregates",), ("arbitrage", "--activity", "custody"),
    ("arbitrage", "--topic", "travel_rule"), ("timeline", "SG"), ("similarity",),
    ("enforce", f"{EXAMPLES}/offshore-exchange.yaml"), ("enforce", f"{EXAMPLES}/stablecoin-depeg-fraud.json"),
    ("enforce", f"{EXAMPLES}/cayman-scam.yaml"), ("overlap", "--jurisdiction", "US"), ("agreements", "--party", "GB"),
])
def test_json_and_as_of(cli, args):
    proc = cli(*args, "--as-of", "2023-01-01", "--json")
    assert proc.exit_code == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["rulebook"]["as_of"] == "2023-01-01" and doc["rulebook"]["version"]


def test_diff_json(cli):
    proc = cli("diff", "--from", "2024-01-01", "--to", "2025-01-01", "--jurisdiction", "FR", "--json")
    assert proc.exit_code == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["rulebook"]["as_of"] == "2025-01-01" and doc["provisions"]


@pytest.mark.parametrize("case", ERRORS, ids=[c["case"] for c in ERRORS])
def test_bad_input_is_exit_2(cli, case):
    proc = cli(*[a.replace("{cases}", str(CASES)) for a in case["args"]])
    assert proc.exit_code == 2, proc.stdout + proc.stderr
    assert case["stderr"] in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr.strip().count("\n") == 0
    assert proc.stdout == ""


@pytest.mark.slow
def test_charts_written(cli, tmp_path):
    proc = cli("charts", "--out", str(tmp_path), "--as-of", "2023-01-01", "--json")
    assert proc.exit_code == 0, proc.stderr
    files = json.loads(proc.stdout)["files"]
    assert len(files) == 10 and all(Path(f).stat().st_size > 1000 for f in files)
