"""Travel Rule answers: corridor check, corridor matrix, screening (file and API job).

>>> Check.model_fields["originator"].description
"The originator's side: its law's threshold, whether it requires the full information, fields."
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from regatlas.model.answers.base import (
    CODE,
    Answer,
    Cited,
    FieldList,
    MoneyOut,
    Part,
    RulebookStamp,
    SourceRef,
)
from regatlas.model.common import IsoDate
from regatlas.model.vocab import SelfHostedPolicy

Action = Literal["block", "verify_self_hosted_ownership", "collect_and_record", "send_full_sunrise",
                 "send_full", "send_reduced", "none"]
"""What the originator's VASP should do with a transfer (the screening plan's actions)."""


class CheckInput(Part):
    """The transfer asked about."""

    from_: str = Field(alias="from", description="Originator's (VASP's) jurisdiction.")
    to: str = Field(description="Beneficiary's jurisdiction.")
    amount: float = Field(description="Amount in `currency`.")
    currency: str = Field(description="ISO 4217 code of the amount.")
    date: IsoDate = Field(description="Transfer date.")
    counterparty: Literal["vasp", "self-hosted"] = Field(description="Who is on the other side.")


class Side(Cited):
    """One side of a corridor: what its law requires for this transfer (contract)."""

    jurisdiction: str = Field(description=CODE)
    required: bool = Field(description="Whether this side's law requires the full Travel Rule information "
                                       "(amount converted into its currency on the date).")
    threshold: MoneyOut | None = Field(description="Its threshold, in the currency its law states it in.")
    fields: FieldList = Field(description="Fields its law requires (a list inside: any one of them).")
    status: str | None = Field(None, description="Status of its Travel Rule on the date.")
    in_force_from: IsoDate | None = Field(None, description="When its rule came into force.")
    threshold_inclusive: bool | None = Field(None, description="Whether the threshold amount itself is covered.")
    tiers: list[dict[str, Any]] | None = Field(None, description="Reduced data sets below the threshold.")
    self_hosted: dict[str, Any] | None = Field(None, description="Its policy for self-hosted wallets.")
    inherited_from: str | None = Field(None, description="The law the rule comes from when not its own (EU).")
    coverage: Literal["none", "basic", "in_depth"] | None = Field(
        None, description="How deeply the atlas covers this side (none: no rulebook file, nothing looked up).")


class FxRate(Part):
    """A reference rate used to compare amounts across currencies."""

    currency: str = Field(description="ISO 4217 code.")
    per_eur: float = Field(description="Units of the currency per euro.")
    published: IsoDate | None = Field(None, description="Date of the rate.")
    source: str | None = Field(None, description="Who published it (ECB, a pegged rate, identity ...).")
    url: str | None = Field(None, description="Where it is published.")


class CounterpartyVasp(Part):
    """A counterparty VASP named by its LEI, as the registers place it in a jurisdiction."""

    lei: str = Field(description="The LEI given.")
    jurisdiction: str = Field(description="The jurisdiction it was checked in (its side's).")
    status: str = Field(description=("authorised, passported, not_passported, not_yet_authorised, withdrawn, "
                                     "warning_list, not_found, no_register or invalid_lei."))
    reason: str = Field(description="What the status means.")
    snapshot: dict[str, Any] | None = Field(description="The register row it rests on (snapshot, line).")
    registers: list[dict[str, Any]] = Field(description="The register snapshots read.")


class Check(Answer):
    """`regatlas travel-rule check`, POST /api/v1/travel-rule/check: one transfer, both sides, cited."""

    required: bool = Field(description="Whether either side requires the full information.")
    sunrise: bool = Field(description="True when only one side's rule is in force (the sunrise problem).")
    originator: Side = Field(description="The originator's side: its law's threshold, whether it requires "
                                         "the full information, fields.")
    beneficiary: Side = Field(description="The beneficiary's side, as for the originator.")
    fields: FieldList = Field(description="Fields to send: the union of both sides' requirements.")
    action: Action = Field(description="What the originator's VASP should do with the transfer.")
    citations: list[SourceRef] = Field(description="Sources of both sides.")
    input: CheckInput | None = Field(None, description="The transfer asked about.")
    self_hosted_check: SelfHostedPolicy | None = Field(
        None, description="The originator's policy for a self-hosted counterparty (null for a VASP).")
    amount_eur: float | None = Field(None, description="The amount in euros on the date.")
    fx: list[FxRate] | None = Field(None, description="Rates used for the conversion.")
    explanation: list[str] | None = Field(None, description="The decision in sentences.")
    counterparty_vasps: dict[str, CounterpartyVasp] | None = Field(None, description=(
        "Per side named by LEI (originator, beneficiary): the VASP's status in that side's jurisdiction "
        "from the register snapshots."))


class MatrixRow(Part):
    """A jurisdiction's Travel Rule in the matrix."""

    code: str = Field(description=CODE)
    status: str | None = Field(description="in_force, enacted, proposed, none; null: no data on the date.")
    threshold_amount: float | None = Field(None, description="Threshold in its currency.")
    threshold_currency: str | None = Field(None, description="Currency of the threshold.")
    threshold_eur: float | None = Field(None, description="Threshold in euros on the date.")
    self_hosted: str | None = Field(None, description="Self-hosted wallet policy.")


