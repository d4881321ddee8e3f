"""Evaluate the checked CEL trees the store holds (see `regatlas.rulebook.checks.expressions`).

The validator has already parsed every expression with cel-python and rejected anything outside
the subset, so evaluation is a small walk over plain lists: no celpy import at run time (the CLI
stays fast) and never `eval`. A missing field or a type clash is an `EvalError`; the engine
reports the condition as not evaluable instead of guessing.

>>> evaluate(["and", ["get", ["var", "t"], "a"], ["cmp", "in", ["lit", "x"], ["get", ["var", "t"], "b"]]],
...          {"t": {"a": True, "b": ["x"]}})
True
>>> evaluate(["macro", "exists", ["lit", [1, 2]], "v", ["cmp", ">", ["var", "v"], ["lit", 1]]], {})
True
"""

from __future__ import annotations

import operator
from typing import Any

_CMP = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
        ">": operator.gt, ">=": operator.ge}
_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "%": operator.mod}


class EvalError(Exception):
    """An expression could not be evaluated against the given variables."""


def _num(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def evaluate(tree: list, env: dict[str, Any]) -> Any:
    """The value of a lowered CEL tree with `env` as its variables."""
    tag = tree[0]
    if tag == "lit":
        return tree[1]
    if tag == "var":
        if tree[1] not in env:
            raise EvalError(f"unknown variable '{tree[1]}'")
        return env[tree[1]]
    if tag == "get":
        obj = evaluate(tree[1], env)
        if not isinstance(obj, dict) or tree[2] not in obj:
            raise EvalError(f"no field '{tree[2]}'")
        return obj[tree[2]]
    if tag in ("and", "or"):
        left = _bool(evaluate(tree[1], env))
        if left == (tag == "or"):
            return left
        return _bool(evaluate(tree[2], env))
    if tag == "not":
        return not _bool(evaluate(tree[1], env))
    if tag == "neg":
        value = evaluate(tree[1], env)
        if not _num(value):
            raise EvalError("'-' needs a number")
        return -value
    if tag == "if":
        return evaluate(tree[2] if _bool(evaluate(tree[1], env)) else tree[3], env)
    if tag == "cmp":
        return _compare(tree[1], evaluate(tree[2], env), evaluate(tree[3], env))
    if tag == "arith":
        return _arith(tree[1], evaluate(tree[2], env), evaluate(tree[3], env))
    if tag == "list":
        return [evaluate(t, env) for t in tree[1]]
    if tag == "index":
        return _index(evaluate(tree[1], env), evaluate(tree[2], env))
    if tag == "method":
        return _method(tree[1], evaluate(tree[2], env), [evaluate(a, env) for a in tree[3]])
    if tag == "macro":
        return _macro(tree, env)
    raise EvalError(f"unknown node '{tag}'")


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise EvalError(f"expected a bool, got {type(value).__name__}")
    return value


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "in":
        if not isinstance(b, (list, dict)):
            raise EvalError("'in' needs a list or map on the right")
        return a in b
    if op in ("==", "!=") and (a is None or b is None or type(a) is type(b) or (_num(a) and _num(b))):
        return _CMP[op](a, b)
    if (_num(a) and _num(b)) or (isinstance(a, str) and isinstance(b, str)):
        return _CMP[op](a, b)
    raise EvalError(f"cannot compare {type(a).__name__} {op} {type(b).__name__}")


def _arith(op: str, a: Any, b: Any) -> Any:
    if op == "+" and ((isinstance(a, str) and isinstance(b, str)) or (isinstance(a, list) and isinstance(b, list))):
        return a + b
    if not (_num(a) and _num(b)):
        raise EvalError(f"'{op}' needs numbers")
    if op == "/":
        if b == 0:
            raise EvalError("division by zero")
        return a // b if isinstance(a, int) and isinstance(b, int) else a / b
    return _ARITH[op](a, b)


def _index(obj: Any, key: Any) -> Any:
    try:
        return obj[key]
    except (KeyError, IndexError, TypeError):
        raise EvalError(f"no element {key!r}") from None


def _method(name: str, target: Any, args: list[Any]) -> Any:
    if name == "size":
        if not isinstance(target, (list, dict, str)):
            raise EvalError("size() needs a list, map or string")
        return len(target)
    if not isinstance(target, str) or len(args) != 1 or not isinstance(args[0], str):
        raise EvalError(f"{name}() needs strings")
    return {"contains": target.__contains__, "startsWith": target.startswith,
            "endsWith": target.endswith}[name](args[0])


def _macro(tree: list, env: dict[str, Any]) -> bool:
    _, name, target, var, body = tree
    items = evaluate(target, env)
    if not isinstance(items, list):
        raise EvalError(f"{name}() needs a list")
    hits = [_bool(evaluate(body, {**env, var: item})) for item in items]
    if name == "exists":
        return any(hits)
    if name == "all":
        return all(hits)
    return sum(hits) == 1
