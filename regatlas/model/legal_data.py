"""Legal content that engines used to keep in Python, now cited rulebook data.

Four sections: `figures/` (shares the standard setters published, set beside the atlas's own),
`listings/` (what a FATF listing calls for), `scopes/` (which activities make a firm a VASP or
CASP) and `fx_pegs/` (currencies fixed by law to an anchor, one file per currency, dated).

>>> fig = PublishedFigure.model_validate({"id": "f", "metric": "banned", "body": "FSB",
...     "as_of": "2025-08", "value": 0.25, "count": 7, "of": 28, "population": "FSB members",
...     "text": "7 of 28", "source": {"instrument": "x"}, "verification": "unverified"})
>>> fig.share()
0.25
>>> pegs = CurrencyPegs.model_validate({"currency": "AED", "pegs": [{"from": "1999-01-04",
...     "anchor": "USD", "per_anchor": 3.6725, "source": {"instrument": "x"},
...     "verification": "unverified"}]})
>>> pegs.id, pegs.pegs[0].per_anchor
('AED', 3.6725)
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from regatlas.model.common import Cited, Count, DatedValue, Number, Strict
from regatlas.model.entities import Instrument
from regatlas.model.vocab import Activity, FatfList, Organisation

AggregateMetric = Literal[
    "travel_rule_in_force", "travel_rule_enacted_or_in_force", "stablecoin_framework_in_force",
    "stablecoin_framework_enacted_or_in_force", "casp_licensing_in_force", "casp_framework_finalised",
    "banned", "cbdc_any_work", "cbdc_pilot_or_launched", "cbdc_launched", "plans_pending",
]
"""The shares `regatlas aggregates` computes; a published figure names the one it compares with.

`cbdc_any_work`: a central bank at any CBDC stage from research to launch; `plans_pending`: a bill,
draft or consultation pending on crypto-assets (a `proposed` provision or fact)."""
AGGREGATE_METRICS: tuple[str, ...] = get_args(AggregateMetric)

ListingMeasure = Literal["enhanced_due_diligence", "countermeasures", "risk_assessment"]
"""What a listing calls for: EDD on business with the country, countermeasures by countries, or
weighing the listing in the risk assessment."""


class PublishedFigure(Cited):
    """A share a standard setter published (`value`, 1.0 = 100%), with the population it covers.

    `count` of `of` are the numbers behind the share when the report gives them; `value` may be
    null when the report gives no headline share.
    """

    id: str
    metric: AggregateMetric
    body: Organisation
    as_of: str = Field(pattern=r"^\d{4}-\d{2}$", description="The month the figure describes (YYYY-MM).")
    value: Number | None = Field(default=None, ge=0, le=1)
    count: Count | None = Field(default=None, ge=0)
    of: Count | None = Field(default=None, gt=0)
    population: str
    text: str = Field(description="What the report says, in the words of the source read.")

    def share(self) -> float | None:
        """The published share: `value`, else `count / of` to three places."""
        if self.value is not None:
            return self.value
        return round(self.count / self.of, 3) if self.count is not None and self.of else None


class ListingConsequence(Cited):
    """What being on one list of a standard setter calls for (FATF R.19 for the FATF lists)."""

    id: str
    standard: str = Field(description="The standard whose list this is (a `standards/` id).")
    list: FatfList
    measures: list[ListingMeasure] = Field(min_length=1)
    action: str = Field(description="The consequence, in a sentence shown to users.")


class ActivityScope(Cited):
    """The activities, in the atlas's words, that make a firm the defined kind (a VASP, a CASP).

    `activities` are those the definition lists; `may_include` those the standard setter's
    guidance says can also make one (e.g. payments that transfer virtual assets).
    """

    id: str
    standard: str
    term: str
    activities: list[Activity] = Field(min_length=1)
    may_include: list[Activity] = Field(default_factory=list)

    def all_activities(self) -> frozenset[str]:
        """Listed and possibly included activities together."""
        return frozenset(self.activities) | frozenset(self.may_include)


class Peg(DatedValue):
    """From `from`, one unit of `anchor` is `per_anchor` units of the pegged currency."""

    anchor: str
    per_anchor: Number = Field(gt=0)


class CurrencyPegs(Strict):
    """A currency fixed by law to an anchor currency, one dated peg after another."""

    currency: str
    name: str | None = None
    pegs: list[Peg] = Field(min_length=1)
    instruments: list[Instrument] = Field(default_factory=list)
    note: str | None = None

    @property
    def id(self) -> str:
        """The currency code keys the section (one file per currency)."""
        return self.currency

    def peg_on(self, day) -> Peg | None:
        """The peg in effect on `day`, or None before the first."""
        held = [p for p in self.pegs if p.from_ <= day]
        return held[-1] if held else None
