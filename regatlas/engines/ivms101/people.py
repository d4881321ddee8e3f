"""Finding the Person objects of a payload: originators, beneficiaries, VASPs, intermediaries.

>>> payload = {"originator": {"originatorPersons": [{"naturalPerson": {}}]},
...            "originatingVASP": {"originatingVASP": {"legalPerson": {}}}}
>>> [(role, path) for role, path, _ in iter_persons(payload, "2020")]
[('originator', '$.originator.originatorPersons[0]'), ('originatingVASP', '$.originatingVASP.originatingVASP')]
>>> persons_key("beneficiary", "2023")
'beneficiaryPerson'
"""

from __future__ import annotations

from collections.abc import Iterator

from regatlas.engines.ivms101.issues import child


def persons_key(side: str, edition: str) -> str:
    """The member holding the persons of ``side`` ("originator" or "beneficiary") in ``edition``."""
    return f"{side}Persons" if edition == "2020" else f"{side}Person"


def vasp_person(payload: dict, entity: str) -> tuple[str, dict] | None:
    """(path, Person) of ``originatingVASP``/``beneficiaryVASP``, wrapped or written directly."""
    value = payload.get(entity)
    if not isinstance(value, dict):
        return None
    inner = value.get(entity)
    if isinstance(inner, dict):
        return child(child("$", entity), entity), inner
    if "naturalPerson" in value or "legalPerson" in value:
        return child("$", entity), value
    return None


def iter_persons(payload: dict, edition: str) -> Iterator[tuple[str, str, dict]]:
    """Every Person object as (role, JSON path, person), in payload order of the entities."""
    for side in ("originator", "beneficiary"):
        entity = payload.get(side)
        key = persons_key(side, edition)
        people = entity.get(key) if isinstance(entity, dict) else None
        if isinstance(people, list):
            for i, person in enumerate(people):
                if isinstance(person, dict):
                    yield side, child(child(child("$", side), key), i), person
    for entity in ("originatingVASP", "beneficiaryVASP"):
        found = vasp_person(payload, entity)
        if found:
            yield entity, found[0], found[1]
    transfer = payload.get("transferPath")
    hops = transfer.get("transferPath") if isinstance(transfer, dict) else None
    if isinstance(hops, list):
        for i, hop in enumerate(hops):
            person = hop.get("intermediaryVASP") if isinstance(hop, dict) else None
            if isinstance(person, dict):
                path = child(child(child(child("$", "transferPath"), "transferPath"), i), "intermediaryVASP")
                yield "intermediaryVASP", path, person
