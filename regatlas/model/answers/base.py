"""What every answer shares: the rulebook stamp, sources, money, and one way to serialise.

An engine returns a plain dict; `dump` validates it into its answer model and returns the JSON
document (keys by alias, as the contract names them). The CLI's `--json` and the API both send
exactly that document, so one question has one answer in both.

>>> doc = {"rulebook": {"version": "abc", "as_of": "2025-01-01"}}
>>> dump(Answer, doc)
{'rulebook': {'version': 'abc', 'as_of': '2025-01-01'}}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from regatlas.model.common import IsoDate

Verification = Literal["verified", "unverified"]
CODE = "Jurisdiction code (ISO 3166-1 alpha-2, EU, ISO 3166-2, or a free zone such as AE-DIFC)."


class Part(BaseModel):
    """A nested part of an answer. Its declared keys are documented; engines may add detail."""

    # Built on first use: the CLI imports every answer but gives one.
    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)


class RulebookStamp(Part):
    """Which rulebook answered, and for which date: the same question, stamp and inputs always
    get the same answer."""

    version: str = Field(description="Content hash of the rulebook that produced the answer.")
    as_of: IsoDate = Field(description="The date the law is read as of (YYYY-MM-DD).")


class Answer(Part):
    """Base of every answer that reads the law: it carries the rulebook stamp.

    Every top-level key an engine returns is declared on its answer model (tests/test_answers.py
    checks that none arrives undeclared)."""

    rulebook: RulebookStamp = Field(description="Rulebook version and as-of date of this answer.")

    def to_dict(self) -> dict[str, Any]:
        """The answer as the CLI's `--json` and the API send it (keys by alias, JSON values)."""
        return dump(type(self), self)

    def __repr__(self) -> str:
        """The answer's scalar keys and its stamp, short enough to read in a notebook or a shell."""
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in _scalars(self))})"

    def _repr_html_(self) -> str:
        """A table of the answer's keys for notebooks (every value escaped, nothing fetched)."""
        from html import escape

        rows = "".join(f"<tr><th style='text-align:left'>{escape(k)}</th><td>{escape(_short(v))}</td></tr>"
                       for k, v in self.model_dump(mode="json", by_alias=True, exclude_none=True).items())
        return f"<table><caption>{escape(type(self).__name__)}</caption>{rows}</table>"


def _scalars(answer: BaseModel) -> list[tuple[str, Any]]:
    doc = answer.model_dump(mode="json", by_alias=True, exclude_none=True)
    stamp = doc.pop("rulebook", {})
    pairs = [(k, _short(v, 60) if isinstance(v, str) else v)
             for k, v in doc.items() if isinstance(v, str | int | float | bool)][:8]
    return [*pairs, ("rulebook", f"{stamp.get('version')} as of {stamp.get('as_of')}")]


def _short(value: Any, limit: int = 300) -> str:
    import json

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + " ..."


class SourceRef(Part):
    """Where a fact or provision comes from."""

    instrument: str | None = Field(None, description="Title of the legal instrument.")
    instrument_id: str | None = Field(None, description="Rulebook id of the instrument.")
    article: str | None = Field(None, description="Pinpoint: article, section, paragraph or page.")
    url: str | None = Field(None, description="Official URL of the document.")


class FieldGroup(Part):
    """Fields required together: one alternative of an "any one of" list."""

    all_of: list[str] = Field(description="Every field of the group is required.")


FieldList = list[str | list[str | FieldGroup]]
"""Travel Rule fields: a name, or a list of alternatives (any one suffices), where an alternative
may be a group of fields required together."""


class MoneyOut(Part):
    """An amount in an ISO 4217 currency."""

    amount: float = Field(description="The amount.")
    currency: str = Field(description="ISO 4217 currency code.")


class Cited(Part):
    """A part that states the law: its source and whether someone read it there."""

    source: SourceRef | None = Field(None, description="Instrument, article and URL of the source.")
    verification: Verification | None = Field(None, description="verified: read in the official text.")


A = TypeVar("A", bound=BaseModel)


def dump(model: type[A], doc: Mapping[str, Any] | BaseModel) -> dict[str, Any]:
    """The JSON document of an engine answer: validated by `model`, keys by alias, values as JSON.

    Keys the engine left out stay out (a key is never invented as null).

    >>> dump(RulebookStamp, {"version": "abc", "as_of": "2025-01-01", "note": "kept"})
    {'version': 'abc', 'as_of': '2025-01-01', 'note': 'kept'}
    """
    parsed = doc if isinstance(doc, model) else model.model_validate(doc)
    return parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
