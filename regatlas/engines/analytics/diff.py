"""Change over time: what changed between two dates, and one jurisdiction's history and future.

`diff(d1, d2)` lists provisions whose status run began in (d1, d2] - enacted (published), came
into force, repealed (effective_to), proposed - marking amendments (`amends`), and dated facts
(crypto status, Travel Rule, stablecoins, CBDC, FATF lists) whose value or threshold changed,
with the value replaced. `timeline(code)` lists every dated event of the law that applies in `code` (own and
inherited), split into history (on or before the as-of date) and announced future dates.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> doc = diff(open_atlas(), d.date(2024, 12, 1), d.date(2025, 1, 31), "DE")
>>> any(e["id"] == "eu-tfr-art14-travel-rule" and e["change"] == "in_force" for e in doc["provisions"])
True
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from regatlas.errors import InputError
from regatlas.store import analytics_queries as aq
from regatlas.store.atlas import Atlas
from regatlas.store.queries import header, source_of

CHANGE_LABELS = {"proposed": "proposed", "enacted": "enacted", "in_force": "came into force",
                 "repealed": "repealed"}


def _provision_event(atlas: Atlas, r: dict[str, Any]) -> dict[str, Any]:
    change = r["status"]
    label = CHANGE_LABELS[change]
    if r["amends"] and change in ("enacted", "in_force"):
        label = f"amendment {label} (amends {r['amends']})"
    return {"date": r["date"], "jurisdiction": r["jurisdiction"], "id": r["id"], "title": r["title"],
            "topic": r["topic"], "change": change, "amends": r["amends"], "label": label,
            "source": source_of(atlas, r), "verification": r["verification"]}


def _fact_event(atlas: Atlas, r: dict[str, Any]) -> dict[str, Any]:
    payload = json.loads(r["payload"] or "{}")
    before = json.loads(r["previous_payload"]) if r.get("previous_payload") else {}
    value = r["value"] if r["kind"] != "fatf_list" else (r["value"] or "off the lists")
    previous = r["previous"] if r["kind"] != "fatf_list" else (r["previous"] or "off the lists")
    return {"date": r["valid_from"], "jurisdiction": r["jurisdiction"], "kind": r["kind"], "value": value,
            "previous": previous,
            "changed": r["previous"] != r["value"] or before.get("threshold") != payload.get("threshold"),
            "threshold": payload.get("threshold"), "previous_threshold": before.get("threshold"),
            "label": f"{r['kind'].replace('_', ' ')}: {previous} -> {value}" + (
                f" (threshold {_money(before.get('threshold'))} -> {_money(payload.get('threshold'))})"
                if before.get("threshold") != payload.get("threshold") and before else ""),
            "source": source_of(atlas, r), "verification": r["verification"]}


def _money(m: dict[str, Any] | None) -> str:
    return f"{m['amount']:g} {m['currency']}" if m else "none"


def _codes(atlas: Atlas, jurisdiction: str | None) -> list[str] | None:
    if jurisdiction is None:
        return None
    return aq.chains(atlas)[aq.require_code(atlas, jurisdiction)]


def diff(atlas: Atlas, start: dt.date, end: dt.date, jurisdiction: str | None = None) -> dict[str, Any]:
    """Provision and fact changes in (start, end]; InputError (exit 2) when end is before start."""
    if end < start:
        raise InputError(f"'to' ({end}) is before 'from' ({start})", field="to")
    codes = _codes(atlas, jurisdiction)
    provs = [_provision_event(atlas, r) for r in aq.provision_events(atlas, start, end, codes)]
    facts = [e for e in (_fact_event(atlas, r) for r in aq.fact_events(atlas, start, end, codes))
             if e["changed"]]
    counts: dict[str, int] = {}
    for e in provs:
        counts[e["change"]] = counts.get(e["change"], 0) + 1
    counts["amended"] = sum(1 for e in provs if e["amends"] and e["change"] in ("enacted", "in_force"))
    counts["facts_changed"] = len(facts)
    return {"rulebook": header(atlas, end), "from": start, "to": end, "jurisdiction": jurisdiction,
            "jurisdictions": codes, "counts": counts, "provisions": provs, "facts": facts}


def timeline(atlas: Atlas, code: str, day: dt.date) -> dict[str, Any]:
    """Every dated event of the law applying in `code`: history up to `day`, then future dates."""
    codes = _codes(atlas, code)
    assert codes is not None
    events = [{"type": "provision", **_provision_event(atlas, r)}
              for r in aq.provision_events(atlas, None, None, codes)]
    events += [{"type": "fact", **_fact_event(atlas, r)} for r in aq.fact_events(atlas, None, None, codes)]
    events.sort(key=lambda e: (e["date"], e["jurisdiction"], e.get("id") or e.get("kind")))
    past = [e for e in events if e["date"] <= day]
    future = [e for e in events if e["date"] > day]
    return {"rulebook": header(atlas, day), "code": codes[0], "inherits": codes[1:],
            "no_data": not events,
            "note": "no dated provision or fact in the atlas for this jurisdiction" if not events else None,
            "history": past, "future": future}
