"""`regatlas test CASES...`: run cited YAML case files against the rulebook, without pytest.

Exit codes: 0 every case passed, 1 a case failed, 2 a case file is malformed (file:line:column:
field: message, before any case runs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from regatlas.interfaces.cli.options import JsonOpt, RulebookOpt, atlas_for
from regatlas.interfaces.cli.output import console, emit_json


def register(app: typer.Typer) -> None:
    """Add `test` to `app`."""

    @app.command("test")
    def test_cases(
        cases: Annotated[list[Path], typer.Argument(
            help="Case files, or folders searched for them (e.g. tests/cases/).")],
        rulebook: RulebookOpt = None,
        json_: JsonOpt = False,
    ) -> None:
        """Run YAML case files (each case a cited sentence with its expected answer)."""
        from regatlas.cases import CaseRun, Context, discover, load_case_file, run_cases

        files = [load_case_file(p) for p in discover(cases)]
        outcomes = run_cases([c for f in files for c in f.cases], Context(lambda: atlas_for(rulebook)))
        run = CaseRun.of(files, outcomes)
        if json_:
            emit_json(run.model_dump(mode="json"))
        else:
            table = Table("result", "case")
            table.add_column("where", overflow="fold", min_width=24)
            table.add_column("expected vs got")
            for o in outcomes:
                detail = "" if o.passed else o.error or "\n".join(
                    f"{f.field}: expected {f.expected!r}, got {f.got!r}" for f in o.failures)
                table.add_row("[green]passed[/green]" if o.passed else "[red]FAILED[/red]", escape(o.case),
                              f"{o.file}:{o.line}", escape(detail))
            console.print(table)
            console.print(f"{run.passed} passed, {run.failed} failed", markup=False, highlight=False)
        raise SystemExit(1 if run.failed else 0)
