"""Per-jurisdiction dated facts: crypto status, Travel Rule, stablecoin regime, CBDC, FATF lists.

Each list is ordered by `from`; each entry carries its own source.

>>> tr = TravelRuleValue.model_validate({"from": "2020-01-28", "status": "in_force",
...     "threshold": {"amount": 1500, "currency": "SGD"},
...     "source": {"instrument": "sg-psn02"}, "verification": "verified"})
>>> tr.threshold.amount
1500.0
>>> eu = TravelRuleValue.model_validate({"from": "2024-12-30", "status": "in_force",
...     "originator_fields": ["originator_name", [{"all_of": ["originator_address",
...     "originator_national_id"]}, "originator_dob_pob"]],
...     "source": {"instrument": "eu-tfr"}, "verification": "unverified"})
>>> describe(eu.model_dump()["originator_fields"][1])
'originator_address + originator_national_id | originator_dob_pob'
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from regatlas.model.common import DatedValue, Money, Strict
from regatlas.model.vocab import (
    CbdcStatus,
    CryptoStatus,
    RegimeStatus,
    SelfHostedPolicy,
    TravelRuleField,
)


class AllOf(Strict):
    """Fields that are all required together: one alternative of an "any one of" list.

    EU TFR Art. 14(1)(d): the address, the official personal document number and the customer
    identification number together, or alternatively the date and place of birth.
    """

    all_of: list[TravelRuleField] = Field(min_length=2)


Alternative = TravelRuleField | AllOf
# Each entry is a field, or a list of alternatives of which any one suffices; an alternative is
# a field or an `{all_of: [...]}` group.
Fields = list[TravelRuleField | list[Alternative]]


def alternative_names(alternative: Any) -> list[str]:
    """The field names one alternative asks for (a name, or every name of an `all_of` group).

    >>> alternative_names({"all_of": ["originator_address", "originator_customer_id"]})
    ['originator_address', 'originator_customer_id']
    >>> alternative_names("originator_dob_pob")
    ['originator_dob_pob']
    """
    return list(alternative["all_of"]) if isinstance(alternative, dict) else [alternative]


def field_key(entry: Any) -> tuple:
    """A key equal for entries that ask for the same thing, whatever the order of alternatives.

    >>> field_key(["b", {"all_of": ["d", "c"]}]) == field_key([{"all_of": ["c", "d"]}, "b"])
    True
    """
    if not isinstance(entry, list):
        return ("field", entry)
    return ("any_of", tuple(sorted(tuple(sorted(alternative_names(a))) for a in entry)))


def describe(entry: Any) -> str:
    """An entry as one line: alternatives joined by " | ", group members by " + ".

    >>> describe(["originator_dob_pob", {"all_of": ["originator_address", "originator_customer_id"]}])
    'originator_dob_pob | originator_address + originator_customer_id'
    """
    alternatives = entry if isinstance(entry, list) else [entry]
    return " | ".join(" + ".join(alternative_names(a)) for a in alternatives)


class CryptoStatusValue(DatedValue):
    """How the jurisdiction treats crypto-asset activity overall."""

    value: CryptoStatus


class Tier(Strict):
    """A reduced data set required from `min` up to the full threshold.

    Each entry of `fields` is a field name or a list of alternatives (any one suffices); an
    alternative may be an `{all_of: [...]}` group of fields required together.
    """

    min: Money
    fields: Fields
    note: str | None = None


class SelfHosted(Strict):
    """What the law asks for transfers to or from self-hosted (unhosted) wallets."""

    policy: SelfHostedPolicy
    threshold: Money | None = None
    threshold_inclusive: bool = Field(
        default=True, description="True: applies from the threshold ('or more'); false: above it ('exceeding').")
    note: str | None = None


class TravelRuleValue(DatedValue):
    """The Travel Rule (FATF R.16 for virtual assets) as it stands from `from`.

    `threshold` is the amount from which the full originator and beneficiary information is
    required (amount 0: every transfer); reduced sets below it are `tiers`.
    """

    status: RegimeStatus
    threshold: Money | None = None
    threshold_inclusive: bool = Field(
        default=True, description="True: applies from the threshold ('or more'); false: above it ('exceeding').")
    originator_fields: Fields = Field(default_factory=list)
    beneficiary_fields: Fields = Field(default_factory=list)
    tiers: list[Tier] = Field(default_factory=list)
    self_hosted: SelfHosted | None = None
    provision: str | None = None


class StablecoinValue(DatedValue):
    """The stablecoin regime: whether one exists and under which instrument."""

    status: RegimeStatus
    regime: str | None = None
    provision: str | None = None


class CbdcValue(DatedValue):
    """Central bank digital currency status (retail or wholesale named in `name`)."""

    status: CbdcStatus
    name: str | None = None
