"""FATF plenaries: every code on a list is a real ISO 3166-1 alpha-2 code (pycountry), no code is
on both lists at once, and the plenary's id is the year and month of its date.

>>> from regatlas.rulebook import load_rulebook, default_rulebook_dir
>>> check(load_rulebook(default_rulebook_dir(), sections=["fatf_plenaries"]))
[]
"""

from __future__ import annotations

from typing import Any

import pycountry

from regatlas.errors import RulebookError


def code_problem(code: str) -> str | None:
    """Why `code` cannot be on an FATF list, or None for a real ISO 3166-1 alpha-2 code.

    >>> code_problem("KP"), code_problem("XK"), code_problem("kp")
    (None, "'XK' is not an ISO 3166-1 alpha-2 code", "'kp' is not an ISO 3166-1 alpha-2 code")
    """
    if len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None:
        return None
    return f"'{code}' is not an ISO 3166-1 alpha-2 code"


def check(loaded: Any) -> list[RulebookError]:
    """ISO codes on every list, one list per code, id matching the date."""
    errors = []
    for file, base, p in loaded.entities("fatf_plenaries"):
        if p.id != p.date.strftime("%Y-%m"):
            errors.append(loaded.error(file, base + ("id",), f"id '{p.id}' is not the year and month of "
                                                             f"date {p.date}"))
        for name, listing in p.lists().items():
            for i, code in enumerate(listing.codes):
                if problem := code_problem(code):
                    errors.append(loaded.error(file, base + (name, "codes", i), problem))
        for code in sorted(set(p.call_for_action.codes) & set(p.increased_monitoring.codes)):
            errors.append(loaded.error(file, base + ("increased_monitoring", "codes"),
                                       f"'{code}' is on both lists"))
    return errors
