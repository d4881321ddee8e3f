"""Register and firm endpoints: the same answers as `regatlas firms ...` and `regatlas registers ...`.

Answers are computed per request, not memoised: `registers load` may add a snapshot while a server runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response

from regatlas.interfaces.api.deps import AsOfQuery, Memo, api_router, day_of, memo
from regatlas.interfaces.api.problems import errors
from regatlas.interfaces.api.respond import answer
from regatlas.model.answers import FirmCheck, FirmSearch, FirmShow, RegisterDiff, Registers
from regatlas.registers import ask

router = api_router("/api/v1", "registers")
MemoDep = Annotated[Memo, Depends(memo)]
LeiPath = Annotated[str, Path(min_length=1, max_length=40, description="LEI (ISO 17442, 20 characters).")]
SnapshotQuery = Annotated[str, Query(min_length=8, max_length=80, pattern=r"^[A-Za-z0-9-]+$",
                                     description="Snapshot id, start of id, or SHA-256 prefix.")]


@router.get("/firms", response_model=FirmSearch, responses=errors(422))
def firms_search(request: Request, m: MemoDep, q: Annotated[str, Query(
        min_length=2, max_length=200, description="Part of a name, commercial name or website, or an LEI.")],
        as_of: AsOfQuery = None) -> Response:
    """Firms in each register's newest snapshot published by the date (same as `regatlas firms search --json`)."""
    return answer(request, FirmSearch, ask.firm_search(q, day_of(as_of), m.atlas))


@router.get("/firms/check", response_model=FirmCheck, responses=errors(422))
def firms_check(request: Request, m: MemoDep,
                lei: Annotated[str, Query(min_length=1, max_length=40, description="LEI (ISO 17442).")],
                service: Annotated[str, Query(max_length=120, description="MiCA service: a-j or its slug.")],
                country: Annotated[str, Query(min_length=2, max_length=2, description="ISO 3166-1 alpha-2.")],
                as_of: AsOfQuery = None) -> Response:
    """May the firm provide the service in the country on the date (same as `regatlas firms check --json`);
    an LEI no register lists is answered `not_found`, a malformed one is 422."""
    return answer(request, FirmCheck, ask.firm_check(lei, service, country, day_of(as_of), m.atlas))


@router.get("/firms/{lei}", response_model=FirmShow, responses=errors(404, 422))
def firms_show(request: Request, m: MemoDep, lei: LeiPath, as_of: AsOfQuery = None) -> Response:
    """Every register row for an LEI (same as `regatlas firms show --json`); an LEI no loaded snapshot
    lists is 404, a malformed one 422."""
    return answer(request, FirmShow, ask.firm_show(lei, day_of(as_of), m.atlas))


@router.get("/registers", response_model=Registers, responses=errors(422))
def registers(request: Request) -> Response:
    """Every loaded register snapshot with its provenance and load counts."""
    return answer(request, Registers, ask.registers_list())


@router.get("/registers/diff", response_model=RegisterDiff, responses=errors(422))
def registers_diff(request: Request, old: SnapshotQuery, new: SnapshotQuery) -> Response:
    """What changed between two snapshots of one register (same as `regatlas registers diff --json`)."""
    return answer(request, RegisterDiff, ask.registers_diff(old, new))
