"""Runners for law cases on the atlas: `show` as of a date (facts, or provision statuses), the FATF
list status of any ISO code, search as of a date, Travel Rule corridors and token classification.
Expectations are dotted paths into the command's JSON answer.

>>> dig({"fatf": {"list": None}}, "fatf.list") is None, dig({"a": {}}, "a.b")
(True, '(absent)')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from regatlas.cases.core import CaseSpec, Checks, Context, runner

ABSENT = "(absent)"


def dig(doc: Any, path: str) -> Any:
    """The value at a dotted path of an answer, or '(absent)' when a step is missing."""
    for part in path.split("."):
        if isinstance(doc, dict) and part in doc:
            doc = doc[part]
        elif isinstance(doc, list) and part.isdigit() and int(part) < len(doc):
            doc = doc[int(part)]
        else:
            return ABSENT
    return doc


def expect_paths(checks: Checks, answer: dict, expect: dict[str, Any]) -> None:
    """Each dotted path of `expect` must hold its value in `answer`."""
    for path, value in expect.items():
        checks.expect(path, value, dig(answer, path))


class AsOfCase(CaseSpec):
    """`show CODE --as-of DATE`; `expect` maps dotted paths of the answer to values."""

    code: str
    as_of: dt.date
    expect: dict[str, Any]


@runner("asof", AsOfCase)
def run_asof(case: AsOfCase, ctx: Context, checks: Checks) -> None:
    """Everything the atlas says of a jurisdiction on a day."""
    from regatlas.store import queries

    answer = queries.show(ctx.atlas, case.code, case.as_of)
    checks.expect("rulebook.as_of", case.as_of.isoformat(), answer["rulebook"]["as_of"])
    expect_paths(checks, answer, case.expect)


class ProvisionStatusCase(CaseSpec):
    """`show CODE --as-of DATE`: each provision id's status that day, or `absent` when the atlas
    does not list it (not yet published, or another jurisdiction's law)."""

    code: str
    as_of: dt.date
    expect: dict[str, str]


@runner("provision_status", ProvisionStatusCase)
def run_provision_status(case: ProvisionStatusCase, ctx: Context, checks: Checks) -> None:
    """The status of each named provision among those `show` lists (own and inherited law)."""
    from regatlas.store import queries

    listed = {p["id"]: p["status"] for p in queries.show(ctx.atlas, case.code, case.as_of)["provisions"]}
    for ident, status in case.expect.items():
        checks.expect(ident, status, listed.get(ident, "absent"))


class SearchAsOfCase(CaseSpec):
    """`search QUERY --as-of DATE`: provision `id` has `status`, or is `absent` from the results."""

    query: str
    id: str
    as_of: dt.date
    status: str
    limit: int = 50


@runner("search_asof", SearchAsOfCase)
def run_search_asof(case: SearchAsOfCase, ctx: Context, checks: Checks) -> None:
    """A provision is a search result only once published, with its status on the day."""
    from regatlas.store import queries

    doc = queries.search(ctx.atlas, case.query, case.as_of, case.limit)
    found = [r["status"] for r in doc["results"] if r["id"] == case.id]
    checks.expect(f"results[{case.id}].status", case.status, found[0] if found else "absent")
    checks.expect("rulebook.as_of", case.as_of.isoformat(), doc["rulebook"]["as_of"])


class TravelRuleCase(CaseSpec):
    """`travel-rule check`: a corridor, an amount on a date; dotted paths of the answer."""

    from_: str = Field(alias="from")
    to: str
    amount: float
    currency: str
    date: dt.date
    counterparty: str = "vasp"
    expect: dict[str, Any]


@runner("travel_rule", TravelRuleCase)
def run_travel_rule(case: TravelRuleCase, ctx: Context, checks: Checks) -> None:
    """A corridor decision; a required transfer must also name its fields and citations."""
    from regatlas.engines.travel_rule.corridor import check

    answer = check(ctx.atlas, case.from_, case.to, case.amount, case.currency, case.date, case.counterparty)
    expect_paths(checks, answer, case.expect)
    checks.expect("rulebook.as_of", case.date.isoformat(), answer["rulebook"]["as_of"])
    if answer["required"]:
        checks.expect("fields and citations given", True, bool(answer["fields"] and answer["citations"]))


class ClassifyCase(CaseSpec):
    """`classify`: a token in a jurisdiction on a date; `expect.factors` maps factor ids to results."""

    jurisdiction: str
    date: dt.date
    token: dict[str, Any]
    expect: dict[str, Any]


@runner("classify", ClassifyCase)
def run_classify(case: ClassifyCase, ctx: Context, checks: Checks) -> None:
    """A token's category and each factor's result; a category is always cited."""
    from regatlas.engines.classify import classify

    got = classify(ctx.atlas, case.token, case.jurisdiction, case.date)
    expect = dict(case.expect)
    factors = expect.pop("factors", {})
    expect_paths(checks, got, expect)
    by_id = {f["factor"]: f["result"] for f in got["factors"]}
    for factor, value in factors.items():
        checks.expect(f"factors.{factor}", value, by_id.get(factor, ABSENT))
    checks.expect("rulebook.as_of", case.date.isoformat(), got["rulebook"]["as_of"])
    if got["category"]:
        checks.expect("category cited", True, bool(got["source"]["url"] and got["source"]["instrument"]))


class FatfCase(CaseSpec):
    """The FATF list status of any ISO code on a day, from the plenary tables (no rulebook file
    needed); `expect` maps keys of the status (`list`, `from`, `plenary`) to values."""

    code: str
    as_of: dt.date
    expect: dict[str, Any]


@runner("fatf", FatfCase)
def run_fatf(case: FatfCase, ctx: Context, checks: Checks) -> None:
    """The list a code is on that day, as `show` reports it under `fatf`."""
    from regatlas.store import fatf

    expect_paths(checks, fatf.status(ctx.atlas, case.code, case.as_of), case.expect)
