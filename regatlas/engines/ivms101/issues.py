"""What validation reports: an :class:`Issue` per defect and a :class:`ValidationResult`.

Every issue carries a JSON path into the payload (``$`` is the root, ``.name`` a member,
``[i]`` an array index; keys that are not identifiers are written ``['key']``) and a stable
machine code from :data:`ISSUE_CODES`. Codes of the standard's numbered constraints start with
the constraint number (``C6_...``); checks that come from elsewhere carry no number.

>>> path = child(child(child("$", "originator"), "originatorPersons"), 0)
>>> path
'$.originator.originatorPersons[0]'
>>> child("$", "odd key")
"$['odd key']"
>>> r = ValidationResult("2020", [Issue(path, C1_ORIGINATOR_NATURAL_PERSON, "needs more")])
>>> r.valid, r.as_dict()["errors"][0]["code"]
(False, 'C1_originator_natural_person_information')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- structural and datatype codes (from the element tables and section 5 datatypes) -------------
INVALID_TYPE = "invalid_type"  # wrong JSON type: object / array / string / number expected
REQUIRED = "required"  # a [1..1] or [1..n] element is absent (or null)
UNKNOWN_FIELD = "unknown_field"  # a member that the edition does not define
WRONG_EDITION_FIELD = "wrong_edition_field"  # a member that belongs to the other edition
TOO_FEW = "too_few"  # fewer occurrences than the multiplicity's minimum
TOO_MANY = "too_many"  # more occurrences than the multiplicity's maximum (addressLine [0..7])
EMPTY_TEXT = "empty_text"  # a text datatype value that is empty or blank (minimum length 1)
TOO_LONG = "too_long"  # longer than its MaxNText datatype
INVALID_CHARACTERS = "invalid_characters"  # 2023 Latin text datatypes allow printable ASCII only
INVALID_CODE = "invalid_code"  # a value not on its code list
INVALID_DATE = "invalid_date"  # not a real calendar date written YYYY-MM-DD
INVALID_NUMBER = "invalid_number"  # not an integer of at most 18 digits
INVALID_PAYLOAD_VERSION = "invalid_payload_version"  # payloadVersion does not match the edition
PERSON_ONE_OF = "person_one_of"  # Person needs exactly one of naturalPerson / legalPerson
# --- the standard's numbered constraints (section 5.2) -------------------------------------------
C1_ORIGINATOR_NATURAL_PERSON = "C1_originator_natural_person_information"
C2_DATE_IN_PAST = "C2_date_in_past"
C3_COUNTRY = "C3_country_code"
C4_ORIGINATOR_LEGAL_PERSON = "C4_originator_legal_person_information"
C5_LEGAL_PERSON_LEGAL_NAME = "C5_legal_person_legal_name"
C6_NATURAL_PERSON_LEGAL_NAME = "C6_natural_person_legal_name"
C7_LEGAL_PERSON_IDENTIFIER_TYPE = "C7_legal_person_identifier_type"
C8_VALID_ADDRESS = "C8_valid_address"
C9_COUNTRY_OF_ISSUE_FORBIDDEN = "C9_legal_person_country_of_issue"
C9_REGISTRATION_AUTHORITY_REQUIRED = "C9_registration_authority_required"
C9_REGISTRATION_AUTHORITY_FORBIDDEN = "C9_registration_authority_forbidden_for_leix"
C10_REGISTRATION_AUTHORITY_FORMAT = "C10_registration_authority_format"  # format only, see constraints
C11_VALID_LEI = "C11_valid_lei"
C12_SEQUENTIAL_INTEGRITY = "C12_sequential_integrity"
# --- not an IVMS101 constraint: ISO 17442 (LEI) check digits, ISO 7064 MOD 97-10 -------------------
LEI_CHECK_DIGITS = "lei_check_digits"

ISSUE_CODES: tuple[str, ...] = (
    INVALID_TYPE, REQUIRED, UNKNOWN_FIELD, WRONG_EDITION_FIELD, TOO_FEW, TOO_MANY, EMPTY_TEXT,
    TOO_LONG, INVALID_CHARACTERS, INVALID_CODE, INVALID_DATE, INVALID_NUMBER,
    INVALID_PAYLOAD_VERSION, PERSON_ONE_OF, C1_ORIGINATOR_NATURAL_PERSON, C2_DATE_IN_PAST,
    C3_COUNTRY, C4_ORIGINATOR_LEGAL_PERSON, C5_LEGAL_PERSON_LEGAL_NAME,
    C6_NATURAL_PERSON_LEGAL_NAME, C7_LEGAL_PERSON_IDENTIFIER_TYPE, C8_VALID_ADDRESS,
    C9_COUNTRY_OF_ISSUE_FORBIDDEN, C9_REGISTRATION_AUTHORITY_REQUIRED,
    C9_REGISTRATION_AUTHORITY_FORBIDDEN, C10_REGISTRATION_AUTHORITY_FORMAT, C11_VALID_LEI,
    C12_SEQUENTIAL_INTEGRITY, LEI_CHECK_DIGITS,
)

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def child(path: str, key: str | int) -> str:
    """The JSON path of member ``key`` (or array index) below ``path``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENTIFIER.match(key):
        return f"{path}.{key}"
    escaped = key.replace("\\", "\\\\").replace("'", "\\'")
    return f"{path}['{escaped}']"


@dataclass(frozen=True)
class Issue:
    """One defect: where (JSON path), what (stable code) and a sentence for people."""

    path: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        """The issue as a plain JSON-ready dict."""
        return {"path": self.path, "code": self.code, "message": self.message}


@dataclass
class ValidationResult:
    """The outcome of :func:`regatlas.engines.ivms101.validate`: the edition used and the errors."""

    edition: str
    errors: list[Issue] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """True when no error was found."""
        return not self.errors

    def as_dict(self) -> dict:
        """The result as a plain JSON-ready dict."""
        return {
            "edition": self.edition,
            "valid": self.valid,
            "errors": [issue.as_dict() for issue in self.errors],
        }
