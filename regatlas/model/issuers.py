"""Token issuers that can freeze their tokens: who, for which tokens and chains, by what
mechanism, on whose request, each capability cited to the issuer's own terms or a public record.

>>> i = TokenIssuer.model_validate({"id": "x", "name": "X Ltd", "jurisdiction": "SG", "tokens": ["XUSD"],
...     "freeze": [{"can_freeze": True, "on_request_of": ["law_enforcement"],
...     "source": {"instrument": "x-terms"}, "verification": "unverified"}]})
>>> i.freeze[0].can_freeze, i.freeze[0].on_request_of
(True, ['law_enforcement'])
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from regatlas.model.common import Cited, Strict
from regatlas.model.entities import Instrument

Requester = Literal["law_enforcement", "court_order", "regulator", "sanctions_authority", "issuer_policy"]


class FreezeCapability(Cited):
    """Whether and how an issuer can freeze holdings of its tokens, and at whose request."""

    can_freeze: bool | None = Field(description="null: unknown.")
    tokens: list[str] = Field(default_factory=list, description="Token symbols covered (empty: all of the issuer's).")
    chains: list[str] = Field(default_factory=list, description="Chains where the mechanism exists (empty: not stated).")
    mechanism: str | None = Field(default=None, description="How (a blacklist function of the token contract ...).")
    on_request_of: list[Requester] = Field(default_factory=list)


class TokenIssuer(Strict):
    """An issuer of tokens, its home jurisdiction and its freezing capabilities."""

    id: str
    name: str
    other_names: list[str] = Field(default_factory=list)
    jurisdiction: str
    tokens: list[str]
    freeze: list[FreezeCapability] = Field(default_factory=list)
    instruments: list[Instrument] = Field(default_factory=list)
    note: str | None = None
