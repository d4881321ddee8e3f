"""Answers about the atlas itself: info, jurisdictions, show, standards, search, map, build.

>>> from regatlas.model.answers.base import FieldList, dump
>>> dump(JurisdictionList, {"rulebook": {"version": "v", "as_of": "2025-01-01"}, "jurisdictions": [
...     {"code": "SG", "name": "Singapore", "parent": None, "crypto_status": "regulated"}]})["jurisdictions"][0]["code"]
'SG'
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from regatlas.model.answers.base import CODE, Answer, Cited, FieldList, MoneyOut, Part
from regatlas.model.common import IsoDate

CryptoStatus = Literal["regulated", "partially_regulated", "unregulated", "restricted", "banned"]
CoverageLevel = Literal["none", "basic", "in_depth"]
COVERAGE = ("How deeply the atlas covers it (docs/coverage.md): none (known from ISO 3166-1 only, no "
            "rulebook file, every value null), basic (a rulebook file with cited basic facts), in_depth "
            "(own provisions on enough of the in-depth topics, and authorities).")
CHECKED = "When its rulebook file was last reviewed as a whole (null: never recorded)."
ProvisionStatus = Literal["proposed", "enacted", "in_force", "repealed", "expired"]


class Counts(Part):
    """How much the rulebook holds."""

    jurisdictions: int = Field(description="Jurisdictions, free zones and the EU.")
    authorities: int = Field(description="Competent authorities.")
    instruments: int = Field(description="Legal instruments cited.")
    provisions: int = Field(description="Provisions encoded.")
    standards: int = Field(description="International standard sets (FSB, IOSCO, FATF).")
    agreements: int = Field(description="Cooperation agreements, passports and forums.")
    recommendations: int | None = Field(None, description="Recommendations across the standards.")
    facts: int | None = Field(None, description="Dated facts (statuses, Travel Rule, stablecoins, CBDC, FATF).")


class StandardCount(Part):
    """One standard set and how many recommendations it has."""

    id: str = Field(description="Standard id: fsb-ca, fsb-gsc, iosco, fatf.")
    name: str = Field(description="Name of the standard set.")
    body: str = Field(description="The body that issued it.")
    recommendations: int = Field(description="Number of recommendations.")


class Share(Part):
    """Verified values out of all cited values."""

    share: float = Field(description="verified / values (0-1).")
    verified: int = Field(description="Values marked verified (document URL, pinpoint and excerpt stored).")
    values: int = Field(description="Cited values.")


class VerificationShare(Share):
    """The strict verified share, overall and per jurisdiction."""

    by_jurisdiction: dict[str, Share] = Field(description="Per jurisdiction code.")
    by_coverage: dict[CoverageLevel, Share] | None = Field(
        None, description="Over the jurisdictions of each coverage level (own values only).")
    agreements: Share = Field(description="Agreements between parties (no one jurisdiction).")
    legal_data: Share | None = Field(
        None, description="Standard setters' figures, listing consequences, VASP scopes and currency pegs.")


class CoverageRule(Part):
    """How `in_depth` is computed from the data (never hand-labelled)."""

    topics: list[str] = Field(description="The in-depth topics.")
    min_topics: int = Field(description="How many of them the jurisdiction's own provisions must cover.")
    authorities: bool = Field(description="Whether at least one own authority is also required.")
    national_layer: dict[str, str] = Field(
        default_factory=dict,
        description="For an EU or EEA state, the national-layer items that together also make it in depth "
        "(item: what counts).")


class Info(Answer):
    """`regatlas info`, GET /api/v1/info: what the atlas holds and how much of it is verified."""

    counts: Counts = Field(description="Counts of what the rulebook holds.")
    coverage: dict[CoverageLevel, int] | None = Field(
        None, description="Jurisdictions per coverage level; they add up to counts.jurisdictions.")
    coverage_rule: CoverageRule | None = Field(None, description="How in_depth is counted.")
    verified_share: float = Field(description="Share (0-1) of cited values marked verified (strict).")
    verified: int | None = Field(None, description="Cited values marked verified.")
    cited_values: int | None = Field(None, description="Cited values in all.")
    verification: VerificationShare | None = Field(None, description="The verified share, per jurisdiction.")
    standards: list[StandardCount] | None = Field(None, description="Standard sets with their sizes.")


class Gap(Part):
    """One cited value that is not verified, where it is written and what it lacks."""

    file: str = Field(description="Rulebook file.")
    line: int | None = Field(description="Line of its `verification` key.")
    column: int | None = Field(description="Column of its `verification` key.")
    kind: str = Field(description="What kind of value (provision, travel_rule, crypto_status, ...).")
    id: str | None = Field(description="The provision id or the fact's date.")
    url: str | None = Field(description="The URL its source resolves to.")
    article: str | None = Field(description="Its pinpoint, if any.")
    missing: list[str] = Field(description="no_url, home_page, no_pinpoint, no_excerpt (none: evidence complete).")
    why: str = Field(description="The same, in words.")


class SourcesGroup(Part):
    """One jurisdiction's values (code null: agreements and the standard setters' data)."""

    code: str | None = Field(description=CODE)
    values: int = Field(description="Cited values.")
    verified: int = Field(description="Values marked verified.")
    not_verified: list[Gap] = Field(description="Values not verified, by file and line.")


class SourcesTotals(Share):
    """Totals over the report."""

    not_verified: int = Field(description="Values not verified.")
    missing: dict[str, int] = Field(description="How many values lack each piece of evidence.")


class Sources(Part):
    """`regatlas sources`: what keeps each value from being verified (the rulebook as loaded, no date)."""

    rulebook: dict[str, str] = Field(description="Version of the rulebook read.")
    totals: SourcesTotals = Field(description="Totals first.")
    jurisdictions: list[SourcesGroup] = Field(description="Per jurisdiction.")


class JurisdictionRow(Part):
    """A jurisdiction in a list."""

    code: str = Field(description=CODE)
    name: str = Field(description="English name.")
    parent: str | None = Field(description="Parent jurisdiction (a state's country, a free zone's state).")
    crypto_status: CryptoStatus | None = Field(description="Overall crypto status on the as-of date.")
    kind: str | None = Field(None, description="country, union, state, free_zone ...")
    coverage: CoverageLevel | None = Field(None, description=COVERAGE)
    checked: IsoDate | None = Field(None, description=CHECKED)


class JurisdictionList(Answer):
    """`regatlas jurisdictions`, GET /api/v1/jurisdictions."""

    jurisdictions: list[JurisdictionRow] = Field(description="Every jurisdiction, with its status on the date.")


class DatedFact(Cited):
    """A dated fact as it stood on the as-of date (the value that started last on or before it)."""

    from_: IsoDate | None = Field(None, alias="from", description="When this value started to hold.")
    note: str | None = Field(None, description="Editor's note.")
    published: IsoDate | None = Field(None, description="Publication date of the source text.")
    jurisdiction: str | None = Field(None, description="The law the fact belongs to (EU for a member state "
                                                        "under an EU regulation).")
    provision: str | None = Field(None, description="Id of the provision that states the fact.")


class CryptoStatusFact(DatedFact):
    """The overall crypto status, cited."""

    value: CryptoStatus | None = Field(None, description="The status.")


class TravelRuleFact(DatedFact):
    """The Travel Rule in a jurisdiction on the date (see the contract)."""

    status: Literal["in_force", "enacted", "proposed", "none"] | None = Field(
        description="Status of the rule; null when the atlas has no data for the date (never read as none).")
    in_force_from: IsoDate | None = Field(description="When it came (or comes) into force.")
    threshold: MoneyOut | None = Field(description="Amount from which the full information is required, in "
                                                    "the law's currency (0: every transfer).")
    self_hosted: dict[str, Any] | None = Field(description="Policy for transfers with self-hosted wallets.")
    tiers: list[dict[str, Any]] | None = Field(None, description="Reduced data sets required below the threshold.")
    threshold_inclusive: bool | None = Field(None, description="Whether the threshold amount itself is covered.")
    originator_fields: FieldList | None = Field(
        None, description="Originator fields required (a list inside: any one of them).")
    beneficiary_fields: FieldList | None = Field(None, description="Beneficiary fields required.")


class StablecoinFact(DatedFact):
    """The stablecoin framework on the date."""

    status: str | None = Field(description="in_force, enacted, proposed, none ...")
    regime: str | None = Field(None, description="Name of the regime.")


class CbdcFact(DatedFact):
    """The central bank digital currency on the date."""

    status: Literal["none", "research", "development", "pilot", "launched", "cancelled"] | None = Field(
        description="Stage of the CBDC.")
    name: str | None = Field(None, description="Name of the CBDC or project.")


class FatfFact(DatedFact):
    """The FATF public list the jurisdiction is on, if any."""

    list: Literal["call_for_action", "increased_monitoring"] | None = Field(
        description="call_for_action, increased_monitoring, or null when not listed.")
    plenary: str | None = Field(None, description="The FATF plenary that listed it.")


class AuthorityOut(Part):
    """A competent authority."""

    id: str = Field(description="Rulebook id.")
    jurisdiction: str = Field(description=CODE)
    name: str = Field(description="Name.")
    acronym: str | None = Field(None, description="Acronym.")
    roles: list[str] = Field(description="What it supervises: licensing, aml, tax ...")
    url: str | None = Field(None, description="Home page.")
    powers: list[Any] | None = Field(None, description="Powers (freeze, seize ...) with their sources.")


class RegimeOut(Part):
    """An instrument in force or on the way, with the provisions it contributes."""

    instrument: str | None = Field(description="Title of the instrument.")
    instrument_id: str | None = Field(None, description="Rulebook id of the instrument.")
    url: str | None = Field(None, description="Official URL.")
    jurisdiction: str | None = Field(None, description="The law it belongs to.")
    provisions: int | None = Field(None, description="Provisions of it in the atlas.")
    statuses: list[str] | None = Field(None, description="Statuses of those provisions on the date.")
    topics: list[str] | None = Field(None, description="Topics they cover.")


class ProvisionOut(Cited):
    """A provision and its status on the as-of date."""

    id: str = Field(description="Rulebook id of the provision.")
    jurisdiction: str = Field(description="The law it belongs to.")
    title: str = Field(description="Short title.")
    topic: str = Field(description="Topic (licensing, travel_rule, stablecoin_reserves ...).")
    status: ProvisionStatus | None = Field(description="Status on the date (null: not yet published).")
    activities: list[str] | None = Field(None, description="Activities it covers.")
    token_types: list[str] | None = Field(None, description="Token types it covers.")
    parameters: dict[str, Any] | None = Field(None, description="Encoded values (thresholds, periods, ratios).")
    published: IsoDate | None = Field(None, description="Publication date.")
    effective_from: IsoDate | None = Field(None, description="Date it applies from.")
    effective_to: IsoDate | None = Field(None, description="Date it stops applying.")
    implements: list[str] | None = Field(None, description="Standard recommendations it implements.")
    applies_if: str | None = Field(None, description="Condition (CEL) on the firm for it to apply.")
    text: str | None = Field(None, description="The words of the provision (or an excerpt).")
    encoded: bool | None = Field(None, description="Whether its values are encoded as parameters.")
    note: str | None = Field(None, description="Editor's note.")


class Show(Answer):
    """`regatlas show CODE`, GET /api/v1/jurisdictions/{code}: a jurisdiction as of a date."""

    code: str = Field(description=CODE)
    name: str = Field(description="English name.")
    crypto_status: CryptoStatus | None = Field(description="Overall crypto status on the date.")
    authorities: list[AuthorityOut] = Field(description="Competent authorities (own and inherited).")
    regimes: list[RegimeOut] = Field(description="Instruments that make up its crypto regime.")
    travel_rule: TravelRuleFact = Field(description="The Travel Rule on the date.")
    stablecoins: StablecoinFact = Field(description="The stablecoin framework on the date.")
    cbdc: CbdcFact = Field(description="The CBDC on the date.")
    fatf: FatfFact = Field(description="FATF public list on the date.")
    provisions: list[ProvisionOut] = Field(description="Provisions that apply, with status and source.")
    kind: str | None = Field(None, description="country, union, state, free_zone ...")
    parent: str | None = Field(None, description="Parent jurisdiction.")
    currency: str | None = Field(None, description="ISO 4217 currency of its law.")
    memberships: list[str] | None = Field(None, description="FSB, FATF, IOSCO ... memberships.")
    inherits: list[str] | None = Field(None, description="Laws it inherits (EU for a member state).")
    summary: str | None = Field(None, description="One-paragraph summary of its approach.")
    crypto_status_fact: CryptoStatusFact | None = Field(None, description="The crypto status, cited.")
    coverage: CoverageLevel | None = Field(None, description=COVERAGE)
    depth_topics: list[str] | None = Field(
        None, description="The in-depth topics its own provisions cover, and for an EU or EEA state the "
        "national-layer items its file encodes.")
    checked: IsoDate | None = Field(None, description=CHECKED)
    coverage_note: str | None = Field(None, description="Why every value is null, when it has no rulebook file.")


class RecommendationOut(Part):
    """One recommendation of a standard."""

    id: str = Field(description="Rulebook id, e.g. fatf-r15.")
    number: str | None = Field(None, description="Its number in the standard.")
    title: str | None = Field(None, description="Title.")
    standard: str | None = Field(None, description="Standard id.")
    summary: str | None = Field(None, description="What it asks.")
    topics: list[str] | None = Field(None, description="Topics it maps to.")
    paragraph: str | None = Field(None, description="Pinpoint in the standard.")
    position: int | None = Field(None, description="Order in the standard.")


class StandardOut(Cited):
    """A standard set with its recommendations."""

    id: str = Field(description="Standard id: fsb-ca, fsb-gsc, iosco, fatf.")
    name: str = Field(description="Name.")
    body: str | None = Field(None, description="Issuing body.")
    published: IsoDate | None = Field(None, description="Publication date.")
    url: str | None = Field(None, description="Official URL.")
    note: str | None = Field(None, description="Editor's note.")
    recommendations: list[RecommendationOut] = Field(description="Its recommendations.")


class Standards(Answer):
    """`regatlas standards [ID]`, GET /api/v1/standards[/{id}]."""

    standards: list[StandardOut] = Field(description="The standard sets asked for.")


class SearchHit(ProvisionOut):
    """A provision that matches, with its rank."""

    score: float = Field(description="BM25 score (higher is better).")


class Search(Answer):
    """`regatlas search TEXT`, GET /api/v1/search: provisions published by the as-of date."""

    query: str = Field(description="The words searched for.")
    results: list[SearchHit] = Field(description="Matches, best first.")


class MapValues(Answer):
    """GET /api/v1/map: one value per jurisdiction for the world map."""

    metric: Literal["crypto_status", "travel_rule", "alignment"] = Field(description="What is mapped.")
    values: dict[str, str | float | None] = Field(description="Value per jurisdiction code.")
    names: dict[str, str] = Field(description="Name per jurisdiction code.")
    coverage: dict[str, CoverageLevel] | None = Field(
        None, description="Coverage level per code: the map gives `none` (no rulebook file) a colour of its own.")


class BuildStamp(Part):
    """The rulebook version a build compiled."""

    version: str = Field(description="Content hash of the rulebook.")


class Build(Part):
    """`regatlas build`: where the compiled store is and whether it was (re)built."""

    rulebook: BuildStamp = Field(description="The rulebook compiled.")
    path: str = Field(description="Path of the DuckDB store.")
    built: bool = Field(description="True when it was compiled now, false when it was up to date.")


class StaleFile(Part):
    """A jurisdiction file not reviewed since the cut-off."""

    code: str = Field(description=CODE)
    file: str = Field(description="Rulebook file.")
    line: int | None = Field(description="Line of its `checked` key (of the file's start when it has none).")
    checked: IsoDate | None = Field(description="When it was last reviewed (null: never recorded).")


class StaleValue(Part):
    """A cited value whose text was not read since the cut-off."""

    jurisdiction: str | None = Field(description="Owning jurisdiction (null: agreements, figures ...).")
    file: str = Field(description="Rulebook file.")
    line: int | None = Field(description="Line of its `source.checked` (of its source when it has none).")
    kind: str = Field(description="provision, travel_rule, crypto_status, ...")
    id: str | None = Field(description="The provision id or the fact's list and date.")
    checked: IsoDate | None = Field(description="When its source was last checked (null: never recorded).")


class StaleCounts(Part):
    """How many files and values need review."""

    jurisdictions: int = Field(description="Jurisdiction files.")
    values: int = Field(description="Cited values.")


class Stale(Answer):
    """`regatlas stale [--older-than 6m]`: what to review, oldest first (never checked first)."""

    older_than: str = Field(description="The age asked for: 90d, 6m, 1y.")
    cutoff: IsoDate = Field(description="Checked before this day (or never) is stale.")
    counts: StaleCounts = Field(description="Counts first.")
    jurisdictions: list[StaleFile] = Field(description="Jurisdiction files, oldest first.")
    values: list[StaleValue] = Field(description="Cited values, oldest first.")
