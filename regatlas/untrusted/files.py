"""Reading a user's file: at most one byte past its limit is read, its text must be UTF-8.

>>> import pathlib, tempfile
>>> p = pathlib.Path(tempfile.mkdtemp()) / "big.yaml"
>>> _ = p.write_text("x" * 100)
>>> read_text(p, limit=10)
Traceback (most recent call last):
...
regatlas.errors.InputError: ...big.yaml: file is 100 bytes, more than the 10 accepted
>>> read_text(p)[:3]
'xxx'
"""

from __future__ import annotations

from pathlib import Path

from regatlas.errors import InputError, RulebookError
from regatlas.rulebook.yamlpos import Document, load_text
from regatlas.untrusted import MAX_DOCUMENT
from regatlas.untrusted.jsontext import loads


def read_bytes(path: str | Path, *, limit: int = MAX_DOCUMENT) -> bytes:
    """The bytes of `path`, refused (InputError naming the file) when larger than `limit`."""
    name = str(path)
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", file=name) from None
    if len(data) > limit:
        size = Path(path).stat().st_size
        raise InputError(f"file is {size:,} bytes, more than the {limit:,} accepted", file=name)
    return data


def read_text(path: str | Path, *, limit: int = MAX_DOCUMENT) -> str:
    """The UTF-8 text of `path` (a byte-order mark is dropped), bounded like `read_bytes`."""
    data = read_bytes(path, limit=limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded", file=str(path),
                         line=line, column=column) from None


def load_document(path: str | Path) -> Document:
    """A user's YAML or JSON file (by suffix) as a positioned `Document`, bounded and strict.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "case.json"
    >>> _ = p.write_text('{"platform": {"run_from": "SC"}}')
    >>> load_document(p).value
    {'platform': {'run_from': 'SC'}}
    """
    return parse_document(read_text(path), str(path), "json" if str(path).lower().endswith(".json") else "yaml")


def parse_document(text: str, file: str, kind: str) -> Document:
    """`text` parsed as `kind` ("json" or "yaml"); errors are `InputError` naming `file`, line, column.

    JSON values come from the strict JSON reader (YAML would take `1e3` for a string); their
    positions from the YAML reader where it can read the text (JSON is YAML, bar a few escapes
    such as surrogate pairs: such a document has values but no positions).

    >>> parse_document("a: [1]", "p.yaml", "yaml").position(("a",))
    (1, 4)
    >>> doc = parse_document('{"a": [1e3]}', "p.json", "json")
    >>> doc.value, doc.position(("a",))
    ({'a': [1000.0]}, (1, 7))
    >>> parse_document('{"a": "\\\\ud83d\\\\ude00"}', "p.json", "json").position(("a",))
    (None, None)
    """
    if kind == "json":
        value = loads(text, file)
        try:
            shape = load_text(text, file)
        except RulebookError:
            return Document(file, value)
        return Document(file, value, shape.positions, shape.key_positions)
    try:
        return load_text(text, file)
    except RulebookError as exc:
        loc = exc.location
        raise InputError(exc.message, file=loc.file, line=loc.line, column=loc.column, field=loc.field) from None
