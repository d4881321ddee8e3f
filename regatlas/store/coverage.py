"""How deeply the atlas covers each jurisdiction, computed from the data (never hand-labelled).

Every ISO 3166-1 country or territory pycountry knows is a jurisdiction of the atlas. One without a
rulebook file is known by code and name only (`none`): nothing was looked up, so every value is
null. A rulebook file makes it `basic`; it is `in_depth` when its own file encodes provisions on at
least IN_DEPTH_MIN_TOPICS of the DEPTH_TOPICS and names at least one authority, or, for an EU or EEA
state whose substantive law is MiCA and the TFR, when its file encodes every item of the national
layer (NATIONAL_LAYER; docs/coverage.md).

>>> from regatlas.rulebook import default_rulebook_dir, load_rulebook
>>> rb = load_rulebook(default_rulebook_dir()).rulebook
>>> coverage_of(rb.jurisdictions["SG"])[0]
'in_depth'
>>> [r["code"] for r in iso_rows(rb.jurisdictions) if r["code"] == "AQ"]
['AQ']
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # the models are only annotations here: a travel-rule check reads the constants without them
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

NATIONAL_LAYER: dict[str, str] = {
    "mica_authority": "an own authority with the virtual_assets role (the MiCA competent authority)",
    "implementing_act": "an own law or regulation that gives effect to MiCA (gives_effect_to: eu-mica), "
                        "cited by an own provision (the national implementing act)",
    "transitional_end": "an own transitional provision with an end date (the MiCA Art. 143(3) choice)",
    "tfr_authority": "an own travel_rule provision (the TFR competent authority or a national rule)",
}
"""The national layer an EU or EEA state's own file must encode to be in depth (issue 14, item 2).

MiCA and the Transfer of Funds Regulation are the substance of the law there and are encoded once (in
EU.yaml, or as incorporated law in an EEA state's file); what each state adds, and what a firm asks
about a state, is this layer: who supervises, under which national act, until when existing providers
may go on, and who enforces the Travel Rule."""
NATIONAL_LAYER_MEMBERSHIPS = frozenset({"EU", "EEA"})
MICA = "eu-mica"
"""The instrument id of Regulation (EU) 2023/1114 (EU.yaml), which a national implementing act gives effect to."""

NO_FILE_NOTE = ("no rulebook file for this jurisdiction yet: it is known from ISO 3166-1 only and "
                "nothing has been looked up, so every value is unknown (null), not 'none'")


def depth_topics(j: Jurisdiction) -> list[str]:
    """The DEPTH_TOPICS covered by the jurisdiction's own provisions that are law or a regulator's
    rule or guidance, encoded; bills and drafts (`proposed`), provisions marked `encoded: false`
    (the rule's content was not encoded) and inherited law are not counted.

    >>> from regatlas.model import Jurisdiction
    >>> depth_topics(Jurisdiction.model_validate({"code": "XX", "name": "X", "kind": "country",
    ...     "currency": "EUR"}))
    []
    """
    # a bill is not yet the jurisdiction's law; a provision whose rule is not encoded adds no depth
    own = {p.topic for p in j.provisions if not p.proposed and p.encoded}
    return [name for name, topics in DEPTH_TOPICS.items() if own & set(topics)]


def national_layer(j: Jurisdiction) -> list[str]:
    """The NATIONAL_LAYER items an EU or EEA state's own file encodes ([] for any other jurisdiction).

    >>> from regatlas.model import Jurisdiction
    >>> national_layer(Jurisdiction.model_validate({"code": "XX", "name": "X", "kind": "country",
    ...     "currency": "EUR", "memberships": ["EU"],
    ...     "authorities": [{"id": "xa", "name": "A", "roles": ["virtual_assets"]}]}))
    ['mica_authority']
    """
    if not NATIONAL_LAYER_MEMBERSHIPS & set(j.memberships):
        return []
    acts = {i.id for i in j.instruments if i.kind in ("law", "regulation") and MICA in i.gives_effect_to}
    law = [p for p in j.provisions if not p.proposed]
    found = {
        "mica_authority": any("virtual_assets" in a.roles for a in j.authorities),
        "implementing_act": any(p.source.instrument in acts for p in law),
        "transitional_end": any(p.role == "transitional" and p.effective_to for p in law),
        "tfr_authority": any(p.topic == "travel_rule" for p in law),
    }
    return [item for item in NATIONAL_LAYER if found[item]]


def coverage_of(j: Jurisdiction) -> tuple[Coverage, list[str]]:
    """(`basic` or `in_depth`, the depth topics and national-layer items covered) for a file.

    In depth by the topic rule (own provisions on IN_DEPTH_MIN_TOPICS of DEPTH_TOPICS, and an own
    authority) or, for an EU or EEA state, by the whole NATIONAL_LAYER.

    >>> from regatlas.model import Jurisdiction
    >>> coverage_of(Jurisdiction.model_validate({"code": "XX", "name": "X", "kind": "country",
    ...     "currency": "EUR"}))
    ('basic', [])
    """
    topics, layer = depth_topics(j), national_layer(j)
    deep = (len(topics) >= IN_DEPTH_MIN_TOPICS and bool(j.authorities)) or len(layer) == len(NATIONAL_LAYER)
    return ("in_depth" if deep else "basic"), topics + layer


def iso_rows(known: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Jurisdictions-table rows for every ISO 3166-1 code without a rulebook file (coverage none).

    Kind, currency and memberships are unknown (null or empty): they are not in ISO 3166-1.
    """
    import pycountry  # here, not at the top: only building the atlas lists the ISO codes

    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        if c.alpha_2 not in known:
            yield {"code": c.alpha_2, "name": getattr(c, "common_name", None) or c.name, "kind": None,
                   "parent": None, "currency": None, "memberships": [], "inherits": [],
                   "own_law_prevails": False, "summary": None, "coverage": "none",
                   "depth_topics": [], "checked": None}

