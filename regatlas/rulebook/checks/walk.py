"""Generic traversal of loaded entities, yielding each nested model with its YAML path.

>>> from regatlas.model import Money
>>> [p for p, _ in walk(Money(amount=1, currency="EUR"), ("x",))]
[('x',)]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from regatlas.rulebook.yamlpos import Path_


def walk(obj: Any, path: Path_) -> Iterator[tuple[Path_, BaseModel]]:
    """Every pydantic model inside `obj` (itself included), depth first, with its path."""
    if isinstance(obj, BaseModel):
        yield path, obj
        for name, info in type(obj).model_fields.items():
            yield from walk(getattr(obj, name), path + (info.alias or name,))
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from walk(item, path + (i,))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from walk(item, path + (key,))


DEFAULT_SECTIONS = ("jurisdictions", "standards", "agreements", "figures", "listings", "scopes", "fx_pegs",
                    "competence", "ratings", "issuers")


def walk_all(loaded: Any, sections: Iterable[str] = DEFAULT_SECTIONS) -> Iterator[tuple[str, Path_, BaseModel]]:
    """(file, path, model) for every model in every loaded entity of `sections`."""
    for section in sections:
        for file, base, entity in loaded.entities(section):
            for path, model in walk(entity, base):
                yield file, path, model
