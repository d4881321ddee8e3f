"""IVMS101 code lists and text datatypes, identical in the 2020 and 2023 editions.

Sources (confirmed, both editions carry the same lists):

* IVMS101 (2020) and IVMS101.2023 "interVASP data model standard", section 5 Datatypes, as
  transcribed in TransactionAuthorizationProtocol/ivms101 ``specs/ivms101-2020.md`` and
  ``specs/ivms101-2023.md``; the same lists appear in TRISA's ``pkg/ivms101`` protobuf enums.
* ``PayloadVersionCode`` exists only in IVMS101.2023 (section 5, "101" = May 2020 edition,
  "101.2023" = August 2023 edition).

The standard says "Unless otherwise specified, all values are case insensitive" (section 1,
Case sensitivity), so code lists are matched case-insensitively by :func:`canonical_code`.

>>> canonical_code("NaturalPersonNameTypeCode", "legl")
'LEGL'
>>> canonical_code("TransliterationMethodCode", "HANI")
'hani'
>>> canonical_code("AddressTypeCode", "WORK") is None
True
>>> TEXT_LIMITS["Max35Text"]
35
"""

from __future__ import annotations

NATURAL_PERSON_NAME_TYPES: tuple[str, ...] = ("ALIA", "BIRT", "MAID", "LEGL", "MISC")
LEGAL_PERSON_NAME_TYPES: tuple[str, ...] = ("LEGL", "SHRT", "TRAD")
ADDRESS_TYPES: tuple[str, ...] = ("HOME", "BIZZ", "GEOG")
NATIONAL_IDENTIFIER_TYPES: tuple[str, ...] = (
    "ARNU", "CCPT", "RAID", "DRLC", "FIIN", "TXID", "SOCS", "IDCD", "LEIX", "MISC",
)
#: Constraint C7 ValidNationalIdentifierLegalPerson: the only types a legal person may use.
LEGAL_PERSON_IDENTIFIER_TYPES: tuple[str, ...] = ("RAID", "MISC", "LEIX", "TXID")
TRANSLITERATION_METHODS: tuple[str, ...] = (
    "arab", "aran", "armn", "cyrl", "deva", "geor", "grek", "hani", "hebr", "kana", "kore",
    "thai", "othr",
)
PAYLOAD_VERSIONS: tuple[str, ...] = ("101", "101.2023")

CODE_LISTS: dict[str, tuple[str, ...]] = {
    "NaturalPersonNameTypeCode": NATURAL_PERSON_NAME_TYPES,
    "LegalPersonNameTypeCode": LEGAL_PERSON_NAME_TYPES,
    "AddressTypeCode": ADDRESS_TYPES,
    "NationalIdentifierTypeCode": NATIONAL_IDENTIFIER_TYPES,
    "TransliterationMethodCode": TRANSLITERATION_METHODS,
    "PayloadVersionCode": PAYLOAD_VERSIONS,
}

#: Maximum lengths of the text datatypes (minimum length is 1 for all of them).
#: ``Max512Text`` is new in IVMS101.2023 (used by ``Person.accountNumber``).
TEXT_LIMITS: dict[str, int] = {
    "Max16Text": 16,
    "Max35Text": 35,
    "Max50Text": 50,
    "Max70Text": 70,
    "Max100Text": 100,
    "Max512Text": 512,
    "LocalMax100Text": 100,
}

#: Text datatypes whose IVMS101.2023 regex is ``^[ -~]{1,N}$`` (printable ASCII); the
#: ``LocalMax100Text`` datatype (``^.{1,100}$``) allows any script.
LATIN_TEXT_TYPES: frozenset[str] = frozenset(TEXT_LIMITS) - {"LocalMax100Text"}


def canonical_code(code_list: str, value: str) -> str | None:
    """The listed spelling of ``value`` in ``code_list``, matched case-insensitively, or None."""
    folded = value.casefold()
    for code in CODE_LISTS[code_list]:
        if code.casefold() == folded:
            return code
    return None
