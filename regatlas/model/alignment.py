"""Explicit alignment assessments: a cited judgement where `implements` mappings are not enough.

An assessment says how far a jurisdiction implements one recommendation of an international
standard from a date on (`in_force`, `enacted`, `proposed` or `absent`). It holds until the next
assessment of the same jurisdiction and recommendation and, while it holds, prevails over what
the provisions' `implements` mappings would give (see docs/alignment.md).

>>> a = AlignmentAssessment.model_validate({"id": "sg-fatf-r16-tr", "jurisdiction": "SG",
...     "recommendation": "fatf-r16", "status": "in_force", "from": "2020-01-28",
...     "source": {"instrument": "sg-psn02"}, "verification": "unverified"})
>>> a.status, a.from_.isoformat()
('in_force', '2020-01-28')
"""

from __future__ import annotations

from typing import Literal

from regatlas.model.common import DatedValue

AlignmentStatus = Literal["in_force", "enacted", "proposed", "absent"]


class AlignmentAssessment(DatedValue):
    """One cited assessment of a jurisdiction against one recommendation, from `from` on."""

    id: str
    jurisdiction: str
    recommendation: str
    status: AlignmentStatus
    basis: str | None = None
