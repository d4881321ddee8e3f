"""The state one validation run carries while it walks a payload.

>>> import datetime as dt
>>> ctx = Context("2020", dt.date(2026, 11, 25))
>>> ctx.add("$.originator", "required", "missing")
>>> ctx.errors[0].path, ctx.key("NaturalPersonNameID.type")
('$.originator', 'nameIdentifierType')
>>> Context("2023", dt.date(2026, 11, 25)).key("Originator.persons")
'originatorPerson'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from regatlas.engines.ivms101.issues import Issue

#: Member names that differ between the editions, by a neutral key.
EDITION_KEYS: dict[str, dict[str, str]] = {
    "2020": {
        "Originator.persons": "originatorPersons",
        "Beneficiary.persons": "beneficiaryPersons",
        "NaturalPersonNameID.type": "nameIdentifierType",
        "LegalPerson.customer": "customerNumber",
    },
    "2023": {
        "Originator.persons": "originatorPerson",
        "Beneficiary.persons": "beneficiaryPerson",
        "NaturalPersonNameID.type": "naturalPersonNameIdentifierType",
        "LegalPerson.customer": "customerIdentification",
    },
}


@dataclass
class Context:
    """Edition, reference date for "in the past" (C2) and the errors found so far."""

    edition: str
    today: dt.date
    errors: list[Issue] = field(default_factory=list)

    def add(self, path: str, code: str, message: str) -> None:
        """Record one error."""
        self.errors.append(Issue(path, code, message))

    def key(self, neutral: str) -> str:
        """The member name this edition uses for an edition-dependent element."""
        return EDITION_KEYS[self.edition][neutral]
