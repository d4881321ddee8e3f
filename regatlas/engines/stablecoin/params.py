"""Documented assumptions of the stress test and watch thresholds (data files, not law).

>>> p = stress_params()
>>> 0 < p.run_probability < 1 and p.asset("cash").haircut == 0.0
True
>>> watch_thresholds()["coverage_floor"]
1.0
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from regatlas.errors import InputError
from regatlas.untrusted.files import load_document

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "stablecoin"


@dataclass(frozen=True)
class AssetParams:
    """Liquidation haircut, settlement lag and maturity add-on of one asset class."""

    haircut: float
    settlement_days: int
    per_year: float
    source: str


@dataclass(frozen=True)
class StressParams:
    """Redemption-shock distribution and per-class liquidation terms."""

    normal_median: float
    normal_sigma: float
    run_probability: float
    run_days: int
    run_median: float
    run_sigma: float
    max_daily: float
    bank_failure_probability: float
    bank_failure_loss: float
    bank_frozen_days: int
    assets: dict[str, AssetParams]
    file: str

    def asset(self, name: str) -> AssetParams:
        """Terms for `name`, falling back to 'other'."""
        return self.assets.get(name) or self.assets["other"]

    def as_dict(self) -> dict[str, Any]:
        """The assumptions as used, for the answer."""
        return {"file": self.file, "redemption": {
            "normal": {"median": self.normal_median, "sigma": self.normal_sigma},
            "run": {"probability": self.run_probability, "duration_days": self.run_days,
                    "median": self.run_median, "sigma": self.run_sigma},
            "max_daily": self.max_daily},
            "unregulated_bank_failure": {"probability_in_run": self.bank_failure_probability,
                                         "loss_given_failure": self.bank_failure_loss,
                                         "frozen_days": self.bank_frozen_days},
            "asset_classes": {k: vars(v) for k, v in self.assets.items()}}


def _read(path: Path) -> dict[str, Any]:
    data = load_document(path).value  # a --params file is the user's: bounded like any input
    if not isinstance(data, dict):
        raise InputError("parameters must be a mapping", file=str(path))
    return data


def _shown(path: Path) -> str:
    """How answers name a parameters file: bundled ones by package path (no server path)."""
    return f"regatlas/data/stablecoin/{path.name}" if path.resolve().parent == DATA else str(path)


@cache
def stress_params(path: Path | None = None) -> StressParams:
    """Load the stress assumptions (bundled file unless `path` is given)."""
    path = path or DATA / "stress_params.yaml"
    d = _read(path)
    try:
        red, normal, run = d["redemption"], d["redemption"]["normal"], d["redemption"]["run"]
        bank = d["unregulated_bank_failure"]
        assets = {k: AssetParams(float(v["haircut"]), int(v["settlement_days"]),
                                 float(v.get("per_year", 0.0)), str(v.get("source", "")))
                  for k, v in d["asset_classes"].items()}
        if "other" not in assets:
            raise KeyError("asset_classes.other")
        return StressParams(float(normal["median"]), float(normal["sigma"]),
                            float(run["probability"]), int(run["duration_days"]),
                            float(run["median"]), float(run["sigma"]), float(red["max_daily"]),
                            float(bank["probability_in_run"]), float(bank["loss_given_failure"]),
                            int(bank["frozen_days"]), assets, _shown(path))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"missing or bad parameter {exc}", file=str(path)) from None


@cache
def watch_thresholds() -> dict[str, float]:
    """Alert levels of `stablecoin watch` (monitoring choices, documented in the file)."""
    return {k: float(v) for k, v in _read(DATA / "watch.yaml").items()}
