"""Assessment reports for people: Markdown, HTML (Jinja2) and PDF (WeasyPrint from the HTML).

Every format renders the same assessment document; every line carries its citation and every
page the rulebook version and as-of date.

>>> cite({"instrument": "MiCA", "article": "Art. 59"})
'MiCA, Art. 59'
>>> value({"amount": 1000.0, "currency": "EUR"}), value({"days": 5, "business": True}), value({"ratio": 0.98})
('1,000 EUR', '5 business days', '98%')
"""

from __future__ import annotations

from typing import Any

from regatlas.interfaces.labels import human

FORMATS = ("json", "md", "html", "pdf")
POSITION_LABELS = {
    "held": "held", "passported": "passported", "passport_available": "passport available - check",
    "reverse_solicitation": "reverse solicitation only", "required": "REQUIRED (gap)",
    "upcoming": "upcoming", "proposed": "proposed",
}


def cite(source: dict[str, Any] | None, width: int = 70) -> str:
    """A one-line citation: instrument (shortened to `width` at a word), article."""
    if not source:
        return "no source"
    title = source.get("instrument") or source.get("instrument_id") or ""
    if len(title) > width:
        title = title[:width].rsplit(" ", 1)[0] + "..."
    return ", ".join(x for x in (title, source.get("article")) if x) or "no source"


def value(v: Any) -> str:
    """A parameter value as text: money, days, ratios, booleans, lists."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, dict) and "amount" in v:
        amount = float(v["amount"])
        return f"{amount:,.0f} {v['currency']}" if amount.is_integer() else f"{amount:,.2f} {v['currency']}"
    if isinstance(v, dict) and "days" in v:
        days = int(v["days"]) if float(v["days"]).is_integer() else v["days"]
        return f"{days} {'business ' if v.get('business') else ''}days"
    if isinstance(v, dict) and "ratio" in v:
        return f"{v['ratio'] * 100:g}%"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    if v is None:
        return "-"
    return str(v)


def params(p: dict[str, Any] | None) -> str:
    """'name: value; ...' for a parameters mapping."""
    return "; ".join(f"{human(k)}: {value(v)}" for k, v in (p or {}).items())


def render(doc: dict[str, Any], fmt: str) -> str | bytes:
    """The assessment `doc` as Markdown, HTML or PDF bytes."""
    if fmt == "md":
        from regatlas.interfaces.reports.markdown import render_markdown

        return render_markdown(doc)
    if fmt == "html":
        from regatlas.interfaces.reports.html import render_html

        return render_html(doc)
    if fmt == "pdf":
        from regatlas.interfaces.reports.pdf import render_pdf

        return render_pdf(doc)
    raise ValueError(f"unknown format {fmt}")
