"""Jurisdictions, authorities, instruments, standards and agreements.

>>> j = Jurisdiction.model_validate({"code": "SG", "name": "Singapore", "kind": "country",
...     "currency": "SGD"})
>>> j.parent is None
True
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from regatlas.model.common import Cited, Strict
from regatlas.model.facts import (
    CbdcValue,
    CryptoStatusValue,
    StablecoinValue,
    TravelRuleValue,
)
from regatlas.model.provision import Provision
from regatlas.model.vocab import AuthorityRole, InstrumentKind, Organisation, Topic


class Power(Cited):
    """An enforcement power an authority holds (investigate, freeze, seize, ...), cited."""

    kind: Literal["investigate", "freeze", "seize", "suspend", "fine", "share_information", "block",
                  "arrest", "prosecute", "restrain", "confiscate", "extradite", "mutual_legal_assistance"]
    requires: str | None = Field(
        default=None, description="What the power needs before use (a court order, a foreign request ...).")
    timing: str | None = Field(
        default=None, description="How fast it can act, as the law or the authority states it.")


class Authority(Strict):
    """A public body with a role in crypto-asset regulation or enforcement."""

    id: str
    name: str
    acronym: str | None = None
    roles: list[AuthorityRole]
    url: str | None = None
    powers: list[Power] = Field(default_factory=list)


class Instrument(Strict):
    """A law, regulation, rule or guidance document: official title, number, date, URL."""

    id: str
    title: str
    kind: InstrumentKind
    number: str | None = None
    date: dt.date | None = None
    url: str
    authority: str | None = None
    gives_effect_to: list[str] = Field(
        default_factory=list,
        description="Instruments of another jurisdiction this one implements nationally (a member "
        "state's MiCA act gives effect to `eu-mica`).")
    note: str | None = None


class Jurisdiction(Strict):
    """A jurisdiction and the law that applies there, with dated facts and provisions.

    `inherits` names jurisdictions whose law also applies here (EU law in member states,
    federal law in US states); own facts win over inherited ones.
    """

    code: str
    name: str
    kind: Literal["country", "supranational", "subnational", "free_zone", "territory"]
    parent: str | None = None
    currency: str
    memberships: list[Organisation] = Field(default_factory=list)
    inherits: list[str] = Field(default_factory=list)
    own_law_prevails: bool = Field(
        default=False,
        description="True where the jurisdiction's own regime displaces inherited law for its dated "
        "facts (e.g. financial free zones); false where inherited law has primacy (EU law).")
    summary: str | None = None
    checked: dt.date | None = Field(
        default=None, description="When the whole file was last reviewed against its sources "
        "(`regatlas stale` lists files and values not checked since a cut-off).")
    crypto_status: list[CryptoStatusValue] = Field(default_factory=list)
    authorities: list[Authority] = Field(default_factory=list)
    instruments: list[Instrument] = Field(default_factory=list)
    provisions: list[Provision] = Field(default_factory=list)
    travel_rule: list[TravelRuleValue] = Field(default_factory=list)
    stablecoins: list[StablecoinValue] = Field(default_factory=list)
    cbdc: list[CbdcValue] = Field(default_factory=list)


class Recommendation(Strict):
    """One recommendation (or interpretive-note element) of an international standard."""

    id: str
    number: str
    title: str
    summary: str | None = None
    topics: list[Topic] = Field(default_factory=list)
    paragraph: str | None = None


class Standard(Strict):
    """An international standard set: FSB, IOSCO or FATF recommendations."""

    id: str
    name: str
    body: Literal["FSB", "IOSCO", "FATF", "BCBS", "CPMI", "OECD"]
    published: dt.date
    url: str
    recommendations: list[Recommendation]
    instruments: list[Instrument] = Field(default_factory=list)
    verification: Literal["verified", "unverified"]
    note: str | None = None


class Agreement(Cited):
    """A cooperation agreement or forum: parties, scope, binding or not, dates."""

    id: str
    name: str
    other_names: list[str] = Field(default_factory=list)
    kind: Literal["mmou", "mou", "partnership", "forum", "passporting", "network", "treaty",
                  "mlat", "extradition", "convention", "sandbox", "interoperability", "college",
                  "joint_statement"]
    status: Literal["active", "proposed", "ended", "abandoned"] = Field(
        default="active", description="`proposed`: announced or consulted on, never in effect; "
        "`abandoned`: proposed and dropped; `ended`: was in effect, no longer.")
    parties: list[str] = Field(description="Jurisdiction codes or authority ids.")
    scope: list[Topic] = Field(default_factory=list)
    binding: bool
    signed: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    instruments: list[Instrument] = Field(default_factory=list)
    summary: str | None = None
