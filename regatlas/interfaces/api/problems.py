"""RFC 9457 problem details for every error the API returns; never a 500 for bad input.

Browsers asking an HTML route (not /api/, /docs, /redoc, /openapi.json or /static) for text/html
get the same error as an HTML page with the site's navigation instead.

>>> problem(404, "Not Found", "unknown jurisdiction 'ZZ'").status_code
404
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from regatlas.errors import InputError, NotFound, RegatlasError
from regatlas.model.answers import Problem
from regatlas.model.answers.problem import problem_doc

PROBLEM = "application/problem+json"
# Reason phrases as RFC 9110 names them (Python 3.11 still has the RFC 7231 names for these two).
_PHRASES = {**{s.value: s.phrase for s in HTTPStatus}, 413: "Content Too Large", 422: "Unprocessable Content"}
MACHINE_PREFIXES = ("/api/", "/openapi.json", "/docs", "/redoc", "/static", "/maps/")


def errors(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI `responses` for the errors a route can answer, each a `Problem`.

    >>> sorted(errors(404, 422))
    [404, 422]
    """
    ref = {"schema": {"$ref": "#/components/schemas/Problem"}}
    return {s: {"model": Problem, "description": f"{_PHRASES[s]} (RFC 9457 problem details)",
                "content": {PROBLEM: ref}} for s in statuses}


NOT_MODIFIED = {304: {"description": "Not Modified: the If-None-Match tag is current (no body)."}}
"""For answers sent with an ETag."""


def problem(status: int, title: str, detail: str, **extra) -> JSONResponse:
    """A problem-details response, its body checked against the `Problem` model it is documented as."""
    return JSONResponse(problem_doc(status, title, detail, **extra), status_code=status, media_type=PROBLEM)


def _quality(accept: str, media: str) -> float:
    """The q-value `accept` gives to `media` by an explicit (not wildcard) entry; 0 when absent."""
    best = 0.0
    for part in accept.split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        if kind.lower() != media:
            continue
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        best = max(best, q)
    return best


def prefers_html(path: str, accept: str) -> bool:
    """True when a request for `path` with this Accept header should get an HTML error page.

    >>> browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    >>> prefers_html("/jurisdictions/ZZ", browser), prefers_html("/api/v1/jurisdictions/ZZ", browser)
    (True, False)
    >>> prefers_html("/jurisdictions/ZZ", "*/*"), prefers_html("/x", "application/json, text/html;q=0.5")
    (False, False)
    """
    if path.startswith(MACHINE_PREFIXES):
        return False
    html = _quality(accept, "text/html")
    machine = max(_quality(accept, "application/json"), _quality(accept, PROBLEM))
    return html > 0 and html >= machine


def respond(request: Request, status: int, title: str, detail: str, **extra) -> Response:
    """The error as problem+json, or as an HTML page when a browser asked an HTML route.

    >>> from starlette.requests import Request
    >>> def ask(path, accept):
    ...     scope = {"type": "http", "method": "GET", "path": path, "query_string": b"",
    ...              "headers": [(b"accept", accept.encode())]}
    ...     return respond(Request(scope), 404, "Not Found", "unknown jurisdiction 'ZZ'").media_type
    >>> ask("/jurisdictions/ZZ", "text/html"), ask("/api/v1/jurisdictions/ZZ", "text/html")
    ('text/html', 'application/problem+json')
    """
    if prefers_html(request.url.path, request.headers.get("accept", "")):
        from regatlas.interfaces.web.errors import error_page

        return error_page(request, status, title, detail)
    return problem(status, title, detail, **extra)


def _where(exc: RegatlasError) -> dict:
    """field, line and column of an error (line and column only when known)."""
    loc = exc.location
    out = {"field": loc.field}
    out.update({k: v for k, v in (("line", loc.line), ("column", loc.column)) if v is not None})
    return out


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into problem details (or an HTML page)."""

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return respond(request, 404, "Not Found", exc.message, **_where(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return respond(request, 422, "Unprocessable Content", exc.message, **_where(exc))

    @app.exception_handler(RegatlasError)
    async def regatlas_error(request: Request, exc: RegatlasError) -> Response:
        return respond(request, 500, "Internal Server Error", exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        first = errors[0] if errors else {"loc": [], "msg": "invalid request"}
        detail = f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        # The field as the API names it: the location without its part (body, query, path).
        field = ".".join(str(p) for p in first["loc"][1:]) or None
        return respond(request, 422, "Unprocessable Content", detail, field=field, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        title = _PHRASES.get(exc.status_code, str(exc.detail))
        response = respond(request, exc.status_code, title, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers.setdefault(name, value)
        return response
