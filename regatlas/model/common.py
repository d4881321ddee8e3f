"""Building blocks shared by every entity: sources, money, dated values.

>>> Money(amount=1000, currency="EUR").currency
'EUR'
>>> DatedValue.model_validate({"from": "2024-12-30", "source": {"instrument": "x"},
...     "verification": "unverified"}).from_.isoformat()
'2024-12-30'
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from regatlas.model.vocab import Verification


class Strict(BaseModel):
    """Base for every rulebook entity: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Source(Strict):
    """Where a fact comes from: an instrument id of the rulebook, the article, an official URL.

    `url` may be left out when the instrument's own URL is the right one; the compiler fills it.
    """

    instrument: str
    article: str | None = None
    url: str | None = None
    note: str | None = None


class Money(Strict):
    """An amount in an ISO 4217 currency (checked by the validator)."""

    amount: float = Field(ge=0)
    currency: str


class Days(Strict):
    """A period in calendar days (business days when `business` is true)."""

    days: float = Field(ge=0)
    business: bool = False


class Ratio(Strict):
    """A ratio or share, 1.0 meaning 100%."""

    ratio: float = Field(ge=0)


ParameterValue = Money | Days | Ratio | bool | int | float | str | list[str]


class Cited(Strict):
    """Anything that states a legal fact: it carries its source and verification status."""

    source: Source
    verification: Verification
    note: str | None = None
    published: dt.date | None = Field(
        default=None, description="Publication date of the text, kept apart from the effective date."
    )


class DatedValue(Cited):
    """A value that holds from `from` until the next value of the same list starts."""

    from_: dt.date = Field(alias="from")
