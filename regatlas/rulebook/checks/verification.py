"""Verified means read in the official text: a document URL, a pinpoint and an excerpt.

A cited value (dated fact, provision, power, agreement, assessment, classification rule) may be
`verified` only when three things are stored with it:

- a URL to the document itself: `source.url`, or its instrument's `url` when the source has none,
  that is not a site's home page (see `home_page`);
- a pinpoint, `source.article` (article, section, paragraph, page...);
- an excerpt of the words read: `source.excerpt`, or the value's own `text` (provisions and
  classification rules carry the legal text there).

Each missing piece is its own error, at the `verification` key. The dates of the evidence are
checked too: a dated value's `published` is not after its `from`, and `source.checked` (when the
value was last read against the text) is not in the future.

>>> from regatlas.model import Source, Provision
>>> p = Provision.model_validate({"id": "x", "title": "t", "topic": "licensing", "role": "licence",
...     "effective_from": "2024-01-01", "verification": "verified",
...     "source": {"instrument": "i", "article": "Art. 5"}})
>>> gaps(p, "https://www.mas.gov.sg/")
['home_page', 'no_excerpt']
>>> [message(g, "https://www.mas.gov.sg/") for g in gaps(p, "https://www.mas.gov.sg/")]
["verified needs a document URL: 'https://www.mas.gov.sg/' is a home page", 'verified needs an excerpt (source.excerpt or text)']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlparse

from regatlas.errors import RulebookError
from regatlas.model import Authority, Cited, DatedValue, Instrument, Standard
from regatlas.rulebook.checks.dates import DATED_LISTS
from regatlas.rulebook.checks.walk import walk, walk_all
from regatlas.rulebook.load import SECTIONS
from regatlas.rulebook.yamlpos import Path_

Gap = Literal["no_url", "home_page", "no_pinpoint", "no_excerpt"]
"""What a value lacks to be verified, in the order the errors are reported."""

# A path that only picks a language or the site's start page: /en, /en-gb/, /fr/index.html, /home.
_LOCALE_OR_INDEX = re.compile(
    r"(?:(?:[a-z]{2}(?:[-_][a-z]{2})?|eng|english)/?)?"
    r"(?:(?:index|default|home|homepage|main|portal)(?:\.[a-z]{2,5})?/?)?",
    re.IGNORECASE,
)


def home_page(url: str) -> bool:
    """True when `url` is a site's home page rather than a document: it has no path at all, even
    with a query (`https://x.org/?p=5` is the site's root), or only a locale and/or an index page
    and no query (a query on a named page, such as `index.php?id=5`, names a document).

    >>> home_page("https://www.mas.gov.sg")
    True
    >>> [home_page(f"https://x.org{p}") for p in ("/", "/en", "/en/", "/en-GB/index.html", "/home")]
    [True, True, True, True, True]
    >>> home_page("https://eur-lex.europa.eu/eli/reg/2023/1114/oj")
    False
    >>> home_page("https://www.sec.or.th/EN/Pages/News_Detail.aspx?SECID=9366")
    False
    >>> home_page("https://x.org/index.php?id=5"), home_page("https://www.fsc.bg/?p=68180")
    (False, True)
    """
    parts = urlparse(url)
    path = parts.path.strip("/")
    return not path or (not parts.query and _LOCALE_OR_INDEX.fullmatch(path) is not None)


def _same_page(url: str) -> str:
    """`url` without scheme, `www.` and trailing slash, to compare two addresses of one page."""
    parts = urlparse(url)
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def excerpt_of(value: Cited) -> str | None:
    """The words read for `value`: `source.excerpt`, else its own legal `text` (if it has one)."""
    return value.source.excerpt or getattr(value, "text", None)


def gaps(value: Cited, url: str | None, homes: frozenset[str] = frozenset()) -> list[Gap]:
    """What `value` lacks to be verified, read at `url` (its source's or instrument's URL).
    `homes` are authorities' own addresses (`_same_page` form): a regulator's site counts as a home
    page even under a path (https://www.gob.mx/cnbv)."""
    out: list[Gap] = []
    if not url:
        out.append("no_url")
    elif home_page(url) or _same_page(url) in homes:
        out.append("home_page")
    if not value.source.article:
        out.append("no_pinpoint")
    if not excerpt_of(value):
        out.append("no_excerpt")
    return out


def message(gap: Gap, url: str | None) -> str:
    """The validator's message for one gap."""
    return {
        "no_url": "verified needs a document URL: neither source.url nor its instrument's url is given",
        "home_page": f"verified needs a document URL: '{url}' is a home page",
        "no_pinpoint": "verified needs a pinpoint (source.article)",
        "no_excerpt": "verified needs an excerpt (source.excerpt or text)",
    }[gap]


@dataclass(frozen=True)
class CitedValue:
    """One cited value of the rulebook, where it is written and the URL its source resolves to."""

    file: str
    path: Path_
    jurisdiction: str | None
    value: Cited
    url: str | None

    @property
    def kind(self) -> str:
        """What the value is: a fact list name (`travel_rule`), or the entity (`provision`)."""
        list_name = next((p for p in reversed(self.path) if isinstance(p, str)), "")
        if isinstance(self.value, DatedValue) and list_name in DATED_LISTS:
            return list_name
        return re.sub(r"(?<!^)(?=[A-Z])", "_", type(self.value).__name__).lower()

    @property
    def ident(self) -> str:
        """The value's id; a dated fact's list name and start date; else its YAML path (a power)."""
        if getattr(self.value, "id", None):
            return self.value.id  # type: ignore[attr-defined]
        if isinstance(self.value, DatedValue):
            return f"{self.kind}@{self.value.from_}"
        return ".".join(str(p) for p in self.path)


def _owner_code(entity: Any) -> str | None:
    """The jurisdiction an entity's values belong to: a jurisdiction's or classification's `code`,
    an assessment's `jurisdiction`; None for agreements between parties."""
    return getattr(entity, "jurisdiction", None) or getattr(entity, "code", None)


def cited_values(loaded: Any) -> Iterator[CitedValue]:
    """Every cited value of every section, with the URL its source resolves to."""
    urls = {m.id: m.url for _, _, m in walk_all(loaded, SECTIONS) if isinstance(m, Instrument)}
    for section in SECTIONS:
        for file, base, entity in loaded.entities(section):
            owner = _owner_code(entity)
            for path, model in walk(entity, base):
                if isinstance(model, Cited):
                    url = model.source.url or urls.get(model.source.instrument)
                    yield CitedValue(file, path, owner, model, url)


def authority_homes(loaded: Any) -> frozenset[str]:
    """Every authority's own address, compared in `_same_page` form."""
    return frozenset(_same_page(m.url) for _, _, m in walk_all(loaded, SECTIONS)
                     if isinstance(m, Authority) and m.url)


def check(loaded: Any, today: dt.date | None = None) -> list[RulebookError]:
    """Each verified value has a document URL, a pinpoint and an excerpt; evidence dates are sane."""
    today = today or dt.date.today()
    homes = authority_homes(loaded)
    errors = []
    for cv in cited_values(loaded):
        if cv.value.verification == "verified":
            for gap in gaps(cv.value, cv.url, homes):
                errors.append(loaded.error(cv.file, cv.path + ("verification",), message(gap, cv.url), key=True))
        if isinstance(cv.value, DatedValue) and cv.value.published and cv.value.published > cv.value.from_:
            errors.append(loaded.error(cv.file, cv.path + ("published",),
                                       f"published {cv.value.published} is after from {cv.value.from_}"))
        checked = cv.value.source.checked
        if checked and checked > today:
            errors.append(loaded.error(cv.file, cv.path + ("source", "checked"),
                                       f"checked {checked} is in the future (today is {today})"))
    # A standard set carries a URL but no pinpoint or excerpt, so it cannot meet the same rule.
    for file, base, standard in loaded.entities("standards"):
        if isinstance(standard, Standard) and standard.verification == "verified":
            errors.append(loaded.error(file, base + ("verification",), STANDARD_MESSAGE, key=True))
    return errors


STANDARD_MESSAGE = ("verified needs a pinpoint and an excerpt, which a standard set does not carry: "
                    "mark it unverified (its recommendations are verified where provisions cite them)")
