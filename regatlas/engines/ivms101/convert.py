"""Convert a payload between the IVMS101 editions, saying what each direction cannot carry.

2020 -> 2023 (nothing is lost; a 2020 payload survives the round trip 2020 -> 2023 -> 2020):

* ``originator.originatorPersons`` -> ``originator.originatorPerson`` and
  ``beneficiary.beneficiaryPersons`` -> ``beneficiary.beneficiaryPerson``.
* ``originator.accountNumber`` / ``beneficiary.accountNumber`` -> ``accountNumber`` of the first
  person of that side. 2020 does not say which person holds which account, so with several
  persons all accounts go to the first one (a note says so).
* ``nameIdentifier[i].nameIdentifierType`` -> ``naturalPersonNameIdentifierType`` in every
  natural person's ``name.nameIdentifier`` (local and phonetic identifiers keep their name).
* ``legalPerson.customerNumber`` -> ``legalPerson.customerIdentification``.
* ``payloadMetadata.payloadVersion`` is set to ``"101.2023"`` (payloadMetadata is created).
* Not changed: values. 2023 limits Latin text elements to printable ASCII, so a 2020 value such
  as ``"Müller"`` in ``primaryIdentifier`` converts but fails 2023 validation; move such names
  to ``localNameIdentifier``.

2023 -> 2020 (what is lost is reported as notes):

* the reverse renames; ``payloadVersion`` is dropped (and an emptied payloadMetadata with it);
* every person's ``accountNumber`` is gathered, in person order and without repeats, into the
  side's ``accountNumber``. Lost: which person holds which account (noted when an account sits on
  any person but the first);
* ``accountNumber`` on a VASP or intermediary Person has no 2020 place and is dropped (noted);
* accounts longer than 100 characters (2023 Max512Text, 2020 Max100Text) are kept but noted,
  as they will fail 2020 validation;
* a 2020 legal person is given ``customerNumber`` (the 2020 element name; the 2020 table also
  lists ``customerIdentification``, which a 2020 -> 2023 -> 2020 trip therefore renames).

>>> p2020 = {"originator": {"originatorPersons": [{"legalPerson": {
...              "name": {"nameIdentifier": [{"legalPersonName": "ABC Ltd", "legalPersonNameIdentifierType": "LEGL"}]},
...              "customerNumber": "C-1"}}], "accountNumber": ["acct-1"]},
...          "beneficiary": {"beneficiaryPersons": []}}
>>> p2023 = convert(p2020, to="2023")
>>> p2023["originator"]["originatorPerson"][0]["accountNumber"], p2023["payloadMetadata"]
(['acct-1'], {'payloadVersion': '101.2023'})
>>> convert(p2023, to="2020") == p2020
True
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from regatlas.engines.ivms101.edition import detect_edition, normalize_edition
from regatlas.engines.ivms101.issues import child
from regatlas.engines.ivms101.people import iter_persons, persons_key


@dataclass(frozen=True)
class ConversionNote:
    """Something the conversion could not carry over exactly, and where."""

    path: str
    message: str


@dataclass
class Conversion:
    """A converted payload with its source and target editions and the notes on what changed."""

    payload: dict
    source: str
    target: str
    notes: list[ConversionNote] = field(default_factory=list)


def _rename(obj: dict, old: str, new: str, path: str, notes: list[ConversionNote]) -> None:
    """Rename member ``old`` to ``new`` in place, keeping the member order."""
    if old not in obj:
        return
    if new in obj:
        notes.append(ConversionNote(child(path, old), f"both {old} and {new} present; kept {new}, dropped {old}"))
        del obj[old]
        return
    items = list(obj.items())
    obj.clear()
    obj.update((new if k == old else k, v) for k, v in items)


def _as_list(value: object) -> list:
    return list(value) if isinstance(value, list) else [value]


def _rename_in_persons(payload: dict, edition: str, natural: tuple[str, str], legal: tuple[str, str],
                       notes: list[ConversionNote]) -> None:
    for _role, path, person in iter_persons(payload, edition):
        np = person.get("naturalPerson")
        name = np.get("name") if isinstance(np, dict) else None
        ids = name.get("nameIdentifier") if isinstance(name, dict) else None
        for i, entry in enumerate(ids if isinstance(ids, list) else []):
            if isinstance(entry, dict):
                where = child(child(child(child(path, "naturalPerson"), "name"), "nameIdentifier"), i)
                _rename(entry, *natural, where, notes)
        lp = person.get("legalPerson")
        if isinstance(lp, dict):
            _rename(lp, *legal, child(path, "legalPerson"), notes)


def _sides(p: dict, source: str, target: str, notes: list[ConversionNote]):
    """(side, entity, persons key) for originator and beneficiary, persons key already renamed."""
    for side in ("originator", "beneficiary"):
        entity = p.get(side)
        if isinstance(entity, dict):
            key = persons_key(side, target)
            _rename(entity, persons_key(side, source), key, child("$", side), notes)
            yield side, entity, key


def _to_2023(p: dict, notes: list[ConversionNote]) -> None:
    for side, entity, key in _sides(p, "2020", "2023", notes):
        if "accountNumber" not in entity:
            continue
        people = entity.get(key)
        if not (isinstance(people, list) and people and isinstance(people[0], dict)):
            notes.append(ConversionNote(child(child("$", side), "accountNumber"), "no person to carry the "
                                        "account numbers; left on the entity, where 2023 does not allow them"))
            continue
        accounts = _as_list(entity.pop("accountNumber"))
        first = people[0]
        first["accountNumber"] = _as_list(first.get("accountNumber") or []) + accounts
        if len(people) > 1:
            notes.append(ConversionNote(child(child(child(child("$", side), key), 0), "accountNumber"),
                                        f"2020 does not tie accounts to persons; all {len(accounts)} account(s) "
                                        f"were given to the first of {len(people)} persons"))
    _rename_in_persons(p, "2023", ("nameIdentifierType", "naturalPersonNameIdentifierType"),
                       ("customerNumber", "customerIdentification"), notes)
    metadata = p.get("payloadMetadata")
    if not isinstance(metadata, dict):
        metadata = p["payloadMetadata"] = {}
    metadata["payloadVersion"] = "101.2023"


def _to_2020(p: dict, notes: list[ConversionNote]) -> None:
    for role, path, person in iter_persons(p, "2023"):
        if role not in ("originator", "beneficiary") and "accountNumber" in person:
            person.pop("accountNumber")
            notes.append(ConversionNote(child(path, "accountNumber"),
                                        f"2020 has no account number for the {role}; dropped"))
    for side, entity, key in _sides(p, "2023", "2020", notes):
        people = entity.get(key)
        gathered = _as_list(entity.pop("accountNumber")) if "accountNumber" in entity else []
        holders = []
        for i, person in enumerate(people if isinstance(people, list) else []):
            if isinstance(person, dict) and person.get("accountNumber") is not None:
                holders.append(i)
                gathered += [a for a in _as_list(person.pop("accountNumber")) if a not in gathered]
        if not gathered:
            continue
        entity["accountNumber"] = gathered
        where = child(child("$", side), "accountNumber")
        if any(i > 0 for i in holders):
            notes.append(ConversionNote(where, f"accounts of persons {holders} merged into one list: 2020 cannot "
                                        "say which person holds which account"))
        for j, account in enumerate(gathered):
            if isinstance(account, str) and len(account) > 100:
                notes.append(ConversionNote(child(where, j), f"{len(account)} characters: longer than 2020 "
                                            "Max100Text allows; kept, but 2020 validation will reject it"))
    _rename_in_persons(p, "2020", ("naturalPersonNameIdentifierType", "nameIdentifierType"),
                       ("customerIdentification", "customerNumber"), notes)
    metadata = p.get("payloadMetadata")
    if isinstance(metadata, dict):
        metadata.pop("payloadVersion", None)
        if not metadata:
            del p["payloadMetadata"]


def convert_report(payload: dict, to: str, *, source: str | None = None) -> Conversion:
    """Convert ``payload`` to edition ``to`` and report what could not be carried exactly.

    ``source`` is detected from the payload when None. The input is never modified. Converting
    to the edition the payload already follows returns an unchanged copy.

    >>> report = convert_report({"originator": {"originatorPerson": [{"naturalPerson": {}, "accountNumber": ["a"]},
    ...                                                            {"naturalPerson": {}, "accountNumber": ["b"]}]}},
    ...                         to="2020")
    >>> report.payload["originator"]["accountNumber"], [n.path for n in report.notes]
    (['a', 'b'], ['$.originator.accountNumber'])
    """
    target = normalize_edition(to)
    origin = normalize_edition(source) if source is not None else detect_edition(payload)
    out = copy.deepcopy(payload)
    notes: list[ConversionNote] = []
    if origin != target:
        (_to_2023 if target == "2023" else _to_2020)(out, notes)
    return Conversion(out, origin, target, notes)


def convert(payload: dict, to: str) -> dict:
    """``payload`` converted to IVMS101 edition ``to`` ("2020" or "2023"); see the module notes.

    >>> convert({"beneficiary": {"beneficiaryPerson": [{"naturalPerson": {}, "accountNumber": ["x"]}]},
    ...          "payloadMetadata": {"payloadVersion": "101.2023"}}, to="2020")
    {'beneficiary': {'beneficiaryPersons': [{'naturalPerson': {}}], 'accountNumber': ['x']}}
    """
    return convert_report(payload, to).payload
