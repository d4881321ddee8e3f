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
              allowed_host: Annotated[list[str] | None, typer.Option(
                  help="A host name clients use besides localhost (repeatable; also "
                       "REGATLAS_ALLOWED_HOSTS). Requests naming any other Host are refused.")] = None,
              rulebook: RulebookOpt = None) -> None:
        """Serve the web app at / and the REST API at /api/v1 (Ctrl-C stops it).

        The API has no authentication: bind it to localhost, or put it behind a proxy that has."""
        from regatlas.extras import EXTRAS, require

        for module in EXTRAS["web"]:
            require(module, "web", "regatlas serve")
        import uvicorn

        from regatlas.interfaces.api.app import create_app

        wildcard = host in ("0.0.0.0", "::", "")
        hosts = [*(allowed_host or []), *([] if wildcard else [host])]
        uvicorn.run(create_app(rulebook, hosts), host=host, port=port, log_level="info",
                    server_header=False)
