"""Runners for IVMS101 cases (tests/cases/ivms101/): each file is `{check: KIND, cases: [...]}`.

A case has a payload (`base`: a bundled example in examples/ivms/, or an inline `payload`) and an
optional JSON-Patch-like `patch` (ops add / replace / remove / move, RFC 6901 pointers). Kinds:

* `validate`: `errors` is the exact list of {path, code} (order ignored); optional `edition`
  (passed in) and `detected` (the edition the result must report).
* `convert`: `to`; `expect` maps pointers to values in the result, `absent` lists pointers that
  must not exist, `notes` the exact note paths, `valid` whether the result validates.
* `roundtrip`: converts `via` the other edition and back; `equal` says whether it survives.
* `corridor`: `required` fields; `gaps` the exact list of {field | any_of, paths}, or `raises`
  with the error field.
* `load`: file content as `text` or `bytes_hex` (or `missing: true`, or a bundled `example`);
  expected `line`, `column`, `field` and a `message` fragment, or `loads: true`.

>>> apply_patch({"a": [1, 2]}, [{"op": "add", "path": "/a/0", "value": 0},
...                              {"op": "move", "from": "/a/2", "path": "/b"}])
{'a': [0, 1], 'b': 2}
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator

from regatlas.cases.core import CaseSpec, Checks, Context, runner
from regatlas.errors import InputError

#: The day IVMS101 date checks (no birth date in the future) are read against: fixed, so a case's
#: answer does not change with the calendar.
TODAY = dt.date(2026, 11, 25)


def _tokens(pointer: str) -> list[str]:
    if not pointer.startswith("/"):
        raise ValueError(f"a JSON pointer starts with '/': {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _parent(doc: Any, pointer: str) -> tuple[Any, str]:
    *head, last = _tokens(pointer)
    for token in head:
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc, last


def get(doc: Any, pointer: str) -> Any:
    """The value at an RFC 6901 pointer (KeyError, IndexError or TypeError when there is none)."""
    parent, last = _parent(doc, pointer)
    return parent[int(last)] if isinstance(parent, list) else parent[last]


def exists(doc: Any, pointer: str) -> bool:
    """True when the pointer names a value."""
    try:
        get(doc, pointer)
    except (KeyError, IndexError, TypeError, ValueError):
        return False
    return True


def _put(doc: Any, pointer: str, value: Any, insert: bool) -> None:
    parent, last = _parent(doc, pointer)
    if isinstance(parent, list):
        if last == "-":
            parent.append(value)
        elif insert:
            parent.insert(int(last), value)
        else:
            parent[int(last)] = value
    else:
        parent[last] = value


def _remove(doc: Any, pointer: str) -> Any:
    parent, last = _parent(doc, pointer)
    return parent.pop(int(last)) if isinstance(parent, list) else parent.pop(last)


def apply_patch(doc: dict, ops: list[dict]) -> dict:
    """A patched copy of `doc` (the input is not changed)."""
    doc = copy.deepcopy(doc)
    for op in ops:
        if op["op"] == "add":
            _put(doc, op["path"], copy.deepcopy(op["value"]), insert=True)
        elif op["op"] == "replace":
            if not exists(doc, op["path"]):
                raise ValueError(f"replace of a missing {op['path']}")
            _put(doc, op["path"], copy.deepcopy(op["value"]), insert=False)
        elif op["op"] == "remove":
            _remove(doc, op["path"])
        elif op["op"] == "move":
            _put(doc, op["path"], _remove(doc, op["from"]), insert=True)
        else:
            raise ValueError(f"unknown patch op {op['op']!r}")
    return doc


class PayloadCase(CaseSpec):
    """A case built on a payload: a bundled example or an inline one, then patched."""

    base: str | None = None
    payload: dict[str, Any] | None = None
    patch: list[dict[str, Any]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_payload(self) -> PayloadCase:
        if (self.base is None) == (self.payload is None):
            raise ValueError("give exactly one of base (an example file) or payload")
        return self

    def document(self) -> dict:
        """The payload the case checks."""
        from regatlas.examples import example_dir

        base = self.payload
        if self.base is not None:
            base = json.loads(example_dir("ivms").joinpath(self.base).read_text(encoding="utf-8"))
        return apply_patch(base, self.patch)


def _pairs(items: list[dict]) -> list[tuple]:
    return sorted((i["path"], i["code"]) for i in items)


class ValidateCase(PayloadCase):
    errors: list[dict[str, str]]
    edition: str | None = None
    detected: str | None = None


@runner("ivms101_validate", ValidateCase)
def run_validate(case: ValidateCase, ctx: Context, checks: Checks) -> None:
    """The exact errors of a payload, by path and code."""
    from regatlas.engines.ivms101 import validate

    result = validate(case.document(), case.edition, today=TODAY)
    checks.expect("errors", _pairs(case.errors), sorted((e.path, e.code) for e in result.errors))
    checks.expect("valid", not case.errors, result.valid)
    if case.detected is not None:
        checks.expect("edition", case.detected, result.edition)
    checks.expect("every error has a message", True, all(e.message for e in result.errors))


class ConvertCase(PayloadCase):
    to: str
    expect: dict[str, Any] = Field(default_factory=dict)
    absent: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    valid: bool | None = None


@runner("ivms101_convert", ConvertCase)
def run_convert(case: ConvertCase, ctx: Context, checks: Checks) -> None:
    """Values, removed members and notes of a conversion; the input is left unchanged."""
    from regatlas.engines.ivms101 import convert_report, validate

    source = case.document()
    before = copy.deepcopy(source)
    report = convert_report(source, case.to)
    checks.expect("input unchanged", True, source == before)
    for pointer, value in case.expect.items():
        checks.expect(pointer, value, get(report.payload, pointer) if exists(report.payload, pointer) else "(absent)")
    for pointer in case.absent:
        checks.expect(f"{pointer} absent", True, not exists(report.payload, pointer))
    checks.expect("notes", sorted(case.notes), sorted(n.path for n in report.notes))
    if case.valid is not None:
        checks.expect("valid", case.valid, validate(report.payload, case.to, today=TODAY).valid)


class RoundtripCase(PayloadCase):
    via: str
    equal: bool


@runner("ivms101_roundtrip", RoundtripCase)
def run_roundtrip(case: RoundtripCase, ctx: Context, checks: Checks) -> None:
    """There and back again: equal or not, as the case says."""
    from regatlas.engines.ivms101 import convert, validate

    source = case.document()
    edition = validate(source, today=TODAY).edition
    there = convert(source, case.via)
    checks.expect("edition there", case.via, validate(there, case.via, today=TODAY).edition)
    checks.expect("equal after the round trip", case.equal, convert(there, edition) == source)


class CorridorCase(PayloadCase):
    required: list[str | list[str | dict[str, list[str]]]]
    gaps: list[dict[str, Any]] = Field(default_factory=list)
    raises: dict[str, str] | None = None


@runner("ivms101_corridor", CorridorCase)
def run_corridor(case: CorridorCase, ctx: Context, checks: Checks) -> None:
    """The gaps between a payload and a corridor's required fields, in order."""
    from regatlas.engines.ivms101 import corridor_gaps

    payload = case.document()
    if case.raises is not None:
        try:
            corridor_gaps(payload, case.required)
        except InputError as exc:
            checks.expect("error field", case.raises["field"], exc.location.field)
        else:
            checks.expect("error", case.raises, None)
        return
    gaps = corridor_gaps(payload, case.required)
    got = [{"field": g.field, "any_of": g.any_of, "paths": g.paths} for g in gaps]
    checks.expect("gaps", _gaps(case.gaps), got)
    checks.expect("every gap has a message", True, all(g.message for g in gaps))


