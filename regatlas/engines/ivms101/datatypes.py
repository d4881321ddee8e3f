"""Checks of single values against the IVMS101 datatypes (section 5 Datatypes, both editions).

Each check returns a list of ``(code, message)`` pairs, empty when the value is fine; the
walker attaches the JSON path.

* Text (``MaxNText``, ``LocalMax100Text``): a string of 1..N characters, not blank. IVMS101.2023
  defines the Latin text datatypes by the regex ``^[ -~]{1,N}$`` (printable ASCII), so in the
  2023 edition other characters are ``invalid_characters``. The 2020 regexes could not be
  confirmed from a source that agrees with real payloads (one transcription gives
  ``^[a-zA-Z0-9' ]{1,N}$``, which rejects the commas and dots of TRISA's own fixtures), so in
  the 2020 edition only the length is checked.
* Code lists: matched case-insensitively (section 1 "Case sensitivity").
* ``CountryCode``: ``^[A-Z]{2}$`` and constraint C3 Country: an ISO 3166-1 alpha-2 code (from
  ``pycountry``) or ``XX``.
* ``Date``: ``YYYY-MM-DD`` and a real calendar date (C2 is checked by the constraints module).
* ``RegistrationAuthority``: ``^RA([0-9]{6})$``. C10 also requires the code to be on the GLEIF
  Registration Authorities List; that list is not bundled, so only the format is checked (hence
  the code name ``C10_registration_authority_format``).
* ``Number``: an integer of at most 18 digits (totalDigits 18, fractionDigits 0).

>>> check_value("2020", "US", "CountryCode")
[]
>>> check_value("2020", "UK", "CountryCode")[0][0]
'C3_country_code'
>>> check_value("2023", "Müller", "Max100Text")[0][0]
'invalid_characters'
>>> check_value("2020", "Müller", "Max100Text")
[]
>>> check_value("2020", "1990-02-30", "Date")[0][0]
'invalid_date'
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pycountry

from regatlas.engines.ivms101 import issues as I
from regatlas.engines.ivms101.vocab import CODE_LISTS, LATIN_TEXT_TYPES, TEXT_LIMITS, canonical_code

Problems = list[tuple[str, str]]

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_COUNTRY = re.compile(r"[A-Z]{2}\Z")
_REGISTRATION_AUTHORITY = re.compile(r"RA[0-9]{6}\Z")
_PRINTABLE_ASCII = re.compile(r"[ -~]*\Z")


@cache
def iso_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, plus ``XX`` (unknown State, allowed by C3)."""
    return frozenset(c.alpha_2 for c in pycountry.countries) | {"XX"}


def parse_date(value: object) -> dt.date | None:
    """The date written ``YYYY-MM-DD`` in ``value``, or None when it is not one."""
    if not isinstance(value, str) or not (m := _DATE.match(value)):
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _text(edition: str, value: object, dtype: str) -> Problems:
    if not isinstance(value, str):
        return [(I.INVALID_TYPE, f"must be a string ({dtype})")]
    if not value.strip():
        return [(I.EMPTY_TEXT, f"must not be empty ({dtype}, at least 1 character)")]
    limit = TEXT_LIMITS[dtype]
    if len(value) > limit:
        return [(I.TOO_LONG, f"has {len(value)} characters; {dtype} allows at most {limit}")]
    if edition == "2023" and dtype in LATIN_TEXT_TYPES and not _PRINTABLE_ASCII.match(value):
        bad = next(ch for ch in value if not _PRINTABLE_ASCII.match(ch))
        why = f"contains {bad!r}; IVMS101.2023 {dtype} allows printable ASCII only"
        return [(I.INVALID_CHARACTERS, f"{why} (use a local name identifier for other scripts)")]
    return []


def _code(value: object, code_list: str) -> Problems:
    if not isinstance(value, str):
        return [(I.INVALID_TYPE, f"must be a string ({code_list})")]
    if canonical_code(code_list, value) is None:
        allowed = ", ".join(CODE_LISTS[code_list])
        return [(I.INVALID_CODE, f"{value!r} is not a {code_list}; expected one of {allowed}")]
    return []


def _country(value: object) -> Problems:
    if not isinstance(value, str):
        return [(I.INVALID_TYPE, "must be a string (CountryCode)")]
    if not _COUNTRY.match(value):
        return [(I.C3_COUNTRY, f"{value!r} is not a CountryCode: two upper-case letters (ISO 3166-1 alpha-2 or XX)")]
    if value not in iso_countries():
        return [(I.C3_COUNTRY, f"{value!r} is not an ISO 3166-1 alpha-2 code nor XX")]
    return []


def _date(value: object) -> Problems:
    if not isinstance(value, str):
        return [(I.INVALID_TYPE, "must be a string (Date, YYYY-MM-DD)")]
    if parse_date(value) is None:
        return [(I.INVALID_DATE, f"{value!r} is not a calendar date written YYYY-MM-DD")]
    return []


def _registration_authority(value: object) -> Problems:
    if not isinstance(value, str):
        return [(I.INVALID_TYPE, "must be a string (RegistrationAuthority)")]
    if not _REGISTRATION_AUTHORITY.match(value):
        why = f"{value!r} is not a GLEIF registration authority code"
        return [(I.C10_REGISTRATION_AUTHORITY_FORMAT, f"{why} (RA followed by six digits, e.g. RA000553)")]
    return []


def _number(value: object) -> Problems:
    if isinstance(value, bool) or not isinstance(value, int):
        return [(I.INVALID_NUMBER, f"{value!r} is not an integer (Number)")]
    if len(str(abs(value))) > 18:
        return [(I.INVALID_NUMBER, "has more than 18 digits (Number)")]
    return []


def check_value(edition: str, value: object, dtype: str) -> Problems:
    """Problems of ``value`` as a ``dtype`` value in ``edition``; empty when it conforms."""
    if dtype in TEXT_LIMITS:
        return _text(edition, value, dtype)
    if dtype in CODE_LISTS:
        return _code(value, dtype)
    checks = {
        "CountryCode": _country,
        "Date": _date,
        "RegistrationAuthority": _registration_authority,
        "Number": _number,
    }
    return checks[dtype](value)
