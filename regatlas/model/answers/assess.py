"""Assessment answers: `assess PROFILE` and `classify PROFILE`.

`law_of` has one meaning everywhere: the jurisdiction whose law states the rule (EU for a member
state under an EU regulation); the market where it was found is `market`.

>>> "owning law" in PlanParameter.model_fields["law_of"].description
True
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from regatlas.model.answers.base import CODE, Answer, Cited, Part
from regatlas.model.common import IsoDate

LAW_OF = "The owning law: the jurisdiction whose law states the rule (EU for the TFR in a member state)."


class PlanParameter(Cited):
    """One value of the common plan: the strictest among the markets, and whose law it is."""

    parameter: str = Field(description="Parameter name (threshold, policy, minimum_capital ...).")
    value: Any = Field(description="The strictest value.")
    law_of: str = Field(description=LAW_OF)
    from_provision: str | None = Field(description="Id of the provision that states the value.")
    satisfies: list[str] = Field(description="Markets whose rule this value satisfies.")
    market: str | None = Field(None, description="The market where the strictest value applies.")
    value_eur: float | None = Field(None, description="The value in euros on the date, when it is money.")
    threshold: Any = Field(None, description="Threshold the value applies from.")
    control: str | None = Field(None, description="The control to put in place, in words.")


class Control(Part):
    """A topic of the common plan."""

    topic: str = Field(description="Topic (travel_rule, self_hosted_wallets, prudential ...).")
    parameters: list[PlanParameter] = Field(description="Strictest value per parameter.")
    requirements: list[Any] = Field(description="Requirements without a value that every market shares.")


class Plan(Part):
    """One compliance plan for all markets."""

    common_controls: list[Control] = Field(description="Controls that satisfy every market at once.")
    jurisdiction_specific: list[dict[str, Any]] = Field(description="What only one market asks.")


class Conflict(Part):
    """A topic and parameter where the markets' laws say different things."""

    topic: str = Field(description="Topic.")
    parameter: str = Field(description="Parameter.")
    kind: str | None = Field(None, description="travel_rule or parameter.")
    summary: str | None = Field(None, description="The difference in words.")
    sides: list[dict[str, Any]] = Field(description="Each law's value, source and verification.")
    strictest: str | None = Field(None, description="The strictest law, when the values compare.")


class TimelineEvent(Cited):
    """A dated change after the as-of date that touches the firm."""

    date: IsoDate = Field(description="When it happens.")
    event: str = Field(description="starts or ends.")
    id: str = Field(description="Provision id.")
    title: str | None = Field(None, description="Provision title.")
    topic: str | None = Field(None, description="Topic.")
    law_of: str | None = Field(None, description=LAW_OF)
    jurisdictions: list[str] | None = Field(None, description="Markets it touches.")


class Assessment(Answer):
    """`regatlas assess PROFILE --json`, POST /api/v1/assess: indicative, cited, dated."""

    schema_: str = Field(alias="schema", description="Version of this answer's shape.")
    disclaimer: str = Field(description="What the assessment is not (legal advice).")
    profile: dict[str, Any] = Field(description="The firm profile as read.")
    summary: list[dict[str, Any]] = Field(description="Per market: roles, status, licence and obligation counts.")
    jurisdictions: list[dict[str, Any]] = Field(description="Per market: licences, obligations, prohibitions, "
                                                            "tokens, perimeter, passport routes.")
    conflicts: list[Conflict] = Field(description="Where the markets' laws differ.")
    plan: Plan = Field(description="Common controls and what stays specific.")
    timeline: list[TimelineEvent] = Field(description="Dated changes ahead.")
    overlaps: list[dict[str, Any]] = Field(
        default_factory=list, description="Competence overlaps and gaps touching the firm: per jurisdiction, "
        "activity, token type and market, the authorities that claim it (cited) and how they divide it.")
    registers: list[dict[str, Any]] | None = Field(None, description=(
        "Per entity named by LEI: the register row read (snapshot, line), the licence taken from it, and "
        "each mismatch with the profile (licence_not_in_register, licence_jurisdiction, licence_date, "
        "activities_not_authorised, withdrawn, market_not_passported)."))


class TokenClassification(Cited):
    """A token classified under one jurisdiction's rules, factor by factor."""

    token: str = Field(description="Token symbol.")
    jurisdiction: str = Field(description=CODE)
    category: str | None = Field(None, description="Category indicated (null: none applies).")
    label: str | None = Field(None, description="The category in words.")
    rule: str | None = Field(None, description="Id of the rule that decided.")
    rules_from: str | None = Field(None, description="Whose classification rules were applied.")
    indicative_only: bool | None = Field(None, description="Always an indication, never advice.")
    token_types: list[str] | None = Field(None, description="Token types the category implies.")
    in_scope: bool | None = Field(None, description="In the crypto regime's scope.")
    factors: list[dict[str, Any]] | None = Field(None, description="Factors evaluated and their values.")
    considered: list[dict[str, Any]] | None = Field(None, description="Rules considered, in order.")
    note: str | None = Field(None, description="Editor's note.")
    disclaimer: str | None = Field(None, description="What the indication is not.")
    text: str | None = Field(None, description="Text of the rule.")
    condition: str | None = Field(None, description="The rule's condition (CEL).")


class Classifications(Answer):
    """`regatlas classify PROFILE`."""

    disclaimer: str = Field(description="What the classification is not.")
    classifications: list[TokenClassification] = Field(description="Every token under every jurisdiction.")
