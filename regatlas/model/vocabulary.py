"""The legal vocabulary of parameter names (rulebook section `vocabulary/`).

Every name a provision may use under `parameters:` is declared once: the type of its value, a
unit where the type does not carry one, which way is stricter, what the value does in law (its
effect), the topics it is used under, a one-line description and the retired names it replaces.
Engines read these declarations (compiled into the store's `parameters` table) instead of
guessing from the name.

>>> p = ParameterDef.model_validate({"id": "cold_storage_min", "type": "ratio", "stricter": "higher",
...     "effect": "requirement", "description": "Share held in cold storage."})
>>> p.comparable, p.replaces
(True, [])
>>> type_problem("money", Money(amount=1, currency="EUR")) is None
True
>>> type_problem("date", "2024-13-01")
"needs a date written YYYY-MM-DD, got '2024-13-01'"
>>> type_problem("money", True)
'needs {amount, currency}, got true'
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, Field

from regatlas.model.common import Days, Money, Ratio, Strict
from regatlas.model.vocab import Topic

ParamType = Literal["money", "days", "ratio", "bool", "count", "number", "date", "duration", "text", "list"]
PARAM_TYPES: tuple[str, ...] = get_args(ParamType)


def _flag_word(value: Any) -> Any:
    # YAML reads `stricter: true` as a boolean; the declaration means the word
    return str(value).lower() if isinstance(value, bool) else value


_StricterWord = Literal["lower", "higher", "true", "false", "none"]
Stricter = Annotated[_StricterWord, BeforeValidator(_flag_word, json_schema_input_type=_StricterWord | bool)]
"""Which value is stricter: the lower or higher number, `true` or `false`, or `none` (not comparable)."""
Effect = Literal["requirement", "limit", "prohibition", "permission", "threshold", "penalty", "deadline",
                 "charge", "information"]
"""What the value does in law:

- requirement: a measure of a duty (minimum capital, share in cold storage, retention years);
- limit: a cap on what a firm or customer may do (daily transfer limit, largest leverage);
- prohibition: a flag that, at its strict value, forbids something (`interest_allowed: false`);
- permission: a flag or value that allows something (an exemption, an authority's power);
- threshold: an amount or count from which a duty applies (Travel Rule, CDD, licence tiers);
- penalty: a sanction (largest fine, prison term);
- deadline: a period or date by which something must be done, or until which a transition lasts;
- charge: a tax or fee;
- information: a fact kept for the record that is not itself a rule to compare.
"""
EFFECTS: tuple[str, ...] = get_args(Effect)
DURATION = re.compile(r"^P(\d+)([DWMY])$")


class ParameterDef(Strict):
    """One declared parameter name (the YAML key is its `id`)."""

    id: str
    type: ParamType
    unit: str | None = None
    stricter: Stricter
    effect: Effect
    topics: list[Topic] = Field(default_factory=list)
    description: str
    replaces: list[str] = Field(default_factory=list)

    @property
    def comparable(self) -> bool:
        """Whether two values of this parameter can be ranked (its `stricter` is not `none`)."""
        return self.stricter != "none"


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_CHECKS: dict[str, tuple[Any, str]] = {
    "money": (lambda v: isinstance(v, Money), "{amount, currency}"),
    "days": (lambda v: isinstance(v, Days), "{days: N} (business: true for working days)"),
    "ratio": (lambda v: isinstance(v, Ratio), "{ratio: N}"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "count": (lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"),
    "number": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number"),
    "date": (_is_date, "a date written YYYY-MM-DD"),
    "duration": (lambda v: isinstance(v, str) and bool(DURATION.match(v)), "an ISO 8601 period such as P3M"),
    "text": (lambda v: isinstance(v, str), "text"),
    "list": (lambda v: isinstance(v, list), "a list"),
}
NUMERIC = ("money", "days", "ratio", "count", "number", "date", "duration")
"""Types whose values are ranked `lower` / `higher` (a date earlier or later, a period shorter or longer)."""


def type_problem(type_: str, value: Any) -> str | None:
    """What a value of the declared `type_` needs and what `value` is instead, or None when it fits."""
    test, wanted = _CHECKS[type_]
    if test(value):
        return None
    if isinstance(value, BaseModel):
        shown = "{" + ", ".join(f"{k}: {v:g}" if isinstance(v, float) else f"{k}: {v}"
                                for k, v in value.model_dump(exclude_defaults=True).items()) + "}"
    elif isinstance(value, bool):
        shown = str(value).lower()
    elif isinstance(value, (str, int, float)):
        shown = repr(value)
    else:
        shown = type(value).__name__
    return f"needs {wanted}, got {shown}"
