"""The `regatlas` CLI: each command calls the core and renders JSON or a table.

`app` has every command (tests, the generated CLI reference); the installed `regatlas` command runs
`entry.main`, which builds only the command it is asked for. Exit codes follow the contract: 0
success, 1 a finding (invalid rulebook), 2 bad usage or input.
"""

from __future__ import annotations

from regatlas.interfaces.cli.entry import MODULES, build_app, main

app = build_app(MODULES)

__all__ = ["app", "main"]
