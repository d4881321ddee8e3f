"""Atlas endpoints: info, jurisdictions, show, standards, search, map colours, stale, sources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import Depends, Path, Query, Request, Response

from regatlas.interfaces.api.deps import AsOfQuery, CodePath, Memo, api_router, day_of, memo
from regatlas.interfaces.api.problems import NOT_MODIFIED, errors
from regatlas.interfaces.api.respond import answer, send
from regatlas.model.answers import Info, JurisdictionList, MapValues, Search, Show, Sources, Stale, Standards
from regatlas.store import queries

router = api_router("/api/v1", "atlas")
MemoDep = Annotated[Memo, Depends(memo)]


@router.get("/info", response_model=Info, responses={**NOT_MODIFIED, **errors(422)})
def info(request: Request, m: MemoDep, as_of: AsOfQuery = None) -> Response:
    """Counts, standards and the share of verified facts (same as `regatlas info --json`)."""
    return answer(request, Info, queries.info(m.atlas, day_of(as_of)))


@router.get("/jurisdictions", response_model=JurisdictionList, responses={**NOT_MODIFIED, **errors(422)})
async def jurisdictions(request: Request, m: MemoDep, as_of: AsOfQuery = None) -> Response:
    """All jurisdictions with their crypto status on the date."""
    day = day_of(as_of)
    return send(request, await m.encode(("jurisdictions", day), lambda: m.jurisdictions(day), JurisdictionList))


@router.get("/jurisdictions/{code}", response_model=Show, responses={**NOT_MODIFIED, **errors(404, 422)})
async def show(request: Request, code: CodePath, m: MemoDep, as_of: AsOfQuery = None) -> Response:
    """One jurisdiction as of a date: the same body as `regatlas show CODE --json`."""
    code, day = code.upper(), day_of(as_of)
    return send(request, await m.encode(("show", code, day), lambda: m.show(code, day), Show))


@router.get("/standards", response_model=Standards, responses={**NOT_MODIFIED, **errors(422)})
def standards(request: Request, m: MemoDep, as_of: AsOfQuery = None) -> Response:
    """FSB, IOSCO and FATF standards with their recommendations."""
    return answer(request, Standards, queries.standards(m.atlas, day_of(as_of)))


@router.get("/standards/{standard_id}", response_model=Standards, responses={**NOT_MODIFIED, **errors(404, 422)})
def standard(request: Request, m: MemoDep, standard_id: Annotated[str, Path(max_length=40)],
             as_of: AsOfQuery = None) -> Response:
    """One standard set by id (fsb-ca, fsb-gsc, iosco, fatf)."""
    return answer(request, Standards, queries.standards(m.atlas, day_of(as_of), standard_id))


@router.get("/search", response_model=Search, responses={**NOT_MODIFIED, **errors(422)})
def search(request: Request, m: MemoDep, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20, as_of: AsOfQuery = None) -> Response:
    """Full-text search over provisions (BM25)."""
    return answer(request, Search, queries.search(m.atlas, q, day_of(as_of), limit))


@router.get("/map", response_model=MapValues, responses={**NOT_MODIFIED, **errors(422)})
def map_colours(request: Request, m: MemoDep,
                metric: Literal["crypto_status", "travel_rule", "alignment"] = "crypto_status",
                as_of: AsOfQuery = None) -> Response:
    """Value per jurisdiction for the world map: crypto status, Travel Rule status or alignment
    score (0-100, see `/api/v1/align`)."""
    day = day_of(as_of)
    rows = m.jurisdictions(day)["jurisdictions"]
    if metric == "crypto_status":
        values = {j["code"]: j["crypto_status"] for j in rows}
    elif metric == "alignment":
        from regatlas.engines.analytics.align import align

        doc = m.doc(("align", day, None, None), lambda: align(m.atlas, day))
        values = {j["code"]: j["score"] for j in doc["jurisdictions"]}
    else:
        values = {j["code"]: None if j["coverage"] == "none" else m.show(j["code"], day)["travel_rule"]["status"]
                  for j in rows}  # no rulebook file: nothing to show, the value is unknown
    return answer(request, MapValues, {"rulebook": queries.header(m.atlas, day), "metric": metric, "values": values,
                            "names": {j["code"]: j["name"] for j in rows},
                            "coverage": {j["code"]: j["coverage"] for j in rows}})


@router.get("/stale", response_model=Stale, responses={**NOT_MODIFIED, **errors(422)})
async def stale(request: Request, m: MemoDep, older_than: Annotated[str, Query(
        max_length=6, pattern=r"^[0-9]{1,4}[dmy]$", description="Age cut-off: 90d, 6m, 1y.")] = "6m") -> Response:
    """Jurisdiction files and cited values last checked before the cut-off or never, oldest first, with
    file:line (same as `regatlas stale --json`)."""
    from regatlas.store.freshness import stale as stale_report

    today = dt.date.today()
    return send(request, await m.encode(("stale", older_than, today),
                                        lambda: stale_report(m.loaded(), older_than, today), Stale))


@router.get("/sources", response_model=Sources, responses={**NOT_MODIFIED, **errors(404, 422)})
async def sources(request: Request, m: MemoDep, jurisdiction: Annotated[str | None, Query(
        max_length=20, pattern=r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,8})?$", description="Only this jurisdiction, e.g. SG.")]
        = None) -> Response:
    """Every cited value that is not verified and why, with file:line (same as `regatlas sources --json`)."""
    from regatlas.rulebook.sources_report import sources_report

    return send(request, await m.encode(("sources", (jurisdiction or "").upper()),
                                        lambda: sources_report(m.loaded(), jurisdiction), Sources))
