"""Disclosure monitoring over a time series of reserve snapshots.

Each snapshot is checked as the law stood on its own date; flags are raised for binding breaches,
stale attestations (older than the regime allows, on the snapshot date and again on the as-of
date for the newest one), coverage below the watch floor, and reserves at banks not marked
regulated (alert levels from data/stablecoin/watch.yaml).

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> from regatlas.model.stablecoin import ReserveReport
>>> s = [("a", ReserveReport.model_validate({"date": "2024-01-31", "outstanding": 100,
...     "holdings": [{"asset_class": "bank_deposit", "value": 90, "regulated": True}]}))]
>>> ans = watch(open_atlas(), s, "us-ny-dfs", d.date(2024, 2, 1))
>>> [f["flag"] for f in ans["snapshots"][0]["flags"]][:2]
['coverage_below_floor', 'breach']
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

from regatlas.engines.stablecoin import law
from regatlas.engines.stablecoin.check import check_regime
from regatlas.engines.stablecoin.params import watch_thresholds
from regatlas.errors import InputError
from regatlas.model.stablecoin import ReserveReport
from regatlas.store import queries
from regatlas.store.atlas import Atlas


def _metrics(report: ReserveReport) -> dict[str, Any]:
    total = sum(h.value for h in report.holdings)
    unreg = sum(h.value for h in report.holdings
                if h.asset_class == "bank_deposit" and h.regulated is False)
    return {"reserve_total": total, "outstanding": report.outstanding,
            "coverage": round(total / report.outstanding, 6) if report.outstanding else None,
            "unregulated_bank_share": round(unreg / total, 6) if total else None,
            "attestation_date": report.attestation.date if report.attestation else None}


def _flags(regimes: list[dict[str, Any]], m: dict[str, Any], limits: dict[str, float]) -> list[dict]:
    flags = []
    if m["coverage"] is not None and m["coverage"] < limits["coverage_floor"]:
        flags.append({"flag": "coverage_below_floor", "figure": m["coverage"],
                      "limit": limits["coverage_floor"]})
    for r in regimes:
        for x in r["results"]:
            if not x["binding"] or x["outcome"] != "fail":
                continue
            kind = "stale_attestation" if x["requirement"] == "attestation_max_age_days" else "breach"
            flags.append({"flag": kind, "regime": r["id"], "requirement": x["requirement"],
                          "figure": x["figure"], "limit": x["limit"], "provision": x["provision"]})
    share = m["unregulated_bank_share"]
    if share is not None and share > limits["unregulated_bank_share_max"]:
        flags.append({"flag": "unregulated_bank_concentration", "figure": share,
                      "limit": limits["unregulated_bank_share_max"]})
    return flags


def watch(atlas: Atlas, snapshots: list[tuple[str, ReserveReport]], regime: str,
          day: dt.date) -> dict[str, Any]:
    """The `stablecoin watch` answer: per-snapshot metrics and flags, then a summary."""
    if not snapshots:
        raise InputError("no reserve snapshots found (.yaml, .json, .csv or .jsonl)", field="snapshots")
    ids = law.regime_ids(atlas) if regime == "all" else [law.regime(atlas, regime)["id"]]
    undated = [name for name, r in snapshots if r.date is None]
    if undated:
        raise InputError("every snapshot needs a date", file=undated[0], field="date")
    limits = watch_thresholds()
    rows = []
    ordered = sorted(snapshots, key=lambda s: s[1].date)
    for i, (name, report) in enumerate(ordered):
        m = _metrics(report)
        results = [check_regime(atlas, report, r, report.date) for r in ids]
        flags = _flags(results, m, limits)
        if i == len(ordered) - 1 and day > report.date:
            # the newest snapshot must still be fresh today, not only on its own date
            for r in ids:
                now = check_regime(atlas, report, r, day)
                for x in now["results"]:
                    if x["requirement"] == "attestation_max_age_days" and x["binding"] \
                            and x["outcome"] == "fail":
                        flags.append({"flag": "stale_attestation", "regime": r, "as_of": day,
                                      "requirement": x["requirement"], "figure": x["figure"],
                                      "limit": x["limit"], "provision": x["provision"]})
        rows.append({"snapshot": name, "date": report.date, **m, "flags": flags,
                     "verdicts": {r["id"]: r["verdict"] for r in results}})
    for prev, cur in pairwise(rows):
        if prev["coverage"] is not None and cur["coverage"] is not None:
            cur["coverage_change"] = round(cur["coverage"] - prev["coverage"], 6)
    counts: dict[str, int] = {}
    for r in rows:
        for f in r["flags"]:
            counts[f["flag"]] = counts.get(f["flag"], 0) + 1
    return {"rulebook": queries.header(atlas, day), "regime": regime, "snapshots": rows,
            "flag_counts": counts, "thresholds": limits,
            "latest": rows[-1]["date"], "flagged_snapshots": sum(bool(r["flags"]) for r in rows)}
