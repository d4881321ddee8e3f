"""One Travel Rule decision for a corridor, decided by the screening plan's rules (single.py).

The day's resolved law (the screening lookups of that day) decides the amount, currency and
counterparty; fields, thresholds and citations are then read from the resolved law of each side,
so the answer explains itself.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> ans = check(open_atlas(), "EU", "EU", 10, "EUR", d.date(2025, 2, 1))
>>> ans["required"], ans["action"]
(True, 'send_full')
>>> check(open_atlas(), "EU", "EU", 10, "EUR", d.date(2024, 2, 1))["required"]
False
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from regatlas.engines.fx import RateTable, rates_on
from regatlas.engines.travel_rule.plan import DEFAULT_RANGE
from regatlas.engines.travel_rule.single import day_law, decide, reject_reason
from regatlas.errors import InputError, NotFound
from regatlas.model.facts import field_key
from regatlas.rulebook.checks.codes import currency_known
from regatlas.store import queries
from regatlas.store.atlas import Atlas

COUNTERPARTIES = ("vasp", "self-hosted")


def merge_fields(*lists: list[Any]) -> list[Any]:
    """Union of field lists in order; a nested list (alternatives) counts as one entry.

    >>> merge_fields(["a", ["b", "c"]], [["c", "b"], "d", "a"])
    ['a', ['b', 'c'], 'd']
    >>> merge_fields([[{"all_of": ["b", "c"]}, "e"]], [["e", {"all_of": ["c", "b"]}]])
    [[{'all_of': ['b', 'c']}, 'e']]
    """
    out, seen = [], set()
    for fields in lists:
        for f in fields:
            key = field_key(f)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _side(atlas: Atlas, code: str, law: dict[str, Any], required: bool) -> dict[str, Any]:
    fields = merge_fields(law.get("originator_fields", []), law.get("beneficiary_fields", []))
    return {
        "jurisdiction": code, "required": bool(required), "status": law["status"],
        "in_force_from": law.get("in_force_from"), "threshold": law.get("threshold"),
        "threshold_inclusive": law.get("threshold_inclusive", True), "fields": fields,
        "tiers": law.get("tiers", []), "self_hosted": law.get("self_hosted"),
        "source": law.get("source"), "verification": law.get("verification"),
        "inherited_from": law.get("jurisdiction") if law.get("jurisdiction") != code else None,
        "coverage": queries.jurisdiction_row(atlas, code)["coverage"],
    }


def _validate(atlas: Atlas, frm: str, to: str, amount: float, currency: str, counterparty: str) -> None:
    for field, code in (("from", frm), ("to", to)):
        try:
            queries.jurisdiction_row(atlas, code)
        except NotFound:
            raise NotFound(f"unknown jurisdiction '{code}'", field=field) from None
    if not currency_known(currency):
        raise InputError(f"'{currency}' is not an ISO 4217 currency code", field="currency")
    if not math.isfinite(amount) or amount < 0:
        raise InputError(f"amount must be a finite number >= 0, got {amount}", field="amount")
    if counterparty not in COUNTERPARTIES:
        raise InputError(f"counterparty must be one of {', '.join(COUNTERPARTIES)}", field="counterparty")


def check(atlas: Atlas, frm: str, to: str, amount: float, currency: str, day: dt.date,
          counterparty: str = "vasp", rates: RateTable | None = None,
          vasp_leis: dict[str, str | None] | None = None) -> dict[str, Any]:
    """What the Travel Rule requires for a transfer from `frm` to `to` on `day` (contract shape);
    with `vasp_leis` ({"originator": LEI, "beneficiary": LEI}) also each VASP's register status."""
    _validate(atlas, frm, to, amount, currency, counterparty)
    law = day_law(atlas, day, rates)
    reason = reject_reason(law, frm, to, float(amount), currency)
    if reason:
        window = f"{DEFAULT_RANGE[0]}..{DEFAULT_RANGE[1]}"
        detail = {"date_out_of_range": f"date {day} is outside the decision window {window}",
                  "no_reference_rate": f"no reference rate for {currency} on {day}"}
        raise InputError(detail.get(reason, reason.replace("_", " ")),
                         field={"date_out_of_range": "date", "no_reference_rate": "currency"}.get(reason, reason))
    decision = decide(law, frm, to, float(amount), currency, counterparty)
    rates = rates or rates_on(day)  # the rates published up to the day, not the whole history
    o_law, b_law = queries.travel_rule(atlas, frm, day), queries.travel_rule(atlas, to, day)
    originator = _side(atlas, frm, o_law, decision["originator_required"])
    beneficiary = _side(atlas, to, b_law, decision["beneficiary_required"])
    if decision["action"] == "send_reduced":
        fields = merge_fields(*(t["fields"] for t in o_law.get("tiers", [])))
    else:
        fields = merge_fields(*(s["fields"] for s in (originator, beneficiary) if s["required"]))
    used = [rates.rate(c, day) for c in dict.fromkeys([currency] + [
        (law.get(k) or {}).get("currency") for law in (o_law, b_law) for k in ("threshold",)] )
        if c and (c == currency or rates.has(c, day))]  # a zero threshold needs no rate (BHD: none)
    fx = [{"currency": r.currency, "per_eur": r.per_eur, "published": r.published,
           "source": r.source, "url": r.url} for r in used]
    citations = [c for c in (o_law.get("source"), b_law.get("source")) if c]
    return {
        "rulebook": queries.header(atlas, day),
        "input": {"from": frm, "to": to, "amount": amount, "currency": currency,
                  "date": day, "counterparty": counterparty},
        "required": bool(decision["travel_rule_required"]),
        "sunrise": bool(decision["sunrise"]),
        "originator": originator, "beneficiary": beneficiary,
        "fields": fields, "action": decision["action"],
        "self_hosted_check": decision["self_hosted_check"],
        "amount_eur": decision["amount_eur"], "fx": fx,
        "citations": list({(c.get("instrument_id"), c.get("article")): c for c in citations}.values()),
        "explanation": explain(decision, originator, beneficiary, counterparty),
        **({"counterparty_vasps": _vasps(vasp_leis, frm, to, day)} if vasp_leis and any(vasp_leis.values()) else {}),
    }


