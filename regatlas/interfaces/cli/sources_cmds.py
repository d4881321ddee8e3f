"""The `sources` command: what keeps values from being verified, file by file."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from regatlas.errors import InputError
from regatlas.interfaces.cli.options import JsonOpt, RulebookOpt
from regatlas.interfaces.cli.output import console, emit_answer
from regatlas.model.answers import Sources
from regatlas.rulebook.load import default_rulebook_dir, load_rulebook
from regatlas.rulebook.sources_report import REASONS, sources_report


def _print(doc: dict[str, Any]) -> None:
    totals = doc["totals"]
    say = lambda text: console.print(text, markup=False, highlight=False, soft_wrap=True)
    say(f"{totals['values']} cited values: {totals['verified']} verified ({totals['share']:.1%}), "
        f"{totals['not_verified']} not verified")
    say("not verified because (a value may lack several): "
        + "; ".join(f"{REASONS[k]} {n}" for k, n in totals["missing"].items()))
    for group in doc["jurisdictions"]:
        say(f"\n{group['code'] or '(agreements, figures, listings, scopes, pegs)'}: {group['verified']}/{group['values']} verified")
        for e in group["not_verified"]:
            say(f"  {e['file']}:{e['line']}: {e['kind']} {e['id']}: {e['why']}")
    console.print(f"rulebook {doc['rulebook']['version']}", style="dim", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add `sources` to `app`."""

    @app.command()
    def sources(
        jurisdiction: Annotated[str | None, typer.Option(help="Only this jurisdiction, e.g. SG.")] = None,
        rulebook: RulebookOpt = None, json_: JsonOpt = False,
    ) -> None:
        """Every cited value that is not verified and why: no document URL, a home page, no pinpoint
        or no excerpt; totals first, then per jurisdiction with file:line."""
        if rulebook is not None and not rulebook.is_dir():
            raise InputError(f"{rulebook}: not a rulebook directory", field="--rulebook")
        loaded = load_rulebook(rulebook or default_rulebook_dir())
        doc = sources_report(loaded, jurisdiction.strip() if jurisdiction else None)
        if json_:
            return emit_answer(Sources, doc)
        _print(doc)
