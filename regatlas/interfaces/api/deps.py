"""Request parameters shared by routes, and the per-process memo of deterministic answers.

Answers depend only on (rulebook version, inputs), so they are memoised per process.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Path, Query, Request

from regatlas.store import queries
from regatlas.store.atlas import Atlas

CodePath = Annotated[str, Path(pattern=r"^[A-Za-z]{2}(-[A-Za-z0-9]{2,8})?$", max_length=11,
                               description="Jurisdiction code: SG, EU, US-NY, AE-DU, AE-DIFC ...")]
AsOfQuery = Annotated[dt.date | None, Query(description="YYYY-MM-DD; default today.",
                                            ge=dt.date(1900, 1, 1), le=dt.date(2100, 12, 31))]


def day_of(as_of: dt.date | None) -> dt.date:
    """The as-of date of a request (today when not given)."""
    return as_of or dt.date.today()


class Memo:
    """LRU-memoised engine calls for one atlas (answers are never mutated after creation)."""

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas
        self.show = lru_cache(maxsize=8192)(lambda code, day: queries.show(atlas, code, day))
        self.jurisdictions = lru_cache(maxsize=512)(lambda day: queries.jurisdictions(atlas, day))
        self.check = lru_cache(maxsize=8192)(self._check)

    def _check(self, frm: str, to: str, amount: float, currency: str, day: dt.date,
               counterparty: str) -> dict[str, Any]:
        from regatlas.engines.travel_rule.corridor import check

        return check(self.atlas, frm, to, amount, currency, day, counterparty)


def memo(request: Request) -> Memo:
    """The app's memo (one atlas per process)."""
    return request.app.state.memo
