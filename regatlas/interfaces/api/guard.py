"""The server defends itself: request bodies bounded, writes only from this origin in documented
media types, HEAD answered like GET, strict security headers on every answer.

Pure ASGI middleware (no per-request task or body copy). Each refusal is an RFC 9457 problem:
413 for a body over its route's limit (announced by Content-Length, or counted while it streams),
403 for a write from another origin, 415 for a media type a route does not document.

>>> from fastapi import FastAPI
>>> from fastapi.testclient import TestClient
>>> app = FastAPI()
>>> @app.post("/api/v1/echo")
... async def echo(body: dict) -> dict:
...     return body
>>> client = TestClient(install(app, ["testserver"]))
>>> client.post("/api/v1/echo", content=b"{}", headers={"content-type": "text/plain"}).status_code
415
>>> client.post("/api/v1/echo", json={}, headers={"origin": "http://evil.example"}).status_code
403
>>> client.post("/api/v1/echo", content=b"[" * (2**20 + 1), headers={"content-type": "application/json"}).status_code
413
>>> client.get("/", headers={"host": "evil.example"}).status_code
400
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from regatlas.interfaces.api.problems import problem
from regatlas.untrusted import MAX_BODY

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
UPLOAD_PATH = "/api/v1/screen"
MAX_UPLOAD = 512 * 2**20
# Multipart framing around the file (boundaries, part headers) on top of the file itself.
UPLOAD_OVERHEAD = 64 * 2**10
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The media types a write may carry: JSON and YAML documents, multipart for the upload. Never
# text/plain or a form encoding: those are the ones another site's page can send without asking.
MEDIA = {"application/json", "application/yaml", "application/x-yaml", "text/yaml"}
UPLOAD_MEDIA = {"multipart/form-data"}

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'{styles}; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


def body_limit(path: str) -> int:
    """The largest request body accepted on `path`, in bytes.

    >>> body_limit("/api/v1/screen") > body_limit("/api/v1/assess") == 2**20
    True
    """
    return MAX_UPLOAD + UPLOAD_OVERHEAD if path == UPLOAD_PATH else MAX_BODY


def _size(n: int) -> str:
    return f"{n // 2**20} MiB" if n >= 2**20 else f"{n // 2**10} KiB"


class BodyTooLarge(HTTPException):
    """Raised while a body streams past its limit; the problem handlers answer 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {_size(limit)}")


class Guard:
    """Body limits, same-origin writes and documented media types, before any route runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITES:
            await self.app(scope, receive, send)
            return
        limit, seen = body_limit(scope["path"]), 0
        refusal = self.refusal(scope, limit)
        if refusal is not None:
            await refusal(scope, receive, send)
            return

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
            return message

        await self.app(scope, bounded, send)

    @staticmethod
    def refusal(scope: Scope, limit: int):
        """The problem response for a write refused from its headers alone (`limit`: the largest
        body the path accepts), else None."""
        headers = Headers(scope=scope)
        path = scope["path"]
        origin = headers.get("origin")
        if origin is not None and urlsplit(origin).netloc != headers.get("host", ""):
            return problem(403, "Forbidden", f"cross-origin write from {origin[:100]} refused")
        if origin is None and headers.get("sec-fetch-site") == "cross-site":
            return problem(403, "Forbidden", "cross-site write refused")
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            return problem(413, "Content Too Large", f"request body larger than {_size(limit)}")
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        allowed = UPLOAD_MEDIA if path == UPLOAD_PATH else MEDIA
        if (media or length not in ("", "0")) and media not in allowed:
            return problem(415, "Unsupported Media Type",
                           f"send {' or '.join(sorted(allowed))}, not {media or 'no Content-Type'}")
        return None


class Head:
    """HEAD is GET without the body (uptime checks, `curl -I`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class SecurityHeaders:
    """Strict security headers on every answer; a route's own policy (API docs) is kept."""

    def __init__(self, app: ASGIApp, style_sources: Iterable[str] = ()) -> None:
        self.app = app
        extra = "".join(f" {s}" for s in style_sources)
        self.csp = CSP.format(styles=extra)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", self.csp)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


def install(app: FastAPI, hosts: Iterable[str], style_sources: Iterable[str] = ()) -> FastAPI:
    """Wrap `app` in the guards; `hosts` are the Host names it answers to (DNS rebinding).

    Outermost first: headers on every answer (refusals too), trusted hosts, compression, HEAD,
    then the write guard next to the routes.
    """
    app.add_middleware(Guard)
    app.add_middleware(Head)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))
    app.add_middleware(SecurityHeaders, style_sources=style_sources)
    return app
