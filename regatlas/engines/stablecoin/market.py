"""The market side of the run model: how reserve assets are priced under shocks and forced sales,
how holders react to a broken peg, and the named scenarios. Assumptions in data files
(`data/stablecoin/market.yaml`, `scenarios.yaml`), each value saying where it comes from.

>>> m = market_params()
>>> 0 < m.peg_band < 0.05 and m.duration("treasury_bill") == 0.25
True
>>> sorted(scenarios())[:2]
['baseline', 'combined']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from regatlas.engines.stablecoin.params import DATA, _read, _shown
from regatlas.errors import InputError
from regatlas.untrusted.files import load_document


@dataclass(frozen=True)
class Market:
    """Price sensitivities, fire-sale impact and run dynamics (data/stablecoin/market.yaml)."""

    peg_band: float
    durations: dict[str, float]
    spread_sensitive: frozenset[str]
    recovery: float
    fire_sale: dict[str, tuple[float, float]]  # class -> (depth, impact)
    broken_rate: float
    contagion_boost: float
    queue_days: int
    gate_discount: float
    file: str

    def duration(self, asset_class: str) -> float:
        """Default duration in years of a class (0 for cash-like classes)."""
        return self.durations.get(asset_class, 0.0)

    def impact(self, asset_class: str) -> tuple[float, float]:
        """(depth, impact) of a forced sale of the class ('other' when not listed)."""
        return self.fire_sale.get(asset_class) or self.fire_sale["other"]

    def as_dict(self) -> dict[str, Any]:
        """The assumptions as used, for the answer."""
        return {"file": self.file, "peg_band": self.peg_band, "durations": self.durations,
                "spread_sensitive": sorted(self.spread_sensitive), "fire_sale_recovery": self.recovery,
                "fire_sale": {k: {"depth": d, "impact": i} for k, (d, i) in self.fire_sale.items()},
                "broken_peg_daily_redemption": self.broken_rate, "contagion_boost": self.contagion_boost,
                "queue_days_before_gate": self.queue_days, "gate_discount": self.gate_discount}


@cache
def market_params(path: Path | None = None) -> Market:
    """Load the market assumptions (bundled file unless `path` is given)."""
    path = path or DATA / "market.yaml"
    d = _read(path)
    try:
        rates, fire, runs = d["rates"], d["fire_sale"], d["runs"]
        classes = {k: (float(v["depth"]), float(v["impact"])) for k, v in fire["classes"].items()}
        if "other" not in classes:
            raise KeyError("fire_sale.classes.other")
        return Market(float(d["peg_band"]), {k: float(v) for k, v in rates["default_duration_years"].items()},
                      frozenset(rates["spread_sensitive"]), float(fire["recovery_per_day"]), classes,
                      float(runs["broken_peg_daily_redemption"]), float(runs["contagion_boost"]),
                      int(runs["queue_days_before_gate"]), float(runs["gate_discount"]), _shown(path))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"missing or bad parameter {exc}", file=str(path)) from None


@dataclass(frozen=True)
class BankFailure:
    """A reserve bank failing on `day`: `loss` of the deposits gone, the rest frozen `frozen_days`.
    `bank` is a custodian name of the reports, or "largest" (the bank with the most deposits)."""

    bank: str
    day: int
    loss: float
    frozen_days: int


@dataclass(frozen=True)
class RunOn:
    """A run forced on one issuer: `daily` of its supply redeemed a day for `days` days from `day`."""

    issuer: str
    day: int
    daily: float
    days: int


@dataclass(frozen=True)
class Shock:
    """A named scenario: yield and spread moves on day 0, failing banks, forced runs, and days on
    which no redemption can be paid (banks closed)."""

    id: str
    label: str = ""
    source: str = ""
    rate_shock_bp: float = 0.0
    spread_shock_bp: float = 0.0
    bank_failures: tuple[BankFailure, ...] = ()
    runs: tuple[RunOn, ...] = ()
    pauses: tuple[tuple[int, int], ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """The scenario as used, for the answer."""
        return {"id": self.id, "label": self.label, "source": self.source, "rate_shock_bp": self.rate_shock_bp,
                "spread_shock_bp": self.spread_shock_bp, "bank_failures": [vars(b) for b in self.bank_failures],
                "runs": [vars(r) for r in self.runs], "redemption_pauses": [list(p) for p in self.pauses]}


def _number(d: dict[str, Any], key: str, where: str, default: float = 0.0, top: float = 1e9) -> float:
    value = d.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= top:
        raise InputError(f"'{key}' must be a number between 0 and {top:g}", field=f"{where}.{key}")
    return float(value)


def parse_shock(raw: Any, where: str = "shock") -> Shock:
    """A scenario from its mapping (bundled or a user's file); InputError names the bad field."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id", "custom"), str):
        raise InputError("a scenario must be a mapping with an id", field=where)
    fails = raw.get("bank_failure") or raw.get("bank_failures") or []
    fails = [fails] if isinstance(fails, dict) else fails
    runs = raw.get("runs") or []
    pauses = raw.get("redemption_pauses") or []
    if not all(isinstance(x, dict) for x in [*fails, *runs]) or not isinstance(pauses, list):
        raise InputError("bank_failure, runs and redemption_pauses must be mappings or lists", field=where)
    try:
        return Shock(
            id=raw.get("id", "custom"), label=str(raw.get("label", "")), source=str(raw.get("source", "")),
            rate_shock_bp=_number(raw, "rate_shock_bp", where, top=5000),
            spread_shock_bp=_number(raw, "spread_shock_bp", where, top=5000),
            bank_failures=tuple(BankFailure(str(f.get("bank", "largest")), int(_number(f, "day", where, top=3650)),
                                            _number(f, "loss", where), int(_number(f, "frozen_days", where, top=3650)))
                                for f in fails),
            runs=tuple(RunOn(str(r["issuer"]), int(_number(r, "day", where, top=3650)), _number(r, "daily", where),
                             int(_number(r, "days", where, 1, top=3650))) for r in runs),
            pauses=tuple((int(p[0]), int(p[1])) for p in pauses))
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise InputError(f"bad scenario value {exc}", field=where) from None


@cache
def scenarios() -> dict[str, Shock]:
    """The bundled named scenarios, by id."""
    raw = load_document(DATA / "scenarios.yaml").value
    return {s["id"]: parse_shock(s, f"scenarios.{s['id']}") for s in raw}
