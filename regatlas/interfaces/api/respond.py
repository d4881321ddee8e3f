"""JSON answers with the rulebook version and as-of date in headers, and ETags.

>>> etag_for(b'{"a": 1}').startswith('W/"')
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from fastapi import Request, Response


def _default(obj: Any) -> Any:
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if hasattr(obj, "as_dict"):
        return obj.as_dict()
    raise TypeError(type(obj).__name__)


def etag_for(body: bytes) -> str:
    """A weak ETag over the exact response body."""
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def answer(request: Request, doc: dict[str, Any], status: int = 200) -> Response:
    """Serialise `doc`; 304 when the client already holds this exact answer."""
    body = json.dumps(doc, default=_default, ensure_ascii=False).encode()
    tag = etag_for(body)
    rb = doc.get("rulebook") or {}
    headers = {"ETag": tag, "Cache-Control": "no-cache",
               "X-Regatlas-Rulebook-Version": str(rb.get("version", "")),
               "X-Regatlas-As-Of": str(rb.get("as_of", ""))}
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers=headers)
    return Response(body, status_code=status, media_type="application/json", headers=headers)
