"""Provisions: one legal rule each, with topic, scope, parameters, dates and source.

The status on a given date follows from the dates: before `published` the provision is not in
the atlas; proposed texts stay `proposed`; otherwise `enacted` until `effective_from`,
`in_force` until `effective_to`, then `repealed`.

>>> p = Provision.model_validate({"id": "x-1", "title": "T", "topic": "licensing", "role": "licence",
...     "effective_from": "2024-06-30", "published": "2023-06-09",
...     "source": {"instrument": "eu-mica"}, "verification": "verified"})
>>> p.status_on(__import__("datetime").date(2024, 1, 1))
'enacted'
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from regatlas.model.common import Cited, ParameterValue
from regatlas.model.vocab import (
    Activity,
    ProvisionPower,
    ProvisionRole,
    ProvisionStatus,
    ReserveHolding,
    TokenType,
    Topic,
)


class Provision(Cited):
    """A cited legal rule. `text` holds the excerpt; `encoded: false` marks text not encoded.

    `role`, `reserve_holding` and `powers` say what the rule does as data, so that no engine has to
    read the title, text or note to decide it.
    """

    id: str
    title: str
    topic: Topic
    role: ProvisionRole = Field(description="What the provision does (licence, exemption, ...).")
    reserve_holding: list[ReserveHolding] = Field(
        default_factory=list, description="Where reserve assets may be held, when the rule says so.")
    powers: list[ProvisionPower] = Field(
        default_factory=list,
        description="Freezing, seizing or blocking of tokens, accounts or transfers the rule grants or requires.")
    authority: str | None = Field(
        default=None, description="The authority that administers or enforces the rule (an authority id).")
    activities: list[Activity] = Field(default_factory=list)
    token_types: list[TokenType] = Field(default_factory=lambda: ["any"])
    parameters: dict[str, ParameterValue] = Field(default_factory=dict)
    proposed: bool = False
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    implements: list[str] = Field(default_factory=list)
    applies_if: str | None = None
    text: str | None = None
    encoded: bool = True
    amends: str | None = None

    def intervals(self) -> list[tuple[ProvisionStatus, dt.date | None, dt.date | None]]:
        """(status, valid_from, valid_to) runs; valid_to is exclusive, None is open-ended.

        >>> p = Provision.model_validate({"id": "a", "title": "t", "topic": "ban", "role": "prohibition",
        ...     "effective_from": "2021-09-24", "source": {"instrument": "i"},
        ...     "verification": "unverified"})
        >>> [s for s, _, _ in p.intervals()]
        ['in_force']
        """
        if self.proposed:
            return [("proposed", self.published, None)]
        runs: list[tuple[ProvisionStatus, dt.date | None, dt.date | None]] = []
        if self.published and (self.effective_from is None or self.published < self.effective_from):
            runs.append(("enacted", self.published, self.effective_from))
        if self.effective_from is not None:
            runs.append(("in_force", self.effective_from, self.effective_to))
            if self.effective_to is not None:
                runs.append(("repealed", self.effective_to, None))
        return runs

    def status_on(self, day: dt.date) -> ProvisionStatus | None:
        """The provision's status on `day`, or None when it was not yet published."""
        for status, start, end in self.intervals():
            if (start is None or start <= day) and (end is None or day < end):
                return status
        return None
