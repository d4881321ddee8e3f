"""`regatlas test CASES...`: exit 0 when every case passes, 1 naming a failing case with expected vs
got and its file:line, 2 for a malformed case file (file:line:column: field: message)."""

from __future__ import annotations

import json

import pytest

# Two cited corridor cases: the second is true law (MAS Notice PSN02 para 13.6, "exceeds S$1,500"),
# the first states it wrongly on purpose to see the failure reported.
CORRIDOR = """\
- case: {name}
  from: SG
  to: SG
  amount: 1500
  currency: SGD
  date: 2020-01-28
  expect: {{required: {required}}}
  cites: MAS Notice PSN02 para 13.6
"""
WRONG = "Singapore requires full information at exactly S$1,500 (wrong on purpose)"
RIGHT = "Singapore does not require full information at exactly S$1,500"


@pytest.fixture
def case_dir(tmp_path):
    (tmp_path / "good").mkdir()
    (tmp_path / "bad").mkdir()
    (tmp_path / "good" / "travel_rule.yaml").write_text(CORRIDOR.format(name=RIGHT, required="false"))
    (tmp_path / "bad" / "travel_rule.yaml").write_text(
        CORRIDOR.format(name=RIGHT, required="false") + CORRIDOR.format(name=WRONG, required="true"))
    return tmp_path


def test_passing_file_exits_0(cli, case_dir):
    res = cli("test", str(case_dir / "good" / "travel_rule.yaml"))
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "1 passed, 0 failed" in res.stdout


def test_failing_case_exits_1_and_names_the_case_with_expected_and_got(cli, case_dir):
    path = case_dir / "bad" / "travel_rule.yaml"
    res = cli("test", str(path), "--json")
    assert res.exit_code == 1, res.stderr
    doc = json.loads(res.stdout)
    assert (doc["passed"], doc["failed"]) == (1, 1)
    failed = [c for c in doc["cases"] if not c["passed"]]
    assert [(c["case"], c["file"], c["line"]) for c in failed] == [(WRONG, str(path), 9)]
    assert failed[0]["failures"] == [{"field": "required", "expected": True, "got": False}]


def test_failing_case_in_the_table(cli, case_dir):
    res = cli("test", str(case_dir))
    assert res.exit_code == 1
    assert "2 passed, 1 failed" in res.stdout and res.stdout.count("FAILED") == 1


@pytest.mark.parametrize("text, where", [
    ("- case: a misspelt key\n  from: SG\n  to: SG\n  amont: 1\n", ":4:3: 0.amont: unknown key 'amont'"),
    ("- case: no date\n  from: SG\n  to: SG\n  amount: 1\n  currency: SGD\n  expect: {}\n",
     ":1:3: 0.date: missing required key 'date'"),
    ("- case: [unclosed\n", ":2:1: malformed YAML"),
])
def test_malformed_case_file_exits_2_with_its_position(cli, tmp_path, text, where):
    path = tmp_path / "travel_rule.yaml"
    path.write_text(text)
    res = cli("test", str(path))
    assert res.exit_code == 2 and res.stdout == ""
    assert res.stderr.strip() == f"{path}{where}" or res.stderr.startswith(f"{path}{where}"), res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_a_file_of_no_known_kind_is_exit_2(cli, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("- case: what am I\n")
    res = cli("test", str(path))
    assert res.exit_code == 2 and "no case kind None: add `kind:`" in res.stderr


def test_kind_key_names_the_runner_wherever_the_file_is(cli, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("kind: travel_rule\ncases:\n" + "\n".join(
        "  " + line for line in CORRIDOR.format(name=RIGHT, required="false").splitlines()) + "\n")
    res = cli("test", str(path), "--json")
    assert res.exit_code == 0, res.stdout + res.stderr
    assert json.loads(res.stdout)["cases"][0]["kind"] == "travel_rule"
