"""Which IVMS101 edition a payload follows: "2020" (IVMS 101, May 2020) or "2023" (IVMS101.2023).

Detection, in order:

1. ``payloadMetadata.payloadVersion`` (an IVMS101.2023 element): ``"101.2023"`` means 2023,
   ``"101"`` means 2020. ``"IVMS101.2023"`` - the spelling the 2023 standard's own business
   examples use, although its PayloadVersionCode list says ``"101.2023"`` - also means 2023
   (validation then reports the value as not on the code list).
2. Member names only one edition has: ``originatorPerson``/``beneficiaryPerson`` (2023) or
   ``originatorPersons``/``beneficiaryPersons`` (2020).
3. Otherwise 2020, the edition most payloads in circulation still follow.

>>> detect_edition({"payloadMetadata": {"payloadVersion": "101.2023"}})
'2023'
>>> detect_edition({"originator": {"originatorPerson": []}})
'2023'
>>> detect_edition({"originator": {"originatorPersons": []}})
'2020'
>>> normalize_edition("101.2023"), normalize_edition(2020)
('2023', '2020')
"""

from __future__ import annotations

from regatlas.errors import InputError

EDITIONS: tuple[str, ...] = ("2020", "2023")

_ALIASES = {
    "2020": "2020", "101": "2020", "ivms101": "2020", "ivms 101": "2020",
    "2023": "2023", "101.2023": "2023", "ivms101.2023": "2023", "ivms 101.2023": "2023",
}
_VERSION_2023 = {"101.2023", "IVMS101.2023", "IVMS 101.2023"}


def normalize_edition(edition: str | int) -> str:
    """"2020" or "2023" for any accepted spelling; :class:`~regatlas.errors.InputError` otherwise."""
    found = _ALIASES.get(str(edition).strip().lower())
    if found is None:
        raise InputError(f"unknown IVMS101 edition {edition!r}; use '2020' or '2023'", field="edition")
    return found


def detect_edition(payload: object) -> str:
    """The edition ``payload`` declares or, failing that, the one its member names belong to.

    >>> detect_edition({"payloadMetadata": {"payloadVersion": "101"}, "originator": {"originatorPerson": []}})
    '2020'
    """
    if not isinstance(payload, dict):
        return "2020"
    metadata = payload.get("payloadMetadata")
    version = metadata.get("payloadVersion") if isinstance(metadata, dict) else None
    if isinstance(version, str):
        if version.strip() in _VERSION_2023:
            return "2023"
        if version.strip() == "101":
            return "2020"
    for entity, new, old in (
        ("originator", "originatorPerson", "originatorPersons"),
        ("beneficiary", "beneficiaryPerson", "beneficiaryPersons"),
    ):
        members = payload.get(entity)
        if isinstance(members, dict):
            if new in members:
                return "2023"
            if old in members:
                return "2020"
    return "2020"
