"""The corridor matrix: for every ordered pair of jurisdictions, how the Travel Rule meets.

A cell says whether the rule is in force on both sides, on one (sunrise) or on none, and the
smallest amount (in EUR at that day's rates) from which at least one side requires the full
information set. Only jurisdictions with a rulebook file are rows (the ISO codes without one,
coverage `none`, would add only "no_data" cells). A jurisdiction without a Travel Rule fact on
the day has status None ("no data"); a cell not in force on both sides where a side has no data is "no_data", never "none"
or "sunrise", and is counted apart.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> m = matrix(open_atlas(), d.date(2025, 6, 1))
>>> {c["status"] for c in m["cells"]} <= set(CELL_STATUSES)
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.fx import RateTable, default_rates
from regatlas.engines.travel_rule.law import law_row
from regatlas.errors import InputError
from regatlas.store import queries
from regatlas.store.atlas import Atlas

CELL_STATUSES = ("both", "sunrise", "none", "no_data")


def cell_status(a: dict[str, Any], b: dict[str, Any]) -> str:
    """How the Travel Rule meets on a corridor between two resolved laws (`law_row` shape).

    >>> cell_status({"status": "in_force", "in_force": True}, {"status": None, "in_force": False})
    'no_data'
    >>> cell_status({"status": "in_force", "in_force": True}, {"status": "none", "in_force": False})
    'sunrise'
    """
    if a["in_force"] and b["in_force"]:
        return "both"
    if a["status"] is None or b["status"] is None:
        return "no_data"
    return "sunrise" if a["in_force"] or b["in_force"] else "none"


def _threshold_eur(law: dict[str, Any], day: dt.date, rates: RateTable) -> float | None:
    if law["status"] != "in_force":
        return None
    if not law["threshold_amount"]:
        return 0.0
    try:
        return law["threshold_amount"] / rates.rate(law["threshold_currency"], day).per_eur
    except InputError:
        return 0.0  # no rate for the law's currency: conservatively required from the first unit


def matrix(atlas: Atlas, day: dt.date, rates: RateTable | None = None) -> dict[str, Any]:
    """Every ordered corridor's Travel Rule status on `day`, with each side's law summarised."""
    rates = rates or default_rates()
    codes = [r["code"] for r in atlas.rows("SELECT code FROM jurisdictions WHERE coverage <> 'none' ORDER BY code")]
    laws = {c: law_row(c, queries.travel_rule(atlas, c, day)) for c in codes}
    for law in laws.values():
        law["threshold_eur"] = _threshold_eur(law, day, rates)
    cells = []
    for a in codes:
        for b in codes:
            la, lb = laws[a], laws[b]
            status = cell_status(la, lb)
            thresholds = [t for t in (la["threshold_eur"], lb["threshold_eur"]) if t is not None]
            cells.append({"from": a, "to": b, "status": status,
                          "threshold_eur": min(thresholds) if thresholds else None})
    summary = [{"code": c, "status": laws[c]["status"], "threshold_amount": laws[c]["threshold_amount"],
                "threshold_currency": laws[c]["threshold_currency"],
                "threshold_eur": laws[c]["threshold_eur"],
                "self_hosted": laws[c]["sh_policy"] if laws[c]["status"] is not None else None}
               for c in codes]
    counts = {s: sum(1 for c in cells if c["status"] == s and c["from"] != c["to"])
              for s in CELL_STATUSES}
    return {"rulebook": queries.header(atlas, day), "jurisdictions": summary, "counts": counts,
            "cells": cells}
