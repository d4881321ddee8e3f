"""Legal periods as the rulebook states them: `{days: N, business: bool}` or an ISO 8601 period
(`P3M`, `P1Y`, `P6M`, `P93D`) where the law speaks in months or years.

Months are added on the calendar (31 January + P1M = 28/29 February), so "three months or less"
is checked exactly rather than through an average month length.

>>> import datetime as d
>>> end_of(d.date(2025, 1, 31), "P1M")
datetime.date(2025, 2, 28)
>>> end_of(d.date(2025, 1, 1), {"days": 93, "business": False})
datetime.date(2025, 4, 4)
>>> label({"days": 2, "business": True}), label("P3M")
('2 business days', '3 months')
>>> worst_case_calendar_days(1)
3
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from typing import Any

_ISO = re.compile(r"^P(\d+)([DMY])$")
_UNITS = {"D": "day", "M": "month", "Y": "year"}


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_of(start: dt.date, period: Any) -> dt.date:
    """Last day of `period` counted from `start` (business days counted Monday to Friday)."""
    if isinstance(period, dict):
        n = math.ceil(period["days"])
        if not period.get("business"):
            return start + dt.timedelta(days=n)
        day = start
        while n > 0:
            day += dt.timedelta(days=1)
            n -= day.weekday() < 5
        return day
    match = _ISO.match(str(period))
    if not match:
        raise ValueError(f"not a period: {period!r}")
    n, unit = int(match.group(1)), match.group(2)
    if unit == "D":
        return start + dt.timedelta(days=n)
    return _add_months(start, n * (12 if unit == "Y" else 1))


def label(period: Any) -> str:
    """Readable period: '2 business days', '3 months'."""
    if isinstance(period, dict):
        n = period["days"]
        n = int(n) if float(n).is_integer() else n
        return f"{n} {'business ' if period.get('business') else ''}day{'s' * (n != 1)}"
    match = _ISO.match(str(period))
    n, unit = int(match.group(1)), _UNITS[match.group(2)]
    return f"{n} {unit}{'s' * (n != 1)}"


def worst_case_calendar_days(business_days: float) -> int:
    """Longest calendar span of N business days (starting on a Friday; holidays ignored)."""
    n = math.ceil(business_days)
    return n + 2 * math.ceil(n / 5)
