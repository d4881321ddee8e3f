"""Who regulates what and who cooperates: overlap (competence per activity, token type and market)
and agreements (MoUs, treaties, conventions, sandboxes, interoperability initiatives).

>>> sorted(Overlap.model_fields)[:3]
['activity', 'jurisdiction', 'jurisdictions']
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from regatlas.model.answers.base import CODE, Answer, Part


class CompetenceCell(Part):
    """One activity x token type x market of a jurisdiction, and who claims it."""

    activity: str = Field(description="Activity (docs/vocabulary.md).")
    token_type: str = Field(description="Token type (security_token, digital_commodity, ...).")
    market: str = Field(description="spot or derivatives.")
    outcome: str = Field(description="single (one authority), overlap (two or more), gap (none) or unknown "
                                     "(a cell the map's authors could not settle).")
    authorities: list[str] = Field(description="Authority ids claiming the cell on the as-of date.")
    claims: list[dict[str, Any]] = Field(description="Each claim: authority, power, legal basis, source, verification.")
    divisions: list[dict[str, Any]] = Field(description="Joint statements, MoUs, statutes or rulings on the cell "
                                                        "naming at least one claimant, cited.")
    divided: bool | None = Field(description="For an overlap: whether a cited division names two or more of its "
                                             "claimants (null otherwise).")
    proposed: list[dict[str, Any]] = Field(description="Claims a bill or proposal would create (not counted).")
    enacted: list[dict[str, Any]] = Field(default_factory=list, description="Claims of law made but not yet in "
                                          "effect on the as-of date (not counted until it starts).")


class CompetenceJurisdiction(Part):
    """A jurisdiction's competence cells."""

    code: str = Field(description=CODE)
    name: str | None = Field(description="English name.")
    mapped: bool = Field(description="False when the atlas has no competence map for it (all unknown).")
    cells: list[CompetenceCell] = Field(description="The cells examined, filtered by the question.")
    counts: dict[str, int] = Field(description="Cells by outcome, and overlaps without a cited division.")
    note: str | None = Field(description="What the map covers and what it leaves out.")


class Overlap(Answer):
    """`regatlas overlap`, GET /api/v1/overlap: which authorities claim each activity, and where
    they overlap or leave a gap."""

    jurisdiction: str | None = Field(description="Jurisdiction asked about (null: every mapped one).")
    activity: str | None = Field(description="Activity asked about (null: all).")
    token_type: str | None = Field(description="Token type asked about (null: all).")
    markets: list[str] = Field(description="Markets distinguished.")
    jurisdictions: list[CompetenceJurisdiction] = Field(description="It and the laws it inherits, or every mapped one.")
    unmapped: list[str] = Field(description="Jurisdictions without a competence map (unknown, not gaps).")
    method: str = Field(description="How cells and outcomes are defined.")


class AgreementRow(Part):
    """An agreement, treaty, convention or programme."""

    id: str = Field(description="Rulebook id.")
    name: str = Field(description="Official name.")
    kind: str = Field(description="mmou, mou, mlat, extradition, convention, sandbox, interoperability ...")
    status: str = Field(description="On the as-of date: active, not_yet, ended, proposed or abandoned.")
    parties: list[str] = Field(description="Jurisdiction codes or authority ids.")
    party_link: str | None = Field(description="How the asked party is bound: direct or via a jurisdiction it inherits.")
    source: dict[str, Any] | None = Field(description="Instrument, article, URL.")
    verification: str = Field(description="verified or unverified.")


class Agreements(Answer):
    """`regatlas agreements`, GET /api/v1/agreements: agreements and programmes by party, kind, words."""

    party: str | None = Field(description="Party asked about (null: all).")
    kind: str | None = Field(description="Kind asked about (null: all).")
    text: str | None = Field(description="Words searched in names and summaries (null: none).")
    counts: dict[str, int] = Field(description="Agreements listed, by kind.")
    agreements: list[AgreementRow] = Field(description="The agreements, oldest first.")


class Changes(Answer):
    """`regatlas changes --since V|D`, GET /api/v1/changes: what changed in the law and in the atlas."""

    since: dict[str, Any] = Field(description="The version asked for: ref, version, commit, date recorded.")
    now: dict[str, Any] = Field(description="The version answering.")
    jurisdiction: str | None = Field(description="Jurisdiction asked about (null: all).")
    topic: str | None = Field(description="Topic asked about (null: all).")
    counts: dict[str, int] = Field(description="Record changes by class, and law events.")
    record: list[dict[str, Any]] = Field(description="What the atlas learned: class (new_coverage, new_law, "
                                         "amendment, correction, source, removed), before/after, source.")
    law: list[dict[str, Any]] = Field(description="Provisions and facts in force, enacted, amended or repealed "
                                      "between the version's date and the as-of date, cited.")
    upcoming: list[dict[str, Any]] = Field(default_factory=list, description="The same, announced for the twelve "
                                           "months after the as-of date (deadlines ahead).")
    profile: dict[str, Any] | None = Field(None, description="With --profile: what changed for the firm (new "
                                           "obligation, licence now required, parameter changed, no longer "
                                           "applies) and its deadlines ahead.")
