"""The assessment as a board-ready HTML page (Jinja2); the PDF is laid out from it (`pdf.py`).

The stamp "rulebook <version> - as of <date>" is in the page header of every printed page
(CSS paged media) and at the top and bottom of the screen version. The stylesheet is the static
file `templates/report.css`, inserted verbatim: no user or data text ever enters CSS (the printed
header takes the firm name and the stamp from elements of the page via `string-set`), and
`STYLE_CSP_SOURCE` is the Content-Security-Policy source that allows exactly that style element.

>>> html = render_html({"rulebook": {"version": "abc", "as_of": "2026-01-01"}, "profile": {"name": "X"},
...     "disclaimer": "d", "summary": [], "jurisdictions": [], "conflicts": [], "timeline": [],
...     "plan": {"common_controls": [], "jurisdiction_specific": []}})
>>> "rulebook abc - as of 2026-01-01" in html and f"<style>{STYLE}</style>" in html
True
>>> STYLE_CSP_SOURCE.startswith("'sha256-") and STYLE_CSP_SOURCE.endswith("='")
True
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from regatlas.interfaces.labels import human
from regatlas.interfaces.reports import POSITION_LABELS, cite, params, value

ASSETS = (Path(__file__).parent / "templates").resolve()
STYLE = (ASSETS / "report.css").read_text(encoding="utf-8")
# For the `style-src` directive of a page that shows the report (e.g. in an iframe srcdoc).
STYLE_CSP_SOURCE = f"'sha256-{base64.b64encode(hashlib.sha256(STYLE.encode('utf-8')).digest()).decode()}'"


@cache
def _env():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("regatlas.interfaces.reports", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters.update(cite=cite, value=value, params=params, human=human,
                       position=lambda p: POSITION_LABELS.get(p, p))
    return env


def render_html(doc: dict[str, Any]) -> str:
    """HTML report of an assessment document."""
    return _env().get_template("assessment.html").render(doc=doc, rb=doc["rulebook"], style=Markup(STYLE))
