"""The `sources` command (what keeps values from being verified) and the verified-share table.

>>> table = verification_table({"share": 0.5, "verified": 1, "values": 2, "agreements": {
...     "share": 0.0, "verified": 0, "values": 0}, "by_jurisdiction": {"SG": {"share": 0.5,
...     "verified": 1, "values": 2}}})
>>> table.row_count
1
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from regatlas.errors import InputError
from regatlas.interfaces.cli.options import JsonOpt, RulebookOpt
from regatlas.interfaces.cli.output import console, emit_answer
from regatlas.model.answers import Sources
from regatlas.rulebook.load import default_rulebook_dir, load_rulebook
from regatlas.rulebook.sources_report import REASONS, sources_report


def verification_table(verification: dict[str, Any]) -> Table:
    """Verified values per jurisdiction (and agreements), as `info` shows them."""
    table = Table("jurisdiction", "verified", "values", "share", title="verified values (strict)")
    rows = dict(verification["by_jurisdiction"])
    for key in ("agreements", "legal_data"):  # values of no one jurisdiction
        if verification.get(key, {}).get("values"):
            rows[f"({key.replace('_', ' ')})"] = verification[key]
    for code, row in rows.items():
        table.add_row(code, str(row["verified"]), str(row["values"]), f"{row['share']:.0%}")
    return table


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
