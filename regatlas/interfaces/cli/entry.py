"""The `regatlas` entry point: it builds only the command the process was asked for.

Importing every command module costs most of a short command's run (Typer, the answer models and
each module's imports); a `travel-rule check` from the shell needs one module. `main` looks at the
command name in argv and registers that module's commands; help, no command or an unknown name get
them all. `regatlas.interfaces.cli.app.app` is the full application (tests, docs).

>>> modules_for(["travel-rule", "check", "--from", "DE"]), modules_for(["--help"]) == MODULES
(['travel_cmds'], True)
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from regatlas.errors import RegatlasError
from regatlas.interfaces.cli import options

MODULES = ["atlas_cmds", "travel_cmds", "ivms_cmds", "serve_cmds", "analytics_cmds", "assess_cmds",
           "coordination_cmds", "changes_cmds", "stablecoin_cmds", "schema_cmds", "cases_cmds", "sources_cmds", "stale_cmds", "register_cmds",
           "validate_cmds"]
"""Every command module, in the order `--help` lists them."""
COMMANDS = {
    "build": "atlas_cmds", "info": "atlas_cmds", "jurisdictions": "atlas_cmds", "show": "atlas_cmds",
    "standards": "atlas_cmds", "search": "atlas_cmds", "travel-rule": "travel_cmds", "screen": "travel_cmds",
    "ivms": "ivms_cmds", "serve": "serve_cmds", "align": "analytics_cmds", "aggregates": "analytics_cmds",
    "arbitrage": "analytics_cmds", "diff": "analytics_cmds", "timeline": "analytics_cmds",
    "similarity": "analytics_cmds", "enforce": "analytics_cmds", "charts": "analytics_cmds",
    "overlap": "coordination_cmds", "agreements": "coordination_cmds", "changes": "changes_cmds", "watch": "changes_cmds",
    "assess": "assess_cmds", "classify": "assess_cmds", "stablecoin": "stablecoin_cmds", "schema": "schema_cmds",
    "test": "cases_cmds", "sources": "sources_cmds", "stale": "stale_cmds", "registers": "register_cmds",
    "firms": "register_cmds", "validate": "validate_cmds",
}
"""Which module registers each top-level command (tests/test_cli_contract.py checks it against `app`)."""


def build_app(modules: list[str]) -> typer.Typer:
    """A `regatlas` Typer application with the commands of `modules`."""
    app = typer.Typer(name="regatlas", help="A cited, dated atlas of cross-border crypto-asset regulation.",
                      no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def _root() -> None:
        """A cited, dated atlas of cross-border crypto-asset regulation."""

    for name in modules:
        importlib.import_module(f"regatlas.interfaces.cli.{name}").register(app)
    return app


def modules_for(args: list[str]) -> list[str]:
    """The modules a command line needs: its command's module, or all of them."""
    first = next((a for a in args if not a.startswith("-")), None)
    return [COMMANDS[first]] if first in COMMANDS and "--help" not in args[:1] else MODULES


def take_known_at(args: list[str]) -> list[str]:
    """Remove `--known-at V|D` (or `--known-at=V|D`) from the arguments of any data command and
    remember it: the command's atlas is then the rulebook as the atlas recorded it at that version or
    date (options.atlas_for; regatlas/history/archive.py).

    >>> take_known_at(["show", "SG", "--known-at", "2026-12-01", "--json"]), options.KNOWN_AT["ref"]
    (['show', 'SG', '--json'], '2026-12-01')
    >>> options.KNOWN_AT.clear()
    """
    options.KNOWN_AT.clear()  # one command line, one answer: nothing carries over from a previous one
    out, i = [], 0
    while i < len(args):
        if args[i] == "--known-at" and i + 1 < len(args):
            options.KNOWN_AT["ref"] = args[i + 1]
            i += 2
            continue
        if args[i].startswith("--known-at="):
            options.KNOWN_AT["ref"] = args[i].split("=", 1)[1]
        else:
            out.append(args[i])
        i += 1
    return out


def main() -> None:
    """Entry point: never a traceback. Errors regatlas raises on purpose keep their exit code;
    anything else is a defect, reported in one line with exit code 3 (REGATLAS_DEBUG=1 re-raises)."""
    from regatlas.interfaces.cli.options import cli_message
    from regatlas.interfaces.cli.output import fail

    try:
        sys.argv[1:] = take_known_at(sys.argv[1:])
        build_app(modules_for(sys.argv[1:]))()
    except RegatlasError as exc:
        fail(cli_message(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as exc:
        if os.environ.get("REGATLAS_DEBUG"):
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (please report; REGATLAS_DEBUG=1 shows details)", 3)
    finally:
        options.KNOWN_AT.clear()  # an application embedding main() runs its next command afresh
