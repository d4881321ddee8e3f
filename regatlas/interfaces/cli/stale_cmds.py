"""The `stale` command: jurisdiction files and cited values not checked since a cut-off.

>>> import datetime as d
>>> _when(None), _when(d.date(2026, 1, 2))
('never', '2026-01-02')
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from regatlas.errors import InputError
from regatlas.interfaces.cli.options import JsonOpt, RulebookOpt
from regatlas.interfaces.cli.output import console, emit_answer
from regatlas.model.answers import Stale
from regatlas.rulebook.load import default_rulebook_dir, load_rulebook
from regatlas.store.freshness import stale as stale_report


def _when(day: dt.date | None) -> str:
    return day.isoformat() if day else "never"


def _print(doc: dict[str, Any]) -> None:
    say = lambda text: console.print(text, markup=False, highlight=False, soft_wrap=True)
    counts = doc["counts"]
    say(f"not checked since {doc['cutoff']} ({doc['older_than']}): {counts['jurisdictions']} jurisdiction "
        f"files, {counts['values']} values")
    for r in doc["jurisdictions"]:
        say(f"  {r['file']}:{r['line']}: {r['code']}: file last checked {_when(r['checked'])}")
    for r in doc["values"]:
        say(f"  {r['file']}:{r['line']}: {r['kind']} {r['id']}: source last checked {_when(r['checked'])}")


def register(app: typer.Typer) -> None:
    """Add `stale` to `app`."""

    @app.command()
    def stale(
        older_than: Annotated[str, typer.Option("--older-than", help="Age cut-off: 90d, 6m, 1y.")] = "6m",
        rulebook: RulebookOpt = None, json_: JsonOpt = False,
    ) -> None:
        """Jurisdiction files (`checked:`) and values (`source.checked`) last checked before the
        cut-off or never, oldest first, with file:line."""
        if rulebook is not None and not rulebook.is_dir():
            raise InputError(f"{rulebook}: not a rulebook directory", field="--rulebook")
        doc = stale_report(load_rulebook(rulebook or default_rulebook_dir()), older_than)
        if json_:
            return emit_answer(Stale, doc)
        _print(doc)
