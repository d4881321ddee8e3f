"""The `regatlas` CLI: each command calls the core and renders JSON or a table.

Exit codes follow the contract: 0 success, 1 a finding (invalid rulebook), 2 bad usage or input.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from regatlas.errors import RegatlasError
from regatlas.interfaces.cli import (
    analytics_cmds,
    assess_cmds,
    atlas_cmds,
    cases_cmds,
    ivms_cmds,
    register_cmds,
    schema_cmds,
    serve_cmds,
    sources_cmds,
    stablecoin_cmds,
    stale_cmds,
    travel_cmds,
)
from regatlas.interfaces.cli.options import JsonOpt, cli_message
from regatlas.interfaces.cli.output import console, emit_answer, fail
from regatlas.model.answers import Validation
from regatlas.rulebook import default_rulebook_dir
from regatlas.rulebook import validate as validate_rulebook

app = typer.Typer(
    name="regatlas",
    help="A cited, dated atlas of cross-border crypto-asset regulation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """A cited, dated atlas of cross-border crypto-asset regulation."""


atlas_cmds.register(app)
travel_cmds.register(app)
ivms_cmds.register(app)
serve_cmds.register(app)
analytics_cmds.register(app)
assess_cmds.register(app)
stablecoin_cmds.register(app)
schema_cmds.register(app)
cases_cmds.register(app)
sources_cmds.register(app)
stale_cmds.register(app)
register_cmds.register(app)


@app.command()
def validate(
    directory: Annotated[Path | None, typer.Argument(help="Rulebook directory.")] = None,
    json_: JsonOpt = False,
) -> None:
    """Check the rulebook: schema, codes, references, ids, dates, sources."""
    root = directory or default_rulebook_dir()
    if not root.is_dir():
        fail(f"{root}: not a directory")
    report = validate_rulebook(root)
    if json_:
        emit_answer(Validation, report.as_dict())
    else:
        for err in report.errors:
            console.print(str(err), markup=False, highlight=False, soft_wrap=True)
        n = len(report.errors)
        console.print(f"{'valid' if report.valid else 'invalid'}: {n} error{'s' * (n != 1)} in {root}",
                      markup=False, highlight=False)
    raise SystemExit(0 if report.valid else 1)


def main() -> None:
    """Entry point: never a traceback. Errors regatlas raises on purpose keep their exit code;
    anything else is a defect, reported in one line with exit code 3 (REGATLAS_DEBUG=1 re-raises)."""
    try:
        app()
    except RegatlasError as exc:
        fail(cli_message(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as exc:
        if os.environ.get("REGATLAS_DEBUG"):
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (please report; REGATLAS_DEBUG=1 shows details)", 3)
