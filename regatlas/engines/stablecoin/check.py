"""Check one reserve report against one regime, or every regime side by side.

Each requirement reports pass / fail / not_assessable with the computed figure, the legal limit,
its provision, citation and the provision's status on the as-of date; only in-force provisions
are `binding`, so a proposed or not-yet-effective rule is shown but never decides the verdict.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> from regatlas.model.stablecoin import ReserveReport
>>> rep = ReserveReport.model_validate({"outstanding": 100, "currency": "USD",
...     "date": "2024-01-31", "holdings": [{"asset_class": "bank_deposit", "value": 100,
...     "regulated": True, "segregated": True}]})
>>> ans = check_report(open_atlas(), rep, "us-ny-dfs", d.date(2024, 2, 1))
>>> ans["regimes"][0]["results"][0]["outcome"], ans["rulebook"]["as_of"]
('pass', '2024-02-01')
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.stablecoin import law
from regatlas.engines.stablecoin.rules import evaluate
from regatlas.model.stablecoin import ReserveReport
from regatlas.store import queries
from regatlas.store.atlas import Atlas

OUTCOMES = ("pass", "fail", "not_assessable")


def _verdict(results: list[dict[str, Any]]) -> str:
    binding = [r for r in results if r["binding"]]
    if not binding:
        return "not_in_force"
    if any(r["outcome"] == "fail" for r in binding):
        return "fail"
    if any(r["outcome"] == "not_assessable" for r in binding):
        return "incomplete"
    return "pass"


def check_regime(atlas: Atlas, report: ReserveReport, regime_id: str, day: dt.date) -> dict[str, Any]:
    """Every requirement of `regime_id` evaluated for `report` as the law stood on `day`."""
    meta = law.regime(atlas, regime_id)
    results = []
    for req in law.requirements(atlas, regime_id, day):
        if req["status"] in (None, "repealed"):
            res = {"outcome": "not_assessable", "figure": None, "limit": None, "unit": None,
                   "detail": f"provision not {'yet published' if req['status'] is None else 'in force'}"
                             f" on {day.isoformat()}"}
        else:
            res = evaluate(req, report, day)
        results.append({
            "requirement": req["kind"], **res, "value": req["value"],
            "applies_to": req["applies_to"], "provision": req["provision"],
            "parameter": req["parameter"], "jurisdiction": req["jurisdiction"],
            "status": req["status"], "binding": req["status"] == "in_force",
            "source": req["source"], "verification": req["verification"], "note": req["note"],
        })
    counts = {o: sum(r["outcome"] == o for r in results) for o in OUTCOMES}
    return {"id": meta["id"], "name": meta["name"], "jurisdiction": meta["jurisdiction"],
            "verdict": _verdict(results), "counts": counts, "results": results}


def check_report(atlas: Atlas, report: ReserveReport, regime: str, day: dt.date,
                 file: str | None = None) -> dict[str, Any]:
    """The `stablecoin check` answer: one regime, or `all` of them side by side."""
    ids = law.regime_ids(atlas) if regime == "all" else [law.regime(atlas, regime)["id"]]
    regimes = [check_regime(atlas, report, r, day) for r in ids]
    return {
        "rulebook": queries.header(atlas, day), "report": file, "token": report.token,
        "currency": report.currency, "report_date": report.date, "outstanding": report.outstanding,
        "reserve_total": sum(h.value for h in report.holdings), "regime": regime,
        "regimes": regimes,
        "matrix": {r["id"]: {x["requirement"] + (f"#{i}" if _dup(r, x) else ""): x["outcome"]
                             for i, x in enumerate(r["results"])} for r in regimes},
    }


def _dup(regime: dict[str, Any], result: dict[str, Any]) -> bool:
    """True when a regime lists the same kind twice (e.g. two maturity limits)."""
    return sum(x["requirement"] == result["requirement"] for x in regime["results"]) > 1
