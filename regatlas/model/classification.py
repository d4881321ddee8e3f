"""Token classification rules per jurisdiction (`classification/<CODE>.yaml`).

A file lists the factors the law tests (each a CEL test over `token`, with the legal text) and
ordered rules: the first rule in force on the day whose `condition` holds gives the category.
`perimeter` names provisions that shape the licensing perimeter: licence requirements filed under
another topic, and provisions that are not a licence (reverse solicitation, transitional
regimes, scope clauses).

>>> c = Classification.model_validate({"code": "EU", "rules": [{"id": "eu-cls-x",
...     "category": "other_crypto_asset", "label": "Other crypto-asset", "condition": "true",
...     "source": {"instrument": "eu-mica", "article": "Art. 3(1)(5)"},
...     "verification": "verified"}]})
>>> c.rules[0].token_types, c.rules[0].in_scope
(['any'], True)
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from regatlas.model.common import Cited, Strict
from regatlas.model.entities import Instrument
from regatlas.model.vocab import TokenType


class FactorRef(Strict):
    """A factor a rule tests, with the value it expects (`expect`) for the rule to match."""

    factor: str
    expect: bool = True


class Factor(Strict):
    """One legal test on a token: a question, a CEL test over `token`, the text it encodes."""

    id: str
    question: str
    test: str
    text: str | None = None
    article: str | None = None


class ClassificationRule(Cited):
    """A category the law gives a token when `condition` holds (first match in file order wins)."""

    id: str
    category: str
    label: str
    condition: str
    factors: list[FactorRef] = Field(default_factory=list)
    token_types: list[TokenType] = Field(default_factory=lambda: ["any"])
    in_scope: bool = Field(default=True, description="False: outside the jurisdiction's crypto regime.")
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    text: str | None = None


class Perimeter(Strict):
    """Provisions (by id) that shape the licensing perimeter: `licences` are licence or
    authorisation requirements filed under another topic (e.g. stablecoin issuance); the others
    qualify the perimeter rather than require a licence."""

    licences: list[str] = Field(default_factory=list)
    reverse_solicitation: str | None = None
    transitional: list[str] = Field(default_factory=list)
    scope: list[str] = Field(default_factory=list)


class Classification(Strict):
    """All classification data of one jurisdiction (or `generic`, used where none exists)."""

    code: str
    summary: str | None = None
    instruments: list[Instrument] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list)
    rules: list[ClassificationRule] = Field(default_factory=list)
    perimeter: Perimeter = Field(default_factory=Perimeter)
