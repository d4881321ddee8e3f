"""Options shared by data commands: --json, --as-of, --rulebook; and the atlas they open.

>>> parse_date("2024-06-01", "--as-of").isoformat()
'2024-06-01'
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from regatlas.errors import InputError

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Answer as the law stood on YYYY-MM-DD (default: today).")
]
RulebookOpt = Annotated[
    Path | None,
    typer.Option("--rulebook", envvar="REGATLAS_RULEBOOK", help="Rulebook directory (default: bundled)."),
]


def parse_date(value: str | None, option: str) -> dt.date:
    """A YYYY-MM-DD value, today when None; InputError (exit 2) naming the option otherwise."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"'{value}' is not a date (YYYY-MM-DD)", field=option) from None


def atlas_for(rulebook: Path | None):
    """Open (building if needed) the atlas for the given or bundled rulebook."""
    from regatlas.store.atlas import open_atlas

    if rulebook is not None and not rulebook.is_dir():
        raise InputError(f"{rulebook}: not a rulebook directory", field="--rulebook")
    return open_atlas(rulebook)
