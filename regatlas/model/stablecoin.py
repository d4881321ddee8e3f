"""Stablecoin regimes (rulebook section `stablecoin_regimes/`) and reserve reports (user input).

A regime is a named set of checkable requirements, each pointing at the provision whose
`parameters` hold the legal value; the value itself never lives here. A reserve report is what an
issuer publishes: holdings by asset class, tokens outstanding, redemption terms, attestation.

>>> r = StablecoinRegime.model_validate({"id": "x", "name": "X", "jurisdiction": "EU",
...     "requirements": [{"kind": "reserve_coverage_min", "provision": "p", "parameter": "q"}]})
>>> r.requirements[0].kind
'reserve_coverage_min'
>>> Holding.model_validate({"asset_class": "treasury_bill", "value": 10}).regulated is None
True
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from regatlas.model.common import IsoDate, Money, Number, Strict
from regatlas.model.vocab import TokenType

RequirementKind = Literal[
    "reserve_coverage_min",          # Ratio: reserve value / tokens outstanding
    "eligible_assets",               # list[str]: asset classes allowed in the reserve
    "max_maturity_days",             # Days or ISO 8601 duration (P3M): longest residual maturity
    "deposit_share_min_in_credit_institutions",  # Ratio: deposits at regulated banks / reserve
    "single_bank_concentration_max",  # Ratio: largest single-bank share of the reserve
    "regulated_custodian_required",  # bool: every holding with a regulated bank or custodian
    "segregation_required",          # bool: reserve segregated from the issuer's own assets
    "reserve_same_currency",         # bool: holdings in the token's reference currency
    "attestation_max_age_days",      # Days or duration (P1M): newest attestation/audit not older
    "redemption_deadline_days",      # Days: redemption paid within
    "redemption_at_par",             # bool
    "redemption_fee_allowed",        # bool: false = redemption must be free of charge
    "capital_min",                   # Money
    "eligible_issuer_types",         # list[str]
    "guarantee_coverage_min",        # Ratio: bank default guarantee / tokens outstanding
]
REQUIREMENT_KINDS: tuple[str, ...] = get_args(RequirementKind)

AssetClass = Literal[
    "cash", "central_bank_deposit", "bank_deposit", "treasury_bill", "government_bond",
    "reverse_repo", "repo", "money_market_fund", "government_money_market_fund",
    "commercial_paper", "corporate_bond", "secured_loan", "precious_metal", "crypto", "other",
]
ASSET_CLASSES: tuple[str, ...] = get_args(AssetClass)


class Requirement(Strict):
    """One checkable requirement: its kind and the provision parameter that holds the value.

    `applies_to` narrows asset-based kinds to some asset classes (e.g. the maturity limit for
    Treasury bills only); `lag_parameter` adds a publication lag to an attestation interval;
    `share_parameter` (capital_min only) names a Ratio of the report's annual operating expenses:
    the minimum is then the higher of the amount and that share.
    """

    kind: RequirementKind
    provision: str
    parameter: str
    applies_to: list[AssetClass] = Field(default_factory=list)
    lag_parameter: str | None = None
    share_parameter: str | None = None
    note: str | None = None


class StablecoinRegime(Strict):
    """A named set of requirements (e.g. MiCA e-money tokens) for one jurisdiction."""

    id: str
    name: str
    jurisdiction: str
    token_types: list[TokenType] = Field(default_factory=lambda: ["stablecoin"])
    summary: str | None = None
    requirements: list[Requirement]
    note: str | None = None


class _Input(BaseModel):
    """Base of report parts: unknown keys are errors so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Holding(_Input):
    """One reserve position. `regulated`: the bank or custodian holding it is regulated."""

    asset_class: AssetClass
    value: Number = Field(ge=0)
    currency: str | None = None
    issuer: str | None = None
    custodian: str | None = None
    regulated: bool | None = None
    segregated: bool | None = None
    maturity: IsoDate | None = None
    acquired: IsoDate | None = None


class Redemption(_Input):
    """Redemption terms the issuer offers."""

    at_par: bool | None = None
    deadline_days: Number | None = Field(default=None, ge=0)
    business_days: bool = True
    fee: Number | None = Field(default=None, ge=0)


class Attestation(_Input):
    """The newest attestation or audit of the reserve: date it speaks to, and who signed it."""

    date: IsoDate | None = None
    auditor: str | None = None
    kind: str | None = None


class Issuer(_Input):
    """Who issues: name and type (e.g. 'electronic money institution', 'credit institution')."""

    name: str | None = None
    type: str | None = None


class ReserveReport(_Input):
    """A reserve report as published on `date` (missing parts make requirements not assessable)."""

    token: str | None = None
    currency: str | None = None
    date: IsoDate | None = None
    issuer: Issuer | None = None
    outstanding: Number | None = Field(default=None, ge=0)
    holdings: list[Holding] = Field(default_factory=list)
    redemption: Redemption | None = None
    attestation: Attestation | None = None
    capital: Money | None = None
    annual_operating_expenses: Money | None = None
    guarantee: Number | None = Field(default=None, ge=0)
    segregated: bool | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> ReserveReport:
        if not self.model_fields_set:
            raise ValueError("an empty reserve report: give at least outstanding and holdings")
        return self
