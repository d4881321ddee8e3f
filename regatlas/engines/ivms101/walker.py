"""A hand-written walker over a payload, driven by the element tables of :mod:`.schema`.

For each JSON object it checks, in the payload's own member order: unknown members, members of
the other edition (reported once, not descended into), each known element (JSON type,
multiplicity, datatype, nested component);
then absent required elements; then the component's constraint hook (:mod:`.constraints`).
A JSON ``null`` counts as an absent element. Paths are exact JSON paths (:func:`.issues.child`).

>>> import datetime as dt
>>> from regatlas.engines.ivms101.context import Context
>>> ctx = Context("2020", dt.date(2026, 11, 25))
>>> walk(ctx, {"addressType": "HOME", "country": "US", "townName": "Walnut"}, "$.a", "Address", "")
>>> [(e.path, e.code) for e in ctx.errors]
[('$.a', 'C8_valid_address')]
"""

from __future__ import annotations

from regatlas.engines.ivms101 import issues as I
from regatlas.engines.ivms101.constraints import HOOKS
from regatlas.engines.ivms101.context import Context
from regatlas.engines.ivms101.datatypes import check_value
from regatlas.engines.ivms101.issues import child
from regatlas.engines.ivms101.schema import ROLE_OF, WRAPPED_PERSON, Element, tables, wrong_edition_hints


def walk(ctx: Context, value: object, path: str, component: str, role: str) -> None:
    """Check ``value`` as an instance of ``component`` located at ``path``."""
    if not isinstance(value, dict):
        ctx.add(path, I.INVALID_TYPE, f"{component} must be a JSON object")
        return
    role = ROLE_OF.get(component, role)
    wrapper = WRAPPED_PERSON.get(component)
    if wrapper and wrapper not in value and ("naturalPerson" in value or "legalPerson" in value):
        walk(ctx, value, path, "Person", role)  # the entity written without its wrapper member
        return
    spec = tables(ctx.edition)[component]
    hints = wrong_edition_hints(ctx.edition).get(component, {})
    replaced: set[str] = set()
    for key, member in value.items():
        where = child(path, key)
        if key in spec:
            _element(ctx, member, where, spec[key], role)
        elif key in hints:
            instead, why = hints[key]
            ctx.add(where, I.WRONG_EDITION_FIELD, f"{why} (validating as IVMS101 {ctx.edition})")
            if instead:
                replaced.add(instead)
        else:
            ctx.add(where, I.UNKNOWN_FIELD, f"{key!r} is not an element of {component} in IVMS101 {ctx.edition}")
    for key, element in spec.items():
        if element.min >= 1 and value.get(key) is None and key not in replaced:
            ctx.add(child(path, key), I.REQUIRED, f"{component}.{key} is required")
    hook = HOOKS.get(component)
    if hook:
        hook(ctx, value, path, role)


def _element(ctx: Context, value: object, path: str, element: Element, role: str) -> None:
    if value is None:
        return  # absent; a required element is reported by walk()
    if not element.many:
        if isinstance(value, list):
            ctx.add(path, I.INVALID_TYPE, f"must be a single {element.type}, not an array")
        else:
            _single(ctx, value, path, element.type, role)
        return
    if not isinstance(value, list):
        ctx.add(path, I.INVALID_TYPE, f"must be a JSON array of {element.type}")
        return
    if len(value) < element.min:
        ctx.add(path, I.TOO_FEW, f"needs at least {element.min} {element.type}, has {len(value)}")
    if element.max is not None and len(value) > element.max:
        ctx.add(path, I.TOO_MANY, f"allows at most {element.max} entries, has {len(value)}")
    for i, item in enumerate(value):
        _single(ctx, item, child(path, i), element.type, role)


def _single(ctx: Context, value: object, path: str, type_name: str, role: str) -> None:
    if type_name in tables(ctx.edition):
        walk(ctx, value, path, type_name, role)
        return
    for code, message in check_value(ctx.edition, value, type_name):
        ctx.add(path, code, message)
