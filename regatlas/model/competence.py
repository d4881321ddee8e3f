"""Who is competent for what: the authorities that claim an activity for a kind of token, on which
legal basis, and how two of them divide what they share.

One file per jurisdiction in `competence/`. `mapped` says which cells (activity x token type x
market) the file's authors examined: a cell they examined that no claim covers is a gap; a cell
outside `mapped`, or a jurisdiction with no file, is unknown, never a gap.

>>> m = CompetenceMap.model_validate({"code": "XX", "mapped": {"activities": ["exchange"],
...     "token_types": ["security_token"]}, "claims": [{"id": "c", "authority": "xx-sec",
...     "activities": ["exchange"], "token_types": ["security_token"], "markets": ["spot"],
...     "power": "licensing", "basis": "securities law", "source": {"instrument": "i"}, "verification": "unverified"}]})
>>> m.claims[0].covers("exchange", "security_token", "spot"), m.claims[0].covers("exchange", "security_token", "derivatives")
(True, False)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from regatlas.model.common import Cited, Strict
from regatlas.model.entities import Instrument
from regatlas.model.vocab import Activity, Market, TokenType


class CellPattern(Strict):
    """A set of cells: those that cannot occur (issuing a stablecoin on a derivatives market) or that
    were not settled. A key left out matches every value."""

    activity: Activity | None = None
    token_type: TokenType | None = None
    market: Market | None = None
    why: str

    def matches(self, activity: str, token_type: str, market: str) -> bool:
        """Whether the cell fits the pattern."""
        return all(want is None or want == got for want, got in (
            (self.activity, activity), (self.token_type, token_type), (self.market, market)))


class Mapped(Strict):
    """The cells a competence file examined (each claim's cells must lie inside them)."""

    activities: list[Activity]
    token_types: list[TokenType]
    markets: list[Market] = Field(default_factory=lambda: ["spot", "derivatives"])
    not_applicable: list[CellPattern] = Field(
        default_factory=list, description="Combinations that cannot occur, left out of the map.")
    unexamined: list[CellPattern] = Field(
        default_factory=list, description="Cells inside the map its authors could not settle: reported as "
        "`unknown`, never as a gap.")


class CompetenceClaim(Cited):
    """An authority's competence over activities for token types on markets, on a cited basis."""

    id: str
    authority: str = Field(description="An authority id of the rulebook.")
    activities: list[Activity]
    token_types: list[TokenType]
    markets: list[Market] = Field(default_factory=lambda: ["spot", "derivatives"])
    power: Literal["licensing", "registration", "supervision", "enforcement_only", "anti_fraud"] = Field(
        description="What the authority may do there: license, register, supervise, or only "
        "enforce (e.g. anti-fraud and manipulation authority without a licensing regime).")
    basis: str = Field(description="The legal basis in a few words (the statute and section).")
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    proposed: bool = Field(default=False, description="A bill or proposal: listed apart, never counted.")
    enacted: bool = Field(default=False, description="Made law whose commencement is not fixed yet (no "
                          "`effective_from`): listed apart as enacted, not counted until it has a start date.")

    def covers(self, activity: str, token_type: str, market: str) -> bool:
        """Whether this claim covers one cell (`any` token type covers every type)."""
        return (activity in self.activities and market in self.markets
                and (token_type in self.token_types or "any" in self.token_types))

    def holds_on(self, day: dt.date) -> bool:
        """In effect on `day` (not a proposal, started, not ended)."""
        return (not self.proposed and not self.enacted and (self.effective_from is None or self.effective_from <= day)
                and (self.effective_to is None or day < self.effective_to))


class CompetenceDivision(Cited):
    """How authorities that share cells divide or coordinate them (joint statement, MoU, statute)."""

    id: str
    authorities: list[str] = Field(min_length=2)
    kind: Literal["joint_statement", "mou", "statute", "harmonisation", "court_ruling", "guidance"]
    activities: list[Activity]
    token_types: list[TokenType]
    markets: list[Market] = Field(default_factory=lambda: ["spot", "derivatives"])
    how: str = Field(description="What the division says, in a sentence.")
    date: dt.date | None = None


class CompetenceMap(Strict):
    """A jurisdiction's competence claims and divisions, and the cells they were examined over."""

    code: str
    mapped: Mapped
    claims: list[CompetenceClaim]
    divisions: list[CompetenceDivision] = Field(default_factory=list)
    instruments: list[Instrument] = Field(default_factory=list)
    note: str | None = None
