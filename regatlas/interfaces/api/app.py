"""The regatlas web server: REST API under /api/v1 and the web app at /, one process.

It answers only to the host names it is given (localhost by default, more from
REGATLAS_ALLOWED_HOSTS or `serve --allowed-host`), so a DNS-rebinding page cannot reach it.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app(), base_url="http://127.0.0.1")
>>> client.get("/api/v1/jurisdictions/ZZ").status_code
404
>>> client.get("/", headers={"host": "evil.example"}).status_code
400
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from regatlas import __version__
from regatlas.engines.travel_rule.lookup import shared_lookups
from regatlas.interfaces.api import (
    docs,
    guard,
    problems,
    routes_analytics,
    routes_assess,
    routes_atlas,
    routes_registers,
    routes_screen,
    routes_stablecoin,
    routes_travel,
)
from regatlas.interfaces.api.capacity import Capacity
from regatlas.interfaces.api.deps import Memo
from regatlas.interfaces.api.guard import LOCAL_HOSTS
from regatlas.interfaces.api.jobs import JobStore
from regatlas.interfaces.reports.html import STYLE_CSP_SOURCE
from regatlas.store.atlas import open_atlas


def allowed_hosts(extra: Iterable[str] = ()) -> list[str]:
    """Host names the server answers to: loopback, REGATLAS_ALLOWED_HOSTS (comma-separated), `extra`.

    >>> "localhost" in allowed_hosts(["atlas.example"]) and "atlas.example" in allowed_hosts(["atlas.example"])
    True
    """
    configured = os.environ.get("REGATLAS_ALLOWED_HOSTS", "").split(",")
    return sorted({*LOCAL_HOSTS, *(h.strip() for h in (*configured, *extra) if h.strip())})


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.jobs.close()


def create_app(rulebook: Path | None = None, hosts: Iterable[str] = ()) -> FastAPI:
    """Build the app for the given (or bundled) rulebook; the atlas is compiled if needed.

    `hosts` are host names it answers to besides loopback (see `allowed_hosts`)."""
    app = FastAPI(
        title="regatlas API", version=__version__, docs_url=None, redoc_url=None, lifespan=_lifespan,
        description="A cited, dated atlas of cross-border crypto-asset regulation. Every answer "
                    "carries the rulebook version and as-of date; errors are RFC 9457 problem details.",
    )
    atlas = open_atlas(rulebook)
    # Build the Travel Rule lookups now, so the first corridor request does not pay for them.
    shared_lookups(atlas)
    app.state.memo = Memo(atlas, rulebook)
    app.state.jobs = JobStore()
    app.state.capacity = Capacity()
    problems.install(app)
    docs.install(app)
    for module in (routes_atlas, routes_travel, routes_screen, routes_analytics, routes_stablecoin,
                   routes_assess, routes_registers):
        app.include_router(module.router)
    from regatlas.interfaces.web import pages

    pages.install(app)
    # The assessment report shown in the page's iframe keeps its one style element.
    guard.install(app, allowed_hosts(hosts), style_sources=[STYLE_CSP_SOURCE])
    # Everything built so far lives as long as the process: keep it out of GC scans.
    gc.collect()
    gc.freeze()
    return app
