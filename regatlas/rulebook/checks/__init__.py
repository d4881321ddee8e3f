"""Validation rules over a loaded rulebook, one concern per module."""

from __future__ import annotations

from regatlas.rulebook.checks import (
                                      alignment,
                                      codes,
                                      dates,
                                      duplicates,
                                      expressions,
                                      references,
                                      sources,
                                      stablecoin_regimes,
                                      verification,
)

CHECKS = (codes.check, duplicates.check, references.check, dates.check, sources.check,
          alignment.check, expressions.check, stablecoin_regimes.check, verification.check)
