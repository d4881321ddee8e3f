"""Coordination analytics endpoints, mirroring `regatlas align|aggregates|arbitrage|diff|timeline|
similarity|enforce|overlap|agreements`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, Depends, Query, Request, Response
from pydantic import BaseModel

from regatlas.interfaces.api.capacity import heavy
from regatlas.interfaces.api.deps import (
    FIRST_DAY,
    LAST_DAY,
    AsOfQuery,
    CodePath,
    Memo,
    api_router,
    day_of,
    memo,
)
from regatlas.interfaces.api.problems import NOT_MODIFIED, errors
from regatlas.interfaces.api.respond import answer, send
from regatlas.model.answers import (
    Aggregates,
    Agreements,
    Align,
    Arbitrage,
    Changes,
    Diff,
    Enforce,
    Overlap,
    Similarity,
    Timeline,
)
from regatlas.model.common import IsoDate

router = api_router("/api/v1", "analytics")
MemoDep = Annotated[Memo, Depends(memo)]
Word = Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_-]+$")]


async def _memo(request: Request, m: Memo, key: tuple, compute, model: type[BaseModel]) -> Response:
    return send(request, await m.encode(key, compute, model))


def _get(path: str, model: type[BaseModel], *statuses: int):
    """A GET route answering `model`, or a problem for each of `statuses`."""
    return router.get(path, response_model=model, responses={**NOT_MODIFIED, **errors(*statuses)})


@_get("/align", Align, 404, 422)
async def align(request: Request, m: MemoDep, as_of: AsOfQuery = None, standard: Word = None,
                jurisdiction: Annotated[str | None, Query(max_length=11)] = None) -> Response:
    """Alignment with FSB, IOSCO and FATF recommendations, per jurisdiction, with scores."""
    from regatlas.engines.analytics.align import align as run

    day, codes = day_of(as_of), [jurisdiction.upper()] if jurisdiction else None
    return await _memo(request, m, ("align", day, standard, jurisdiction),
                       lambda: run(m.atlas, day, standard, codes), Align)


@_get("/aggregates", Aggregates, 422)
async def aggregates(request: Request, m: MemoDep, as_of: AsOfQuery = None) -> Response:
    """Shares of jurisdictions with a Travel Rule, stablecoin framework, CASP licensing, ..."""
    from regatlas.engines.analytics.aggregates import aggregates as run

    day = day_of(as_of)
    return await _memo(request, m, ("aggregates", day), lambda: run(m.atlas, day), Aggregates)


@_get("/arbitrage", Arbitrage, 422)
async def arbitrage(request: Request, m: MemoDep, as_of: AsOfQuery = None, activity: Word = None,
                    topic: Word = None, limit: Annotated[int, Query(ge=1, le=5000)] = 30) -> Response:
    """Pairs of jurisdictions that treat the same activity differently, ranked."""
    from regatlas.engines.analytics.arbitrage import arbitrage as run

    day = day_of(as_of)
    return await _memo(request, m, ("arbitrage", day, activity, topic, limit),
                       lambda: run(m.atlas, day, activity, topic, limit), Arbitrage)


@_get("/diff", Diff, 404, 422)
async def diff(request: Request, m: MemoDep,
               from_: Annotated[IsoDate, Query(alias="from", ge=FIRST_DAY, le=LAST_DAY)],
               to: Annotated[IsoDate, Query(ge=FIRST_DAY, le=LAST_DAY)],
               jurisdiction: Annotated[str | None, Query(max_length=11)] = None) -> Response:
    """What came into force, was enacted, amended or repealed between two dates."""
    from regatlas.engines.analytics.diff import diff as run

    code = jurisdiction.upper() if jurisdiction else None
    return await _memo(request, m, ("diff", from_, to, code), lambda: run(m.atlas, from_, to, code), Diff)


@_get("/timeline/{code}", Timeline, 404, 422)
async def timeline(request: Request, code: CodePath, m: MemoDep, as_of: AsOfQuery = None) -> Response:
    """A jurisdiction's history and announced future dates."""
    from regatlas.engines.analytics.diff import timeline as run

    code, day = code.upper(), day_of(as_of)
    return await _memo(request, m, ("timeline", code, day), lambda: run(m.atlas, code, day), Timeline)


@_get("/similarity", Similarity, 422)
async def similarity(request: Request, m: MemoDep, as_of: AsOfQuery = None) -> Response:
    """Jurisdiction-by-jurisdiction similarity and clusters."""
    from regatlas.engines.analytics.similarity import similarity as run

    day = day_of(as_of)
    return await _memo(request, m, ("similarity", day), lambda: run(m.atlas, day), Similarity)


Code = Annotated[str | None, Query(max_length=11, pattern=r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,8})?$")]


@_get("/overlap", Overlap, 404, 422)
async def overlap(request: Request, m: MemoDep, as_of: AsOfQuery = None, jurisdiction: Code = None,
                  activity: Word = None, token_type: Word = None) -> Response:
    """Which authorities claim each activity per token type and market: one, an overlap, or a gap."""
    from regatlas.engines.analytics.overlap import overlap as run

    day = day_of(as_of)
    return await _memo(request, m, ("overlap", day, jurisdiction, activity, token_type),
                       lambda: run(m.atlas, day, jurisdiction, activity, token_type), Overlap)


@_get("/agreements", Agreements, 404, 422)
async def agreements(request: Request, m: MemoDep, as_of: AsOfQuery = None, party: Code = None, kind: Word = None,
                     text: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    """Agreements, treaties, conventions, sandboxes and interoperability initiatives, by party and kind."""
    from regatlas.engines.analytics.agreements import agreements as run

    day = day_of(as_of)
    return await _memo(request, m, ("agreements", day, party, kind, text),
                       lambda: run(m.atlas, day, party, kind, text), Agreements)


@router.get("/changes", response_model=Changes, dependencies=[Depends(heavy)], responses={
    **NOT_MODIFIED, **errors(404, 422, 503),
    200: {"content": {"application/atom+xml": {}, "text/markdown": {}},
          "description": "JSON (the Changes answer), Atom or a Markdown digest, by `format`."}})
def changes(request: Request, m: MemoDep, since: Annotated[str, Query(max_length=40, pattern=r"^[0-9a-fA-F-]+$")],
            as_of: AsOfQuery = None, jurisdiction: Code = None, topic: Word = None,
            format: Annotated[str, Query(pattern="^(json|atom|md)$")] = "json") -> Response:
    """What changed since a rulebook version or date: in the law and in the atlas (the change feed;
    it reads two rulebooks, so a few requests run at once and the rest get 503)."""
    from regatlas.history.feed import changes as run
    from regatlas.history.feed import to_atom, to_markdown

    doc = run(m.atlas, None, since, day_of(as_of), jurisdiction, topic)
    if format == "atom":
        return Response(to_atom(doc, str(request.url)), media_type="application/atom+xml")
    if format == "md":
        return Response(to_markdown(doc), media_type="text/markdown; charset=utf-8")
    return answer(request, Changes, doc)


@router.post("/enforce", response_model=Enforce, responses={**NOT_MODIFIED, **errors(403, 404, 413, 415, 422)})
def enforce(request: Request, m: MemoDep, case: Annotated[dict[str, Any], Body()],
            as_of: AsOfQuery = None) -> Response:
    """Competent authorities, cooperation instruments, freeze powers and FATF status for a case."""
    from regatlas.engines.analytics.enforce import enforce as run
    from regatlas.engines.analytics.enforce import parse_case
    return answer(request, Enforce, run(m.atlas, parse_case(case, "request body"), day_of(as_of)))
