"""Validation rules over a loaded rulebook, one concern per module."""

from __future__ import annotations

from regatlas.rulebook.checks import codes, dates, duplicates, references, sources

CHECKS = (codes.check, duplicates.check, references.check, dates.check, sources.check)