def _vasps(leis: dict[str, str | None], frm: str, to: str, day: dt.date) -> dict[str, Any]:
    from regatlas.registers.counterparty import vasps  # the register store only when a VASP is named

    return vasps(leis, {"originator": frm, "beneficiary": to}, day)


def explain(decision: dict[str, Any], o: dict[str, Any], b: dict[str, Any], counterparty: str) -> list[str]:
    """Plain-language reasons for the decision, one per side and one for the action."""
    lines = []
    for role, side in (("originator", o), ("beneficiary", b)):
        thr = side["threshold"]
        thr_text = (f"{thr['amount']:,.2f}".rstrip("0").rstrip(".") + f" {thr['currency']}"
                    if thr else "no threshold recorded")
        if side["status"] is None:
            why = ("it has no rulebook file yet, nothing was looked up" if side.get("coverage") == "none"
                   else "no Travel Rule fact for this date")
            lines.append(f"{role} side ({side['jurisdiction']}): no Travel Rule data in the atlas ({why});"
                         " not the same as no Travel Rule.")
        elif side["status"] != "in_force":
            lines.append(f"{role} side ({side['jurisdiction']}): Travel Rule not in force "
                         f"(status {side['status']}).")
        else:
            lines.append(f"{role} side ({side['jurisdiction']}): in force since {side['in_force_from']},"
                         f" threshold {thr_text}; {'required' if side['required'] else 'not required'}"
                         " for this amount.")
    if counterparty == "self-hosted":
        lines.append(f"counterparty is a self-hosted wallet: check '{decision['self_hosted_check']}'.")
    if decision["sunrise"]:
        lines.append("sunrise: only one side is known to have the Travel Rule in force.")
    unknown = [s["jurisdiction"] for s in (o, b) if s["status"] is None]
    if unknown:
        lines.append(f"required follows only from what the atlas knows: {', '.join(unknown)} without data"
                     " counts as not requiring it, which is not a finding that its law does not.")
    lines.append(f"recommended action: {decision['action']}.")
    return lines
