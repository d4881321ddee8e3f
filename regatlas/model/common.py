"""Building blocks shared by every entity: sources, money, dated values.

>>> Money(amount=1000, currency="EUR").currency
'EUR'
>>> DatedValue.model_validate({"from": "2024-12-30", "source": {"instrument": "x"},
...     "verification": "unverified"}).from_.isoformat()
'2024-12-30'

Numbers are finite and never booleans; dates are ISO calendar dates, never Unix timestamps:

>>> Money(amount=True, currency="EUR")
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Money
amount
  Value error, a number is required, not true or false [type=value_error, input_value=True, input_type=bool]
...
>>> from pydantic import TypeAdapter
>>> TypeAdapter(IsoDate).validate_python("0")
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for function-before[_iso_date(), date]
  Value error, a date is written YYYY-MM-DD, not '0' [type=value_error, input_value='0', input_type=str]
...
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from regatlas.model.vocab import Verification


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("a number is required, not true or false")  # noqa: TRY004 - pydantic reports ValueError
    return value


def _iso_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"a date is written YYYY-MM-DD, not {str(value)[:40]!r}")
    return value


Number = Annotated[float, BeforeValidator(_not_bool), Field(allow_inf_nan=False)]
"""A finite number; `true`/`false` are refused rather than read as 1 and 0."""
Count = Annotated[int, BeforeValidator(_not_bool)]
"""A whole number; `true`/`false` are refused."""
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A calendar date written YYYY-MM-DD (a number is not read as a Unix timestamp)."""


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
    excerpt: str | None = Field(
        default=None, description="The words read at `url`, at `article`: the evidence for `verified`.")
    checked: dt.date | None = Field(
        default=None, description="When the value was last checked against the text at `url`.")
    note: str | None = None


class Money(Strict):
    """An amount in an ISO 4217 currency (checked by the validator)."""

    amount: Number = Field(ge=0)
    currency: str


class Days(Strict):
    """A period in calendar days (business days when `business` is true)."""

    days: Number = Field(ge=0)
    business: bool = False


class Ratio(Strict):
    """A ratio or share, 1.0 meaning 100%."""

    ratio: Number = Field(ge=0)


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
