"""Read an IVMS101 payload from a JSON file, with errors that name the file, line and column.

Rejected, each as :class:`regatlas.errors.InputError`: a missing or unreadable file, bytes that
are not UTF-8 (IVMS101 section 7: "Data shall be submitted using UTF-8"), malformed JSON, the
non-standard constants NaN/Infinity, a member name repeated in one object (JSON parsers keep
only the last one, silently losing data) and a top level that is not an object.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "bad.json").write_text('{"originator": {\\n  "originatorPersons": [,]\\n}}')
>>> try:
...     load_payload(folder / "bad.json")
... except InputError as e:
...     print(e.location.line, e.location.column, e.message)
2 25 invalid JSON: Expecting value
"""

from __future__ import annotations

import json
from pathlib import Path

from regatlas.errors import InputError


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


def _position(text: bytes | str, offset: int) -> tuple[int, int]:
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line = text.count(newline, 0, offset) + 1
    return line, offset - (text.rfind(newline, 0, offset) + 1) + 1


def load_payload(path: str | Path) -> dict:
    """The JSON object in ``path``; :class:`~regatlas.errors.InputError` naming where it is broken.

    >>> try:
    ...     load_payload("no/such/payload.json")
    ... except InputError as e:
    ...     print(e)
    no/such/payload.json: no such file
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except OSError as e:
        raise InputError(f"cannot read the file: {e.strerror or e}", file=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line, column = _position(raw, e.start)
        raise InputError(f"not UTF-8: byte 0x{raw[e.start]:02x} cannot be decoded", file=name,
                         line=line, column=column) from None
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_constant=_constant)
    except json.JSONDecodeError as e:
        raise InputError(f"invalid JSON: {e.msg}", file=name, line=e.lineno, column=e.colno) from None
    except _DuplicateKey as e:
        raise InputError(f"duplicate member {e.key!r} in one JSON object", file=name, field=e.key) from None
    except ValueError as e:
        raise InputError(str(e), file=name) from None
    if not isinstance(data, dict):
        raise InputError(f"an IVMS101 payload is a JSON object, not a {type(data).__name__}",
                         file=name, line=1, column=1)
    return data
