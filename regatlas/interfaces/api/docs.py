"""API documentation pages (/docs: Swagger UI, /redoc: ReDoc) served from this server alone.

FastAPI's own pages load Swagger UI and ReDoc from a CDN (and ReDoc's fonts from Google), so they
are blank offline. Here the assets come from the ``fastapi-offline`` package (swagger-ui-bundle.js,
swagger-ui.css, redoc.standalone.js, favicon.png), mounted with this module's own small files
(docs_static/: the Swagger UI start-up script and the page style) under ``/docs-assets``. ReDoc's
bundle is served as redoc.local.js, its one remote URL (a sidebar logo) replaced by a blank image.

The pages have no inline script and no style attribute; every URL in them is on this server.
What each page needs from a Content-Security-Policy, set on both pages as ``DOCS_CSP``:

- /docs (Swagger UI): ``default-src 'self'`` for scripts, styles and fetching /openapi.json;
  ``img-src data:`` for its icons; ``style-src 'unsafe-inline'`` for the style elements it adds.
- /redoc (ReDoc): the same, and ``worker-src blob:`` for its search worker; its styled components
  add style elements at run time (``style-src 'unsafe-inline'``).

An app-wide middleware that sets a stricter policy should leave a ``content-security-policy``
header that a route already set (``headers.setdefault``): two policies both apply.

>>> from fastapi import FastAPI
>>> from fastapi.testclient import TestClient
>>> app = FastAPI(docs_url=None, redoc_url=None)
>>> install(app)
>>> client = TestClient(app)
>>> page = client.get("/docs")
>>> page.status_code, page.headers["content-security-policy"] == DOCS_CSP
(200, True)
>>> "cdn" in page.text or "<script>" in page.text
False
>>> client.get(f"{DOCS_ASSETS}/swagger-init.js").status_code
200
"""

from __future__ import annotations

from html import escape
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

#: Where the Swagger UI / ReDoc assets and the start-up script are served.
DOCS_ASSETS = "/docs-assets"
#: The Content-Security-Policy that /docs and /redoc are sent with (and need at least).
DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'")
#: The page paths, for an app that sets headers by path.
DOCS_PATHS = ("/docs", "/redoc")
#: ReDoc's bundle hard-codes one remote image (its sidebar logo); we serve it a blank local one.
_REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
_BLANK_GIF = b"data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

_HEAD = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" type="image/png" href="{assets}/favicon.png">
<link rel="stylesheet" href="{assets}/docs.css">
"""

_SWAGGER = _HEAD + """<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{spec}"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/swagger-init.js"></script>
</body>
</html>
"""

_REDOC = _HEAD + """</head>
<body>
<redoc spec-url="{spec}"></redoc>
<script src="{assets}/redoc.local.js"></script>
</body>
</html>
"""


def _drop_default_pages(app: FastAPI) -> None:
    """Remove FastAPI's CDN-based /docs, /redoc and OAuth2 redirect routes, if the app has them."""
    paths = {app.docs_url, app.redoc_url}
    if app.docs_url:
        paths.add(app.swagger_ui_oauth2_redirect_url)
    paths.discard(None)
    app.router.routes[:] = [r for r in app.router.routes if getattr(r, "path", None) not in paths]
    app.docs_url = app.redoc_url = None


def _redoc_bundle() -> bytes:
    """fastapi-offline's redoc.standalone.js, with its one remote URL replaced by a blank local image."""
    js = (files("fastapi_offline") / "static" / "redoc.standalone.js").read_bytes()
    return js.replace(_REDOC_LOGO, _BLANK_GIF)


def install(app: FastAPI) -> None:
    """Serve /docs (Swagger UI) and /redoc (ReDoc) from local assets, each with ``DOCS_CSP``.

    Replaces FastAPI's CDN pages if the app was built with them (better: ``docs_url=None,
    redoc_url=None``). Needs the app's ``openapi_url``.

    >>> from fastapi import FastAPI
    >>> from fastapi.testclient import TestClient
    >>> app = FastAPI()
    >>> install(app)
    >>> client = TestClient(app)
    >>> body = client.get("/redoc").text
    >>> 'spec-url="/openapi.json"' in body, "fonts.googleapis" in body, "jsdelivr" in client.get("/docs").text
    (True, False, False)
    >>> js = client.get(f"{DOCS_ASSETS}/redoc.local.js")
    >>> js.status_code, b"cdn.redoc.ly" in js.content
    (200, False)
    """
    if not app.openapi_url:
        raise ValueError("the API docs need the app's openapi_url")
    _drop_default_pages(app)
    redoc_js = _redoc_bundle()

    @app.get(f"{DOCS_ASSETS}/redoc.local.js", include_in_schema=False)
    def redoc_bundle() -> Response:
        return Response(redoc_js, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    app.mount(DOCS_ASSETS, StaticFiles(packages=[("regatlas.interfaces.api", "docs_static"),
                                                 ("fastapi_offline", "static")]),
              name="docs-assets")

    def render(request: Request, template: str, kind: str) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        body = template.format(title=escape(f"{app.title} - {kind}"), assets=escape(root + DOCS_ASSETS),
                               spec=escape(root + app.openapi_url))
        return HTMLResponse(body, headers={"Content-Security-Policy": DOCS_CSP})

    @app.get(DOCS_PATHS[0], include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        return render(request, _SWAGGER, "Swagger UI")

    @app.get(DOCS_PATHS[1], include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        return render(request, _REDOC, "ReDoc")
