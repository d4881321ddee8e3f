"""One error family for regatlas: every error can say where it comes from.

>>> e = RulebookError("bad code", file="x.yaml", line=3, column=5, field="code")
>>> str(e)
'x.yaml:3:5: code: bad code'
>>> e.as_dict()["line"]
3
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Location:
    """Where in a rulebook or input file something happened (1-based line and column)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None


class RegatlasError(Exception):
    """Base of every error regatlas raises on purpose; carries a structured location."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = Location(file, line, column, field)

    def as_dict(self) -> dict:
        """The error as the contract's JSON shape: file, line, column, field, message."""
        loc = self.location
        return {
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "field": loc.field,
            "message": self.message,
        }

    def __str__(self) -> str:
        loc = self.location
        where = ":".join(str(p) for p in (loc.file, loc.line, loc.column) if p is not None)
        what = f"{loc.field}: {self.message}" if loc.field else self.message
        return f"{where}: {what}" if where else what


class RulebookError(RegatlasError):
    """A defect in the rulebook data (schema, codes, references, dates)."""


class InputError(RegatlasError):
    """Bad input from a user: unknown jurisdiction, unreadable file, malformed value."""


class NotFound(InputError):
    """A code or id that the rulebook does not know."""
