"""The change feed: `regatlas changes --since V|D` (docs/changes.md)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from regatlas.interfaces.cli.options import AsOfOpt, JsonOpt, RulebookOpt, atlas_for, parse_date
from regatlas.interfaces.cli.output import console, emit_answer, footer
from regatlas.interfaces.cli.render import cite
from regatlas.model.answers import Changes


def register(app: typer.Typer) -> None:
    """Add `changes` to `app`."""

    @app.command()
    def changes(since: Annotated[str, typer.Option("--since", help="A rulebook version or commit (6+ hex "
                                                   "digits) or a date YYYY-MM-DD.")],
                jurisdiction: Annotated[str | None, typer.Option("--jurisdiction", help="Only this "
                                                                 "jurisdiction (and the laws it inherits).")] = None,
                topic: Annotated[str | None, typer.Option("--topic", help="e.g. travel_rule.")] = None,
                format_: Annotated[str, typer.Option("--format", help="json, atom or md.")] = "json",
                rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """What changed since a version or date: in the law (in force, enacted, repealed) and in the
        atlas (new coverage, new laws, corrections, re-sourcing), with before, after and citations."""
        from regatlas.history.feed import changes as run
        from regatlas.history.feed import to_atom, to_markdown

        if format_ not in ("json", "atom", "md"):
            from regatlas.errors import InputError

            raise InputError(f"unknown format '{format_}' (json, atom or md)", field="--format")
        doc = run(atlas_for(rulebook), rulebook, since, parse_date(as_of, "--as-of"), jurisdiction, topic)
        if format_ == "atom":
            sys.stdout.buffer.write(to_atom(doc))
            return None
        if format_ == "md":
            sys.stdout.write(to_markdown(doc))
            return None
        if json_ or format_ == "json" and not sys.stdout.isatty():
            return emit_answer(Changes, doc)
        table = Table("axis", "class", "jurisdiction", "what", "change", "source",
                      title=f"Changes since {doc['since']['ref']} ({doc['since']['version']})")
        for c in doc["law"]:
            table.add_row("law", c["label"], c["jurisdiction"], c.get("title") or c.get("kind") or "",
                          str(c["date"]), cite(c["source"]))
        for c in doc["record"]:
            change = "; ".join(f"{x['field']}: {x['before']} -> {x['after']}" for x in c["changes"])[:120]
            table.add_row("atlas", c["class"], c["jurisdiction"], f"{c['type']} {c['id']}", change,
                          cite(c.get("source")))
        console.print(table)
        footer(doc)
