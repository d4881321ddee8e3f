"""Coordination analytics answers: align, aggregates, arbitrage, diff, timeline, similarity,
enforce, charts.

>>> Diff.model_fields["from_"].alias
'from'
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from regatlas.model.answers.base import CODE, Answer, Cited, Part
from regatlas.model.common import IsoDate


class AlignJurisdiction(Part):
    """A jurisdiction's alignment with the standards."""

    code: str = Field(description=CODE)
    name: str | None = Field(None, description="English name.")
    kind: str | None = Field(None, description="country, union, state, free_zone ...")
    inherits: list[str] | None = Field(None, description="Laws it inherits.")
    no_data: bool = Field(description="True when the atlas holds nothing for it (not the same as absent).")
    note: str | None = Field(None, description="Why there is no data, when there is none.")
    score: float | None = Field(description="Overall score 0-100 (null: no data).")
    scores: dict[str, float | None] = Field(description="Score per standard.")
    counts: dict[str, int] = Field(description="Recommendations in force, enacted, proposed, absent.")
    cells: list[dict[str, Any]] = Field(description="Per recommendation: status, via, provisions, source.")
    official: list[dict[str, Any]] = Field(
        default_factory=list, description="Official ratings (FATF R.15 ...) by `as_of`, each beside our score "
        "for the same recommendation: rating, official_score, our_score, report, source, verification.")


class Align(Answer):
    """`regatlas align`, GET /api/v1/align: alignment with FSB, IOSCO and FATF recommendations."""

    standards: list[dict[str, Any]] = Field(description="Standards and their recommendations.")
    jurisdictions: list[AlignJurisdiction] = Field(description="Each jurisdiction's cells and scores.")
    method: dict[str, Any] = Field(description="Weights and how the score is computed.")


class Population(Part):
    """A group of jurisdictions and the metrics over it."""

    size: int = Field(description="Jurisdictions in the group.")
    metrics: dict[str, dict[str, Any]] = Field(description="Per metric: label, count, share, members.")


class Aggregates(Answer):
    """`regatlas aggregates`, GET /api/v1/aggregates: shares of jurisdictions, and published figures."""

    populations: dict[str, Population] = Field(description="all, countries, fsb, fatf ...")
    published: list[dict[str, Any]] = Field(description="Figures published by FATF, FSB ... to compare with.")
    per_jurisdiction: dict[str, dict[str, Any]] = Field(description="The values counted, per jurisdiction.")


class Arbitrage(Answer):
    """`regatlas arbitrage`, GET /api/v1/arbitrage: where the same activity is treated differently."""

    activity: str | None = Field(description="Activity asked about (null: all).")
    topic: str | None = Field(description="Topic asked about (null: all).")
    total_pairs: int = Field(description="Pairs found before the limit.")
    pairs: list[dict[str, Any]] = Field(description="Pairs of jurisdictions, ranked, with why.")
    patterns: dict[str, Any] = Field(description="Offshore without oversight, reserves without a holding "
                                                 "rule, 'decentralised' carve-outs.")


class ChangeEvent(Cited):
    """A provision or dated fact that changed."""

    date: IsoDate = Field(description="When.")
    jurisdiction: str = Field(description=CODE)
    label: str = Field(description="The change in words.")
    type: str | None = Field(None, description="provision or fact.")
    id: str | None = Field(None, description="Provision id.")
    title: str | None = Field(None, description="Provision title.")
    topic: str | None = Field(None, description="Provision topic.")
    change: str | None = Field(None, description="proposed, enacted, in_force, repealed, amended.")
    amends: str | None = Field(None, description="The provision it amends.")
    kind: str | None = Field(None, description="The fact that changed (travel_rule, stablecoins ...).")
    value: Any = Field(None, description="New value of the fact.")
    previous: Any = Field(None, description="Previous value of the fact.")
    changed: bool | None = Field(None, description="Whether the value changed (not only its source).")
    threshold: Any = Field(None, description="New threshold.")
    previous_threshold: Any = Field(None, description="Previous threshold.")


class Diff(Answer):
    """`regatlas diff --from D1 --to D2`, GET /api/v1/diff: what changed between two dates."""

    from_: IsoDate = Field(alias="from", description="Start date (exclusive).")
    to: IsoDate = Field(description="End date (inclusive).")
    jurisdiction: str | None = Field(description="Jurisdiction asked about (null: all).")
    jurisdictions: list[str] | None = Field(description="It and the laws it inherits.")
    counts: dict[str, int] = Field(description="Changes by kind.")
    provisions: list[ChangeEvent] = Field(description="Provision changes.")
    facts: list[ChangeEvent] = Field(description="Dated fact changes.")


class Timeline(Answer):
    """`regatlas timeline CODE`, GET /api/v1/timeline/{code}: history and announced dates."""

    code: str = Field(description=CODE)
    inherits: list[str] = Field(description="Laws it inherits.")
    no_data: bool = Field(description="True when the atlas holds nothing for it.")
    note: str | None = Field(description="Why there is no data, when there is none.")
    history: list[ChangeEvent] = Field(description="Changes up to the as-of date.")
    future: list[ChangeEvent] = Field(description="Announced changes after it.")


class Similarity(Answer):
    """`regatlas similarity`, GET /api/v1/similarity."""

    codes: list[str] = Field(description="Jurisdictions, in matrix order.")
    order: list[str] | None = Field(None, description="Jurisdictions in cluster order.")
    features: list[str] = Field(description="Features compared.")
    matrix: list[list[float]] = Field(description="Similarity 0-1 for each pair, in `codes` order.")
    clusters: list[dict[str, Any]] = Field(description="Clusters: id, members, cohesion.")
    nearest: dict[str, list[dict[str, Any]]] = Field(description="Most similar jurisdictions per code.")
    cut: float | None = Field(None, description="Similarity at which clusters were cut.")


class Enforce(Answer):
    """`regatlas enforce CASE`, POST /api/v1/enforce: who can act, and with whom, in a case."""

    case: str = Field(description="The case's title.")
    platform: dict[str, Any] = Field(description="The platform as read from the case.")
    tokens: list[dict[str, Any]] = Field(description="Tokens named in the case.")
    chains: list[str] = Field(description="Chains the tokens live on.")
    jurisdictions: list[dict[str, Any]] = Field(description="Per jurisdiction: roles, authorities, powers, "
                                                            "freeze routes, FATF status.")
    links: list[dict[str, Any]] = Field(description="Cooperation instruments between each pair.")
    issuers: list[dict[str, Any]] = Field(description="Token issuers and their freeze abilities.")
    enhanced_due_diligence: list[dict[str, Any]] = Field(description="Jurisdictions that call for EDD.")
    freeze_routes: list[dict[str, Any]] = Field(description="Authorities that can freeze, seize, restrain or "
                                                            "confiscate, cited, with what they require.")
    criminal_gaps: list[str] = Field(default_factory=list, description="Police, prosecutors, asset recovery or "
                                     "legal-assistance authorities the atlas does not name (unknown, not absent).")


class Charts(Answer):
    """`regatlas charts`: the chart files drawn."""

    files: list[str] = Field(description="Paths of the SVG and PNG files.")
