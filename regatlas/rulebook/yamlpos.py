"""YAML loading that keeps line and column of every value and rejects duplicate keys.

PyYAML's composer (C-accelerated where available) gives nodes with marks; we build plain
Python values ourselves so that every path maps to a position.

>>> doc = load_text("a: 1\\nb:\\n  - x\\n  - {c: 2}\\n", "t.yaml")
>>> doc.value
{'a': 1, 'b': ['x', {'c': 2}]}
>>> doc.position(("b", 1, "c")), doc.position(("b", 1, "c"), key=True)
((4, 9), (4, 6))
>>> load_text("a: 1\\na: 2\\n", "t.yaml")
Traceback (most recent call last):
...
regatlas.errors.RulebookError: t.yaml:2:1: a: duplicate key 'a' (first at line 1)

Plain scalars follow the YAML 1.2 core schema: Norway is `NO`, not false.

>>> load_text("parties: [SE, NO, ON, yes]\\nok: true\\nn: [1e3, 0777, 1:20, 0x1F]\\n", "t.yaml").value
{'parties': ['SE', 'NO', 'ON', 'yes'], 'ok': True, 'n': [1000.0, '0777', '1:20', 31]}

Every document is bounded the same way, rulebook files and untrusted uploads alike: anchors and
aliases are refused (a 300-byte "billion laughs" alias tree would otherwise expand to gigabytes),
and so are documents nested deeper than `MAX_DEPTH` or with more than `MAX_NODES` values.

>>> load_text("a: &x [1]\\nb: *x\\n", "t.yaml")
Traceback (most recent call last):
...
regatlas.errors.RulebookError: t.yaml:2:1: b: YAML aliases are not accepted (write the value out)
>>> load_text("[" * 100 + "]" * 100, "t.yaml")
Traceback (most recent call last):
...
regatlas.errors.RulebookError: t.yaml:1:66: nesting deeper than 64 levels
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from regatlas.errors import RulebookError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C-accelerated where PyYAML has it
# YAML 1.2 core schema for the plain scalars whose 1.1 reading surprises: only true/false are
# booleans (1.1 reads `NO`, Norway, as false and `ON` as true), integers are decimal, 0o or 0x
# (1.1's sexagesimal `1:20` = 80 and octal `0777` = 511 stay text), `1e3` is a number. Dates stay dates.
_CORE = {
    "tag:yaml.org,2002:bool": (r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    "tag:yaml.org,2002:int": (r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    "tag:yaml.org,2002:float": ((r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)"
                                r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), "-+.0123456789"),
}


class _Loader(_Base):
    """The C (or Python) safe loader with YAML 1.2 core-schema booleans and numbers."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _CORE]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


for _tag, (_regexp, _first) in _CORE.items():
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))

Path_ = tuple[str | int, ...]
MAX_DEPTH = 64
MAX_NODES = 1_000_000


@dataclass
class Document:
    """A parsed YAML document with a position (line, column; 1-based) for each path."""

    file: str
    value: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_, key: bool = False) -> tuple[int | None, int | None]:
        """Position of the value at `path` (of its key when `key`), else of the nearest ancestor;
        (None, None) for a document read without positions (JSON)."""
        if not self.positions:
            return None, None
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


class _Builder:
    def __init__(self, file: str, loader: Any) -> None:
        self.file = file
        self.loader = loader
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.key_positions: dict[Path_, tuple[int, int]] = {}
        # The composer shares one node object between an anchor and each alias of it.
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: Path_, at: yaml.Node | None = None) -> Any:
        """Plain value of `node`; `at` is where an error shows (a value's key: an alias has no mark)."""
        if id(node) in self.seen:
            raise self._error(at or node, _dotted(path), "YAML aliases are not accepted (write the value out)")
        self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise self._error(node, None, f"nesting deeper than {MAX_DEPTH} levels")
        if len(self.seen) > MAX_NODES:
            raise self._error(node, None, f"more than {MAX_NODES:,} values in one document")
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node)
                if isinstance(key, (dict, list)):
                    raise self._error(key_node, str(key), "mapping keys must be scalars")
                key = str(key) if not isinstance(key, str) else key
                if key in out:
                    raise self._error(
                        key_node, key, f"duplicate key '{key}' (first at line {first_line[key]})"
                    )
                first_line[key] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, path + (key,), key_node)
                self.key_positions[path + (key,)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), node) for i, item in enumerate(node.value)]
        return self.loader.construct_object(node)

    def _error(self, node: yaml.Node, field_: str | None, message: str) -> RulebookError:
        return RulebookError(
            message,
            file=self.file,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            field=field_,
        )


def _dotted(path: Path_) -> str | None:
    return ".".join(str(p) for p in path) or None


def load_text(text: str, file: str) -> Document:
    """Parse one YAML document from `text`; errors name `file`, line and column."""
    try:
        loader = _Loader(text)
    except UnicodeEncodeError as exc:  # a lone surrogate in the text (from a decoded escape)
        raise RulebookError(f"text is not valid Unicode: {exc.reason}", file=file) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(file, None)
        builder = _Builder(file, loader)
        value = builder.build(node, ())
        return Document(file, value, builder.positions, builder.key_positions)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RulebookError(
            f"malformed YAML: {exc.problem or exc.context}",
            file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    finally:
        loader.dispose()


def load_file(path: Path, display: str | None = None) -> Document:
    """Parse a YAML file; `display` is the name errors use (defaults to the path)."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulebookError(f"cannot read file: {exc}", file=name) from None
    return load_text(text, name)
