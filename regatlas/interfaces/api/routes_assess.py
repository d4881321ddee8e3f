"""Assessment endpoint, mirroring `regatlas assess PROFILE --format json|md|html|pdf`.

The profile comes as a JSON object (Content-Type application/json) or as YAML text
(application/yaml), at most 1 MiB; both are read by the bounded, strict readers of
`regatlas.untrusted` (no YAML aliases, bounded depth, no duplicate keys).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from regatlas.errors import InputError
from regatlas.interfaces.api.capacity import heavy
from regatlas.interfaces.api.deps import AsOfQuery, Memo, api_router, day_of, memo
from regatlas.interfaces.api.problems import NOT_MODIFIED, errors
from regatlas.interfaces.api.respond import answer
from regatlas.model.answers import Assessment

router = api_router("/api/v1", "assessment")
MemoDep = Annotated[Memo, Depends(memo)]
MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


async def _profile(request: Request) -> tuple[str, str]:
    """The body's text and kind ("json" or "yaml"); its size is bounded by the server's guard."""
    try:
        text = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("profile is not UTF-8 text", field="body") from None
    return text, "json" if "json" in request.headers.get("content-type", "") else "yaml"


REPORTS = {200: {"content": {media.split(";")[0]: {} for media in MEDIA.values()},
                 "description": "The assessment: JSON (format=json), or a Markdown, HTML or PDF report."}}


@router.post("/assess", dependencies=[Depends(heavy)], response_model=Assessment,
             responses={**REPORTS, **NOT_MODIFIED, **errors(403, 404, 413, 415, 422, 503)}, openapi_extra={"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object"}}, "application/yaml": {"schema": {"type": "string"}}}}})
async def assess(request: Request, m: MemoDep, as_of: AsOfQuery = None,
                 format: Annotated[Literal["json", "md", "html", "pdf"], Query()] = "json") -> Response:
    """Licences, obligations, conflicts and the common plan for a firm profile (indicative).

    A few assessments run at once (PDF rendering is heavy); past that the answer is 503."""
    from regatlas.engines.assess.engine import assess as run
    from regatlas.engines.assess.profile_io import parse_profile

    text, kind = await _profile(request)
    day = day_of(as_of)

    def work():
        doc = run(m.atlas, parse_profile(text, "request body", m.atlas, kind), day)
        if format == "json":
            return doc
        from regatlas.interfaces.reports import render

        return render(doc, format)

    out = await run_in_threadpool(work)
    if format == "json":
        return answer(request, Assessment, out)
    body = out if isinstance(out, bytes) else out.encode("utf-8")
    headers = {"Content-Disposition": f'inline; filename="assessment-{day}.{format}"'}
    return Response(body, media_type=MEDIA[format], headers=headers)
