"""The law a stablecoin check applies: regimes and their requirements with the provision values
and statuses as of a date, read from the compiled store (never from YAML).

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> reqs = requirements(open_atlas(), "us-ny-dfs", d.date(2024, 1, 1))
>>> reqs[0]["kind"], reqs[0]["value"], reqs[0]["status"]
('reserve_coverage_min', {'ratio': 1.0}, 'in_force')
>>> "eu-mica-emt" in regime_ids(open_atlas())
True
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from regatlas.errors import NotFound
from regatlas.store import queries
from regatlas.store.atlas import Atlas

_AS_OF = "(s.valid_from IS NULL OR s.valid_from <= ?) AND (s.valid_to IS NULL OR ? < s.valid_to)"


def regime_ids(atlas: Atlas) -> list[str]:
    """Every regime id, ordered by jurisdiction then id."""
    return [r["id"] for r in atlas.rows(
        "SELECT id FROM stablecoin_regimes ORDER BY jurisdiction, id")]


def regime(atlas: Atlas, regime_id: str) -> dict[str, Any]:
    """One regime row; NotFound (exit 2) naming the known ids when unknown."""
    rows = atlas.rows("SELECT * FROM stablecoin_regimes WHERE id = ?", [regime_id])
    if not rows:
        known = ", ".join(regime_ids(atlas))
        raise NotFound(f"unknown regime '{regime_id}' (known: {known}, or all)", field="regime")
    return rows[0]


def requirements(atlas: Atlas, regime_id: str, day: dt.date) -> list[dict[str, Any]]:
    """Requirements of a regime in order, each with its value, lag, status on `day` and source."""
    rows = atlas.rows(f"""
        SELECT q.*, p.jurisdiction, p.title, p.parameters, p.verification, p.note AS provision_note,
               p.source_instrument, p.source_article, p.source_url, s.status
        FROM stablecoin_requirements q JOIN provisions p ON p.id = q.provision
        LEFT JOIN provision_status s ON s.id = p.id AND {_AS_OF}
        WHERE q.regime = ? ORDER BY q.position""", [day, day, regime_id])
    out = []
    for r in rows:
        params = json.loads(r["parameters"])
        out.append({
            "kind": r["kind"], "provision": r["provision"], "parameter": r["parameter"],
            "value": params.get(r["parameter"]),
            "lag": params.get(r["lag_parameter"]) if r["lag_parameter"] else None,
            "share": params.get(r["share_parameter"]) if r["share_parameter"] else None,
            "applies_to": list(r["applies_to"] or []), "note": r["note"],
            "provision_parameters": params, "jurisdiction": r["jurisdiction"],
            "title": r["title"], "status": r["status"], "verification": r["verification"],
            "source": queries.source_of(atlas, r),
        })
    return out
