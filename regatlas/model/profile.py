"""A firm profile: entities and licences, activities, tokens, markets served, volumes.

It is the input of the assessment. Applicability conditions in the rulebook (`applies_if`) and
classification conditions are CEL expressions over the variables in `CEL_VARIABLES`; the
validator rejects any other name.

>>> p = FirmProfile.model_validate({"name": "Acme", "activities": ["exchange"],
...     "entities": [{"id": "acme-de", "name": "Acme GmbH", "jurisdiction": "DE"}],
...     "markets": [{"jurisdiction": "FR"}]})
>>> p.markets[0].clients, p.markets[0].reach
(['retail'], 'solicitation')

Names and other free text are single lines of plain text: control characters (C0, DEL, C1,
U+2028, U+2029) are refused, so a name cannot break out of the line it is printed on. Only
`description` may span lines (newline and tab allowed).

>>> FirmProfile.model_validate({"name": "Acme\\nLtd", "activities": ["exchange"],
...     "entities": [{"id": "a", "name": "A", "jurisdiction": "DE"}], "markets": [{"jurisdiction": "DE"}]})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for FirmProfile
name
  control character U+000A at position 5 is not allowed; use one line of plain text ...
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from regatlas.model.common import Count, Money, Strict
from regatlas.model.vocab import Activity

Peg = Literal["none", "single_fiat", "fiat_basket", "other_assets", "algorithmic"]
ClientKind = Literal["retail", "professional"]
Reach = Literal["solicitation", "reverse_solicitation"]


def _plain(text: str, allowed: str = "") -> str:
    """`text` unchanged if it has no control character other than `allowed`, else an error.

    >>> _plain("Smith & Jones <EU>"), _plain("a\\nb", allowed="\\n")
    ('Smith & Jones <EU>', 'a\\nb')
    """
    for position, char in enumerate(text, 1):
        if char not in allowed and (unicodedata.category(char) == "Cc" or char in "\u2028\u2029"):
            use = "plain text" if allowed else "one line of plain text"
            raise PydanticCustomError("control_character",
                                      "control character {char} at position {position} is not allowed; use " + use,
                                      {"char": f"U+{ord(char):04X}", "position": position})
    return text


Line = Annotated[str, AfterValidator(_plain)]
Paragraph = Annotated[str, AfterValidator(lambda text: _plain(text, allowed="\n\t"))]


class Token(Strict):
    """A token the firm issues or deals in, described by its characteristics (not its label)."""

    symbol: Line
    name: Line | None = None
    issued_by_firm: bool = False
    peg: Peg = Field(default="none", description="What the token references to keep a stable value.")
    peg_currencies: list[str] = Field(default_factory=list, description="ISO 4217 codes referenced.")
    redeemable_at_par: bool = Field(default=False, description="Holders can redeem at par from the issuer.")
    profit_rights: bool = Field(default=False, description="Rights to profits, dividends or income.")
    debt_claim: bool = Field(default=False, description="A claim on the issuer for repayment.")
    governance_rights: bool = False
    transferable: bool = True
    nft: bool = Field(default=False, description="Unique and not fungible with other tokens.")
    yield_bearing: bool = Field(default=False, description="Holders receive a return for holding it.")
    issuer_identifiable: bool = True
    means_of_payment: bool = Field(default=False, description="Intended or used as a means of payment.")
    access_to_service: bool = Field(default=False, description="Gives access to a good or service of its issuer.")
    sold_to_raise_funds: bool = Field(default=False, description="Sold by a promoter to finance a project.")
    privacy: bool = Field(default=False, description="Anonymity-enhancing (hides sender, receiver or amount).")


class Licence(Strict):
    """A licence held: the rulebook provision it was granted under and the granting jurisdiction."""

    provision: str
    jurisdiction: str
    reference: Line | None = None
    granted: dt.date | None = None
    activities: list[Activity] = Field(default_factory=list, description="Empty: as the provision.")


class Entity(Strict):
    """A legal entity of the group, its home jurisdiction and the licences it holds. With `lei`, the
    registers supply its authorisation and passports and any mismatch with `licences` is reported."""

    id: Line
    name: Line
    jurisdiction: str
    lei: str | None = Field(default=None, description="LEI (ISO 17442): read the entity's authorisation from "
                                                      "the registers.")
    licences: list[Licence] = Field(default_factory=list)

    @field_validator("lei")
    @classmethod
    def _lei(cls, value: str | None) -> str | None:
        from regatlas.registers.lei import lei_problem

        if value is not None and (problem := lei_problem(value)):
            raise ValueError(problem)
        return value.strip().upper() if value else value


class Market(Strict):
    """A jurisdiction whose customers the firm serves, and how it reaches them."""

    jurisdiction: str
    clients: list[ClientKind] = Field(default_factory=lambda: ["retail"])
    reach: Reach = "solicitation"
    entity: str | None = Field(default=None, description="Entity id serving this market.")


class Volumes(Strict):
    """Business volumes (optional): used by thresholds such as significance or exemptions."""

    customers: Count | None = Field(default=None, ge=0)
    monthly_volume: Money | None = None
    tokens_outstanding: Money | None = None
    monthly_transactions: Count | None = Field(default=None, ge=0)


class FirmProfile(Strict):
    """The whole input of an assessment."""

    name: Line
    description: Paragraph | None = None
    entities: list[Entity] = Field(min_length=1)
    activities: list[Activity] = Field(min_length=1)
    tokens: list[Token] = Field(default_factory=list)
    markets: list[Market] = Field(min_length=1)
    volumes: Volumes = Field(default_factory=Volumes)


_TOKEN_FIELDS = {name: ("list" if name == "peg_currencies" else "value") for name in Token.model_fields}
# Variables a CEL expression may use, by context: root -> field -> "value" | "list".
CEL_VARIABLES: dict[str, dict[str, dict[str, str]]] = {
    "classification": {
        "token": _TOKEN_FIELDS,
        "jurisdiction": {"code": "value", "currency": "value"},
    },
    "applies_if": {
        "firm": {"activities": "list", "home_jurisdictions": "list", "licence_provisions": "list",
                 "issues_tokens": "value", "entities": "value"},
        "market": {"jurisdiction": "value", "served": "value", "home": "value", "retail": "value",
                   "professional": "value", "reach": "value"},
        "tokens": {"types": "list", "categories": "list", "symbols": "list", "peg_currencies": "list"},
        "volumes": {"customers": "value", "monthly_volume_eur": "value",
                    "tokens_outstanding_eur": "value", "monthly_transactions": "value"},
        "jurisdiction": {"code": "value", "currency": "value"},
    },
}
