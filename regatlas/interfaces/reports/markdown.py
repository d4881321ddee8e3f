"""The assessment as Markdown: summary, per jurisdiction, conflicts, plan, timeline; all cited.

>>> md = render_markdown({"rulebook": {"version": "abc", "as_of": "2026-01-01"}, "profile": {"name": "X"},
...     "disclaimer": "d", "summary": [], "jurisdictions": [], "conflicts": [], "timeline": [],
...     "plan": {"common_controls": [], "jurisdiction_specific": []}})
>>> "rulebook abc, as of 2026-01-01" in md
True

Every value from the profile or the rulebook is escaped (`<`, `>`, `&`; in tables also `|`), so a
name cannot inject HTML into a Markdown viewer:

>>> print(_text("<b>Smith & Jones</b>"), _cell("a|b"))
&lt;b&gt;Smith &amp; Jones&lt;/b&gt; a\\|b
"""

from __future__ import annotations

from html import escape
from typing import Any

from regatlas.interfaces.labels import human
from regatlas.interfaces.reports import POSITION_LABELS, cite, params, value


def _text(text: Any) -> str:
    """`text` with the HTML specials `<`, `>` and `&` escaped, on one line."""
    return escape(str(text), quote=False).replace("\n", " ")


def _cell(text: Any) -> str:
    return _text(text if text not in (None, "") else "-").replace("|", "\\|")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def render_markdown(doc: dict[str, Any]) -> str:
    """Markdown report of an assessment document."""
    rb = doc["rulebook"]
    stamp = _text(f"rulebook {rb['version']}, as of {rb['as_of']}")
    lines = [f"# Regulatory assessment: {_text(doc['profile']['name'])}", "", f"_{stamp}_", "",
             f"> {_text(doc['disclaimer'])}", "", "## Summary", ""]
    lines += _table(["jurisdiction", "role", "status", "licences held/passported", "gaps", "obligations",
                     "upcoming", "prohibitions"],
                    [[f"{s['name']} ({s['code']})", ", ".join(s["roles"]), s["crypto_status"],
                      s["licences"]["held"] + s["licences"]["passported"], s["gaps"], s["obligations"],
                      s["upcoming"], s["prohibitions"]] for s in doc["summary"]])
    for j in doc["jurisdictions"]:
        lines += [f"## {_text(j['name'])} ({_text(j['code'])})", ""]
        if j["tokens"]:
            lines += ["**Token status** (indication, not legal advice)", ""]
            lines += _table(["token", "category", "in scope", "source", "verification"],
                            [[t["token"], t["label"] or t["note"], value(t["in_scope"]), cite(t["source"]),
                              t["verification"]] for t in j["tokens"]])
        lines += ["**Licences**", ""]
        lines += _table(["requirement", "position", "from", "source"],
                        [[r["title"], POSITION_LABELS.get(r["position"], r["position"]), r["effective_from"],
                          cite(r["source"])] for r in j["licences"]]) if j["licences"] else ["none recorded", ""]
        for title, key in (("Obligations", "obligations"), ("Prohibitions and restrictions", "prohibitions"),
                           ("Upcoming", "upcoming"), ("Watchlist (proposed)", "watchlist")):
            if j[key]:
                lines += [f"**{title}**", ""]
                lines += _table(["topic", "obligation", "parameters", "from", "source", "verification"],
                                [[o["topic"], o["title"], params(o.get("parameters")), o.get("effective_from"),
                                  cite(o["source"]), o.get("verification")] for o in j[key]])
    lines += ["## Conflicts", ""]
    for c in doc["conflicts"]:
        lines += [f"### {_text(c['summary'])}", ""]
        lines += _table(["jurisdiction(s)", "value", "source"],
                        [[", ".join(s.get("jurisdictions") or [s.get("jurisdiction")]),
                          value(s["value"]) + (" (strictest)" if c["strictest"] in (s.get("provision"), s.get("jurisdiction")) else ""),
                          cite(s.get("source"))] for s in c["sides"]])
    if not doc["conflicts"]:
        lines += ["No differing obligations found on comparable topics.", ""]
    lines += ["## Common control plan", ""]
    for c in doc["plan"]["common_controls"]:
        lines += [f"### {_text(human(c['topic']))}", ""]
        lines += [_text(f"- {human(p['parameter'])}: ") + f"**{_text(value(p['value']))}** "
                  + _text(f"(strictest, {p['law_of']}; satisfies {', '.join(p['satisfies'])}) - {cite(p['source'])}")
                  for p in c["parameters"]]
        lines += [_text(f"- {r['title']} ({', '.join(r['jurisdictions'])}) - {cite(r['source'])}")
                  for r in c["requirements"]]
        lines += [""]
    lines += ["### Jurisdiction-specific", ""]
    lines += _table(["jurisdiction", "topic", "item", "parameters", "source"],
                    [[s["jurisdiction"], s["topic"], s["title"], params(s["parameters"]), cite(s["source"])]
                     for s in doc["plan"]["jurisdiction_specific"]])
    lines += ["## Timeline of upcoming changes", ""]
    lines += _table(["date", "event", "item", "jurisdictions", "source"],
                    [[e["date"], e["event"], e["title"], ", ".join(e["jurisdictions"]), cite(e["source"])]
                     for e in doc["timeline"]]) if doc["timeline"] else ["No dated changes ahead.", ""]
    lines += ["---", f"_{stamp}_", ""]
    return "\n".join(lines)
