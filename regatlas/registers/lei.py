"""Legal Entity Identifiers (ISO 17442): 20 characters, the last two check digits (ISO 7064 MOD 97-10).

The check itself is python-stdnum's; this module words what is wrong for a compliance officer and
raises the one error a command answers with exit 2 (HTTP 422).

>>> lei_problem("5299005V5GBSN2A4C303") is None
True
>>> lei_problem("5299005V5GBSN2A4C304")
'LEI check digits do not match (ISO 17442, MOD 97-10): a character is mistyped'
>>> lei_problem("52990")
'an LEI has 20 characters, this has 5'
"""

from __future__ import annotations

from stdnum import lei as stdnum_lei
from stdnum.exceptions import InvalidChecksum, ValidationError

from regatlas.errors import InputError


def lei_problem(text: str) -> str | None:
    """What is wrong with `text` as an LEI, or None when it is a well-formed one."""
    compact = stdnum_lei.compact(text)
    if len(compact) != 20:
        return f"an LEI has 20 characters, this has {len(compact)}"
    if not compact.isalnum() or not compact.isascii():
        return "an LEI has only the letters A-Z and digits"
    try:
        stdnum_lei.validate(compact)
    except InvalidChecksum:
        return "LEI check digits do not match (ISO 17442, MOD 97-10): a character is mistyped"
    except ValidationError as exc:
        return f"not an LEI: {exc}"
    return None


def checked_lei(text: str, field: str = "LEI") -> str:
    """`text` as a compact upper-case LEI; InputError (exit 2, HTTP 422) saying what is wrong.

    >>> checked_lei(" 5299005v5gbsn2a4c303 ")
    '5299005V5GBSN2A4C303'
    """
    problem = lei_problem(text)
    if problem:
        raise InputError(f"{text.strip()!r}: {problem}", field=field)
    return stdnum_lei.compact(text).upper()
