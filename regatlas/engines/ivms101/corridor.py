"""Which Travel Rule fields a corridor requires that an IVMS101 payload does not supply.

``required`` uses regatlas's Travel Rule vocabulary (:data:`regatlas.model.vocab.TRAVEL_RULE_FIELDS`);
an entry that is a list means "any one of these". Person-level fields are read from the first
person of the side (``originatorPersons[0]`` / ``originatorPerson[0]``), the account holder.

==========================  ===========================================================================
field                       satisfied by (paths for 2020; 2023 uses originatorPerson/beneficiaryPerson)
==========================  ===========================================================================
``<side>_name``             a ``nameIdentifier`` of type LEGL with a primaryIdentifier (natural person)
                            or a legalPersonName (legal person)
``<side>_account``          2020: a non-empty ``<side>.accountNumber``; 2023: any person's
                            ``accountNumber``
``<side>_address``          a ``geographicAddress`` entry
``<side>_national_id``      ``nationalIdentification.nationalIdentifier``
``<side>_customer_id``      ``customerIdentification`` (2020 legal person: ``customerNumber`` too)
``originator_dob_pob``      ``dateAndPlaceOfBirth`` with dateOfBirth and placeOfBirth (natural persons)
``originator_dob``          ``dateAndPlaceOfBirth.dateOfBirth`` (natural persons)
``<side>_lei``              ``nationalIdentification`` of type LEIX (legal persons)
==========================  ===========================================================================

Date of birth applies to natural persons and the LEI to legal persons only: for a person of the
other kind such a field is not applicable, is not a gap on its own, and inside an "any one of"
list it neither satisfies the list nor is proposed as the repair.

>>> payload = {"originator": {"originatorPersons": [{"naturalPerson": {"name": {"nameIdentifier": [
...     {"primaryIdentifier": "Smith", "nameIdentifierType": "LEGL"}]}}}]}}
>>> [(g.field, g.paths) for g in corridor_gaps(payload, ["originator_name", "originator_account"])]
[('originator_account', ['$.originator.accountNumber'])]
>>> gap = corridor_gaps(payload, [["originator_address", "originator_dob_pob"]])[0]
>>> gap.any_of, gap.paths[0]
(['originator_address', 'originator_dob_pob'], '$.originator.originatorPersons[0].naturalPerson.geographicAddress')
"""

from __future__ import annotations

from dataclasses import dataclass

from regatlas.engines.ivms101.edition import detect_edition, normalize_edition
from regatlas.engines.ivms101.issues import child
from regatlas.engines.ivms101.people import persons_key
from regatlas.errors import InputError
from regatlas.model.vocab import TRAVEL_RULE_FIELDS


@dataclass
class Gap:
    """An unmet corridor requirement: the field (or alternatives), where to supply it, and why."""

    field: str | None
    any_of: list[str] | None
    paths: list[str]
    message: str

    def as_dict(self) -> dict:
        """The gap as a plain JSON-ready dict."""
        return {"field": self.field, "any_of": self.any_of, "paths": self.paths, "message": self.message}


