"""FATF public lists, one entry per plenary: every ISO code on each list after that plenary.

A plenary's lists hold from its `date` (when the FATF published the outcome) until the next
plenary's; additions and removals are derived by comparing consecutive plenaries.

>>> p = FatfPlenary.model_validate({"id": "2026-02", "plenary": "February 2026", "date": "2026-02-13",
...     "increased_monitoring": {"codes": ["KW"], "verification": "unverified",
...                              "source": {"instrument": "fatf-im-2026-02", "article": "list"}},
...     "call_for_action": {"codes": ["IR", "KP"], "verification": "unverified",
...                         "source": {"instrument": "fatf-cfa-2026-02", "article": "list"}}})
>>> p.listed("KP"), p.listed("KW"), p.listed("FR")
('call_for_action', 'increased_monitoring', None)
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from regatlas.model.common import Cited, Strict
from regatlas.model.vocab import FatfList


class FatfListing(Cited):
    """One FATF public list as published after a plenary, cited to its FATF page."""

    codes: list[str] = Field(description="ISO 3166-1 alpha-2 codes of every jurisdiction on the list.")


class FatfPlenary(Strict):
    """The two FATF public lists after one plenary (or an out-of-plenary statement)."""

    id: str = Field(description="YYYY-MM of the plenary, as in the file name.")
    plenary: str = Field(description="The plenary's name, e.g. 'February 2026'.")
    date: dt.date = Field(description="The day the FATF published the outcome: the lists hold from it.")
    note: str | None = None
    increased_monitoring: FatfListing
    call_for_action: FatfListing

    def lists(self) -> dict[FatfList, FatfListing]:
        """Both lists by name, the stronger (call for action) first."""
        return {"call_for_action": self.call_for_action, "increased_monitoring": self.increased_monitoring}

    def listed(self, code: str) -> FatfList | None:
        """The list `code` is on after this plenary, or None."""
        return next((name for name, lst in self.lists().items() if code in lst.codes), None)
