"""Official verdicts of assessors, kept beside regatlas's own scores: the FATF's and the FSRBs'
technical-compliance ratings (R.15 and others) and the FSB's implementation stages.

>>> r = OfficialRating.model_validate({"id": "r", "jurisdiction": "SG", "assessor": "FATF",
...     "recommendation": "fatf-r15", "rating": "LC", "as_of": "2024-06-01",
...     "source": {"instrument": "i"}, "verification": "unverified"})
>>> r.rating, r.points()
('LC', 0.67)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from regatlas.model.common import Cited
from regatlas.model.entities import Instrument

Rating = Literal["C", "LC", "PC", "NC", "N/A"]
POINTS = {"C": 1.0, "LC": 0.67, "PC": 0.33, "NC": 0.0}
"""Ratings on a 0-1 scale to set beside a score (the FATF's four levels, evenly spaced)."""


class OfficialRating(Cited):
    """One official rating of one jurisdiction against one recommendation, as published."""

    id: str
    jurisdiction: str
    assessor: str = Field(description="FATF, an FSRB (MONEYVAL, APG, CFATF, ...) or FSB.")
    recommendation: str = Field(description="A recommendation id of the rulebook (fatf-r15, ...).")
    rating: Rating | None = None
    stage: str | None = Field(default=None, description="A stage or status in words (FSB reviews).")
    as_of: dt.date = Field(description="The date of the report that gives the rating.")
    report: str | None = Field(default=None, description="MER, FUR, targeted update ...")
    instruments: list[Instrument] = Field(default_factory=list)

    def points(self) -> float | None:
        """The rating on a 0-1 scale (None for N/A or a stage without a rating)."""
        return POINTS.get(self.rating) if self.rating else None
