"""The regatlas web server: REST API under /api/v1 and the web app at /, one process.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app())
>>> client.get("/api/v1/jurisdictions/ZZ").status_code
404
"""

from __future__ import annotations

import gc
from pathlib import Path

from fastapi import FastAPI

from regatlas import __version__
from regatlas.engines.travel_rule.lookup import shared_lookups
from regatlas.interfaces.api import (
    problems,
    routes_analytics,
    routes_assess,
    routes_atlas,
    routes_screen,
    routes_stablecoin,
    routes_travel,
)
from regatlas.interfaces.api.deps import Memo
from regatlas.interfaces.api.jobs import JobStore
from regatlas.store.atlas import open_atlas


def create_app(rulebook: Path | None = None) -> FastAPI:
    """Build the app for the given (or bundled) rulebook; the atlas is compiled if needed."""
    app = FastAPI(
        title="regatlas API", version=__version__,
        description="A cited, dated atlas of cross-border crypto-asset regulation. Every answer "
                    "carries the rulebook version and as-of date; errors are RFC 9457 problem details.",
    )
    atlas = open_atlas(rulebook)
    # Build the Travel Rule lookups now, so the first corridor request does not pay for them.
    shared_lookups(atlas)
    app.state.memo = Memo(atlas)
    app.state.jobs = JobStore()
    problems.install(app)
    for module in (routes_atlas, routes_travel, routes_screen, routes_analytics, routes_stablecoin,
                   routes_assess):
        app.include_router(module.router)
    from regatlas.interfaces.web import pages

    pages.install(app)
    # Everything built so far lives as long as the process: keep it out of GC scans.
    gc.collect()
    gc.freeze()
    return app
