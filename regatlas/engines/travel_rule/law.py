"""Each jurisdiction's Travel Rule as resolved, flat intervals: the input of the decision plan.

Inheritance (EU law in member states, federal law in US states) is resolved once here, by
asking the store's own as-of query at every date where any law in the chain changes, so the
bulk plan and `show` can never disagree.

>>> from regatlas.store.atlas import open_atlas
>>> rows = law_intervals(open_atlas(), ["EU"])
>>> [(r["valid_from"].isoformat(), r["status"]) for r in rows][-1]
('2024-12-30', 'in_force')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.store import queries
from regatlas.store.atlas import Atlas

LAW_COLUMNS = (  # order of the lookup schema in lookup.py
    "jurisdiction", "valid_from", "valid_to", "status", "in_force", "threshold_amount",
    "threshold_currency", "threshold_inclusive", "tier_min_amount", "tier_currency", "sh_policy",
    "sh_threshold_amount", "sh_threshold_currency", "sh_inclusive",
)
EPOCH = dt.date(1990, 1, 1)


def law_row(code: str, tr: dict[str, Any]) -> dict[str, Any]:
    """Flatten one resolved Travel Rule answer into the plan's law columns."""
    threshold = tr.get("threshold") or {}
    tiers = tr.get("tiers") or []
    lowest = min(tiers, key=lambda t: t["min"]["amount"])["min"] if tiers else {}
    sh = tr.get("self_hosted") or {}
    sh_threshold = sh.get("threshold") or {}
    return {
        "jurisdiction": code, "status": tr["status"], "in_force": tr["status"] == "in_force",
        "threshold_amount": threshold.get("amount"), "threshold_currency": threshold.get("currency"),
        "threshold_inclusive": tr.get("threshold_inclusive", True),
        "tier_min_amount": lowest.get("amount"), "tier_currency": lowest.get("currency"),
        "sh_policy": sh.get("policy", "none"), "sh_threshold_amount": sh_threshold.get("amount"),
        "sh_threshold_currency": sh_threshold.get("currency"),
        "sh_inclusive": sh.get("threshold_inclusive", True),
    }


def law_intervals(atlas: Atlas, codes: list[str] | None = None) -> list[dict[str, Any]]:
    """Resolved [valid_from, valid_to) Travel Rule intervals for `codes` (default: all)."""
    every = [r["code"] for r in atlas.rows("SELECT code FROM jurisdictions ORDER BY code")]
    out = []
    for code in codes or every:
        chain = queries.chain(atlas, code)
        starts = sorted({EPOCH} | {
            r["valid_from"] for r in atlas.rows(
                f"SELECT DISTINCT valid_from FROM facts WHERE kind = 'travel_rule' AND jurisdiction"
                f" IN ({','.join('?' * len(chain))})", chain)})
        for i, start in enumerate(starts):
            row = law_row(code, queries.travel_rule(atlas, code, start))
            row["valid_from"] = start
            row["valid_to"] = starts[i + 1] if i + 1 < len(starts) else None
            out.append(row)
    return out
