"""The change feed: what changed since a rulebook version or a date, on both time axes.

Law axis: provisions and dated facts coming into force, enacted, amended or repealed between the
date of the version asked for and the as-of date, and those announced for the next twelve months
(`upcoming`), read from the current atlas (engines/analytics/diff.py). Record axis: what the atlas itself learned between that version and now (compare.py):
new coverage, new laws, amendments, corrections, re-sourcing, removals, each with before and after.
Served as JSON (the `Changes` answer), Atom (feedgen) and Markdown.

>>> import datetime as dt
>>> from regatlas.store.atlas import open_atlas
>>> doc = changes(open_atlas(), None, "2026-12-04", dt.date(2026, 12, 4))
>>> doc["since"]["version"] == doc["since"]["version"].lower() and doc["now"]["version"] == doc["rulebook"]["version"]
True
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from regatlas.engines.analytics.diff import diff
from regatlas.errors import InputError
from regatlas.history.archive import materialise, resolve
from regatlas.history.compare import FACT_KINDS, record_changes
from regatlas.model.vocab import TOPICS
from regatlas.store import queries
from regatlas.store.atlas import Atlas

CLASSES = ("new_coverage", "new_law", "amendment", "correction", "source", "removed")


def _keep(item: dict[str, Any], codes: set[str] | None, topic: str | None) -> bool:
    return ((codes is None or bool(codes & set(str(item.get("jurisdiction") or "").split(","))))
            and (topic is None or item.get("topic") == topic))


def changes(atlas: Atlas, rulebook: Path | None, since: str, day: dt.date, jurisdiction: str | None = None,
            topic: str | None = None) -> dict[str, Any]:
    """Both axes since `since` (a version, a commit or a date), filtered by jurisdiction and topic."""
    from regatlas.rulebook.files import default_rulebook_dir
    from regatlas.rulebook.load import load_rulebook
    from regatlas.store import analytics_queries as aq

    if topic is not None and topic not in TOPICS:
        raise InputError(f"unknown topic '{topic}' (one of: {', '.join(TOPICS)})", field="topic")
    codes = set(aq.chains(atlas)[aq.require_code(atlas, jurisdiction)]) if jurisdiction else None
    entry = resolve(since)
    start = dt.date.fromisoformat(entry["date"][:10])
    old = load_rulebook(materialise(entry)).rulebook
    new = load_rulebook(rulebook or default_rulebook_dir()).rulebook
    record = [c for c in record_changes(old, new, start) if _keep(c, codes, topic)]
    law = diff(atlas, start, max(day, start), jurisdiction) if day > start else {"provisions": [], "facts": []}
    law_events = _events(law, "law", topic)
    ahead = diff(atlas, day, day + dt.timedelta(days=365), jurisdiction)
    upcoming = _events(ahead, "upcoming", topic)
    counts = {c: sum(1 for r in record if r["class"] == c) for c in CLASSES}
    counts["law"], counts["upcoming"] = len(law_events), len(upcoming)
    header = queries.header(atlas, day)
    return {"rulebook": header,
            "since": {"ref": since, "version": entry["version"], "commit": entry["commit"], "date": entry["date"]},
            "now": {"version": header["version"]},
            "jurisdiction": jurisdiction and jurisdiction.upper(), "topic": topic, "counts": counts,
            "record": [{**r, "axis": "record"} for r in record], "law": law_events, "upcoming": upcoming}


def _events(diffed: dict[str, Any], axis: str, topic: str | None) -> list[dict[str, Any]]:
    """The diff engine's provision and fact events on one axis, those of `topic` only when given."""
    kinds = {k for k, t in FACT_KINDS.items() if t == topic}
    return [{**e, "axis": axis} for e in diffed["provisions"] + diffed["facts"]
            if topic is None or e.get("topic") == topic or e.get("kind") in kinds]


def _title(c: dict[str, Any]) -> str:
    if c["axis"] != "record":
        return f"{c['jurisdiction']}: {c['label']}" + (f" - {c['title']}" if c.get("title") else "")
    what = {"new_coverage": "newly in the atlas", "new_law": "new law", "amendment": "amendment",
            "correction": "corrected", "source": "re-sourced", "removed": "removed"}[c["class"]]
    return f"{c['jurisdiction']}: {c['type']} {c['id']} {what}"


def _detail(c: dict[str, Any]) -> str:
    if c["axis"] != "record":
        return f"{c['label']} on {c['date']}"
    return "; ".join(f"{x['field']}: {x['before']!r} -> {x['after']!r}" for x in c.get("changes", [])) or c["class"]


def to_markdown(doc: dict[str, Any]) -> str:
    """A digest a team can circulate."""
    since = doc["since"]
    lines = [f"# Changes since {since['ref']} (version {since['version']}, recorded {since['date'][:10]})", "",
             f"Rulebook {doc['now']['version']}, law as of {doc['rulebook']['as_of']}."
             + (f" Jurisdiction {doc['jurisdiction']}." if doc["jurisdiction"] else "")
             + (f" Topic {doc['topic']}." if doc["topic"] else ""), "",
             "| " + " | ".join(doc["counts"]) + " |", "|" + "---|" * len(doc["counts"]),
             "| " + " | ".join(str(v) for v in doc["counts"].values()) + " |", ""]
    if doc.get("profile"):
        firm = doc["profile"]
        lines += [f"## For {firm['profile']} ({len(firm['changes'])})", ""]
        lines += [f"- **{c['jurisdiction']}: {c['change']}** - {c['id']}: {c['title']}"
                  + (f" (from {c['effective_from']})" if c.get("effective_from") else "") for c in firm["changes"]]
        lines += ["", "Deadlines ahead: " + ("; ".join(f"{d['date']} {d['event']} {d['id']}" for d in firm["deadlines"])
                                          or "none"), ""]
    for title, items in (("In the law", doc["law"]), ("Ahead (next 12 months)", doc["upcoming"]),
                         ("In the atlas", doc["record"])):
        lines += [f"## {title} ({len(items)})", ""]
        for c in items:
            src = c.get("source") or {}
            cite = ", ".join(str(x) for x in (src.get("instrument"), src.get("article")) if x)
            lines.append(f"- **{_title(c)}**: {_detail(c)}" + (f" ({cite})" if cite else ""))
        lines.append("")
    return "\n".join(lines)


def to_atom(doc: dict[str, Any], feed_url: str = "urn:regatlas:changes") -> bytes:
    """An Atom feed of both axes (one entry per change), newest first."""
    from regatlas.extras import require

    FeedGenerator = require("feedgen.feed", "feeds", "an Atom feed").FeedGenerator
    since = doc["since"]
    fg = FeedGenerator()
    fg.id(f"{feed_url}:{since['version']}:{doc['now']['version']}")
    fg.title(f"regatlas changes since {since['ref']}")
    fg.author({"name": "regatlas"})
    fg.link(href=feed_url, rel="self")
    recorded = dt.datetime.fromisoformat(since["date"])
    fg.updated(dt.datetime.now(dt.UTC))
    for n, c in enumerate(doc["law"] + doc["upcoming"] + doc["record"]):
        e = fg.add_entry(order="append")
        e.id(f"urn:regatlas:{doc['now']['version']}:{c['axis']}:{n}")
        e.title(_title(c))
        e.content(_detail(c), type="text")
        when = (dt.datetime.combine(dt.date.fromisoformat(str(c["date"])), dt.time(), dt.UTC)
                if c["axis"] != "record" else recorded)
        e.updated(when)
        url = (c.get("source") or {}).get("url")
        if url:
            e.link(href=url)
    return fg.atom_str(pretty=True)
