"""`--known-at`: an answer given at an earlier rulebook version is given again byte for byte.

tests/data/known_at/answers.jsonl holds 300 answers (travel-rule checks and jurisdiction pages,
drawn with a fixed seed) recorded by scripts/record_answers.py at three versions of the rulebook's
archived history, each as the SHA-256 of the CLI's JSON output. The archive (regatlas/data/history)
is derived from the repository's history; the expectations are those recorded outputs, not values
computed here."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

ANSWERS = [json.loads(line) for line in
           (Path(__file__).parent / "data" / "known_at" / "answers.jsonl").read_text().splitlines()]


def test_the_recorded_answers_span_three_versions_and_both_commands():
    assert len(ANSWERS) == 300 and len({a["version"] for a in ANSWERS}) == 3
    assert {a["args"][0] for a in ANSWERS} == {"travel-rule", "show"}


@pytest.mark.parametrize("answer", ANSWERS, ids=[f"{a['version']}-{n}" for n, a in enumerate(ANSWERS)])
def test_an_answer_is_reproduced_byte_for_byte_at_its_version(cli, answer):
    proc = cli(*answer["args"])
    assert proc.exit_code == 0, proc.stderr
    assert json.loads(proc.stdout)["rulebook"]["version"] == answer["version"]
    assert hashlib.sha256(proc.stdout.encode()).hexdigest() == answer["sha256"]


def test_known_at_a_date_before_any_readable_version_is_refused_with_the_first_one(cli):
    proc = cli("show", "SG", "--known-at", "2026-11-26", "--json")
    assert proc.exit_code == 2 and "older rulebook format" in proc.stderr and "oldest readable" in proc.stderr


@pytest.mark.parametrize("ref, message", [("zz", "neither a version"), ("2026-02-30", "not a date"),
                                          ("abcdef0", "no recorded rulebook version")])
def test_bad_known_at_references_are_exit_2(cli, ref, message):
    proc = cli("show", "SG", "--known-at", ref)
    assert proc.exit_code == 2 and message in proc.stderr


def test_known_at_and_rulebook_together_are_refused(cli, tmp_path):
    proc = cli("show", "SG", "--known-at", "2026-12-04", "--rulebook", str(tmp_path))
    assert proc.exit_code == 2 and "not both" in proc.stderr


def test_the_api_answers_known_at_as_the_cli_does():
    from fastapi.testclient import TestClient

    from regatlas.interfaces.api.app import create_app

    client = TestClient(create_app(), base_url="http://127.0.0.1")
    shown = next(a for a in ANSWERS if a["args"][0] == "show")
    code, day = shown["args"][1], shown["args"][3]
    body = client.get(f"/api/v1/jurisdictions/{code}", params={"as_of": day, "known_at": shown["version"]})
    assert body.status_code == 200 and body.json()["rulebook"]["version"] == shown["version"]
    checked = client.post("/api/v1/travel-rule/check", params={"known_at": shown["version"]},
                          json={"from": "DE", "to": "SG", "amount": 2000, "currency": "EUR", "date": "2025-03-03"})
    assert checked.status_code == 200 and checked.json()["rulebook"]["version"] == shown["version"]
    for ref in ("2019-01-01", "2026-11-26", "zz"):  # none recorded, an older format, not a reference
        assert client.get("/api/v1/jurisdictions/SG", params={"known_at": ref}).status_code == 422
