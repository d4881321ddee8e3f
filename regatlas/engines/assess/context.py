"""The firm as seen from one jurisdiction: token types there and the `applies_if` variables.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> from regatlas.model.profile import FirmProfile
>>> from regatlas.engines.assess.data import assess_data
>>> p = FirmProfile.model_validate({"name": "A", "activities": ["exchange"], "entities": [
...     {"id": "a", "name": "A", "jurisdiction": "DE"}], "markets": [{"jurisdiction": "FR"}],
...     "tokens": [{"symbol": "BTC", "means_of_payment": True, "issuer_identifiable": False}]})
>>> view = market_view(assess_data(open_atlas()), p, "FR", d.date(2025, 6, 1), {})
>>> view.env["market"]["served"], view.env["market"]["home"], view.token_types
(True, False, {'payment_token'})
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from regatlas.engines.assess.data import AssessData
from regatlas.engines.classify import classify_with
from regatlas.model.profile import FirmProfile, Market


@dataclass
class MarketView:
    """One assessed jurisdiction: the market entry (if served), classifications, CEL variables."""

    code: str
    market: Market | None
    home: bool
    classifications: list[dict[str, Any]] = field(default_factory=list)
    token_types: set[str] = field(default_factory=set)
    env: dict[str, Any] = field(default_factory=dict)


def assessed_codes(profile: FirmProfile) -> list[str]:
    """Markets served, then home jurisdictions of entities not already listed."""
    codes: list[str] = []
    for code in [m.jurisdiction for m in profile.markets] + [e.jurisdiction for e in profile.entities]:
        if code not in codes:
            codes.append(code)
    return codes


def volumes_env(profile: FirmProfile, day: dt.date) -> dict[str, Any]:
    """Volumes as plain numbers, money converted into euros at the ECB rate of the day."""
    v = profile.volumes
    out: dict[str, Any] = {"customers": v.customers, "monthly_transactions": v.monthly_transactions,
                           "monthly_volume_eur": None, "tokens_outstanding_eur": None}
    for name in ("monthly_volume", "tokens_outstanding"):
        money = getattr(v, name)
        if money is not None:
            from regatlas.engines.assess.rates import rates_on

            out[f"{name}_eur"] = rates_on(day).convert(money.amount, money.currency, "EUR", day)
    return out


def market_view(data: AssessData, profile: FirmProfile, code: str, day: dt.date,
                volumes: dict[str, Any]) -> MarketView:
    """Classify the firm's tokens in `code` and build the CEL variables of `applies_if`."""
    market = next((m for m in profile.markets if m.jurisdiction == code), None)
    home = any(e.jurisdiction == code for e in profile.entities)
    view = MarketView(code=code, market=market, home=home)
    view.classifications = [classify_with(data, t, code, day) for t in profile.tokens]
    view.token_types = {t for c in view.classifications for t in c["token_types"]}
    view.env = {
        "firm": {"activities": list(profile.activities),
                 "home_jurisdictions": sorted({e.jurisdiction for e in profile.entities}),
                 "licence_provisions": sorted({lic.provision for e in profile.entities for lic in e.licences}),
                 "issues_tokens": any(t.issued_by_firm for t in profile.tokens),
                 "entities": len(profile.entities)},
        "market": {"jurisdiction": code, "served": market is not None, "home": home,
                   "retail": bool(market and "retail" in market.clients),
                   "professional": bool(market and "professional" in market.clients),
                   "reach": market.reach if market else "none"},
        "tokens": {"types": sorted(view.token_types),
                   "categories": sorted({c["category"] for c in view.classifications if c["category"]}),
                   "symbols": [t.symbol for t in profile.tokens],
                   "peg_currencies": sorted({c for t in profile.tokens for c in t.peg_currencies})},
        "volumes": volumes,
        "jurisdiction": {"code": code, "currency": data.jurisdictions[code]["currency"]},
    }
    return view
