"""The change feed: `regatlas changes --since V|D` (docs/changes.md)."""

from __future__ import annotations

import sys
from pathlib import Path
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
                profile: Annotated[Path | None, typer.Option("--profile", help="A firm profile: only what changed "
                                                             "for it (assessment under both versions).")] = None,
                ics: Annotated[Path | None, typer.Option("--ics", help="With --profile: write its deadlines "
                                                         "ahead as an iCalendar file.")] = None,
                rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """What changed since a version or date: in the law (in force, enacted, repealed) and in the
        atlas (new coverage, new laws, corrections, re-sourcing), with before, after and citations."""
        from regatlas.history.feed import changes as run
        from regatlas.history.feed import to_atom, to_markdown

        if format_ not in ("json", "atom", "md"):
            from regatlas.errors import InputError

            raise InputError(f"unknown format '{format_}' (json, atom or md)", field="--format")
        day = parse_date(as_of, "--as-of")
        atlas = atlas_for(rulebook)
        doc = run(atlas, rulebook, since, day, jurisdiction, topic)
        if profile is not None:
            from regatlas.history.impact import firm_changes, to_ics

            doc["profile"] = firm_changes(atlas, profile, since, day)
            if ics is not None:
                write_bytes(ics, to_ics(doc["profile"]))
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
        if doc.get("profile"):
            firm = Table("jurisdiction", "change", "provision", "from", "source",
                         title=f"What changed for {doc['profile']['profile']}")
            for c in doc["profile"]["changes"]:
                firm.add_row(c["jurisdiction"], c["change"], f"{c['id']}: {c['title']}", str(c["effective_from"] or "-"),
                             cite(c["source"]))
            console.print(firm)
        footer(doc)


    @app.command()
    def watch(profiles: Annotated[list[Path], typer.Argument(help="Firm profiles to watch.")],
              since_file: Annotated[Path, typer.Option("--since-file", help="State file (JSON): the version "
                                                       "last seen; written after each run.")],
              rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Print what changed for each firm since the last run (a Markdown digest for email) and
        remember this run; exit 1 when something changed for a firm (for cron jobs and pipelines)."""
        import json

        from regatlas.history.watch import watch_profiles

        day = parse_date(as_of, "--as-of")
        report, state, changed = watch_profiles(atlas_for(rulebook), rulebook, profiles, since_file, day)
        if json_:
            sys.stdout.write(json.dumps(report, default=str, indent=2) + "\n")
        else:
            sys.stdout.write(report["digest"])
        write_bytes(since_file, json.dumps(state, indent=2).encode() + b"\n")
        if changed:
            raise SystemExit(1)


def write_bytes(path: Path, data: bytes) -> None:
    """Write an output file; an unwritable path is bad input (exit 2), not a crash."""
    from regatlas.errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", file=str(path)) from None
