"""The IVMS101 cross-field constraints, run by the walker after a component's own elements.

Source for C1-C12: IVMS101 (2020) section 5.2 and IVMS101.2023 section 5.2 / section 6, which
carry the same twelve constraints with the same numbers and names (transcriptions in
TransactionAuthorizationProtocol/ivms101 ``specs/``; cross-checked with TRISA ``validate.go``
and an independent reading of the 2023 PDF). Implemented:

* C1 OriginatorInformationNaturalPerson - an originator natural person also needs a geographic
  address (HOME/BIZZ/GEOG), customerIdentification, nationalIdentification or
  dateAndPlaceOfBirth. Applied to originator persons only, as its text says "If the originator".
* C2 DateInPast - dateOfBirth strictly before the reference date (today by default).
* C3 Country - country codes are ISO 3166-1 alpha-2 or XX (checked in :mod:`.datatypes`).
* C4 OriginatorInformationLegalPerson - an originator legal person also needs a GEOG address,
  customer identification (2020: customerNumber) or nationalIdentification. Originators only.
* C5 LegalNamePresentLegalPerson - one legal person nameIdentifier of type LEGL.
* C6 LegalNamePresentNaturalPerson - one natural person nameIdentifier of type LEGL.
* C7 ValidNationalIdentifierLegalPerson - a legal person's identifier type is RAID, MISC, LEIX
  or TXID.
* C8 ValidAddress - addressLine, or streetName with buildingName and/or buildingNumber.
* C9 CompleteNationalIdentifierLegalPerson - no countryOfIssue for a legal person; a
  registrationAuthority unless the type is LEIX, and none when it is LEIX.
* C10 RegistrationAuthority - format ``RA`` + six digits only (see :mod:`.datatypes`): the
  GLEIF Registration Authorities List is not bundled, so membership is not checked.
* C11 ValidLEI - a legal person's LEIX identifier matches ``LEIText``.
* C12 sequentialIntegrity - transferPath sequences are 0, 1, 2, ... in array order (the text
  says "starting from 0 and remain uninterrupted through to the final instance").

Checks that are not numbered constraints of the standard, named without a number:

* ``person_one_of`` - the Person structure table marks naturalPerson and legalPerson as an
  {Or ... Or} choice: exactly one must be present.
* ``lei_check_digits`` - ISO 17442 check digits of any LEIX identifier (see :mod:`.lei`).
* ``invalid_payload_version`` - ``payloadVersion`` must name the edition being validated.

>>> import datetime as dt
>>> ctx = Context("2020", dt.date(2026, 11, 25))
>>> legal_person(ctx, {"nationalIdentification": {"nationalIdentifier": "123", "nationalIdentifierType": "RAID"}},
...              "$.p.legalPerson", "beneficiary")
>>> [(e.path, e.code) for e in ctx.errors]
[('$.p.legalPerson.nationalIdentification.registrationAuthority', 'C9_registration_authority_required')]
"""

from __future__ import annotations

from collections.abc import Callable

from regatlas.engines.ivms101 import issues as I
from regatlas.engines.ivms101.context import Context
from regatlas.engines.ivms101.datatypes import parse_date
from regatlas.engines.ivms101.issues import child
from regatlas.engines.ivms101.lei import has_valid_check_digits, matches_lei_text
from regatlas.engines.ivms101.vocab import LEGAL_PERSON_IDENTIFIER_TYPES, canonical_code


def has_value(value: object) -> bool:
    """True unless ``value`` is absent in JSON terms: null, an empty string, array or object."""
    return value is not None and value != "" and value != [] and value != {}


def _code(value: object, code_list: str) -> str | None:
    return canonical_code(code_list, value) if isinstance(value, str) else None


def _address_types(person: dict) -> set[str]:
    addresses = person.get("geographicAddress")
    if not isinstance(addresses, list):
        return set()
    found = {_code(a.get("addressType"), "AddressTypeCode") for a in addresses if isinstance(a, dict)}
    return found - {None}


