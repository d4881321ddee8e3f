"""Encoded JSON answers (orjson) with ETag and rulebook headers; 304 for a matching ETag.

>>> enc = encode({"rulebook": {"version": "v", "as_of": "2025-01-01"}, "a": 1})
>>> enc.etag.startswith('W/"'), enc.headers["X-Regatlas-As-Of"]
(True, '2025-01-01')
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import Request, Response
from pydantic import BaseModel

from regatlas.model.answers import dump


def _default(obj: Any) -> Any:
    if hasattr(obj, "as_dict"):
        return obj.as_dict()
    raise TypeError(type(obj).__name__)


@dataclass(frozen=True)
class Encoded:
    """A serialised answer with its validators and a gzip copy, ready to send many times."""

    body: bytes
    gzipped: bytes
    etag: str
    headers: dict[str, str]


def encode(doc: dict[str, Any]) -> Encoded:
    """Serialise once: body, weak ETag over the body, version and as-of headers."""
    body = orjson.dumps(doc, default=_default, option=orjson.OPT_NON_STR_KEYS)
    tag = 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    rb = doc.get("rulebook") or {}
    headers = {"ETag": tag, "Cache-Control": "no-cache",
               "X-Regatlas-Rulebook-Version": str(rb.get("version", "")),
               "X-Regatlas-As-Of": str(rb.get("as_of", ""))}
    return Encoded(body, gzip.compress(body, 6, mtime=0), tag, headers)


def matches(if_none_match: str | None, etag: str) -> bool:
    """Does an If-None-Match header name `etag`? A list, `*` and weak tags count (RFC 9110 13.1.2).

    >>> matches('"x", W/"abc"', 'W/"abc"'), matches("*", 'W/"abc"'), matches('"abd"', 'W/"abc"')
    (True, True, False)
    """
    if not if_none_match:
        return False
    opaque = etag.removeprefix("W/")
    return any(t.strip() == "*" or t.strip().removeprefix("W/") == opaque for t in if_none_match.split(","))


def send(request: Request, enc: Encoded, status: int = 200) -> Response:
    """The encoded answer, or 304 when the client already holds it."""
    if matches(request.headers.get("if-none-match"), enc.etag):
        return Response(status_code=304, headers=enc.headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers = {**enc.headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        return Response(enc.gzipped, status_code=status, media_type="application/json", headers=headers)
    return Response(enc.body, status_code=status, media_type="application/json",
                    headers={**enc.headers, "Vary": "Accept-Encoding"})


def answer(request: Request, model: type[BaseModel], doc: dict[str, Any], status: int = 200) -> Response:
    """Encode and send a freshly computed answer, validated by its answer model (as the CLI does)."""
    return send(request, encode(dump(model, doc)), status)
