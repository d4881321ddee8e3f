"""Codes: jurisdiction codes per the contract and ISO 4217 currencies, via pycountry.

Jurisdiction codes are ISO 3166-1 alpha-2, `EU`, ISO 3166-2 subdivisions (`US-NY`, `AE-DU`),
or a free zone: parent code plus a short name (`AE-DIFC`) with `kind: free_zone`.

>>> jurisdiction_code_problem("US-NY", "subnational"), jurisdiction_code_problem("XX", "country")
(None, "'XX' is not an ISO 3166-1 alpha-2 code")
>>> currency_known("EUR"), currency_known("EUX")
(True, False)
"""

from __future__ import annotations

import re
from functools import cache

import pycountry

from regatlas.errors import RulebookError
from regatlas.model import Money

SUPRANATIONAL = {"EU"}
_FREE_ZONE = re.compile(r"^([A-Z]{2})-([A-Z]{3,8})$")


@cache
def currency_known(code: str) -> bool:
    """True for an active ISO 4217 currency code."""
    return pycountry.currencies.get(alpha_3=code) is not None


@cache
def all_currency_codes() -> tuple[str, ...]:
    """Every ISO 4217 alphabetic code pycountry knows, sorted.

    >>> "EUR" in all_currency_codes()
    True
    """
    return tuple(sorted(c.alpha_3 for c in pycountry.currencies))


def jurisdiction_code_problem(code: str, kind: str) -> str | None:
    """Why `code` is not a valid jurisdiction code of `kind`, or None when it is."""
    if kind == "supranational":
        return None if code in SUPRANATIONAL else f"'{code}' is not a known supranational code"
    if kind in ("country", "territory"):
        if pycountry.countries.get(alpha_2=code) is None:
            return f"'{code}' is not an ISO 3166-1 alpha-2 code"
        return None
    if kind == "subnational":
        if pycountry.subdivisions.get(code=code) is None:
            return f"'{code}' is not an ISO 3166-2 subdivision code"
        return None
    match = _FREE_ZONE.match(code)
    if not match or pycountry.countries.get(alpha_2=match.group(1)) is None:
        return f"'{code}' is not a free-zone code (parent alpha-2, '-', short name)"
    return None


def check(loaded) -> list[RulebookError]:
    """Jurisdiction codes, file names, parents' prefixes and every currency code."""
    from regatlas.rulebook.checks.walk import walk_all

    errors = []
    for file, base, j in loaded.entities("jurisdictions"):
        problem = jurisdiction_code_problem(j.code, j.kind)
        if problem:
            errors.append(loaded.error(file, base + ("code",), problem))
        if not file.endswith(f"/{j.code}.yaml"):
            errors.append(loaded.error(file, base + ("code",), f"file must be named {j.code}.yaml"))
        if j.parent and not j.code.startswith(j.parent + "-"):
            errors.append(
                loaded.error(file, base + ("parent",), f"parent '{j.parent}' is not a prefix of '{j.code}'")
            )
        if not currency_known(j.currency):
            errors.append(
                loaded.error(file, base + ("currency",), f"'{j.currency}' is not an ISO 4217 code")
            )
    for file, path, model in walk_all(loaded):
        if isinstance(model, Money) and not currency_known(model.currency):
            errors.append(
                loaded.error(file, path + ("currency",), f"'{model.currency}' is not an ISO 4217 code")
            )
    return errors
