"""The screen CSS of the assessment report, served as a file so the report can be shown under a
strict Content-Security-Policy (no inline `<style>`): the page swaps the report's `<style>` block
for a `<link>` to this stylesheet before it puts the report in its sandboxed iframe.

>>> strip_templated("@page { size: A4; @top-left { content: '{{ x }}' } } body { margin: 0 }")
'body { margin: 0 }'
"""

from __future__ import annotations

import re
from pathlib import Path

REPORTS = Path(__file__).resolve().parent.parent / "reports" / "templates"
SCREEN = "body { padding: 8px 12px; }"
STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def _drop_block(css: str, start: int) -> str:
    """`css` without the rule that starts at `start` (through its matching closing brace)."""
    depth, i = 0, css.index("{", start)
    while i < len(css):
        depth += {"{": 1, "}": -1}.get(css[i], 0)
        i += 1
        if depth == 0:
            break
    return css[:start] + css[i:]


def strip_templated(css: str) -> str:
    """`css` without @page rules (print only) and without declarations that hold Jinja markup.

    >>> strip_templated("h1 { color: red; content: '{{ name }}'; }")
    'h1 { color: red;}'
    """
    while (at := css.find("@page")) >= 0:
        css = _drop_block(css, at)
    css = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "\0", css, flags=re.DOTALL)
    css = re.sub(r"[^;{}]*\0[^;{}]*;?\s*", "", css)
    return css.strip()


def report_css(folder: Path = REPORTS) -> str:
    """The report's stylesheet (its report.css, else the template's `<style>` blocks) for screens.

    >>> "border-collapse" in report_css()
    True
    """
    sheet = folder / "report.css"
    if sheet.is_file():
        blocks = [sheet.read_text(encoding="utf-8")]
    else:
        blocks = STYLE.findall((folder / "assessment.html").read_text(encoding="utf-8"))
    return "\n".join([*(strip_templated(block) for block in blocks), SCREEN]) + "\n"
