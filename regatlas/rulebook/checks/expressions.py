"""CEL expressions in the rulebook: parse with cel-python, lower to a small checked tree, check.

Provision `applies_if` conditions and classification conditions and factor tests are CEL
(https://github.com/google/cel-spec), parsed by `celpy`'s grammar. `lower` turns the parse tree
into a JSON-ready tree of a documented subset (literals, variables, field selection, `!`, `-`,
`&&`, `||`, `?:`, comparisons, `in`, arithmetic, lists, `size`, `contains`, `startsWith`,
`endsWith` and the `exists`/`all`/`exists_one` macros); the compiler stores it and the engine
evaluates it without importing celpy and without `eval`. Anything outside the subset, a syntax
error or a variable the profile does not define is an error with file, line and column.

>>> tree, refs = lower('token.peg == "single_fiat" && size(token.peg_currencies) == 1')
>>> tree[0], [r[:2] for r in refs]
('and', [('token', 'peg'), ('token', 'peg_currencies')])
>>> lower("token.peg ==")
Traceback (most recent call last):
...
regatlas.rulebook.checks.expressions.ExpressionError: 1:13: syntax error: unexpected end of expression
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from regatlas.errors import RulebookError
from regatlas.model.profile import CEL_VARIABLES

# root, field, line and column of the field (of the root when there is no field), root position
Ref = tuple[str, str | None, int, int, int, int]
MACROS = {"exists", "all", "exists_one"}
METHODS = {"contains", "startsWith", "endsWith", "size"}
_OPS = {"relation_lt": "<", "relation_le": "<=", "relation_gt": ">", "relation_ge": ">=",
        "relation_eq": "==", "relation_ne": "!=", "relation_in": "in", "addition_add": "+",
        "addition_sub": "-", "multiplication_mul": "*", "multiplication_div": "/",
        "multiplication_mod": "%"}


class ExpressionError(Exception):
    """A CEL problem at a 1-based line and column of the expression text."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message, self.line, self.column = message, line, column


def _parser():
    from celpy.celparser import CELParser

    return CELParser()


def lower(text: str) -> tuple[list, list[Ref]]:
    """The checked tree of `text` and every variable reference in it (root, field, line, column)."""
    from celpy.celparser import CELParseError

    try:
        tree = _parser().parse(text)
    except CELParseError as exc:
        cause = exc.__context__
        token = getattr(cause, "token", None)
        if token is not None and token.type == "$END" or getattr(exc, "line", None) in (None, -1):
            lines = text.rstrip().splitlines() or [""]
            raise ExpressionError("syntax error: unexpected end of expression", len(lines),
                                  len(lines[-1]) + 1) from None
        found = str(token) if token is not None else text.splitlines()[exc.line - 1][exc.column - 1:][:1]
        raise ExpressionError(f"syntax error: unexpected '{found[:20]}'", exc.line, exc.column) from None
    refs: list[Ref] = []
    return _Lower(refs).node(tree, frozenset()), refs


def _pos(node: Any) -> tuple[int, int]:
    meta = getattr(node, "meta", None)
    if meta is not None and not getattr(meta, "empty", True):
        return meta.line, meta.column
    return getattr(node, "line", 1) or 1, getattr(node, "column", 1) or 1


class _Lower:
    def __init__(self, refs: list[Ref]) -> None:
        self.refs = refs

    def node(self, t: Any, bound: frozenset[str]) -> list:
        kind, kids = t.data, t.children
        if kind == "expr":
            if len(kids) == 1:
                return self.node(kids[0], bound)
            return ["if", *(self.node(k, bound) for k in kids)]
        if kind in ("conditionalor", "conditionaland"):
            if len(kids) == 1:
                return self.node(kids[0], bound)
            return ["or" if kind == "conditionalor" else "and", self.node(kids[0], bound),
                    self.node(kids[1], bound)]
        if kind in ("relation", "addition", "multiplication"):
            if len(kids) == 1:
                return self.node(kids[0], bound)
            op_node, right = kids
            op = _OPS[op_node.data]
            tag = "cmp" if kind == "relation" else "arith"
            return [tag, op, self.node(op_node.children[0], bound), self.node(right, bound)]
        if kind == "unary":
            if len(kids) == 1:
                return self.node(kids[0], bound)
            return ["not" if kids[0].data == "unary_not" else "neg", self.node(kids[1], bound)]
        if kind in ("member", "primary", "paren_expr"):
            return self.node(kids[0], bound)
        if kind == "member_dot":
            target, name = kids
            root = _root_ident(target)
            if root is not None and root not in bound:
                line, column = _pos(name)
                self.refs.append((root, str(name), line, column, *_pos(_ident_token(target))))
                return ["get", ["var", root], str(name)]
            return ["get", self.node(target, bound), str(name)]
        if kind == "ident":
            name = str(kids[0])
            if name not in bound:
                line, column = _pos(kids[0])
                self.refs.append((name, None, line, column, line, column))
            return ["var", name]
        if kind == "literal":
            return ["lit", _literal(kids[0])]
        if kind == "list_lit":
            return ["list", [self.node(k, bound) for k in (kids[0].children if kids else [])]]
        if kind == "ident_arg":
            name, args = str(kids[0]), (kids[1].children if len(kids) > 1 else [])
            if name != "size" or len(args) != 1:
                raise ExpressionError(f"unsupported function '{name}'", *_pos(kids[0]))
            return ["method", "size", self.node(args[0], bound), []]
        if kind == "member_dot_arg":
            return self._method(kids, bound)
        if kind == "member_index":
            return ["index", self.node(kids[0], bound), self.node(kids[1], bound)]
        raise ExpressionError(f"unsupported CEL construct '{kind}'", *_pos(t))

    def _method(self, kids: list, bound: frozenset[str]) -> list:
        target, name = kids[0], str(kids[1])
        args = kids[2].children if len(kids) > 2 else []
        if name in MACROS:
            var = _root_ident(args[0]) if len(args) == 2 else None
            if var is None or _is_select(args[0]):
                raise ExpressionError(f"'{name}' takes a variable name and a predicate", *_pos(kids[1]))
            return ["macro", name, self.node(target, bound), var, self.node(args[1], bound | {var})]
        if name not in METHODS:
            raise ExpressionError(f"unsupported function '{name}'", *_pos(kids[1]))
        return ["method", name, self.node(target, bound), [self.node(a, bound) for a in args]]


