"""IVMS101 engine: one generic runner over the case files in tests/cases/ivms101/.

Each case file is ``{check: <kind>, cases: [...]}``; each case has a sentence ``case``, a payload
(``base``: an example in examples/ivms/, or an inline ``payload``) and an optional JSON-Patch-like
``patch`` (ops add / replace / remove / move with RFC 6901 pointers). The kinds:

* ``validate``: ``errors`` is the exact list of {path, code} expected (order ignored); optional
  ``edition`` (passed in) and ``detected`` (the edition the result must report).
* ``convert``: ``to``; ``expect`` maps pointers to values in the result, ``absent`` lists pointers
  that must not exist, ``notes`` the exact note paths, ``valid`` whether the result validates.
* ``roundtrip``: converts ``via`` the other edition and back; ``equal`` says whether it survives.
* ``corridor``: ``required`` fields; ``gaps`` the exact list of {field | any_of, paths}, or
  ``raises`` with the error field.
* ``payload``: ``corridor`` (A:B) and ``date``, optional ``amount`` and ``currency``: the corridor
  check of ``ivms validate`` against the bundled law of that day; ``complete`` is expected, and
  ``gaps`` (when given) the exact list of {field | any_of, paths}.
* ``load``: file content as ``text`` or ``bytes_hex`` (or ``missing: true``); expected ``line``,
  ``column``, ``field`` and a ``message`` fragment, or ``loads: true``.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from regatlas.engines.ivms101 import (
    convert,
    convert_report,
    corridor_gaps,
    load_payload,
    validate,
)
from regatlas.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "cases" / "ivms101"
EXAMPLES_DIR = ROOT / "examples" / "ivms"
TODAY = dt.date(2026, 11, 25)


def _load_cases() -> list:
    params = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            params.append(pytest.param(doc["check"], case, id=f"{file.stem}: {case['case']}"))
    return params


def _tokens(pointer: str) -> list[str]:
    assert pointer.startswith("/"), pointer
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _parent(doc: object, pointer: str) -> tuple[object, str]:
    *head, last = _tokens(pointer)
    for token in head:
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc, last


def _get(doc: object, pointer: str) -> object:
    parent, last = _parent(doc, pointer)
    return parent[int(last)] if isinstance(parent, list) else parent[last]


def _exists(doc: object, pointer: str) -> bool:
    try:
        _get(doc, pointer)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def _put(doc: object, pointer: str, value: object, insert: bool) -> None:
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


def _remove(doc: object, pointer: str) -> object:
    parent, last = _parent(doc, pointer)
    return parent.pop(int(last)) if isinstance(parent, list) else parent.pop(last)


def apply_patch(doc: dict, ops: list[dict]) -> dict:
    doc = copy.deepcopy(doc)
    for op in ops:
        kind = op["op"]
        if kind == "add":
            _put(doc, op["path"], copy.deepcopy(op["value"]), insert=True)
        elif kind == "replace":
            assert _exists(doc, op["path"]), f"replace of a missing {op['path']}"
            _put(doc, op["path"], copy.deepcopy(op["value"]), insert=False)
        elif kind == "remove":
            _remove(doc, op["path"])
        elif kind == "move":
            _put(doc, op["path"], _remove(doc, op["from"]), insert=True)
        else:
            raise AssertionError(f"unknown patch op {kind!r}")
    return doc


def payload_of(case: dict) -> dict:
    if "base" in case:
        base = json.loads((EXAMPLES_DIR / case["base"]).read_text(encoding="utf-8"))
    else:
        base = case["payload"]
    return apply_patch(base, case.get("patch", []))


def _pairs(items: list) -> list[tuple]:
    return sorted((i["path"], i["code"]) for i in items)


def check_validate(case: dict, tmp_path: Path) -> None:
    result = validate(payload_of(case), case.get("edition"), today=TODAY)
    got = [(e.path, e.code) for e in result.errors]
    assert sorted(got) == _pairs(case["errors"]), [e.as_dict() for e in result.errors]
    assert result.valid == (not case["errors"])
    if "detected" in case:
        assert result.edition == case["detected"]
    assert all(e.message for e in result.errors)


def check_convert(case: dict, tmp_path: Path) -> None:
    source = payload_of(case)
    before = copy.deepcopy(source)
    report = convert_report(source, case["to"])
    assert source == before, "convert must not modify its input"
    for pointer, value in case.get("expect", {}).items():
        assert _get(report.payload, pointer) == value, pointer
    for pointer in case.get("absent", []):
        assert not _exists(report.payload, pointer), pointer
    assert sorted(n.path for n in report.notes) == sorted(case.get("notes", [])), report.notes
    if "valid" in case:
        assert validate(report.payload, case["to"], today=TODAY).valid == case["valid"]


def check_roundtrip(case: dict, tmp_path: Path) -> None:
    source = payload_of(case)
    edition = validate(source, today=TODAY).edition
    there = convert(source, case["via"])
    assert validate(there, case["via"], today=TODAY).edition == case["via"]
    back = convert(there, edition)
    assert (back == source) == case["equal"]


def check_corridor(case: dict, tmp_path: Path) -> None:
    payload = payload_of(case)
    if "raises" in case:
        with pytest.raises(InputError) as caught:
            corridor_gaps(payload, case["required"])
        assert caught.value.location.field == case["raises"]["field"]
        return
    gaps = corridor_gaps(payload, case["required"])
    assert [{"field": g.field, "any_of": g.any_of, "paths": g.paths} for g in gaps] == _gaps(case["gaps"])
    assert all(g.message for g in gaps)


def _gaps(gaps: list) -> list[dict]:
    return [{"field": g.get("field"), "any_of": g.get("any_of"), "paths": g["paths"]} for g in gaps]


def check_payload_case(case: dict, tmp_path: Path) -> None:
    from regatlas.engines.travel_rule.payload import check_payload
    from regatlas.store.atlas import open_atlas

    frm, to = case["corridor"].split(":")
    answer = check_payload(open_atlas(), payload_of(case), (frm, to), case["date"], case.get("amount"),
                           case.get("currency"))["corridor"]
    assert answer["complete"] == case["complete"], answer["repair"]
    if "gaps" in case:
        assert _gaps(answer["repair"]) == _gaps(case["gaps"])


def check_load(case: dict, tmp_path: Path) -> None:
    target = tmp_path / "payload.json"
    if "text" in case:
        target.write_text(case["text"], encoding="utf-8")
    elif "bytes_hex" in case:
        target.write_bytes(bytes.fromhex(case["bytes_hex"]))
    elif "example" in case:
        target = EXAMPLES_DIR / case["example"]
    if case.get("loads"):
        assert isinstance(load_payload(target), dict)
        return
    with pytest.raises(InputError) as caught:
        load_payload(target)
    error = caught.value
    assert error.location.file == str(target)
    assert case["message"] in error.message
    for key in ("line", "column", "field"):
        if key in case:
            assert getattr(error.location, key) == case[key], key


CHECKS = {
    "validate": check_validate,
    "convert": check_convert,
    "roundtrip": check_roundtrip,
    "corridor": check_corridor,
    "payload": check_payload_case,
    "load": check_load,
}


@pytest.mark.parametrize(("kind", "case"), _load_cases())
def test_ivms101_case(kind: str, case: dict, tmp_path: Path) -> None:
    CHECKS[kind](case, tmp_path)
