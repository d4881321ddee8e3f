"""Which Travel Rule fields a corridor requires that an IVMS101 payload does not supply.

``required`` uses regatlas's Travel Rule vocabulary (:data:`regatlas.model.vocab.TRAVEL_RULE_FIELDS`);
an entry that is a list means "any one of these", and an alternative that is ``{"all_of": [...]}``
is met only when every field of the group is supplied. Person-level fields are read from the first
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
>>> eu = [[{"all_of": ["originator_name", "originator_customer_id"]}, "originator_dob_pob"]]
>>> [p.rsplit(".", 1)[1] for p in corridor_gaps(payload, eu)[0].paths]
['customerIdentification', 'dateOfBirth', 'placeOfBirth']
"""

from __future__ import annotations

from dataclasses import dataclass

from regatlas.engines.ivms101.edition import detect_edition, normalize_edition
from regatlas.engines.ivms101.issues import child
from regatlas.engines.ivms101.people import persons_key
from regatlas.errors import InputError
from regatlas.model.facts import alternative_names, describe
from regatlas.model.vocab import TRAVEL_RULE_FIELDS


@dataclass
class Gap:
    """An unmet corridor requirement: the field (or alternatives), where to supply it, and why."""

    field: str | None
    any_of: list[str | dict] | None
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


def _names(entry: object, where: str) -> list[str]:
    """The field names of one alternative (a name or an `{all_of: [...]}` group), checked."""
    if isinstance(entry, dict):
        names = entry.get("all_of")
        if set(entry) != {"all_of"} or not isinstance(names, list) or len(names) < 2:
            raise InputError("a group must be {all_of: [two or more fields]}", field=where)
    else:
        names = [entry]
    for name in names:
        if name not in TRAVEL_RULE_FIELDS:
            raise InputError(f"unknown Travel Rule field {name!r}; expected one of "
                             f"{', '.join(TRAVEL_RULE_FIELDS)}", field=where)
    return names


def _parse(required: list) -> list:
    if not isinstance(required, list):
        raise InputError("required must be a list of Travel Rule fields", field="required")
    for i, entry in enumerate(required):
        if isinstance(entry, list):
            if not entry:
                raise InputError("an 'any one of' entry must name at least one field", field=f"required.{i}")
            for alternative in entry:
                _names(alternative, f"required.{i}")
        else:
            _names(entry, f"required.{i}")
    return required


def _alternatives_gap(payload: dict, edition: str, entry: list) -> Gap | None:
    """The gap of an "any one of" entry, or None when one alternative is met in full.

    An alternative counts when at least one of its fields applies to the person; it is met when
    every applicable field is supplied. The repair names only what each alternative still lacks.
    """
    missing: list[tuple[object, list[_Check]]] = []
    for alternative in entry:
        checks = [c for c in (_check(payload, edition, n) for n in alternative_names(alternative))
                  if c.applicable]
        if not checks:
            continue
        unmet = [c for c in checks if not c.met]
        if not unmet:
            return None
        missing.append((alternative, unmet))
    if not missing:
        return None
    paths = [p for _, unmet in missing for c in unmet for p in c.paths]
    options = "; or ".join(" and ".join(f"{c.wants} at {', '.join(c.paths)}" for c in unmet)
                           for _, unmet in missing)
    return Gap(None, list(entry), paths, f"none of {describe(entry)} is supplied in full; supply one: {options}")


def corridor_gaps(payload: dict, required: list, edition: str | None = None) -> list[Gap]:
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
        gap = _alternatives_gap(payload, chosen, entry)
        if gap:
            gaps.append(gap)
    return gaps
