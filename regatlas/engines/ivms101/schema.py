"""The IVMS101 data model as tables: for each entity/component, its elements and multiplicities.

One table per edition, written from the standard's structure tables (section 5.2 Components
and section 6 Data model definition):

* 2020: IVMS101 interVASP data model standard, Issue 1 FINAL (May 2020), as transcribed in
  TransactionAuthorizationProtocol/ivms101 ``specs/ivms101-2020.md``; JSON member names checked
  against TRISA's ``pkg/ivms101`` fixtures (``identity_payload.json``, ``legal_person.json``).
* 2023: IVMS101.2023 interVASP data model standard, Issue 1 FINAL (ratified 2 August 2023), as
  transcribed in ``specs/ivms101-2023.md`` of the same repository and in an independent
  field-by-field reading of the official PDF (a VerifyVASP integration note citing the PDF).

Edition differences applied to the 2020 table to get the 2023 table (see :mod:`.convert`):

=================================  ============================  =================================
2020                               2023                          where
=================================  ============================  =================================
``originatorPersons``              ``originatorPerson``          Originator
``beneficiaryPersons``             ``beneficiaryPerson``         Beneficiary
``accountNumber`` (Max100Text)     ``accountNumber`` (Max512Text)  moved from Originator/Beneficiary
                                                                 into every Person
``nameIdentifierType``             ``naturalPersonNameIdentifierType``  NaturalPersonNameID only
                                                                 (local/phonetic keep the old name)
``customerNumber``                 ``customerIdentification``    LegalPerson
(none)                             ``payloadVersion`` [1..1]     PayloadMetadata
=================================  ============================  =================================

Choices where the sources disagree, kept deliberately lenient or strict as noted:

* ``Address.townName`` is [1..1] in the structure tables but [0..1] in the element text of both
  editions; the structure table wins (required).
* ``Address`` postcode is spelled ``postcode`` in the structure table and ``postCode`` in the
  element text; both spellings are accepted.
* 2020 ``LegalPerson`` lists ``customerIdentification`` in its table but defines the element as
  ``customerNumber`` (TRISA uses ``customerNumber``); the 2020 table accepts both.
* ``OriginatingVASP``/``BeneficiaryVASP`` are entities wrapping one Person element of the same
  name (``{"originatingVASP": {"originatingVASP": {...}}}``, as TRISA writes them); many
  producers drop the wrapper, so a Person written directly there is accepted too.

>>> tables("2023")["Originator"]["originatorPerson"].many
True
>>> "accountNumber" in tables("2020")["Person"]
False
>>> wrong_edition_hints("2023")["LegalPerson"]["customerNumber"][0]
'customerIdentification'
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Element:
    """One element of a component: its type (datatype, code list or component) and multiplicity."""

    type: str
    min: int = 0
    max: int | None = 1  # None: unbounded

    @property
    def many(self) -> bool:
        """True when the element is a JSON array (multiplicity above one)."""
        return self.max is None or self.max > 1


E = Element
N = None

_TABLE_2020: dict[str, dict[str, Element]] = {
    "IVMS101": {
        "originator": E("Originator", 1),
        "beneficiary": E("Beneficiary", 1),
        "originatingVASP": E("OriginatingVASP"),
        "beneficiaryVASP": E("BeneficiaryVASP"),
        "transferPath": E("TransferPath"),
        "payloadMetadata": E("PayloadMetadata"),
    },
    "Originator": {"originatorPersons": E("Person", 1, N), "accountNumber": E("Max100Text", 0, N)},
    "Beneficiary": {"beneficiaryPersons": E("Person", 1, N), "accountNumber": E("Max100Text", 0, N)},
    "OriginatingVASP": {"originatingVASP": E("Person")},
    "BeneficiaryVASP": {"beneficiaryVASP": E("Person")},
    "TransferPath": {"transferPath": E("IntermediaryVASP", 0, N)},
    "IntermediaryVASP": {"intermediaryVASP": E("Person", 1), "sequence": E("Number", 1)},
    # payloadVersion is not a 2020 element; it is accepted here only with the value "101",
    # the 2023 code that labels a 2020-edition payload (checked in constraints).
    "PayloadMetadata": {
        "transliterationMethod": E("TransliterationMethodCode", 0, N),
        "payloadVersion": E("PayloadVersionCode"),
    },
    "Person": {"naturalPerson": E("NaturalPerson"), "legalPerson": E("LegalPerson")},
    "NaturalPerson": {
        "name": E("NaturalPersonName", 1),
        "geographicAddress": E("Address", 0, N),
        "nationalIdentification": E("NationalIdentification"),
        "customerIdentification": E("Max50Text"),
        "dateAndPlaceOfBirth": E("DateAndPlaceOfBirth"),
        "countryOfResidence": E("CountryCode"),
    },
    "NaturalPersonName": {
        "nameIdentifier": E("NaturalPersonNameID", 1, N),
        "localNameIdentifier": E("LocalNaturalPersonNameID", 0, N),
        "phoneticNameIdentifier": E("LocalNaturalPersonNameID", 0, N),
    },
    "NaturalPersonNameID": {
        "primaryIdentifier": E("Max100Text", 1),
        "secondaryIdentifier": E("Max100Text"),
        "nameIdentifierType": E("NaturalPersonNameTypeCode", 1),
    },
    "LocalNaturalPersonNameID": {
        "primaryIdentifier": E("LocalMax100Text", 1),
        "secondaryIdentifier": E("LocalMax100Text"),
        "nameIdentifierType": E("NaturalPersonNameTypeCode", 1),
    },
    "LegalPerson": {
        "name": E("LegalPersonName", 1),
        "geographicAddress": E("Address", 0, N),
        "customerNumber": E("Max50Text"),
        "customerIdentification": E("Max50Text"),
        "nationalIdentification": E("NationalIdentification"),
        "countryOfRegistration": E("CountryCode"),
    },
    "LegalPersonName": {
        "nameIdentifier": E("LegalPersonNameID", 1, N),
        "localNameIdentifier": E("LocalLegalPersonNameID", 0, N),
        "phoneticNameIdentifier": E("LocalLegalPersonNameID", 0, N),
    },
    "LegalPersonNameID": {
        "legalPersonName": E("Max100Text", 1),
        "legalPersonNameIdentifierType": E("LegalPersonNameTypeCode", 1),
    },
    "LocalLegalPersonNameID": {
        "legalPersonName": E("LocalMax100Text", 1),
        "legalPersonNameIdentifierType": E("LegalPersonNameTypeCode", 1),
    },
    "Address": {
        "addressType": E("AddressTypeCode", 1),
        "department": E("Max50Text"),
        "subDepartment": E("Max70Text"),
        "streetName": E("Max70Text"),
        "buildingNumber": E("Max16Text"),
        "buildingName": E("Max35Text"),
        "floor": E("Max70Text"),
        "postBox": E("Max16Text"),
        "room": E("Max70Text"),
        "postcode": E("Max16Text"),
        "postCode": E("Max16Text"),
        "townName": E("Max35Text", 1),
        "townLocationName": E("Max35Text"),
        "districtName": E("Max35Text"),
        "countrySubDivision": E("Max35Text"),
        "addressLine": E("Max70Text", 0, 7),
        "country": E("CountryCode", 1),
    },
    "DateAndPlaceOfBirth": {"dateOfBirth": E("Date", 1), "placeOfBirth": E("Max70Text", 1)},
    "NationalIdentification": {
        "nationalIdentifier": E("Max35Text", 1),
        "nationalIdentifierType": E("NationalIdentifierTypeCode", 1),
        "countryOfIssue": E("CountryCode"),
        "registrationAuthority": E("RegistrationAuthority"),
    },
}


def _rename(table: dict[str, Element], old: str, new: str, element: Element | None = None) -> None:
    """Rename ``old`` to ``new`` in place, keeping the member order."""
    items = [(new if k == old else k, element if (k == old and element) else v) for k, v in table.items()]
    table.clear()
    table.update(items)


def _table_2023() -> dict[str, dict[str, Element]]:
    t = copy.deepcopy(_TABLE_2020)
    t["Originator"] = {"originatorPerson": E("Person", 1, N)}
    t["Beneficiary"] = {"beneficiaryPerson": E("Person", 1, N)}
    t["Person"]["accountNumber"] = E("Max512Text", 0, N)
    _rename(t["NaturalPersonNameID"], "nameIdentifierType", "naturalPersonNameIdentifierType")
    del t["LegalPerson"]["customerNumber"]
    t["PayloadMetadata"]["payloadVersion"] = E("PayloadVersionCode", 1)
    # payloadVersion is [1..1]: a 2023 payload must carry PayloadMetadata to declare its edition.
    t["IVMS101"]["payloadMetadata"] = E("PayloadMetadata", 1)
    return t


# Members of the other edition: member -> (the member to use instead or None, explanation).
# When a replacement is named, its own "required" error is not reported again.
_MOVED_2023 = "IVMS101.2023 moved accountNumber from {0} into each {1} (Person.accountNumber)"
_RENAMED_2023 = "IVMS101.2023 renamed {0} to {1}"
_NEWER = "{0} is the IVMS101.2023 name; the 2020 edition uses {1}"
_HINTS_2023: dict[str, dict[str, tuple[str | None, str]]] = {
    "Originator": {
        "originatorPersons": ("originatorPerson", _RENAMED_2023.format("originatorPersons", "originatorPerson")),
        "accountNumber": (None, _MOVED_2023.format("Originator", "originatorPerson")),
    },
    "Beneficiary": {
        "beneficiaryPersons": ("beneficiaryPerson", _RENAMED_2023.format("beneficiaryPersons", "beneficiaryPerson")),
        "accountNumber": (None, _MOVED_2023.format("Beneficiary", "beneficiaryPerson")),
    },
    "NaturalPersonNameID": {
        "nameIdentifierType": (
            "naturalPersonNameIdentifierType",
            _RENAMED_2023.format("nameIdentifierType", "naturalPersonNameIdentifierType in nameIdentifier entries"),
        ),
    },
    "LegalPerson": {
        "customerNumber": (
            "customerIdentification",
            _RENAMED_2023.format("the legal person's customerNumber", "customerIdentification"),
        ),
    },
}
_HINTS_2020: dict[str, dict[str, tuple[str | None, str]]] = {
    "Originator": {"originatorPerson": ("originatorPersons", _NEWER.format("originatorPerson", "originatorPersons"))},
    "Beneficiary": {
        "beneficiaryPerson": ("beneficiaryPersons", _NEWER.format("beneficiaryPerson", "beneficiaryPersons")),
    },
    "Person": {
        "accountNumber": (
            None,
            "Person.accountNumber is IVMS101.2023; in 2020 accountNumber belongs to Originator or Beneficiary",
        ),
    },
    "NaturalPersonNameID": {
        "naturalPersonNameIdentifierType": (
            "nameIdentifierType",
            _NEWER.format("naturalPersonNameIdentifierType", "nameIdentifierType"),
        ),
    },
}


@cache
def tables(edition: str) -> dict[str, dict[str, Element]]:
    """The element table of ``edition`` ("2020" or "2023"), keyed by component name."""
    return copy.deepcopy(_TABLE_2020) if edition == "2020" else _table_2023()


def wrong_edition_hints(edition: str) -> dict[str, dict[str, tuple[str | None, str]]]:
    """For ``edition``: members that belong to the other edition, with what to use instead."""
    return _HINTS_2020 if edition == "2020" else _HINTS_2023


#: Entities whose Person children play a Travel Rule role (used by constraints C1 and C4).
ROLE_OF: dict[str, str] = {
    "Originator": "originator",
    "Beneficiary": "beneficiary",
    "OriginatingVASP": "originatingVASP",
    "BeneficiaryVASP": "beneficiaryVASP",
    "IntermediaryVASP": "intermediaryVASP",
}

#: Entities that wrap one Person under a member of the same name; a bare Person is accepted too.
WRAPPED_PERSON: dict[str, str] = {"OriginatingVASP": "originatingVASP", "BeneficiaryVASP": "beneficiaryVASP"}
