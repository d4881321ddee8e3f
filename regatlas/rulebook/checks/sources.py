"""Sources: official URLs are absolute http(s) addresses.

>>> url_problem("https://eur-lex.europa.eu/eli/reg/2023/1114/oj") is None
True
>>> url_problem("eur-lex.europa.eu")
"'eur-lex.europa.eu' is not an absolute http(s) URL"
"""

from __future__ import annotations

from urllib.parse import urlparse

from regatlas.errors import RulebookError
from regatlas.model import Instrument, Source, Standard
from regatlas.rulebook.checks.walk import walk_all
from regatlas.rulebook.load import SECTIONS


def url_problem(url: str) -> str | None:
    """Why `url` is not usable as an official link, or None."""
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"'{url}' is not an absolute http(s) URL"
    return None


def check(loaded) -> list[RulebookError]:
    """Every URL of a source, instrument or standard, in every section of the rulebook."""
    errors = []
    for file, path, model in walk_all(loaded, SECTIONS):
        if isinstance(model, (Source, Instrument, Standard)) and model.url:
            problem = url_problem(model.url)
            if problem:
                errors.append(loaded.error(file, path + ("url",), problem))
    return errors
