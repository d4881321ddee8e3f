"""Assessment commands: `assess PROFILE` (JSON, Markdown, HTML, PDF) and `classify PROFILE`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from regatlas.errors import InputError
from regatlas.interfaces.cli.options import AsOfOpt, JsonOpt, RulebookOpt, atlas_for, parse_date
from regatlas.interfaces.cli.output import console, emit_answer, footer
from regatlas.model.answers import Assessment, Classifications

ProfileArg = Annotated[Path, typer.Argument(help="Firm profile (YAML or JSON), see examples/profiles/.")]
FORMATS = ("json", "md", "html", "pdf")


def _load(profile: Path, rulebook: Path | None, as_of: str | None):
    from regatlas.engines.assess.profile_io import load_profile

    day = parse_date(as_of, "--as-of")
    atlas = atlas_for(rulebook)
    return atlas, load_profile(profile, atlas), day


def _write(out: Path | None, body: str | bytes) -> None:
    if out is None:
        if isinstance(body, bytes):
            raise InputError("PDF output needs --out FILE", field="--out")
        sys.stdout.write(body)
        return
    try:
        if isinstance(body, bytes):
            out.write_bytes(body)
        else:
            out.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}", field="--out") from None


def register(app: typer.Typer) -> None:
    """Add the assessment commands to `app`."""

    @app.command()
    def assess(profile: ProfileArg,
               format_: Annotated[str | None, typer.Option("--format", help="json, md, html or pdf.")] = None,
               out: Annotated[Path | None, typer.Option("--out", help="Write the report to FILE.")] = None,
               rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """What a firm must do, where, from when, and where the rules collide (indicative)."""
        from regatlas.engines.assess.engine import assess as run

        fmt = "json" if json_ and format_ is None else format_
        if fmt is not None and fmt not in FORMATS:
            raise InputError(f"unknown format '{fmt}' (json, md, html, pdf)", field="--format")
        atlas, firm, day = _load(profile, rulebook, as_of)
        doc = run(atlas, firm, day)
        if fmt == "json":
            if out is None:
                return emit_answer(Assessment, doc)
            import io

            buf = io.StringIO()
            emit_answer(Assessment, doc, buf)
            return _write(out, buf.getvalue())
        if fmt is not None:
            from regatlas.interfaces.reports import render

            _write(out, render(doc, fmt))
            if out is not None:
                console.print(f"wrote {out} ({fmt})", markup=False, highlight=False)
            return None
        _render_summary(doc)

    @app.command()
    def classify(profile: ProfileArg,
                 jurisdiction: Annotated[list[str] | None, typer.Option("--jurisdiction", "-j",
                                                                 help="Code(s); default: the profile's.")] = None,
                 rulebook: RulebookOpt = None, as_of: AsOfOpt = None, json_: JsonOpt = False) -> None:
        """Classify the profile's tokens per jurisdiction, factor by factor (indicative)."""
        from regatlas.engines.classify import DISCLAIMER, classify_profile

        atlas, firm, day = _load(profile, rulebook, as_of)
        doc = classify_profile(atlas, firm, day, jurisdiction)
        if json_:
            return emit_answer(Classifications, doc)
        table = Table("jurisdiction", "token", "category", "rule", "verification")
        for c in doc["classifications"]:
            table.add_row(c["jurisdiction"], c["token"], c["label"] or c["note"] or "-", c["rule"] or "-",
                          c["verification"])
        console.print(table)
        console.print(DISCLAIMER, style="dim", markup=False, highlight=False)
        footer(doc)


def _render_summary(doc: dict) -> None:
    table = Table("jurisdiction", "roles", "status", "held/passported", "gaps", "obligations", "upcoming",
                  "prohibitions", title=f"Assessment: {doc['profile']['name']}")
    for s in doc["summary"]:
        table.add_row(s["code"], ",".join(s["roles"]), s["crypto_status"] or "-",
                      str(s["licences"]["held"] + s["licences"]["passported"]), str(s["gaps"]),
                      str(s["obligations"]), str(s["upcoming"]), str(s["prohibitions"]))
    console.print(table)
    console.print(f"{len(doc['conflicts'])} conflicts, {len(doc['plan']['common_controls'])} common control "
                  f"topics, {len(doc['timeline'])} dated changes ahead (use --format md|html|pdf or --json).",
                  markup=False, highlight=False)
    console.print(doc["disclaimer"], style="dim", markup=False, highlight=False)
    footer(doc)
