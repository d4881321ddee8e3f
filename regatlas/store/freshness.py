"""Freshness: which jurisdiction files and cited values were not checked since a cut-off.

A jurisdiction file may carry `checked: YYYY-MM-DD` (the day it was last reviewed as a whole);
every cited value may carry `source.checked` (the day its text was last read). `stale` lists
those older than the cut-off or never checked, oldest first (never checked before any date),
each with file:line, for `regatlas stale` (docs/coverage.md).

>>> parse_age("6m"), parse_age("2y"), parse_age("30d")
((0, 6, 0), (2, 0, 0), (0, 0, 30))
>>> cutoff(dt.date(2026, 12, 3), "6m")
datetime.date(2026, 6, 3)
>>> cutoff(dt.date(2026, 12, 3), "3000y")
Traceback (most recent call last):
...
regatlas.errors.InputError: older_than: --older-than 3000y reaches before the year 1
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from regatlas.errors import InputError
from regatlas.rulebook.checks.verification import cited_values


def parse_age(text: str) -> tuple[int, int, int]:
    """(years, months, days) from `6m`, `1y`, `90d`; InputError (exit 2) otherwise."""
    m = re.fullmatch(r"\s*(\d{1,4})\s*([dmy])\s*", text or "")
    if not m:
        raise InputError(f"--older-than must look like 90d, 6m or 1y, got '{text}'", field="older_than")
    n, unit = int(m.group(1)), m.group(2)
    return (n if unit == "y" else 0, n if unit == "m" else 0, n if unit == "d" else 0)


def cutoff(today: dt.date, age: str) -> dt.date:
    """`today` minus `age`; a day past the end of a shorter month becomes its last day."""
    years, months, days = parse_age(age)
    total = today.year * 12 + today.month - 1 - years * 12 - months
    year, month = divmod(total, 12)
    try:
        day = min(today.day, calendar.monthrange(year, month + 1)[1])
        return dt.date(year, month + 1, day) - dt.timedelta(days=days)
    except (ValueError, OverflowError):  # before year 1: no calendar date to compare with
        raise InputError(f"--older-than {age.strip()} reaches before the year 1", field="older_than") from None


def _line(loaded: Any, file: str, path: tuple, key: str) -> int | None:
    """Line of `key` under `path`; where the key is absent, of the nearest enclosing value."""
    doc = loaded.documents.get(file)
    return doc.position(path + (key,), key=True)[0] if doc else None


def stale(loaded: Any, older_than: str = "6m", today: dt.date | None = None) -> dict[str, Any]:
    """Jurisdiction files and values last checked before the cut-off (or never), oldest first."""
    today = today or dt.date.today()
    limit = cutoff(today, older_than)
    files, values = [], []
    for file, path, j in loaded.entities("jurisdictions"):
        if j.checked is None or j.checked < limit:
            files.append({"code": j.code, "file": file, "line": _line(loaded, file, path, "checked"),
                          "checked": j.checked})
    for cv in cited_values(loaded):
        checked = cv.value.source.checked
        if checked is None or checked < limit:
            values.append({"jurisdiction": cv.jurisdiction, "file": cv.file,
                           "line": _line(loaded, cv.file, cv.path + ("source",), "checked"),
                           "kind": cv.kind, "id": cv.ident, "checked": checked})
    order = lambda r: (r["checked"] or dt.date.min, r["file"], r["line"] or 0)
    return {"rulebook": {"version": loaded.rulebook.version, "as_of": today.isoformat()},
            "older_than": older_than, "cutoff": limit,
            "counts": {"jurisdictions": len(files), "values": len(values)},
            "jurisdictions": sorted(files, key=order), "values": sorted(values, key=order)}