@dataclass
class _Check:
    applicable: bool
    met: bool
    paths: list[str]
    wants: str


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _check(payload: dict, edition: str, name: str) -> _Check:
    side, item = name.split("_", 1)
    entity = _dict(payload.get(side))
    key = persons_key(side, edition)
    people = entity.get(key) if isinstance(entity.get(key), list) else []
    first = _dict(people[0]) if people else {}
    kind = "legalPerson" if "legalPerson" in first and "naturalPerson" not in first else "naturalPerson"
    if item == "lei" and not first:
        kind = "legalPerson"
    base = child(child(child("$", side), key), 0)
    where = child(base, kind)
    body = _dict(first.get(kind))
    if item == "account":
        if edition == "2020":
            return _Check(True, any(_text(a) for a in _list(entity.get("accountNumber"))),
                          [child(child("$", side), "accountNumber")], "an account number")
        held = any(_text(a) for p in people for a in _list(_dict(p).get("accountNumber")))
        return _Check(True, held, [child(base, "accountNumber")], "an account number")
    if item == "name":
        if kind == "naturalPerson":
            type_key = "nameIdentifierType" if edition == "2020" else "naturalPersonNameIdentifierType"
            ok = any(_text(n.get("primaryIdentifier")) and str(n.get(type_key, "")).upper() == "LEGL"
                     for n in map(_dict, _list(_dict(body.get("name")).get("nameIdentifier"))))
        else:
            ok = any(_text(n.get("legalPersonName")) and str(n.get("legalPersonNameIdentifierType", "")).upper()
                     == "LEGL" for n in map(_dict, _list(_dict(body.get("name")).get("nameIdentifier"))))
        return _Check(True, ok, [child(child(where, "name"), "nameIdentifier")], "the legal name (type LEGL)")
    if item == "address":
        ok = any(isinstance(a, dict) and a for a in _list(body.get("geographicAddress")))
        return _Check(True, ok, [child(where, "geographicAddress")], "a geographic address")
    if item == "national_id":
        ok = _text(_dict(body.get("nationalIdentification")).get("nationalIdentifier"))
        return _Check(True, ok, [child(where, "nationalIdentification")], "a national identification")
    if item == "customer_id":
        names = ["customerIdentification"]
        if kind == "legalPerson" and edition == "2020":
            names = ["customerNumber", "customerIdentification"]
        ok = any(_text(body.get(n)) for n in names)
        return _Check(True, ok, [child(where, names[0])], "a customer identification number")
    if item in ("dob", "dob_pob"):
        birth = _dict(body.get("dateAndPlaceOfBirth"))
        parts = ["dateOfBirth"] if item == "dob" else ["dateOfBirth", "placeOfBirth"]
        paths = [child(child(where, "dateAndPlaceOfBirth"), p) for p in parts]
        wants = "a date of birth" if item == "dob" else "a date and place of birth"
        return _Check(kind == "naturalPerson", all(_text(birth.get(p)) for p in parts), paths, wants)
    # item == "lei"
    ni = _dict(body.get("nationalIdentification"))
    ok = str(ni.get("nationalIdentifierType", "")).upper() == "LEIX" and _text(ni.get("nationalIdentifier"))
    return _Check(kind == "legalPerson", ok, [child(where, "nationalIdentification")],
                  "an LEI (nationalIdentification with nationalIdentifierType LEIX)")


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _parse(required: list[str | list[str]]) -> list[str | list[str]]:
    if not isinstance(required, list):
        raise InputError("required must be a list of Travel Rule fields", field="required")
    for i, entry in enumerate(required):
        names = entry if isinstance(entry, list) else [entry]
        if not names:
            raise InputError("an 'any one of' entry must name at least one field", field=f"required.{i}")
        for name in names:
            if name not in TRAVEL_RULE_FIELDS:
                raise InputError(f"unknown Travel Rule field {name!r}; expected one of "
                                 f"{', '.join(TRAVEL_RULE_FIELDS)}", field=f"required.{i}")
    return required


def corridor_gaps(payload: dict, required: list[str | list[str]], edition: str | None = None) -> list[Gap]:
    """The requirements in ``required`` that ``payload`` does not meet, in order, with repair paths.

    ``edition`` ("2020"/"2023") is detected from the payload when None. Unknown field names
    raise :class:`~regatlas.errors.InputError`. An empty list means every requirement is met.

    >>> gap = corridor_gaps({"beneficiary": {"beneficiaryPerson": [{"legalPerson": {}}]}}, ["beneficiary_lei"])[0]
    >>> gap.field, gap.paths
    ('beneficiary_lei', ['$.beneficiary.beneficiaryPerson[0].legalPerson.nationalIdentification'])
    """
    if not isinstance(payload, dict):
        raise InputError("an IVMS101 payload must be a JSON object", field="payload")
    chosen = normalize_edition(edition) if edition is not None else detect_edition(payload)
    gaps: list[Gap] = []
    for entry in _parse(required):
        if isinstance(entry, str):
            check = _check(payload, chosen, entry)
            if check.applicable and not check.met:
                gaps.append(Gap(entry, None, check.paths, f"{entry}: {check.wants} is missing; "
                                f"supply it at {', '.join(check.paths)}"))
            continue
        checks = [(name, _check(payload, chosen, name)) for name in entry]
        relevant = [(name, c) for name, c in checks if c.applicable]
        if not relevant or any(c.met for _, c in relevant):
            continue
        paths = [p for _, c in relevant for p in c.paths]
        options = "; or ".join(f"{c.wants} at {', '.join(c.paths)}" for _, c in relevant)
        gaps.append(Gap(None, list(entry), paths, f"none of {', '.join(entry)} is supplied; supply one: {options}"))
    return gaps
