"""`regatlas serve`: the REST API and web app on one port (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from regatlas.interfaces.cli.options import RulebookOpt


def register(app: typer.Typer) -> None:
    """Add `serve` to `app`."""

    @app.command()
    def serve(host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
              port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
              rulebook: RulebookOpt = None) -> None:
        """Serve the web app at / and the REST API at /api/v1 (Ctrl-C stops it)."""
        import uvicorn

        from regatlas.interfaces.api.app import create_app

        uvicorn.run(create_app(rulebook), host=host, port=port, log_level="info")
