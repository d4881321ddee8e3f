"""The `validate` command: the rulebook's schema, codes, references, ids, dates and sources."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from regatlas.interfaces.cli.options import JsonOpt
from regatlas.interfaces.cli.output import console, emit_answer, fail


def register(app: typer.Typer) -> None:
    """Add `validate` to `app`."""

    @app.command()
    def validate(
        directory: Annotated[Path | None, typer.Argument(help="Rulebook directory.")] = None,
        json_: JsonOpt = False,
    ) -> None:
        """Check the rulebook: schema, codes, references, ids, dates, sources."""
        from regatlas.model.answers import Validation
        from regatlas.rulebook import default_rulebook_dir
        from regatlas.rulebook import validate as validate_rulebook

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