def _root_ident(t: Any) -> str | None:
    """The identifier when `t` is a bare name (through the grammar's wrappers), else None."""
    while hasattr(t, "data") and len(t.children) == 1 and t.data in (
            "expr", "conditionalor", "conditionaland", "relation", "addition", "multiplication",
            "unary", "member", "primary"):
        t = t.children[0]
    if hasattr(t, "data") and t.data == "ident":
        return str(t.children[0])
    return None


def _ident_token(t: Any) -> Any:
    """The IDENT token of a bare name (see `_root_ident`)."""
    while hasattr(t, "data") and t.data != "ident":
        t = t.children[0]
    return t.children[0] if hasattr(t, "data") else t


def _is_select(t: Any) -> bool:
    return hasattr(t, "data") and any(True for _ in t.find_data("member_dot"))


def _literal(tok: Any) -> Any:
    kind, value = tok.type, str(tok)
    if kind == "BOOL_LIT":
        return value == "true"
    if kind == "NULL_LIT":
        return None
    if kind in ("INT_LIT", "UINT_LIT"):
        value = value.rstrip("uU")
        return int(value, 16) if "x" in value.lower() else int(value)
    if kind == "FLOAT_LIT":
        return float(value)
    if kind in ("STRING_LIT", "MLSTRING_LIT"):
        raw = value[:1] in "rR"
        body = value[1:] if raw else value
        quote = 3 if body[:3] in ('"""', "'''") else 1
        body = body[quote:-quote]
        return body if raw else (body.replace("\\\\", "\0").replace('\\"', '"').replace("\\'", "'")
                                 .replace("\\n", "\n").replace("\\t", "\t").replace("\0", "\\"))
    raise ExpressionError(f"unsupported literal {value}", tok.line or 1, tok.column or 1)


def unknown_variables(refs: list[Ref], context: str) -> Iterator[tuple[str, int, int]]:
    """(message, line, column) for each reference the profile does not define in `context`."""
    schema = CEL_VARIABLES[context]
    for root, name, line, column, root_line, root_column in refs:
        if root not in schema:
            yield (f"unknown profile variable '{root}' (known: {', '.join(sorted(schema))})",
                   root_line, root_column)
        elif name is not None and name not in schema[root]:
            yield ((f"unknown profile variable '{root}.{name}' (known {root} fields: "
                    f"{', '.join(sorted(schema[root]))})"), line, column)
        elif name is None:
            yield f"'{root}' must be followed by a field, e.g. {root}.{next(iter(schema[root]))}", line, column


def compile_expression(text: str, context: str) -> list:
    """The checked tree of `text`, or ExpressionError for syntax or an unknown variable.

    >>> compile_expression('market.reach == "solicitation"', "applies_if")[0]
    'cmp'
    >>> compile_expression("token.colour", "classification")
    Traceback (most recent call last):
    ...
    regatlas.rulebook.checks.expressions.ExpressionError: 1:7: unknown profile variable 'token.colour' ...
    """
    tree, refs = lower(text)
    for message, line, column in unknown_variables(refs, context):
        raise ExpressionError(message, line, column)
    return tree


