"""The assessment as a board-ready HTML page (Jinja2) and as PDF (WeasyPrint renders the HTML).

The stamp "rulebook <version> - as of <date>" is in the page header of every printed page
(CSS paged media) and at the top and bottom of the screen version.

>>> html = render_html({"rulebook": {"version": "abc", "as_of": "2026-01-01"}, "profile": {"name": "X"},
...     "disclaimer": "d", "summary": [], "jurisdictions": [], "conflicts": [], "timeline": [],
...     "plan": {"common_controls": [], "jurisdiction_specific": []}})
>>> "rulebook abc" in html and "as of 2026-01-01" in html
True
"""

from __future__ import annotations

from functools import cache
from typing import Any

from regatlas.errors import InputError
from regatlas.interfaces.reports import POSITION_LABELS, cite, params, value


@cache
def _env():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("regatlas.interfaces.reports", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters.update(cite=cite, value=value, params=params, position=lambda p: POSITION_LABELS.get(p, p))
    return env


def render_html(doc: dict[str, Any]) -> str:
    """HTML report of an assessment document."""
    return _env().get_template("assessment.html").render(doc=doc, rb=doc["rulebook"])


def render_pdf(doc: dict[str, Any]) -> bytes:
    """PDF report (A4) of an assessment document; needs WeasyPrint and Pango."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango system library is missing
        raise InputError(f"PDF output needs WeasyPrint and Pango ({exc}); run scripts/ensure-system-deps.sh",
                         field="--format") from None
    return HTML(string=render_html(doc)).write_pdf()
