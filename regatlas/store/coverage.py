"""How deeply the atlas covers each jurisdiction, computed from the data (never hand-labelled).

Every ISO 3166-1 country or territory pycountry knows is a jurisdiction of the atlas. One without a
rulebook file is known by code and name only (`none`): nothing was looked up, so every value is
null. A rulebook file makes it `basic`; it is `in_depth` when its own file encodes provisions on at
least IN_DEPTH_MIN_TOPICS of the DEPTH_TOPICS and names at least one authority (docs/coverage.md).

>>> from regatlas.rulebook import default_rulebook_dir, load_rulebook
>>> rb = load_rulebook(default_rulebook_dir()).rulebook
>>> coverage_of(rb.jurisdictions["SG"])[0]
'in_depth'
>>> [r["code"] for r in iso_rows(rb.jurisdictions) if r["code"] == "AQ"]
['AQ']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal

import pycountry

from regatlas.model import Jurisdiction

Coverage = Literal["none", "basic", "in_depth"]
COVERAGE_LEVELS: tuple[Coverage, ...] = ("none", "basic", "in_depth")

DEPTH_TOPICS: dict[str, tuple[str, ...]] = {
    "licensing": ("licensing",),
    "travel_rule": ("travel_rule",),
    "self_hosted_wallets": ("self_hosted_wallets",),
    "stablecoins": ("stablecoin_issuance", "stablecoin_reserves", "stablecoin_redemption"),
    "custody": ("custody",),
    "marketing": ("marketing_promotions",),
}
"""The in-depth topics, each with the rulebook provision topics that count for it."""
IN_DEPTH_MIN_TOPICS = 4
"""How many of DEPTH_TOPICS a jurisdiction's own provisions must cover to be in depth."""

NO_FILE_NOTE = ("no rulebook file for this jurisdiction yet: it is known from ISO 3166-1 only and "
                "nothing has been looked up, so every value is unknown (null), not 'none'")


def depth_topics(j: Jurisdiction) -> list[str]:
    """The DEPTH_TOPICS covered by the jurisdiction's own provisions (inherited law not counted).

    >>> depth_topics(Jurisdiction.model_validate({"code": "XX", "name": "X", "kind": "country",
    ...     "currency": "EUR"}))
    []
    """
    own = {p.topic for p in j.provisions}
    return [name for name, topics in DEPTH_TOPICS.items() if own & set(topics)]


def coverage_of(j: Jurisdiction) -> tuple[Coverage, list[str]]:
    """(`basic` or `in_depth`, the depth topics covered) for a jurisdiction with a rulebook file.

    >>> coverage_of(Jurisdiction.model_validate({"code": "XX", "name": "X", "kind": "country",
    ...     "currency": "EUR"}))
    ('basic', [])
    """
    topics = depth_topics(j)
    deep = len(topics) >= IN_DEPTH_MIN_TOPICS and bool(j.authorities)
    return ("in_depth" if deep else "basic"), topics


def iso_rows(known: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Jurisdictions-table rows for every ISO 3166-1 code without a rulebook file (coverage none).

    Kind, currency and memberships are unknown (null or empty): they are not in ISO 3166-1.
    """
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        if c.alpha_2 not in known:
            yield {"code": c.alpha_2, "name": getattr(c, "common_name", None) or c.name, "kind": None,
                   "parent": None, "currency": None, "memberships": [], "inherits": [],
                   "own_law_prevails": False, "summary": None, "coverage": "none",
                   "depth_topics": [], "checked": None}

