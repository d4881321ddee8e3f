"""Error pages for people: the site's layout and navigation, the message and a way home.

The API keeps answering problem+json; `regatlas.interfaces.api.problems` chooses this page only
for browser requests to HTML routes.

>>> from starlette.requests import Request
>>> scope = {"type": "http", "method": "GET", "path": "/x", "query_string": b"", "headers": []}
>>> error_page(Request(scope), 404, "Not Found", "no page at /x").status_code
404
"""

from __future__ import annotations

import datetime as dt

from fastapi import Request
from fastapi.responses import HTMLResponse


def error_page(request: Request, status: int, title: str, detail: str) -> HTMLResponse:
    """The HTML error page for `status`; works even when the app has no atlas (start-up errors).

    >>> from starlette.requests import Request
    >>> scope = {"type": "http", "method": "GET", "path": "/", "query_string": b"", "headers": []}
    >>> b"unknown code" in error_page(Request(scope), 422, "Unprocessable Content", "unknown code").body
    True
    """
    from regatlas.interfaces.web.pages import templates

    if status == 404 and detail == "Not Found":
        detail = f"There is no page at {request.url.path}."
    today = dt.date.today().isoformat()
    rulebook = {"version": "unknown", "as_of": today}
    app = request.scope.get("app")
    memo = getattr(getattr(app, "state", None), "memo", None)
    if memo is not None:
        rulebook = {"version": memo.atlas.version, "as_of": today}
    return templates.TemplateResponse(request, "error.html", {
        "rulebook": rulebook, "day": today, "status": status, "title": title, "detail": detail},
        status_code=status)
