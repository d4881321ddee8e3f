"""One Travel Rule decision for a corridor, decided by the same plan as bulk screening.

The transfer becomes a one-row `transfers` table; the lookup tables are built for the two
jurisdictions and the day; the plan decides. Fields, thresholds and citations are then read
from the resolved law of each side, so the answer explains itself.

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

import duckdb

from regatlas.engines.fx import RateTable, rates_on
from regatlas.engines.travel_rule.lookup import DEFAULT_RANGE, day_lookups, is_shared, shared_lookups
from regatlas.engines.travel_rule.plan import PlanOptions, decided_sql, rejected_sql
from regatlas.errors import InputError, NotFound
from regatlas.model.facts import field_key
from regatlas.rulebook.checks.codes import currency_known
from regatlas.store import queries
from regatlas.store.atlas import Atlas

COUNTERPARTIES = ("vasp", "self-hosted")
_COLUMNS = ("id", "timestamp", "originator_jurisdiction", "beneficiary_jurisdiction", "amount",
            "currency", "counterparty_type")


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


def _day_connection(atlas: Atlas, day: dt.date, rates: RateTable | None) -> duckdb.DuckDBPyConnection:
    """A connection holding the lookups of `day` only.

    Where the process already holds the whole range (a server loads it at start-up, or custom
    rates were compiled), the day is copied from that; a single check (one CLI process, a library
    call) reads only the day from the per-version cache file instead of loading 16 years.
    """
    if rates is None and not is_shared(atlas):
        return day_lookups(atlas, day)
    con = shared_lookups(atlas, rates).cursor()
    # Connection-local temp tables shadow the shared ones: the plan joins one day, not 16 years.
    for table in ("fx_daily", "tr_law_daily"):
        con.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM main.{table} WHERE day = ?", [day])
    return con


def check(atlas: Atlas, frm: str, to: str, amount: float, currency: str, day: dt.date,
          counterparty: str = "vasp", rates: RateTable | None = None,
          vasp_leis: dict[str, str | None] | None = None) -> dict[str, Any]:
    """What the Travel Rule requires for a transfer from `frm` to `to` on `day` (contract shape);
    with `vasp_leis` ({"originator": LEI, "beneficiary": LEI}) also each VASP's register status."""
    _validate(atlas, frm, to, amount, currency, counterparty)
    con = _day_connection(atlas, day, rates)
    # One row as SQL values: registering a Python object would make DuckDB import pandas (~0.3 s).
    con.execute("CREATE TEMP TABLE transfers AS SELECT '1' AS id, CAST(? AS VARCHAR) AS timestamp, "
                "CAST(? AS VARCHAR) AS originator_jurisdiction, CAST(? AS VARCHAR) AS beneficiary_jurisdiction, "
                "CAST(? AS DOUBLE) AS amount, CAST(? AS VARCHAR) AS currency, "
                "CAST(? AS VARCHAR) AS counterparty_type",
                [day.isoformat(), frm, to, float(amount), currency, counterparty])
    rates = rates or rates_on(day)  # the rates published up to the day, not the whole history
    opts = PlanOptions(columns=_COLUMNS, version=atlas.version, currencies=(currency,))
    cur = con.execute(decided_sql(opts))
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    if not rows:
        reason = con.execute(rejected_sql(opts)).fetchone()[-2]
        con.close()
        window = f"{DEFAULT_RANGE[0]}..{DEFAULT_RANGE[1]}"
        detail = {"date_out_of_range": f"date {day} is outside the decision window {window}",
                  "no_reference_rate": f"no reference rate for {currency} on {day}"}
        raise InputError(detail.get(reason, reason.replace("_", " ")),
                         field={"date_out_of_range": "date", "no_reference_rate": "currency"}.get(reason, reason))
    decision = dict(zip(names, rows[0]))
    con.close()  # drops the temp tables with the cursor
    o_law = queries.travel_rule(atlas, frm, day)
    b_law = queries.travel_rule(atlas, to, day)
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
