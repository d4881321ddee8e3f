"""Rulebook loading and validation.

>>> report = validate(default_rulebook_dir())
>>> report.valid
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from regatlas.errors import RulebookError
from regatlas.rulebook.load import Loaded, default_rulebook_dir, load_rulebook


@dataclass
class Report:
    """Outcome of validating one rulebook directory."""

    loaded: Loaded
    errors: list[RulebookError]

    @property
    def valid(self) -> bool:
        """True when no error was found."""
        return not self.errors

    def as_dict(self) -> dict:
        """The contract's JSON shape for `regatlas validate`."""
        return {"valid": self.valid, "errors": [e.as_dict() for e in self.errors]}


def validate(root: Path) -> Report:
    """Load `root` and run every check over what loaded (a broken file is reported once)."""
    from regatlas.rulebook.checks import CHECKS  # imported here: opening a built atlas needs no checks

    loaded = load_rulebook(root)
    errors = list(loaded.errors)
    for check in CHECKS:
        errors.extend(check(loaded))
    errors.sort(key=lambda e: (e.location.file or "", e.location.line or 0, e.location.column or 0))
    return Report(loaded, errors)


__all__ = ["Loaded", "Report", "default_rulebook_dir", "load_rulebook", "validate"]
