"""Dates: dated lists strictly ascending, ranges not reversed, publication not after effect.

>>> import datetime as d
>>> ascending_problem([d.date(2020, 1, 1), d.date(2020, 1, 1)])
(1, 'date 2020-01-01 repeats the previous entry (overlapping values)')
"""

from __future__ import annotations

import datetime as dt

from regatlas.errors import RulebookError

DATED_LISTS = ("crypto_status", "travel_rule", "stablecoins", "cbdc")


def ascending_problem(dates: list[dt.date]) -> tuple[int, str] | None:
    """(index, message) of the first entry out of order, or None."""
    for i in range(1, len(dates)):
        if dates[i] == dates[i - 1]:
            return i, f"date {dates[i]} repeats the previous entry (overlapping values)"
        if dates[i] < dates[i - 1]:
            return i, f"date {dates[i]} is before the previous entry's {dates[i - 1]} (must ascend)"
    return None


def _range_problem(start: dt.date | None, end: dt.date | None) -> str | None:
    if start and end and end <= start:
        return f"effective_to {end} is not after effective_from {start} (reversed range)"
    return None


def check(loaded) -> list[RulebookError]:
    """Order of every dated list and direction of every effective range."""
    errors = []
    for file, base, j in loaded.entities("jurisdictions"):
        for name in DATED_LISTS:
            problem = ascending_problem([v.from_ for v in getattr(j, name)])
            if problem:
                errors.append(loaded.error(file, base + (name, problem[0], "from"), problem[1]))
        for i, p in enumerate(j.provisions):
            problem = _range_problem(p.effective_from, p.effective_to)
            if problem:
                errors.append(loaded.error(file, base + ("provisions", i, "effective_to"), problem))
            if p.published and p.effective_from and p.published > p.effective_from:
                errors.append(loaded.error(
                    file, base + ("provisions", i, "published"),
                    f"published {p.published} is after effective_from {p.effective_from}",
                ))
            if p.proposed and p.effective_to:
                errors.append(loaded.error(
                    file, base + ("provisions", i, "effective_to"),
                    "a proposed provision cannot have effective_to",
                ))
            if p.proposed and not p.published:
                errors.append(loaded.error(
                    file, base + ("provisions", i, "proposed"),
                    "a proposed provision needs published (the day the bill or draft was made public, "
                    "or the date of the earliest source that reports it, said in its note); without it "
                    "it would answer 'proposed' on every date, even before it existed",
                ))
            if not p.proposed and not (p.published or p.effective_from):
                errors.append(loaded.error(
                    file, base + ("provisions", i),
                    "needs effective_from or published (or proposed: true with published)",
                ))
    for file, base, a in loaded.entities("agreements"):
        problem = _range_problem(a.effective_from, a.effective_to)
        if problem:
            errors.append(loaded.error(file, base + ("effective_to",), problem))
    return errors