class MatrixCell(Part):
    """One corridor of the matrix."""

    from_: str = Field(alias="from", description="Originator's jurisdiction.")
    to: str = Field(description="Beneficiary's jurisdiction.")
    status: str = Field(description="both (in force on both sides), sunrise (one side), none.")
    threshold_eur: float | None = Field(None, description="The lower threshold of the two, in euros.")


class Matrix(Answer):
    """`regatlas travel-rule matrix`, GET /api/v1/travel-rule/matrix."""

    jurisdictions: list[MatrixRow] = Field(description="Each jurisdiction's rule on the date.")
    counts: dict[str, int] = Field(description="Corridors by status: both, sunrise, none.")
    cells: list[MatrixCell] = Field(description="Every ordered pair of jurisdictions.")


class ScreenSummary(Answer):
    """`regatlas screen IN --out OUT`: how many rows were decided and rejected, and where they went."""

    rows_in: int = Field(description="Rows read.")
    rows_decided: int = Field(description="Rows with a decision.")
    rows_rejected: int = Field(description="Rows rejected (with a reason) to the rejects file.")
    out: str = Field(description="The decisions file (a download URL in the API).")
    rejects: str = Field(description="The rejects file (a download URL in the API).")
    engine: str | None = Field(None, description="duckdb or spark.")
    seconds: float | None = Field(None, description="Wall time of the run.")
    reject_reasons: dict[str, int] | None = Field(None, description="Rejected rows per reason.")
    balanced: bool | None = Field(None, description="rows_in == rows_decided + rows_rejected.")
    registers: list[str] | None = Field(None, description=(
        "Register snapshots the counterparty_* columns were read from (empty when the input has no "
        "originator_vasp_lei or beneficiary_vasp_lei column)."))


class ScreenJob(Part):
    """GET /api/v1/screen/{id}: a screening job's state and, when done, its summary."""

    id: str = Field(description="Job id (32 hex digits).")
    state: Literal["queued", "running", "done", "failed"] = Field(description="Where the job is.")
    progress: dict[str, float] = Field(description="Per phase, percent done.")
    result: ScreenSummary | None = Field(
        description="The summary once done (as `regatlas screen`; files named by their download URLs).")
    error: str | None = Field(description="Why it failed.")


class ScreenAccepted(ScreenJob):
    """POST /api/v1/screen: the job that was created (202 Accepted)."""

    rulebook: RulebookStamp = Field(description="Rulebook version and the date of the upload.")
