"""Cited as-of cases (tests/cases/asof.yaml) run through the same `show` as the CLI and API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from regatlas.store import queries

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "asof.yaml").read_text())


def dig(doc, path: str):
    for part in path.split("."):
        doc = doc[part]
    return doc


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_show_as_of(atlas, case):
    day = case["as_of"] if isinstance(case["as_of"], dt.date) else dt.date.fromisoformat(case["as_of"])
    answer = queries.show(atlas, case["code"], day)
    assert answer["rulebook"]["as_of"] == day.isoformat()
    for path, expected in case["expect"].items():
        got = dig(answer, path)
        got = got.isoformat() if isinstance(got, dt.date) else got
        assert got == expected, f"{path}: {got!r} != {expected!r} ({case['cites']})"


def test_nigeria_differs_between_mid_2024_and_december_2025(atlas):
    a = queries.show(atlas, "NG", dt.date(2024, 6, 1))
    b = queries.show(atlas, "NG", dt.date(2025, 12, 1))
    assert a["fatf"]["list"] == "increased_monitoring" and b["fatf"]["list"] is None
