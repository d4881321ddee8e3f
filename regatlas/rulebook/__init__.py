"""Rulebook loading and validation.

>>> report = validate(default_rulebook_dir())
>>> report.valid
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regatlas.errors import RulebookError

if TYPE_CHECKING:
    from regatlas.rulebook.load import Loaded

from regatlas.rulebook.files import default_rulebook_dir

_FROM_LOAD = ("Loaded", "load_rulebook")


def __getattr__(name: str) -> Any:
    # The loader (YAML with positions, the rulebook models) is imported on first use: a submodule
    # such as `regatlas.rulebook.rates`, which a single Travel Rule check reads, does not need it.
    if name in _FROM_LOAD:
        from regatlas.rulebook import load

        return getattr(load, name)
    raise AttributeError(f"module 'regatlas.rulebook' has no attribute '{name}'")


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
    # imported here: opening a built atlas needs no checks
    from regatlas.rulebook.checks.registry import CHECKS
    from regatlas.rulebook.load import load_rulebook

    loaded = load_rulebook(root)
    errors = list(loaded.errors)
    for check in CHECKS:
        errors.extend(check(loaded))
    errors.sort(key=lambda e: (e.location.file or "", e.location.line or 0, e.location.column or 0))
    return Report(loaded, errors)


__all__ = ["Loaded", "Report", "default_rulebook_dir", "load_rulebook", "validate"]
