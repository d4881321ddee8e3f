"""`regatlas schema`: JSON Schema for the rulebook's YAML files, for editors (docs/rulebook.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from regatlas.interfaces.cli.options import JsonOpt
from regatlas.interfaces.cli.output import console, emit_answer
from regatlas.model.answers import RulebookSchemas


def register(app: typer.Typer) -> None:
    """Add `schema` to `app`."""

    @app.command()
    def schema(out: Annotated[Path | None, typer.Option(
                   "--out", help="Write <section>.schema.json for every rulebook section into DIR.")] = None,
               json_: JsonOpt = False) -> None:
        """JSON Schema of each rulebook section (jurisdictions, standards, ...) so editors check YAML as
        it is typed; unknown keys are refused as `validate` refuses them."""
        from regatlas.errors import InputError
        from regatlas.rulebook.schema import section_schemas, write_schemas

        if out is None:
            schemas = section_schemas()
            doc = {"sections": list(schemas), "schemas": schemas}
        else:
            try:
                files = write_schemas(out)
            except OSError as exc:
                raise InputError(f"cannot write {out}: {exc.strerror}", field="out") from None
            doc = {"sections": list(files), "files": files}
        if json_:
            return emit_answer(RulebookSchemas, doc)
        table = Table("section", "schema", title="Rulebook schemas")
        for section in doc["sections"]:
            table.add_row(section, doc["files"][section] if out else f"{section}.schema.json (use --out DIR)")
        console.print(table)
        console.print("Put '# yaml-language-server: $schema=<path to the section's schema>' at the top of a "
                      "rulebook file, or map the files in your editor (docs/rulebook.md).",
                      markup=False, highlight=False)
