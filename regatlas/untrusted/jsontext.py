"""Strict JSON for untrusted text: what Python's `json` lets through silently is an error here.

Refused, each as `InputError` with line and column where known: malformed JSON, a member name
repeated in one object (parsers keep only the last, losing data), NaN/Infinity, numbers too large
to be finite (`1e309`) or with more digits than Python converts, and nesting deeper than
`MAX_DEPTH` (the same bound as YAML).

>>> loads('{"a": [1, 2.5, "x"]}', "b.json")
{'a': [1, 2.5, 'x']}
>>> loads('{"a": 1,\\n "a": 2}', "b.json")
Traceback (most recent call last):
...
regatlas.errors.InputError: b.json: a: duplicate member 'a' in one JSON object
>>> loads('{"amount": 1e309}', "b.json")
Traceback (most recent call last):
...
regatlas.errors.InputError: b.json: number 1e309 is not finite
>>> loads("[" * 100 + "]" * 100, "b.json")
Traceback (most recent call last):
...
regatlas.errors.InputError: b.json: nesting deeper than 64 levels
"""

from __future__ import annotations

import json
import math
from typing import Any

from regatlas.errors import InputError
from regatlas.rulebook.yamlpos import MAX_DEPTH


class _Refused(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"duplicate member {key!r} in one JSON object", key)
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not valid JSON")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"number {text} is not finite")
    return value


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # more digits than sys.get_int_max_str_digits()
        raise _Refused(f"number with {len(text)} digits is too large") from None


def depth(value: Any) -> int:
    """How deeply lists and objects nest in `value` (0 for a scalar); iterative, so any depth works.

    >>> depth({"a": [1, {"b": []}]})
    4
    """
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (dict, list)):
            level += 1
            deepest = max(deepest, level)
            stack.extend((child, level) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def loads(text: str | bytes, file: str) -> Any:
    """Parse untrusted JSON `text`; errors are `InputError` naming `file`, line and column."""
    try:
        value = json.loads(text, object_pairs_hook=_object, parse_constant=_constant,
                           parse_float=_float, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", file=file, line=exc.lineno,
                         column=exc.colno) from None
    except _Refused as exc:
        raise InputError(exc.message, file=file, field=exc.field) from None
    except RecursionError:
        raise InputError(f"nesting deeper than {MAX_DEPTH} levels", file=file) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8: {exc.reason}", file=file) from None
    if depth(value) > MAX_DEPTH + 1:
        raise InputError(f"nesting deeper than {MAX_DEPTH} levels", file=file)
    return value
