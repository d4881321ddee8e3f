"""Travel Rule endpoints: corridor check, matrix, IVMS101 validation, screening jobs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from regatlas.interfaces.api.deps import AsOfQuery, DayField, Memo, api_router, day_of, memo
from regatlas.interfaces.api.problems import NOT_MODIFIED, errors
from regatlas.interfaces.api.respond import answer, send
from regatlas.model.answers import Check, IvmsValidation, Matrix
from regatlas.model.common import Number

WRITE_ERRORS = errors(403, 404, 413, 415, 422)
"""What a POST here can answer besides 200: cross-origin, unknown code, too large, media type, invalid."""

router = api_router("/api/v1", "travel rule")
MemoDep = Annotated[Memo, Depends(memo)]
Code = Annotated[str, Field(pattern=r"^[A-Za-z]{2}(-[A-Za-z0-9]{2,8})?$", max_length=11)]


class CheckRequest(BaseModel):
    """One transfer: same fields as `regatlas travel-rule check`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    from_: Code = Field(alias="from")
    to: Code
    amount: Number = Field(ge=0, le=1e15)
    currency: Annotated[str, Field(pattern=r"^[A-Za-z]{3}$")]
    date: DayField = None
    counterparty: Literal["vasp", "self-hosted"] = "vasp"
    originator_vasp_lei: Annotated[str | None, Field(max_length=40, description="LEI of the originator's VASP.")] = None
    beneficiary_vasp_lei: Annotated[str | None, Field(max_length=40, description="LEI of the beneficiary's VASP.")] = None


class IvmsRequest(BaseModel):
    """An IVMS101 payload and, optionally, the corridor it travels on."""

    model_config = ConfigDict(extra="forbid")
    payload: dict[str, Any]
    corridor: Annotated[str | None, Field(pattern=r"^[A-Za-z-]{2,11}:[A-Za-z-]{2,11}$")] = None
    amount: Number | None = Field(default=None, ge=0, le=1e15)
    currency: Annotated[str | None, Field(pattern=r"^[A-Za-z]{3}$")] = None
    edition: Literal["2020", "2023"] | None = None
    as_of: DayField = None


@router.post("/travel-rule/check", response_model=Check, responses={**NOT_MODIFIED, **WRITE_ERRORS})
async def travel_rule_check(request: Request, body: CheckRequest, m: MemoDep) -> Response:
    """Is the Travel Rule triggered on each side, which fields, what action — cited."""
    args = (body.from_.upper(), body.to.upper(), body.amount, body.currency.upper(), day_of(body.date),
            body.counterparty)
    from regatlas.engines.travel_rule.corridor import check
    from regatlas.engines.travel_rule.single import resolved

    leis = {"originator": body.originator_vasp_lei, "beneficiary": body.beneficiary_vasp_lei}
    if any(leis.values()):  # register snapshots can be added while the server runs: not memoised
        return answer(request, Check, await run_in_threadpool(lambda: check(m.atlas, *args, vasp_leis=leis)))
    key = ("check", *args)
    # A check on a day already resolved is about 0.2 ms of work: done in place, no thread hop;
    # resolving a new day (milliseconds) goes to a worker thread. Encoded answers are kept (by bytes).
    if resolved(m.atlas, args[4]):
        return send(request, m.encode_now(key, lambda: check(m.atlas, *args), Check))
    return send(request, await m.encode(key, lambda: check(m.atlas, *args), Check))


@router.get("/travel-rule/matrix", response_model=Matrix, responses={**NOT_MODIFIED, **errors(422)})
def travel_rule_matrix(request: Request, m: MemoDep, as_of: AsOfQuery = None) -> Response:
    """Corridor matrix for all jurisdictions on the date."""
    from regatlas.engines.travel_rule.matrix import matrix

    return answer(request, Matrix, matrix(m.atlas, day_of(as_of)))


@router.post("/ivms/validate", response_model=IvmsValidation, responses={**NOT_MODIFIED, **WRITE_ERRORS})
def ivms_validate(request: Request, body: IvmsRequest, m: MemoDep) -> Response:
    """IVMS101 validation plus, for a corridor, the fields still missing (the repair list)."""
    from regatlas.engines.travel_rule.payload import check_payload

    corridor = tuple(body.corridor.upper().split(":")) if body.corridor else None
    doc = check_payload(m.atlas, body.payload, corridor, day_of(body.as_of), body.amount,
                        body.currency.upper() if body.currency else None, body.edition)
    return answer(request, IvmsValidation, doc)
