"""Legal Entity Identifier (ISO 17442) format and check digits.

IVMS101 constraint C11 ValidLEI only asks that an LEIX identifier match the ``LEIText``
datatype, ``^[0-9A-Z]{18}[0-9]{2}$`` (IVMS101 and IVMS101.2023, section 5 Datatypes). ISO 17442
also fixes the last two characters as check digits computed with ISO 7064 MOD 97-10: letters
become 10..35, the resulting number modulo 97 must equal 1. The check-digit test is therefore
reported under its own code (``lei_check_digits``), not under C11.

Checked against published LEIs: GLEIF's own ``506700GE1G29325QX363`` passes. Note that the LEI
printed in the standard's business example 1 (``3M5E1GQKGL17HI8CPN20``) matches LEIText but
fails the ISO 17442 check digits.

>>> matches_lei_text("506700GE1G29325QX363"), has_valid_check_digits("506700GE1G29325QX363")
(True, True)
>>> has_valid_check_digits("3M5E1GQKGL17HI8CPN20")
False
>>> with_check_digits("5493001KJTIIGC8Y1R")
'5493001KJTIIGC8Y1R12'
"""

from __future__ import annotations

import re

LEI_TEXT = re.compile(r"[0-9A-Z]{18}[0-9]{2}\Z")


def matches_lei_text(value: str) -> bool:
    """True when ``value`` has the IVMS101 ``LEIText`` form (20 characters, two final digits)."""
    return bool(LEI_TEXT.match(value))


def _as_number(chars: str) -> int:
    return int("".join(str(int(c, 36)) for c in chars))


def has_valid_check_digits(lei: str) -> bool:
    """True when ``lei`` has the LEIText form and its ISO 7064 MOD 97-10 remainder is 1."""
    return matches_lei_text(lei) and _as_number(lei) % 97 == 1


def with_check_digits(base: str) -> str:
    """The 20-character LEI made of an 18-character ``base`` and its two check digits."""
    if not re.fullmatch(r"[0-9A-Z]{18}", base):
        raise ValueError(f"an LEI base is 18 characters of 0-9 and A-Z, got {base!r}")
    return f"{base}{98 - _as_number(base + '00') % 97:02d}"
