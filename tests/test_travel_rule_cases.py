"""Cited corridor decisions (tests/cases/travel_rule.yaml) through the corridor engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from regatlas.engines.travel_rule.corridor import check

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "travel_rule.yaml").read_text())


def dig(doc, path: str):
    for part in path.split("."):
        doc = doc[part]
    return doc


def test_cases_cover_at_least_15_jurisdictions():
    assert len({c[k] for c in CASES for k in ("from", "to")}) >= 15


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_corridor_decision(atlas, case):
    day = case["date"] if isinstance(case["date"], dt.date) else dt.date.fromisoformat(case["date"])
    answer = check(atlas, case["from"], case["to"], case["amount"], case["currency"], day,
                   case.get("counterparty", "vasp"))
    for path, expected in case["expect"].items():
        assert dig(answer, path) == expected, f"{path}: {dig(answer, path)!r} ({case['cites']})"
    assert answer["rulebook"]["as_of"] == day.isoformat()
    if answer["required"]:
        assert answer["fields"] and answer["citations"]
