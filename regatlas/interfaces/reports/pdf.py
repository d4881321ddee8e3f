"""The assessment as PDF: WeasyPrint lays out the HTML report and fetches nothing from outside.

The report names no outside resource, and the URL fetcher makes sure none is ever loaded: it
serves only files inside the report assets folder (`templates/`, also the base URL) and refuses
every other URL (http, https, ftp, data, files elsewhere), so WeasyPrint skips it with a warning.

>>> asset_path(f"{BASE_URL}report.css").name
'report.css'
>>> asset_path("file:///etc/passwd")
Traceback (most recent call last):
...
ValueError: refused to fetch 'file:///etc/passwd': reports load only their own assets
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from regatlas.errors import InputError
from regatlas.interfaces.reports.html import ASSETS, render_html

BASE_URL = ASSETS.as_uri() + "/"
OPTIONS = {"pdf_tags": True}  # tagged PDF (structure for screen readers)


def asset_path(url: str) -> Path:
    """The file of the report asset `url` names (a file: URL inside `ASSETS`); ValueError otherwise."""
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        path = Path(url2pathname(parts.path)).resolve()
        if path.is_relative_to(ASSETS) and path.is_file():
            return path
    raise ValueError(f"refused to fetch {url!r}: reports load only their own assets")


@cache
def _weasyprint() -> Any:
    """The weasyprint module; InputError (exit code 2) when it or the Pango library is missing."""
    try:
        import weasyprint
    except ImportError:
        raise InputError("PDF output needs the 'pdf' extra: pip install 'regatlas[pdf]' (WeasyPrint is not "
                         "installed)", field="--format") from None
    except OSError as exc:  # the Pango system library is missing
        raise InputError(f"PDF output needs WeasyPrint and Pango ({exc}); run scripts/ensure-system-deps.sh",
                         field="--format") from None
    return weasyprint


@cache
def _fetcher_class() -> type:
    urls = _weasyprint().urls

    class AssetFetcher(urls.URLFetcher):
        """Serves `asset_path` files; any other URL raises, and WeasyPrint skips the resource."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            return urls.URLFetcherResponse(url, asset_path(url).read_bytes())

    return AssetFetcher


def asset_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves only the report's own assets (see `asset_path`).

    >>> asset_fetcher()(f"{BASE_URL}report.css").read().startswith(b"/*")
    True
    """
    return _fetcher_class()()


def pdf_document(doc: dict[str, Any]) -> Any:
    """The laid-out pages (a `weasyprint.Document`) of the assessment document `doc`.

    >>> empty = {"rulebook": {"version": "abc", "as_of": "2026-01-01"}, "profile": {"name": "X & Y"},
    ...     "disclaimer": "d", "summary": [], "jurisdictions": [], "conflicts": [], "timeline": [],
    ...     "plan": {"common_controls": [], "jurisdiction_specific": []}}
    >>> len(pdf_document(empty).pages)
    1
    >>> render_pdf(empty)[:5]
    b'%PDF-'
    """
    html = _weasyprint().HTML(string=render_html(doc), base_url=BASE_URL, url_fetcher=asset_fetcher())
    return html.render(**OPTIONS)


def render_pdf(doc: dict[str, Any]) -> bytes:
    """PDF report (A4, tagged) of an assessment document (see `pdf_document`); needs WeasyPrint and Pango."""
    return pdf_document(doc).write_pdf(**OPTIONS)