def _gaps(gaps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"field": g.get("field"), "any_of": g.get("any_of"), "paths": g["paths"]} for g in gaps]


class LawPayloadCase(PayloadCase):
    """A payload against the bundled law of a corridor on a date (what `ivms validate --corridor` does)."""

    corridor: str
    date: dt.date
    amount: float | None = None
    currency: str | None = None
    complete: bool
    gaps: list[dict[str, Any]] | None = None


@runner("ivms101_payload", LawPayloadCase)
def run_payload(case: LawPayloadCase, ctx: Context, checks: Checks) -> None:
    """Complete or not under the corridor's law that day; the exact gaps when the case lists them."""
    from regatlas.engines.travel_rule.payload import check_payload

    frm, to = case.corridor.split(":")
    answer = check_payload(ctx.atlas, case.document(), (frm, to), case.date, case.amount,
                           case.currency)["corridor"]
    checks.expect("complete", case.complete, answer["complete"])
    if case.gaps is not None:
        checks.expect("gaps", _gaps(case.gaps), _gaps(answer["repair"]))


class LoadCase(CaseSpec):
    text: str | None = None
    bytes_hex: str | None = None
    example: str | None = None
    missing: bool = False
    loads: bool = False
    message: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None


@runner("ivms101_load", LoadCase)
def run_load(case: LoadCase, ctx: Context, checks: Checks) -> None:
    """Reading a payload file: it loads, or fails at the named line, column and field."""
    from importlib.resources import as_file

    from regatlas.examples import example_dir

    if case.example:
        with as_file(example_dir("ivms").joinpath(case.example)) as path:
            _load(case, path, checks)
        return
    target = ctx.scratch() / "payload.json"
    target.unlink(missing_ok=True)
    if case.text is not None:
        target.write_text(case.text, encoding="utf-8")
    elif case.bytes_hex is not None:
        target.write_bytes(bytes.fromhex(case.bytes_hex))
    _load(case, target, checks)


def _load(case: LoadCase, path: Path, checks: Checks) -> None:
    from regatlas.engines.ivms101 import load_payload

    try:
        loaded = load_payload(path)
    except InputError as exc:
        checks.expect("loads", case.loads, False)
        checks.expect("error file", str(path), exc.location.file)
        if case.message is not None:
            checks.expect("message contains", case.message,
                          case.message if case.message in exc.message else exc.message)
        for key in ("line", "column", "field"):
            if getattr(case, key) is not None:
                checks.expect(key, getattr(case, key), getattr(exc.location, key))
    else:
        checks.expect("loads", case.loads, isinstance(loaded, dict))
