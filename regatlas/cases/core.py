"""Case files: cited YAML cases run by one generic runner per kind, for pytest and `regatlas test`.

A case file is either a list of cases or a mapping `{kind: KIND, cases: [...]}` (`check: X` in a
folder F is kind `F_X` when that kind exists, e.g. `check: validate` in ivms101/). Without a `kind:` key the kind follows from where the file lives
(`tests/cases/travel_rule.yaml` is a `travel_rule` file, see `KIND_BY_LOCATION`). Each case is a
mapping with a sentence `case:` naming what it shows; the rest is checked against the kind's model
so a misspelt key is an error at its file, line and column, not a case that silently passes.

>>> cf = parse_case_text("- case: a sentence\\n  code: SG\\n  as_of: 2024-01-01\\n  expect: {a: 1}\\n"
...                      "  cites: x\\n", "asof.yaml")
>>> cf.kind, cf.cases[0].name, cf.cases[0].line
('asof', 'a sentence', 1)
>>> parse_case_text("- case: a sentence\\n  code: SG\\n", "asof.yaml")
Traceback (most recent call last):
...
regatlas.errors.InputError: asof.yaml:1:3: 0.as_of: missing required key 'as_of'
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from regatlas.errors import InputError, RegatlasError
from regatlas.rulebook.yamlpos import Document, load_text

#: Kind of a file without a `kind:` key, by its path's tail (the layout of tests/cases/).
KIND_BY_LOCATION: dict[str, str] = {
    "asof.yaml": "asof",
    "search_asof.yaml": "search_asof",
    "travel_rule.yaml": "travel_rule",
    "classify/classify.yaml": "classify",
    "stablecoin/examples.yaml": "stablecoin_report",
    "stablecoin/boundaries.yaml": "stablecoin_boundary",
    "assess/assess.yaml": "assess",
}


class CaseSpec(BaseModel):
    """What every case carries: its sentence and what it cites; kinds add their own keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    case: str
    cites: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Mismatch:
    """One expectation that did not hold: where in the answer, what the case says, what came back."""

    field: str
    expected: Any
    got: Any


