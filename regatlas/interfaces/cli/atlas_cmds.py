"""Atlas commands: build, info, jurisdictions, show, standards, search."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from regatlas.interfaces.cli.options import AsOfOpt, JsonOpt, RulebookOpt, atlas_for, parse_date
from regatlas.interfaces.cli.output import console, emit_answer, footer
from regatlas.interfaces.cli.render import verification_table
from regatlas.interfaces.labels import human
from regatlas.store import queries


def register(app: typer.Typer) -> None:
    """Add the atlas commands to `app`."""

    @app.command()
    def build(rulebook: RulebookOpt = None, force: Annotated[bool, typer.Option(help="Rebuild.")] = False,
              json_: JsonOpt = False) -> None:
        """Compile the rulebook into the DuckDB store (only when it changed, unless --force)."""
        from regatlas.rulebook import default_rulebook_dir
        from regatlas.store.atlas import build as build_store

        path, built = build_store(rulebook or default_rulebook_dir(), force=force)
        atlas = atlas_for(rulebook)
        doc = {"rulebook": {"version": atlas.version}, "path": str(path), "built": built}
        if json_:
            emit_answer("Build", doc)
        else:
            console.print(f"{'built' if built else 'up to date'}: {path} (version {atlas.version})",
                          markup=False, highlight=False)

    @app.command()
    def info(rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Summary of the atlas: counts, standards, share of verified facts."""
        day = parse_date(as_of, "--as-of")
        doc = queries.info(atlas_for(rulebook), day)
        if json_:
            return emit_answer("Info", doc)
        table = Table(title="regatlas", show_header=False)
        for key, value in doc["counts"].items():
            table.add_row(key, str(value))
        table.add_row("verified share", f"{doc['verified_share']:.1%} ({doc['verified']}/{doc['cited_values']})")
        for level, n in doc["coverage"].items():  # docs/coverage.md
            share = doc["verification"]["by_coverage"][level]
            table.add_row(f"coverage {human(level)}", f"{n} jurisdictions, verified {share['share']:.1%}"
                          f" ({share['verified']}/{share['values']})")
        console.print(table)
        console.print(verification_table(doc["verification"]))
        footer(doc)

    @app.command()
    def jurisdictions(rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Every jurisdiction with its crypto status on the as-of date."""
        day = parse_date(as_of, "--as-of")
        doc = queries.jurisdictions(atlas_for(rulebook), day)
        if json_:
            return emit_answer("JurisdictionList", doc)
        table = Table("code", "name", "parent", "crypto status", "coverage", "checked")
        for j in doc["jurisdictions"]:
            table.add_row(j["code"], j["name"], j["parent"] or "", j["crypto_status"] or "-",
                          human(j["coverage"]), str(j["checked"] or "-"))
        console.print(table)
        footer(doc)

    @app.command()
    def show(code: Annotated[str, typer.Argument(help="Jurisdiction code, e.g. SG, EU, US-NY, AE-DU.")],
             rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """A jurisdiction as of a date: status, authorities, Travel Rule, stablecoins, provisions."""
        from regatlas.interfaces.cli.render import render_show

        day = parse_date(as_of, "--as-of")
        doc = queries.show(atlas_for(rulebook), code.strip().upper(), day)
        if json_:
            return emit_answer("Show", doc)
        render_show(doc)

    @app.command()
    def standards(standard: Annotated[str | None, typer.Argument(help="Standard id.")] = None,
                  rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """International standards (FSB, IOSCO, FATF) and their recommendations."""
        day = parse_date(as_of, "--as-of")
        doc = queries.standards(atlas_for(rulebook), day, standard)
        if json_:
            return emit_answer("Standards", doc)
        for s in doc["standards"]:
            table = Table("id", "no.", "title", title=f"{s['name']} ({s['body']}, {s['published']})")
            for r in s["recommendations"]:
                table.add_row(r["id"], r["number"], r["title"])
            console.print(table)
        footer(doc)

    @app.command()
    def search(text: Annotated[str, typer.Argument(help="Words to look for in provisions.")],
               limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
               rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Full-text search over provisions, ranked (BM25), with status on the as-of date."""
        day = parse_date(as_of, "--as-of")
        doc = queries.search(atlas_for(rulebook), text, day, limit)
        if json_:
            return emit_answer("Search", doc)
        table = Table("score", "jurisdiction", "id", "topic", "status", "title")
        for h in doc["results"]:
            table.add_row(f"{h['score']:.2f}", h["jurisdiction"], h["id"], h["topic"],
                          h["status"] or "not yet published", h["title"])
        console.print(table)
        footer(doc)
