"""Back-tests of the run model on real episodes: each episode file (data/stablecoin/episodes/) holds
the public figures with their sources, the observed price path, and a `model` section saying how the
model replays it (the reserve as disclosed, day 0, the shock, readings of what holders expected).
The answer sets the model's median price path of each reading beside the observed one, day by day.

>>> doc = backtest("usdc-2023-03", paths=200, seed=1)
>>> [v["id"] for v in doc["variants"]][:1], doc["rows"][0]["date"]
(['as-it-turned-out'], '2023-03-09')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.stablecoin.contagion import named_shock
from regatlas.engines.stablecoin.params import DATA
from regatlas.engines.stablecoin.report import parse_mapping
from regatlas.engines.stablecoin.runs import simulate_runs
from regatlas.errors import NotFound
from regatlas.untrusted.files import load_document

EPISODES = DATA / "episodes"


def episodes() -> list[str]:
    """The bundled episode ids."""
    return sorted(p.stem for p in EPISODES.glob("*.yaml"))


def load_episode(ident: str) -> dict[str, Any]:
    """An episode file by id; NotFound names the ones there are."""
    if ident not in episodes():
        raise NotFound(f"unknown episode '{ident}' (one of: {', '.join(episodes())})", field="episode")
    return load_document(EPISODES / f"{ident}.yaml").value


def backtest(ident: str, paths: int = 2000, seed: int = 0) -> dict[str, Any]:
    """Model versus observed for each reading of the episode (median of `paths` paths)."""
    ep = load_episode(ident)
    model = ep["model"]
    day0 = dt.date.fromisoformat(str(model["day_0"]))
    report = parse_mapping(model["report"], f"episodes/{ident}.yaml model.report")
    variants, bands = [], {}
    for v in model["variants"]:
        run = simulate_runs([(report.token or ident, report)], paths, int(model["days"]), seed,
                            named_shock({"id": v["id"], **(v.get("shock") or {})}, f"model.variants.{v['id']}"))
        issuer = run["issuers"][0]
        bands[v["id"]] = issuer["price_bands"]["p50"]
        variants.append({"id": v["id"], "label": v["label"], "min_price": min(issuer["price_bands"]["p50"]),
                         "peg_break_probability": issuer["peg_break_probability"],
                         "gate_probability": issuer["gate_probability"],
                         "redeemed_share_p50": issuer["redeemed_share"]["p50"],
                         "solvency_end_p50": issuer["solvency"]["end"]["p50"], "scenario": run["scenario"]})
    observed: dict[str, dict[str, Any]] = {}
    for point in ep.get("observed_path", []):
        row = observed.setdefault(str(point["date"]), {"low": None, "close": None, "sources": []})
        for key in ("low", "close", "price"):
            if point.get(key) is not None:
                target = "close" if key == "price" else key
                row[target] = min(row[target], point[key]) if target == "low" and row[target] else point[key]
        row["sources"].append(point.get("source_ref"))
    days = sorted(set(observed) | {(day0 + dt.timedelta(days=i)).isoformat() for i in range(int(model["days"]))})
    rows = []
    for date in days:
        i = (dt.date.fromisoformat(date) - day0).days
        rows.append({"date": date, "day": i + 1, **observed.get(date, {"low": None, "close": None, "sources": []}),
                     "model": {k: (b[i] if 0 <= i < len(b) else None) for k, b in bands.items()}})
    return {"episode": ident, "token": ep.get("token"), "day_0": day0.isoformat(), "paths": paths, "seed": seed,
            "figures": [{k: f.get(k) for k in ("id", "what", "value", "unit", "date", "verification", "source")}
                        for f in ep.get("figures", [])],
            "variants": variants, "rows": rows,
            "observed_low": min((r["low"] for r in rows if r["low"] is not None), default=None)}
