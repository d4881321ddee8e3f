"""Assessment endpoint, mirroring `regatlas assess PROFILE --format json|md|html|pdf`.

The profile comes as a JSON object (Content-Type application/json) or as YAML text
(application/yaml, text/yaml or text/plain), at most 1 MiB.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from regatlas.errors import InputError
from regatlas.interfaces.api.deps import AsOfQuery, Memo, day_of, memo
from regatlas.interfaces.api.respond import answer

router = APIRouter(prefix="/api/v1", tags=["assessment"])
MemoDep = Annotated[Memo, Depends(memo)]
MAX_PROFILE = 2**20
MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "pdf": "application/pdf"}


async def _profile_text(request: Request) -> str:
    body = await request.body()
    if len(body) > MAX_PROFILE:
        raise InputError("profile larger than 1 MiB", field="body")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("profile is not UTF-8 text", field="body") from None
    if "json" in request.headers.get("content-type", ""):
        try:
            text = json.dumps(json.loads(text or "null"))
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                             field="body", line=exc.lineno, column=exc.colno) from None
    return text


@router.post("/assess", openapi_extra={"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object"}}, "application/yaml": {"schema": {"type": "string"}}}}})
async def assess(request: Request, m: MemoDep, as_of: AsOfQuery = None,
                 format: Annotated[Literal["json", "md", "html", "pdf"], Query()] = "json") -> Response:
    """Licences, obligations, conflicts and the common plan for a firm profile (indicative)."""
    from regatlas.engines.assess.engine import assess as run
    from regatlas.engines.assess.profile_io import parse_profile

    text = await _profile_text(request)
    day = day_of(as_of)

    def work():
        doc = run(m.atlas, parse_profile(text, "request body", m.atlas), day)
        if format == "json":
            return doc
        from regatlas.interfaces.reports import render

        return render(doc, format)

    out = await run_in_threadpool(work)
    if format == "json":
        return answer(request, out)
    body = out if isinstance(out, bytes) else out.encode("utf-8")
    headers = {"Content-Disposition": f'inline; filename="assessment-{day}.{format}"'}
    return Response(body, media_type=MEDIA[format], headers=headers)