@dataclass
class Checks:
    """Collects the mismatches of one case; runners call `expect` once per expectation.

    >>> c = Checks(); c.expect("required", True, False); c.expect("action", "send", "send")
    >>> c.mismatches
    [Mismatch(field='required', expected=True, got=False)]
    """

    mismatches: list[Mismatch] = field(default_factory=list)

    def expect(self, where: str, expected: Any, got: Any) -> None:
        """Record a mismatch unless `got == expected` (dates compare with their ISO text)."""
        if _plain(got) != _plain(expected):
            self.mismatches.append(Mismatch(where, expected, got))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class Context:
    """What runners share: the atlas (opened on first use) and a scratch directory."""

    atlas_factory: Callable[[], Any]
    _atlas: Any = None
    _tmp: tempfile.TemporaryDirectory | None = None
    _memo: dict[str, Any] = field(default_factory=dict)

    @property
    def atlas(self) -> Any:
        """The compiled atlas the cases run against."""
        if self._atlas is None:
            self._atlas = self.atlas_factory()
        return self._atlas

    def memo(self, key: str, build: Callable[[], Any]) -> Any:
        """A value built once per context (e.g. one assessment that several cases check)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def scratch(self) -> Path:
        """A directory for files a case writes (removed with the context)."""
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="regatlas-cases-")
        return Path(self._tmp.name)


@dataclass(frozen=True)
class Runner:
    """A kind of case: the model a case must fit and the function that checks one."""

    spec: type[CaseSpec]
    run: Callable[[Any, Context, Checks], None]


RUNNERS: dict[str, Runner] = {}


def runner(kind: str, spec: type[CaseSpec]) -> Callable:
    """Register `fn(case, context, checks)` as the runner of `kind` (decorator).

    >>> @runner("example_kind", CaseSpec)
    ... def run_example(case, context, checks):
    ...     checks.expect("answer", 42, 41)
    >>> RUNNERS.pop("example_kind").spec is CaseSpec
    True
    """
    def register(fn: Callable[[Any, Context, Checks], None]) -> Callable:
        RUNNERS[kind] = Runner(spec, fn)
        return fn
    return register


@dataclass(frozen=True)
class Case:
    """One case of a file: its sentence, where it starts, and its typed content."""

    file: str
    line: int | None
    kind: str
    name: str
    spec: CaseSpec


@dataclass(frozen=True)
class CaseFile:
    """A parsed case file."""

    file: str
    kind: str
    cases: list[Case]


def kind_of_location(file: str) -> str | None:
    """The kind a file's location implies, or None.

    >>> kind_of_location("tests/cases/stablecoin/boundaries.yaml"), kind_of_location("x/other.yaml")
    ('stablecoin_boundary', None)
    """
    posix = Path(file).as_posix()
    for tail, kind in KIND_BY_LOCATION.items():
        if posix == tail or posix.endswith("/" + tail):
            return kind
    return None


def _error(doc: Document, path: tuple, message: str, key: bool = False) -> InputError:
    line, column = doc.position(path, key)
    return InputError(message, file=doc.file, line=line, column=column,
                      field=".".join(str(p) for p in path) or None)


def parse_case_text(text: str, file: str) -> CaseFile:
    """Parse and type-check a case file's text; InputError (exit 2) at file:line:column otherwise."""
    from regatlas.cases import load_runners
    from regatlas.rulebook.load import describe_validation_error

    load_runners()
    try:
        doc = load_text(text, file)
    except RegatlasError as exc:
        raise InputError(exc.message, file=exc.location.file, line=exc.location.line,
                         column=exc.location.column, field=exc.location.field) from None
    base: tuple = ()
    kind = kind_of_location(file)
    items = doc.value
    if isinstance(items, dict):
        key = "kind" if "kind" in items else "check"
        kind, items, base = items.get(key, kind), items.get("cases"), ("cases",)
        # `check: validate` in ivms101/ is kind ivms101_validate (the folder names the family).
        family = f"{Path(file).parent.name}_{kind}"
        kind = family if key == "check" and family in RUNNERS else kind
        extra = set(doc.value) - {key, "cases"}
        if extra:
            first = min(extra)
            raise _error(doc, (first,), f"unknown key '{first}' (kind, cases)", key=True)
    if kind not in RUNNERS:
        known = ", ".join(sorted(RUNNERS))
        raise _error(doc, ("kind",) if base else (), f"no case kind {kind!r}: add `kind:` ({known})")
    if not isinstance(items, list):
        raise _error(doc, base, "expected a list of cases")
    cases = []
    for i, raw in enumerate(items):
        path = base + (i,)
        if not isinstance(raw, dict):
            raise _error(doc, path, "a case is a mapping with a `case:` sentence")
        try:
            spec = RUNNERS[kind].spec.model_validate(raw)
        except ValidationError as exc:
            # A misspelt key shows first: its "unknown key" says more than the "missing" it causes.
            first = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
            loc, message, at_key = describe_validation_error(first, path)
            raise _error(doc, loc, message, at_key) from None
        cases.append(Case(file, doc.position(path)[0], kind, spec.case, spec))
    return CaseFile(file, kind, cases)


def load_case_file(path: Path) -> CaseFile:
    """Read and parse one case file (errors name it as given).

    >>> load_case_file(Path("nope/asof.yaml"))
    Traceback (most recent call last):
    ...
    regatlas.errors.InputError: nope/asof.yaml: cannot read case file: [Errno 2] No such file or directory: 'nope/asof.yaml'
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read case file: {exc}", file=str(path)) from None
    return parse_case_text(text, str(path))


def discover(paths: Iterable[Path]) -> list[Path]:
    """The case files named, directories searched for files of a known kind (by location or key).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "travel_rule.yaml").write_text("[]"), (root / "notes.yaml").write_text("a: 1")
    >>> [p.name for p in discover([root])]
    ['travel_rule.yaml']
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in sorted(path.rglob("*.yaml")) if _looks_like_cases(p)]
        elif path.exists():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or directory", field="CASES")
    return found


def _looks_like_cases(path: Path) -> bool:
    if kind_of_location(str(path)):
        return True
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return any(x.startswith(("kind:", "check:")) for x in lines) and "cases:" in lines
