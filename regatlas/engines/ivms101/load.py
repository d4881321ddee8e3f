"""Read an IVMS101 payload from a JSON file, with errors that name the file, line and column.

Rejected, each as :class:`regatlas.errors.InputError`: a missing or unreadable file, bytes that
are not UTF-8 (IVMS101 section 7: "Data shall be submitted using UTF-8"), malformed JSON, the
non-standard constants NaN/Infinity, a member name repeated in one object (JSON parsers keep
only the last one, silently losing data), a top level that is not an object, and anything
`regatlas.untrusted` bounds (size, depth, non-finite numbers).

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

from pathlib import Path

from regatlas.errors import InputError
from regatlas.untrusted.files import read_text
from regatlas.untrusted.jsontext import loads


def load_payload(path: str | Path) -> dict:
    """The JSON object in ``path``; :class:`~regatlas.errors.InputError` naming where it is broken.

    >>> try:
    ...     load_payload("no/such/payload.json")
    ... except InputError as e:
    ...     print(e)
    no/such/payload.json: no such file
    """
    name = str(path)
    data = loads(read_text(path), name)
    if not isinstance(data, dict):
        raise InputError(f"an IVMS101 payload is a JSON object, not a {type(data).__name__}",
                         file=name, line=1, column=1)
    return data
