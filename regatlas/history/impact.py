"""What changed for one firm: its assessment run under the rulebook as recorded at an earlier
version and as it is now, and only the differences kept (a new obligation, a licence now required,
a parameter such as a threshold moved, a provision that no longer applies), with the dated
deadlines ahead as an iCalendar file.

>>> import datetime as dt
>>> from pathlib import Path
>>> from regatlas.store.atlas import open_atlas
>>> out = firm_changes(open_atlas(), Path("examples/profiles/eu-exchange.yaml"), "2026-12-04", dt.date(2026, 12, 4))
>>> sorted(out)
['changes', 'deadlines', 'file', 'profile']
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from regatlas.engines.assess.engine import assess
from regatlas.engines.assess.profile_io import load_profile
from regatlas.history.archive import materialise, resolve
from regatlas.store.atlas import Atlas, open_atlas

BUCKETS = {"licences": "licence now required", "obligations": "new obligation", "prohibitions": "new prohibition",
           "upcoming": "obligation announced"}


def _items(doc: dict[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(j["code"], bucket, p["id"]): p for j in doc["jurisdictions"] for bucket in BUCKETS for p in j[bucket]}


def _item(code: str, bucket: str, p: dict[str, Any]) -> dict[str, Any]:
    return {"jurisdiction": code, "bucket": bucket, "id": p["id"], "title": p["title"], "topic": p["topic"],
            "status": p["status"], "effective_from": p["effective_from"], "source": p["source"],
            "verification": p["verification"]}


def firm_changes(atlas: Atlas, profile_path: Path, since: str, day: dt.date) -> dict[str, Any]:
    """The firm's assessment on `day` under the version `since` and under `atlas`, compared."""
    entry = resolve(since)
    profile = load_profile(profile_path, atlas)
    before = _items(assess(open_atlas(materialise(entry)), profile, day))
    now_doc = assess(atlas, profile, day)
    after = _items(now_doc)
    out = []
    for key in sorted(set(before) | set(after)):
        code, bucket, _ = key
        if key not in before:
            out.append({**_item(code, bucket, after[key]), "change": BUCKETS[bucket]})
        elif key not in after:
            out.append({**_item(code, bucket, before[key]), "change": "no longer applies"})
        elif before[key]["parameters"] != after[key]["parameters"]:
            moved = {k: {"before": before[key]["parameters"].get(k), "after": v}
                     for k, v in after[key]["parameters"].items() if before[key]["parameters"].get(k) != v}
            out.append({**_item(code, bucket, after[key]), "change": "parameter changed", "parameters": moved})
    deadlines = [{"date": e["date"], "event": e["event"], "id": e["id"], "title": e["title"],
                  "jurisdictions": e["jurisdictions"], "source": e["source"]}
                 for e in now_doc["timeline"] if str(e["date"]) > day.isoformat()]
    return {"profile": now_doc["profile"]["name"], "file": str(profile_path), "changes": out, "deadlines": deadlines}


def to_ics(impact: dict[str, Any]) -> bytes:
    """The firm's deadlines ahead as an iCalendar file (one all-day event each, cited)."""
    from regatlas.extras import require

    icalendar = require("icalendar", "feeds", "a calendar export")
    cal = icalendar.Calendar()
    cal.add("prodid", "-//regatlas//changes//EN")
    cal.add("version", "2.0")
    for d in impact["deadlines"]:
        event = icalendar.Event()
        event.add("uid", f"{d['id']}-{d['event']}-{d['date']}@regatlas")
        event.add("summary", f"{d['event']}: {d['title']}")
        event.add("dtstart", dt.date.fromisoformat(str(d["date"])))
        event.add("dtstamp", dt.datetime(2000, 1, 1, tzinfo=dt.UTC))  # fixed: same input, same file
        src = d.get("source") or {}
        event.add("description", f"{', '.join(d['jurisdictions'])} - {src.get('instrument', '')} "
                  f"{src.get('article') or ''}".strip())
        if src.get("url"):
            event.add("url", src["url"])
        cal.add_component(event)
    return cal.to_ical()
