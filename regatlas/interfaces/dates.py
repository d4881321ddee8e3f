"""The as-of date every face reads from its user: a date, a YYYY-MM-DD text, or today.

>>> parse_date("2024-06-01", "--as-of").isoformat()
'2024-06-01'
>>> parse_date("2024-13-01", "as_of")
Traceback (most recent call last):
...
regatlas.errors.InputError: as_of: '2024-13-01' is not a date (YYYY-MM-DD)
"""

from __future__ import annotations

import datetime as dt

from regatlas.errors import InputError


def parse_date(value: dt.date | str | None, field: str) -> dt.date:
    """`value` as a date, today when None; InputError (exit 2, HTTP 422) naming `field` otherwise."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"'{value}' is not a date (YYYY-MM-DD)", field=field) from None
