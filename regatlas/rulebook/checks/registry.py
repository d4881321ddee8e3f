"""Every validation rule over a loaded rulebook, in the order `regatlas validate` runs them.

Kept out of the package's `__init__` so that importing one check's helper (a currency code test for a
Travel Rule check) does not import every check and, through them, the rulebook loader.

>>> from regatlas.rulebook.checks.registry import CHECKS
>>> CHECKS[0].__module__
'regatlas.rulebook.checks.codes'
"""

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