def person_one_of(ctx: Context, obj: dict, path: str, role: str) -> None:
    """Person: exactly one of naturalPerson and legalPerson."""
    present = [k for k in ("naturalPerson", "legalPerson") if obj.get(k) is not None]
    if not present:
        ctx.add(path, I.PERSON_ONE_OF, "a Person needs a naturalPerson or a legalPerson")
    elif len(present) == 2:
        ctx.add(path, I.PERSON_ONE_OF, "a Person is either a naturalPerson or a legalPerson, not both")


def natural_person(ctx: Context, obj: dict, path: str, role: str) -> None:
    """C1 for an originator natural person."""
    if role != "originator":
        return
    if _address_types(obj) or any(
        has_value(obj.get(k)) for k in ("customerIdentification", "nationalIdentification", "dateAndPlaceOfBirth")
    ):
        return
    ctx.add(path, I.C1_ORIGINATOR_NATURAL_PERSON, "an originator natural person needs, besides the name, a "
            "geographicAddress, customerIdentification, nationalIdentification or dateAndPlaceOfBirth (C1)")


def legal_person(ctx: Context, obj: dict, path: str, role: str) -> None:
    """C4 for an originator legal person; C7, C9 and C11 on a legal person's national identifier."""
    customer = ("customerNumber", "customerIdentification") if ctx.edition == "2020" else ("customerIdentification",)
    if role == "originator" and not (
        "GEOG" in _address_types(obj)
        or any(has_value(obj.get(k)) for k in customer)
        or has_value(obj.get("nationalIdentification"))
    ):
        ctx.add(path, I.C4_ORIGINATOR_LEGAL_PERSON, "an originator legal person needs, besides the name, a "
                f"geographicAddress of type GEOG, {ctx.key('LegalPerson.customer')} or nationalIdentification (C4)")
    ni = obj.get("nationalIdentification")
    if isinstance(ni, dict):
        _legal_person_identifier(ctx, ni, child(path, "nationalIdentification"))


def _legal_person_identifier(ctx: Context, ni: dict, path: str) -> None:
    kind = _code(ni.get("nationalIdentifierType"), "NationalIdentifierTypeCode")
    if has_value(ni.get("countryOfIssue")):
        ctx.add(child(path, "countryOfIssue"), I.C9_COUNTRY_OF_ISSUE_FORBIDDEN,
                "a legal person's national identification must not have a countryOfIssue (C9)")
    if kind is None:
        return
    if kind not in LEGAL_PERSON_IDENTIFIER_TYPES:
        ctx.add(child(path, "nationalIdentifierType"), I.C7_LEGAL_PERSON_IDENTIFIER_TYPE,
                f"{kind} cannot identify a legal person; use RAID, MISC, LEIX or TXID (C7)")
        return
    authority = has_value(ni.get("registrationAuthority"))
    if kind != "LEIX" and not authority:
        ctx.add(child(path, "registrationAuthority"), I.C9_REGISTRATION_AUTHORITY_REQUIRED,
                f"a legal person's {kind} identifier needs the registrationAuthority that issued it (C9)")
    if kind == "LEIX" and authority:
        ctx.add(child(path, "registrationAuthority"), I.C9_REGISTRATION_AUTHORITY_FORBIDDEN,
                "an LEI (LEIX) identifier must not carry a registrationAuthority (C9)")
    ident = ni.get("nationalIdentifier")
    if kind == "LEIX" and isinstance(ident, str) and ident.strip() and not matches_lei_text(ident):
        ctx.add(child(path, "nationalIdentifier"), I.C11_VALID_LEI,
                f"{ident!r} is not an LEI: 18 upper-case letters or digits then 2 digits (C11)")


def national_identification(ctx: Context, obj: dict, path: str, role: str) -> None:
    """ISO 17442 check digits of an LEIX identifier, whoever carries it."""
    ident = obj.get("nationalIdentifier")
    if _code(obj.get("nationalIdentifierType"), "NationalIdentifierTypeCode") != "LEIX":
        return
    if isinstance(ident, str) and matches_lei_text(ident) and not has_valid_check_digits(ident):
        ctx.add(child(path, "nationalIdentifier"), I.LEI_CHECK_DIGITS,
                f"{ident!r} fails the ISO 17442 check digits (ISO 7064 MOD 97-10)")


