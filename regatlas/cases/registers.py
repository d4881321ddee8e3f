"""Runner for register cases: `firms check` on the bundled register snapshots, each case citing the
register row (snapshot and line) its expectation was read from.

>>> FirmCheckCase.model_validate({"case": "s", "lei": "x", "service": "a", "country": "AT",
...     "as_of": "2026-03-01", "expect": {"status": "authorised"}}).country
'AT'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.cases.core import CaseSpec, Checks, Context, runner
from regatlas.cases.law import expect_paths


class FirmCheckCase(CaseSpec):
    """`firms check LEI --service S --country C --as-of D`; `expect` maps dotted paths to values."""

    lei: str
    service: str
    country: str
    as_of: dt.date
    expect: dict[str, Any]


@runner("firm_check", FirmCheckCase)
def run_firm_check(case: FirmCheckCase, ctx: Context, checks: Checks) -> None:
    """A firm, a service, a country, a day: the register's answer."""
    from regatlas.registers.ask import firm_check

    answer = firm_check(case.lei, case.service, case.country, case.as_of, ctx.atlas)
    expect_paths(checks, answer, case.expect)
    checks.expect("rulebook.as_of", case.as_of.isoformat(), answer["rulebook"]["as_of"])
