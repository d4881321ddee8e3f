"""Check an IVMS101 payload against the data model and against a corridor's Travel Rule.

The corridor's required fields come from the resolved law of both sides on the date: with an
amount, exactly the fields the corridor decision requires; without one, every field either
side requires once its threshold is reached. Missing fields come back as a repair list.

>>> import datetime as d, json
>>> from regatlas.store.atlas import open_atlas
>>> from regatlas.engines.ivms101 import load_payload
>>> doc = load_payload("examples/ivms/incomplete_transfer_2020.json")
>>> ans = check_payload(open_atlas(), doc, ("EU", "EU"), d.date(2025, 3, 3))
>>> ans["corridor"]["complete"], bool(ans["corridor"]["repair"])
(False, True)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.ivms101 import corridor_gaps, validate
from regatlas.engines.travel_rule.corridor import check, merge_fields
from regatlas.store import queries
from regatlas.store.atlas import Atlas


def corridor_fields(atlas: Atlas, frm: str, to: str, day: dt.date, amount: float | None = None,
                    currency: str | None = None) -> tuple[list[Any], list[dict]]:
    """(required fields, citations) for the corridor on `day`."""
    if amount is not None and currency:
        decision = check(atlas, frm, to, amount, currency, day)
        return decision["fields"], decision["citations"]
    laws = [queries.travel_rule(atlas, code, day) for code in (frm, to)]
    in_force = [law for law in laws if law["status"] == "in_force"]
    fields = merge_fields(*(law.get(k, []) for law in in_force
                            for k in ("originator_fields", "beneficiary_fields")))
    return fields, [law["source"] for law in in_force if law.get("source")]


def check_payload(atlas: Atlas, payload: dict, corridor: tuple[str, str] | None, day: dt.date,
                  amount: float | None = None, currency: str | None = None,
                  edition: str | None = None) -> dict[str, Any]:
    """Validation result plus, for a corridor, the required fields and what is missing."""
    result = validate(payload, edition)
    answer: dict[str, Any] = {"rulebook": queries.header(atlas, day), **result.as_dict()}
    if corridor:
        frm, to = corridor
        fields, citations = corridor_fields(atlas, frm, to, day, amount, currency)
        gaps = corridor_gaps(payload, fields, result.edition)
        answer["corridor"] = {
            "from": frm, "to": to, "required_fields": fields, "complete": not gaps,
            "repair": [g.as_dict() for g in gaps], "citations": citations,
        }
    return answer
