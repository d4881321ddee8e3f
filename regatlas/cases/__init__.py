"""Cited YAML cases, run the same way by pytest and by `regatlas test CASES...`.

One runner per kind of case (`asof`, `travel_rule`, `classify`, `search_asof`, `stablecoin_report`,
`stablecoin_boundary`, `assess`, `ivms101_*`); each compares the engine's answer with what the case
file writes out and reports every mismatch with the case's file and line.

>>> from regatlas.store.atlas import open_atlas
>>> cf = parse_case_text('''
... - case: Singapore requires full information above S$1,500 from 28 January 2020
...   from: SG
...   to: SG
...   amount: 1500.01
...   currency: SGD
...   date: 2020-01-28
...   expect: {required: true}
...   cites: MAS Notice PSN02 para 13.6
... ''', "travel_rule.yaml")
>>> [o.passed for o in run_cases(cf.cases, Context(open_atlas))]
[True]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from regatlas.cases.core import (
    RUNNERS,
    Case,
    CaseFile,
    Checks,
    Context,
    Mismatch,
    discover,
    load_case_file,
    parse_case_text,
)
from regatlas.errors import RegatlasError


class Failure(BaseModel):
    """One expectation that did not hold, as reported (values as the case and the answer hold them)."""

    field: str
    expected: Any = None
    got: Any = None


class Outcome(BaseModel):
    """The result of one case: passed, or its failures (or the error that stopped it)."""

    file: str
    line: int | None
    kind: str
    case: str
    passed: bool
    failures: list[Failure] = []
    error: str | None = None

    def explain(self) -> str:
        """The failures in one text, for an assertion message or a table cell.

        >>> Outcome(file="f", line=3, kind="asof", case="c", passed=False,
        ...         failures=[Failure(field="a", expected=1, got=2)]).explain()
        'f:3: a: expected 1, got 2'
        """
        where = f"{self.file}:{self.line}"
        if self.error:
            return f"{where}: {self.error}"
        return "\n".join(f"{where}: {f.field}: expected {f.expected!r}, got {f.got!r}" for f in self.failures)


class CaseRun(BaseModel):
    """The answer of `regatlas test --json`: counts, the files read, and every case's outcome."""

    passed: int
    failed: int
    files: list[str]
    cases: list[Outcome]

    @classmethod
    def of(cls, files: list[CaseFile], outcomes: list[Outcome]) -> CaseRun:
        """Count the outcomes of a run over `files`.

        >>> CaseRun.of([], [Outcome(file="f", line=1, kind="asof", case="c", passed=True)]).failed
        0
        """
        failed = sum(not o.passed for o in outcomes)
        return cls(passed=len(outcomes) - failed, failed=failed, files=[f.file for f in files], cases=outcomes)


def load_runners() -> None:
    """Import the runner modules (each registers its kinds)."""
    from regatlas.cases import assess, ivms101, law, registers, stablecoin  # noqa: F401


def run_case(case: Case, context: Context) -> Outcome:
    """Run one case; an exception inside the engine is a failed case, not a crash of the run."""
    checks = Checks()
    error = None
    try:
        RUNNERS[case.kind].run(case.spec, context, checks)
    except RegatlasError as exc:
        error = f"{type(exc).__name__}: {exc}"
    except (KeyError, IndexError, StopIteration, TypeError, ValueError) as exc:
        error = f"{type(exc).__name__}: {exc} (the answer lacks what the case expects)"
    failures = [Failure(field=m.field, expected=m.expected, got=m.got) for m in checks.mismatches]
    return Outcome(file=case.file, line=case.line, kind=case.kind, case=case.name,
                   passed=not failures and error is None, failures=failures, error=error)


def run_cases(cases: Iterable[Case], context: Context) -> list[Outcome]:
    """Run cases in order."""
    return [run_case(c, context) for c in cases]


__all__ = ["Case", "CaseFile", "CaseRun", "Checks", "Context", "Failure", "Mismatch", "Outcome", "discover",
           "load_case_file", "load_runners", "parse_case_text", "run_case", "run_cases"]
