"""Stablecoin endpoints, mirroring `regatlas stablecoin check|stress|contagion|regimes`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from regatlas.engines.stablecoin.stress import MAX_SEED
from regatlas.interfaces.api.capacity import heavy
from regatlas.interfaces.api.deps import AsOfQuery, Memo, api_router, day_of, memo
from regatlas.interfaces.api.problems import NOT_MODIFIED, errors
from regatlas.interfaces.api.respond import answer
from regatlas.model.answers import Contagion, Regimes, StablecoinCheck, Stress
from regatlas.store import queries

router = api_router("/api/v1/stablecoin", "stablecoins")
MemoDep = Annotated[Memo, Depends(memo)]
Report = Annotated[dict[str, Any], Body(description="A reserve report, same fields as the YAML/JSON files.")]


def _report(raw: dict[str, Any]):
    from regatlas.engines.stablecoin.report import parse_mapping

    return parse_mapping(raw, "request body")


@router.post("/check", response_model=StablecoinCheck,
             responses={**NOT_MODIFIED, **errors(403, 404, 413, 415, 422)})
def check(request: Request, m: MemoDep, report: Report, as_of: AsOfQuery = None,
          regime: Annotated[str, Query(max_length=40, pattern=r"^[a-z0-9-]+$")] = "all") -> Response:
    """Each requirement of a regime (or of all regimes) as pass, fail or not assessable, cited."""
    from regatlas.engines.stablecoin.check import check_report

    return answer(request, StablecoinCheck, check_report(m.atlas, _report(report), regime, day_of(as_of), "request body"))


@router.post("/stress", dependencies=[Depends(heavy)], response_model=Stress,
             responses={**NOT_MODIFIED, **errors(403, 413, 415, 422, 503)})
async def stress(request: Request, m: MemoDep, report: Report, as_of: AsOfQuery = None,
                 paths: Annotated[int, Query(ge=1, le=200_000)] = 10_000,
                 days: Annotated[int, Query(ge=1, le=730)] = 90,
                 seed: Annotated[int, Query(ge=0, le=MAX_SEED)] = 0,
                 scenario: Annotated[str, Query(max_length=40, pattern=r"^[a-z0-9_-]+$")] = "all") -> Response:
    """Monte Carlo redemption-run stress test (bounded: paths x days at most 20 million; a few
    runs at once, 503 when the server is busy)."""
    from regatlas.engines.stablecoin.contagion import stress_scenarios
    from regatlas.engines.stablecoin.stress import simulate

    rep = _report(report)
    ans = await run_in_threadpool(simulate, rep, paths, days, seed)
    ans["scenarios"] = ([] if scenario == "none"
                        else await run_in_threadpool(stress_scenarios, rep, paths, days, seed, scenario))
    return answer(request, Stress, {"rulebook": queries.header(m.atlas, day_of(as_of)), **ans})


@router.post("/contagion", dependencies=[Depends(heavy)], response_model=Contagion,
             responses={**NOT_MODIFIED, **errors(403, 413, 415, 422, 503)})
async def contagion(request: Request, m: MemoDep,
                    scenario: Annotated[dict[str, Any], Body(description="A contagion scenario with each issuer's "
                                                             "report inline (`issuers: [{name, report: {...}}]`).")],
                    as_of: AsOfQuery = None, paths: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
                    days: Annotated[int, Query(ge=1, le=365)] = 90,
                    seed: Annotated[int, Query(ge=0, le=MAX_SEED)] = 0) -> Response:
    """Several issuers sharing banks and sold asset classes under one shock: who breaks, in what
    order, what holders lose (bounded: paths x days x issuers at most 60 million; 503 when busy)."""
    from regatlas.engines.stablecoin.contagion import contagion as run
    from regatlas.engines.stablecoin.contagion import parse_contagion

    case = parse_contagion(scenario, None, "request body")
    ans = await run_in_threadpool(run, case, paths, days, seed)
    return answer(request, Contagion, {"rulebook": queries.header(m.atlas, day_of(as_of)), **ans})


@router.get("/regimes", response_model=Regimes, responses={**NOT_MODIFIED, **errors(422)})
def regimes(request: Request, m: MemoDep, as_of: AsOfQuery = None) -> Response:
    """Every stablecoin regime with its requirements, values and status on the date."""
    from regatlas.engines.stablecoin import law

    day = day_of(as_of)
    docs = [{**law.regime(m.atlas, r), "requirements": law.requirements(m.atlas, r, day)}
            for r in law.regime_ids(m.atlas)]
    return answer(request, Regimes, {"rulebook": queries.header(m.atlas, day), "regimes": docs})