def _block_position(lines: list[str], header: int, err: ExpressionError, text: str) -> tuple[int, int]:
    """Line and column in the file of the error in a block scalar starting after line `header`.

    Literal (`|`) and folded (`>`) blocks both join their lines with one character, so the
    offset in the expression text walks the source lines (blank lines inside are not expected).
    """
    text_lines = text.split("\n")
    offset = sum(len(t) + 1 for t in text_lines[:err.line - 1]) + err.column - 1
    n = header
    while n < len(lines):
        body = lines[n]
        indent = len(body) - len(body.lstrip())
        if offset <= len(body.strip()):
            return n + 1, indent + offset + 1
        offset -= len(body.strip()) + 1
        n += 1
    return header + 1, 1


def _where(loaded, file: str, path: tuple, err: ExpressionError, text: str) -> RulebookError:
    """Place a CEL error inside the YAML file: the value's position plus the offset in the text."""
    located = loaded.error(file, path, err.message)
    line, column = located.location.line, located.location.column
    lines = _source_lines(loaded, file)
    if line is None or column is None or line > len(lines):
        return located
    first = lines[line - 1][column - 1:column]
    if first in ("|", ">"):  # block scalar: map the offset in the text onto the indented lines
        line, column = _block_position(lines, line, err, text)
    elif err.line == 1:  # a quoted scalar's text starts one column after the quote
        column += err.column - 1 + (first in ("'", '"'))
    else:  # a plain or quoted scalar folded over several lines: the column is approximate
        line, column = line + err.line - 1, err.column
    located.location.line, located.location.column = line, column
    return located


def _source_lines(loaded, file: str) -> list[str]:
    cache = loaded.__dict__.setdefault("_cel_lines", {})
    if file not in cache:
        try:
            cache[file] = (loaded.root.parent / file).read_text(encoding="utf-8").splitlines()
        except OSError:
            cache[file] = []
    return cache[file]


def check(loaded) -> list[RulebookError]:
    """Every `applies_if` and classification condition parses and names known profile variables;
    classification files name a known jurisdiction, declared instruments, factors and provisions."""
    from regatlas.rulebook.checks.index import build_index

    errors: list[RulebookError] = []

    def expr(file: str, path: tuple, text: str, context: str) -> None:
        try:
            compile_expression(text, context)
        except ExpressionError as exc:
            errors.append(_where(loaded, file, path, exc, text))

    for file, base, j in loaded.entities("jurisdictions"):
        for i, p in enumerate(j.provisions):
            if p.applies_if:
                expr(file, base + ("provisions", i, "applies_if"), p.applies_if, "applies_if")
    sections = getattr(loaded.rulebook, "classification", {})
    if not sections:
        return errors
    index = build_index(loaded)
    for file, base, c in loaded.entities("classification"):
        errors.extend(_check_classification(loaded, index, file, base, c, expr))
    return errors


def _check_classification(loaded, index, file, base, c, expr) -> list[RulebookError]:
    errors = []
    codes = set(loaded.rulebook.jurisdictions)
    if not file.endswith(f"/{c.code}.yaml"):
        errors.append(loaded.error(file, base + ("code",), f"file must be named {c.code}.yaml"))
    if c.code != "generic" and c.code not in codes:
        errors.append(loaded.error(file, base + ("code",), f"unknown jurisdiction '{c.code}'"))
    own = {i.id for i in c.instruments}
    for k, inst in enumerate(c.instruments):
        if index.places.get(inst.id):
            errors.append(loaded.error(file, base + ("instruments", k, "id"),
                                       f"duplicate id '{inst.id}' (already declared in the rulebook)"))
    factors = {f.id for f in c.factors}
    for k, f in enumerate(c.factors):
        expr(file, base + ("factors", k, "test"), f.test, "classification")
    for k, r in enumerate(c.rules):
        path = base + ("rules", k)
        expr(file, path + ("condition",), r.condition, "classification")
        if r.source.instrument not in own and not index.has("instrument", r.source.instrument):
            errors.append(loaded.error(file, path + ("source", "instrument"),
                                       f"unknown instrument '{r.source.instrument}'"))
        for m, ref in enumerate(r.factors):
            if ref.factor not in factors:
                errors.append(loaded.error(file, path + ("factors", m, "factor"),
                                           f"unknown factor '{ref.factor}'"))
        if r.effective_from and r.effective_to and r.effective_to <= r.effective_from:
            errors.append(loaded.error(file, path + ("effective_to",), "effective_to must be after effective_from"))
    p = c.perimeter
    for name, ids in (("licences", p.licences),
                      ("reverse_solicitation", [p.reverse_solicitation] if p.reverse_solicitation else []),
                      ("transitional", p.transitional), ("scope", p.scope)):
        for k, ident in enumerate(ids):
            if not index.has("provision", ident):
                path = base + ("perimeter", name) + ((k,) if name != "reverse_solicitation" else ())
                errors.append(loaded.error(file, path, f"unknown provision '{ident}'"))
    return errors
