"""Validate an IVMS101 payload (2020 or 2023 edition) and name every defect by JSON path and code.

>>> payload = {
...     "originator": {
...         "originatorPersons": [{"naturalPerson": {
...             "name": {"nameIdentifier": [{"primaryIdentifier": "Smith", "secondaryIdentifier": "Alice",
...                                          "nameIdentifierType": "LEGL"}]},
...             "customerIdentification": "1002390"}}],
...         "accountNumber": ["10023909"]},
...     "beneficiary": {
...         "beneficiaryPersons": [{"naturalPerson": {
...             "name": {"nameIdentifier": [{"primaryIdentifier": "Barnes", "nameIdentifierType": "LEGL"}]}}}],
...         "accountNumber": ["1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"]},
... }
>>> result = validate(payload)
>>> result.edition, result.valid
('2020', True)
>>> payload["originator"]["originatorPersons"][0]["naturalPerson"]["name"]["nameIdentifier"][0][
...     "nameIdentifierType"] = "ALIA"
>>> [(e.path, e.code) for e in validate(payload).errors]
[('$.originator.originatorPersons[0].naturalPerson.name.nameIdentifier', 'C6_natural_person_legal_name')]
>>> [(e.path, e.code) for e in validate(payload, "2023").errors][:2]
[('$.originator.originatorPersons', 'wrong_edition_field'), ('$.originator.accountNumber', 'wrong_edition_field')]
"""

from __future__ import annotations

import datetime as dt

from regatlas.engines.ivms101.context import Context
from regatlas.engines.ivms101.edition import detect_edition, normalize_edition
from regatlas.engines.ivms101.issues import ValidationResult
from regatlas.engines.ivms101.walker import walk


def validate(payload: dict, edition: str | None = None, *, today: dt.date | None = None) -> ValidationResult:
    """Check ``payload`` against IVMS101 ``edition`` ("2020" or "2023"; detected when None).

    ``today`` is the reference date of constraint C2 (dates of birth must lie before it); it
    defaults to the current date. The result lists every error found, in payload order.

    >>> r = validate({"originator": {}, "beneficiary": {"beneficiaryPersons": [{}]}}, "2020")
    >>> [(e.path, e.code) for e in r.errors]
    [('$.originator.originatorPersons', 'required'), ('$.beneficiary.beneficiaryPersons[0]', 'person_one_of')]
    """
    chosen = normalize_edition(edition) if edition is not None else detect_edition(payload)
    ctx = Context(chosen, today or dt.date.today())
    walk(ctx, payload, "$", "IVMS101", "")
    return ValidationResult(chosen, ctx.errors)
