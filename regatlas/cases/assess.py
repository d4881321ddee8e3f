"""Runner for assessment cases: an example profile (examples/profiles/) or an inline one, assessed on
a date, checked item by item. Each `expect` item is one of:

    licence: {jurisdiction, provision, position[, agreement]}
    provision: {jurisdiction, id, bucket}
    absent: {jurisdiction, id}
    token: {jurisdiction, token, category}
    conflict: {topic, parameter}
    plan: {topic, parameter, and any key of the control: law_of, from_provision, market...}
    timeline: {id, date}

>>> sorted(EXPECTATIONS)[:3]
['absent', 'conflict', 'licence']
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import yaml
from pydantic import field_validator

from regatlas.cases.core import CaseSpec, Checks, Context, runner

BUCKETS = ("obligations", "prohibitions", "upcoming", "watchlist", "not_applicable")


def _jurisdiction(doc: dict, code: str) -> dict:
    return next(j for j in doc["jurisdictions"] if j["code"] == code)


def _licence(doc: dict, want: dict, checks: Checks) -> None:
    found = [r for r in _jurisdiction(doc, want["jurisdiction"])["licences"] if r["id"] == want["provision"]]
    where = f"{want['jurisdiction']}.licences[{want['provision']}]"
    if not found:
        checks.expect(where, "present", "absent")
        return
    checks.expect(f"{where}.position", want["position"], found[0]["position"])
    if "agreement" in want:
        checks.expect(f"{where}.via.agreement", want["agreement"], (found[0]["via"] or {}).get("agreement"))
    checks.expect(f"{where} cited", True, bool(found[0]["source"]["url"]))


def _provision(doc: dict, want: dict, checks: Checks) -> None:
    ids = [p["id"] for p in _jurisdiction(doc, want["jurisdiction"])[want["bucket"]]]
    checks.expect(f"{want['jurisdiction']}.{want['bucket']} has {want['id']}", True, want["id"] in ids)


def _absent(doc: dict, want: dict, checks: Checks) -> None:
    j = _jurisdiction(doc, want["jurisdiction"])
    every = [p["id"] for b in BUCKETS for p in j[b]] + [r["id"] for r in j["licences"]]
    checks.expect(f"{want['jurisdiction']} has {want['id']}", False, want["id"] in every)


def _token(doc: dict, want: dict, checks: Checks) -> None:
    got = next(t for t in _jurisdiction(doc, want["jurisdiction"])["tokens"] if t["token"] == want["token"])
    checks.expect(f"{want['jurisdiction']}.tokens[{want['token']}].category", want["category"], got["category"])


def _conflict(doc: dict, want: dict, checks: Checks) -> None:
    found = any(c["topic"] == want["topic"] and c["parameter"] == want["parameter"] for c in doc["conflicts"])
    checks.expect(f"conflicts[{want['topic']}/{want['parameter']}]", True, found)


def _plan(doc: dict, want: dict, checks: Checks) -> None:
    topic = next(c for c in doc["plan"]["common_controls"] if c["topic"] == want["topic"])
    got = [p for p in topic["parameters"] if p["parameter"] == want["parameter"]]
    for key, value in want.items():
        if key not in ("topic", "parameter"):
            checks.expect(f"plan[{want['topic']}/{want['parameter']}].{key}", value,
                          got[0].get(key) if got else "absent")


def _timeline(doc: dict, want: dict, checks: Checks) -> None:
    day = want["date"] if isinstance(want["date"], dt.date) else dt.date.fromisoformat(want["date"])
    found = any(e["id"] == want["id"] and e["date"] == day for e in doc["timeline"])
    checks.expect(f"timeline[{want['id']} on {day}]", True, found)


EXPECTATIONS: dict[str, Callable[[dict, dict, Checks], None]] = {
    "licence": _licence, "provision": _provision, "absent": _absent, "token": _token,
    "conflict": _conflict, "plan": _plan, "timeline": _timeline,
}


class AssessCase(CaseSpec):
    """A profile (file name in examples/profiles/, or inline) assessed on `date`."""

    profile: str | dict[str, Any]
    date: dt.date
    expect: list[dict[str, dict[str, Any]]]

    @field_validator("expect")
    @classmethod
    def _known(cls, items: list[dict]) -> list[dict]:
        for item in items:
            if len(item) != 1 or next(iter(item)) not in EXPECTATIONS:
                raise ValueError(f"each item is one of {', '.join(EXPECTATIONS)}: {sorted(item)}")
        return items


@runner("assess", AssessCase)
def run_assess(case: AssessCase, ctx: Context, checks: Checks) -> None:
    """Assess the profile once per (profile, date) and check each expectation."""
    doc = _assessment(ctx, case.profile, case.date)
    checks.expect("rulebook.as_of", case.date.isoformat(), doc["rulebook"]["as_of"])
    for item in case.expect:
        (kind, want), = item.items()
        EXPECTATIONS[kind](doc, want, checks)


def _assessment(ctx: Context, profile: str | dict, day: dt.date) -> dict:
    from regatlas.engines.assess.engine import assess
    from regatlas.engines.assess.profile_io import parse_profile
    from regatlas.examples import example_texts

    def build() -> dict:
        if isinstance(profile, str):
            text, name = example_texts("profiles")[profile], profile
        else:
            text, name = yaml.safe_dump(profile), "inline.yaml"
        return assess(ctx.atlas, parse_profile(text, name, ctx.atlas), day)

    key = f"assess:{json.dumps(profile, default=str, sort_keys=True)}:{day}"
    return ctx.memo(key, build)
