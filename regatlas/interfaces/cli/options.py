"""Options shared by data commands: --json, --as-of, --rulebook; and the atlas they open.

>>> parse_date("2024-06-01", "--as-of").isoformat()
'2024-06-01'
>>> cli_message(InputError("'EUX' is not an ISO 4217 currency code", field="currency"))
"--currency: 'EUX' is not an ISO 4217 currency code"
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from regatlas.errors import InputError, Location, RegatlasError
from regatlas.interfaces.dates import parse_date  # the commands take it from here with the options

__all__ = ["AsOfOpt", "JsonOpt", "RulebookOpt", "atlas_for", "cli_message", "parse_date"]

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Answer as the law stood on YYYY-MM-DD (default: today).")
]
RulebookOpt = Annotated[
    Path | None,
    typer.Option("--rulebook", envvar="REGATLAS_RULEBOOK", help="Rulebook directory (default: bundled)."),
]


# Engines name the domain field at fault (the API shows that name); these fields are options here.
FLAGS = {name: "--" + name.replace("_", "-") for name in (
    "from", "to", "amount", "currency", "counterparty", "date", "as_of", "out", "rejects", "memory_limit",
    "regime", "chart", "activity", "topic", "standard", "paths", "days", "seed", "edition", "corridor")}


def cli_message(exc: RegatlasError) -> str:
    """The one-line message for `exc`, naming the CLI option for a domain field an engine named.

    A field inside a file (the error names the file) is the file's own key and stays as it is."""
    loc = exc.location
    if loc.file is None and loc.field in FLAGS:
        shown = RegatlasError(exc.message)
        shown.location = Location(None, loc.line, loc.column, FLAGS[loc.field])
        return str(shown)
    return str(exc)


KNOWN_AT: dict[str, str] = {}
"""`--known-at V|D` of this command line (entry.take_known_at), when given."""


def atlas_for(rulebook: Path | None):
    """Open (building if needed) the atlas for the given or bundled rulebook, or for the rulebook as
    the atlas recorded it at `--known-at`."""
    from regatlas.store.atlas import open_atlas

    if KNOWN_AT.get("ref"):
        from regatlas.history.archive import materialise, resolve

        if rulebook is not None:
            raise InputError("give --known-at or --rulebook, not both", field="--known-at")
        return open_atlas(materialise(resolve(KNOWN_AT["ref"])))
    if rulebook is not None and not rulebook.is_dir():
        raise InputError(f"{rulebook}: not a rulebook directory", field="--rulebook")
    return open_atlas(rulebook)
