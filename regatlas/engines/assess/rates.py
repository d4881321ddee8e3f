"""Reference rates for an assessment day: the fx engine's one-day fast path.

An assessment converts a handful of thresholds on one day, so it reads only the newest year of
the ECB file (`fx.rates_on`), with the rulebook's legal pegs applied by the fx engine.

>>> import datetime as d
>>> r = rates_on(d.date(2024, 12, 30))
>>> round(r.convert(100, "EUR", "EUR", d.date(2024, 12, 30)), 6), r.rate("USD", d.date(2024, 12, 30)).published.isoformat()
(100.0, '2024-12-30')
"""

from __future__ import annotations

from regatlas.engines.fx import rates_on

__all__ = ["rates_on"]
