"""The real process, where the process is what is tested: `python -m regatlas` exits 2 with exactly
one line on stderr, nothing on stdout and no traceback, for bad input of each kind (every other CLI
test runs in-process through the `cli` fixture)."""

from __future__ import annotations

import subprocess
import sys

import pytest

BAD_PROFILE = "name: X\nactivities: [exchange, farming]\nentities: [{id: e, name: E, jurisdiction: DE}]\n"


def _write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("args, where", [
    (lambda t: ["align", "--standard", "fsb-xx"], lambda t: "unknown standard 'fsb-xx'"),
    (lambda t: ["stablecoin", "check", _write(t, "bad.yaml", "outstanding: [1, 2\n"), "--regime", "us-ny-dfs"],
     lambda t: f"{t / 'bad.yaml'}:2"),
    (lambda t: ["assess", _write(t, "p.yaml", BAD_PROFILE), "--json"], lambda t: f"{t / 'p.yaml'}:2:"),
    (lambda t: ["test", _write(t, "travel_rule.yaml", "- case: x\n  frm: SG\n")],
     lambda t: f"{t / 'travel_rule.yaml'}:2:3: 0.frm: unknown key 'frm'"),
], ids=["unknown standard", "malformed reserve report", "bad profile", "malformed case file"])
def test_bad_input_is_exit_2_one_line_no_traceback(tmp_path, args, where):
    run = subprocess.run([sys.executable, "-m", "regatlas", *args(tmp_path)], capture_output=True, text=True,
                         check=False, timeout=120)
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stdout == ""
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert where(tmp_path) in run.stderr
