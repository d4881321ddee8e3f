"""Validation rules over a loaded rulebook, one concern per module."""

from __future__ import annotations

from regatlas.rulebook.checks import (
                                      alignment,
                                      codes,
                                      dates,
                                      duplicates,
                                      expressions,
                                      fatf,
                                      legal_data,
                                      references,
                                      sources,
                                      stablecoin_regimes,
                                      verification,
                                      vocabulary,
)

CHECKS = (codes.check, duplicates.check, references.check, dates.check, sources.check,
          alignment.check, expressions.check, stablecoin_regimes.check,
          legal_data.check, vocabulary.check, verification.check, fatf.check)