def _legal_name_present(ctx: Context, obj: dict, path: str, type_key: str, code_list: str, code: str) -> None:
    names = obj.get("nameIdentifier")
    if not isinstance(names, list) or not names:
        return  # reported as required / too_few already
    if not any(isinstance(n, dict) and _code(n.get(type_key), code_list) == "LEGL" for n in names):
        ctx.add(child(path, "nameIdentifier"), code,
                f"at least one nameIdentifier must have {type_key} LEGL (the legal name)")


def natural_person_name(ctx: Context, obj: dict, path: str, role: str) -> None:
    """C6: a natural person's names include a legal name."""
    _legal_name_present(ctx, obj, path, ctx.key("NaturalPersonNameID.type"), "NaturalPersonNameTypeCode",
                        I.C6_NATURAL_PERSON_LEGAL_NAME)


def legal_person_name(ctx: Context, obj: dict, path: str, role: str) -> None:
    """C5: a legal person's names include a legal name."""
    _legal_name_present(ctx, obj, path, "legalPersonNameIdentifierType", "LegalPersonNameTypeCode",
                        I.C5_LEGAL_PERSON_LEGAL_NAME)


def address(ctx: Context, obj: dict, path: str, role: str) -> None:
    """C8: addressLine, or streetName with buildingName and/or buildingNumber."""
    lines = obj.get("addressLine")
    if isinstance(lines, list) and any(has_value(line) for line in lines):
        return
    if has_value(obj.get("streetName")) and (has_value(obj.get("buildingName")) or has_value(obj.get("buildingNumber"))):
        return
    ctx.add(path, I.C8_VALID_ADDRESS,
            "an address needs an addressLine, or a streetName with a buildingName or buildingNumber (C8)")


def date_and_place_of_birth(ctx: Context, obj: dict, path: str, role: str) -> None:
    """C2: the date of birth lies in the past."""
    born = parse_date(obj.get("dateOfBirth"))
    if born is not None and born >= ctx.today:
        ctx.add(child(path, "dateOfBirth"), I.C2_DATE_IN_PAST,
                f"date of birth {born.isoformat()} is not before {ctx.today.isoformat()} (C2)")


def transfer_path(ctx: Context, obj: dict, path: str, role: str) -> None:
    """C12: intermediary sequences run 0, 1, 2, ... without a gap, in array order."""
    hops = obj.get("transferPath")
    if not isinstance(hops, list):
        return
    for i, hop in enumerate(hops):
        seq = hop.get("sequence") if isinstance(hop, dict) else None
        if isinstance(seq, bool) or not isinstance(seq, int):
            return  # missing or malformed: reported by the walker
        if seq != i:
            ctx.add(child(child(child(path, "transferPath"), i), "sequence"), I.C12_SEQUENTIAL_INTEGRITY,
                    f"sequence {seq} breaks the chain: intermediary {i} must have sequence {i} (C12)")
            return


def payload_metadata(ctx: Context, obj: dict, path: str, role: str) -> None:
    """payloadVersion names the edition being validated ("101" for 2020, "101.2023" for 2023)."""
    version = _code(obj.get("payloadVersion"), "PayloadVersionCode")
    expected = "101" if ctx.edition == "2020" else "101.2023"
    if version is not None and version != expected:
        ctx.add(child(path, "payloadVersion"), I.INVALID_PAYLOAD_VERSION,
                f"payloadVersion {version!r} does not match the {ctx.edition} edition (expected {expected!r})")


Hook = Callable[[Context, dict, str, str], None]

#: Component name -> constraint hook run once the component's elements were checked.
HOOKS: dict[str, Hook] = {
    "Person": person_one_of,
    "NaturalPerson": natural_person,
    "LegalPerson": legal_person,
    "NationalIdentification": national_identification,
    "NaturalPersonName": natural_person_name,
    "LegalPersonName": legal_person_name,
    "Address": address,
    "DateAndPlaceOfBirth": date_and_place_of_birth,
    "TransferPath": transfer_path,
    "PayloadMetadata": payload_metadata,
}
