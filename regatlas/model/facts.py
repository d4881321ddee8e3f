"""Per-jurisdiction dated facts: crypto status, Travel Rule, stablecoin regime, CBDC, FATF lists.

Each list is ordered by `from`; each entry carries its own source.

>>> tr = TravelRuleValue.model_validate({"from": "2020-01-28", "status": "in_force",
...     "threshold": {"amount": 1500, "currency": "SGD"},
...     "source": {"instrument": "sg-psn02"}, "verification": "verified"})
>>> tr.threshold.amount
1500.0
"""

from __future__ import annotations

from pydantic import Field

from regatlas.model.common import DatedValue, Money, Strict
from regatlas.model.vocab import (
    CbdcStatus,
    CryptoStatus,
    FatfList,
    RegimeStatus,
    SelfHostedPolicy,
    TravelRuleField,
)

Fields = list[TravelRuleField | list[TravelRuleField]]


class CryptoStatusValue(DatedValue):
    """How the jurisdiction treats crypto-asset activity overall."""

    value: CryptoStatus


class Tier(Strict):
    """A reduced data set required from `min` up to the full threshold.

    Each entry of `fields` is a field name or a list of alternatives (any one suffices).
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


class FatfListValue(DatedValue):
    """FATF public list membership from a plenary date; `list: null` means off the lists."""

    list: FatfList | None = None
    plenary: str | None = None
