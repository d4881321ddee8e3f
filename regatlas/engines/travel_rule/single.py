"""One Travel Rule decision in microseconds: the day's resolved law, then arithmetic.

The screening plan (plan.py) decides a file in SQL. A single check needs the same decision for one
row; running the plan costs milliseconds per call (a DuckDB query and its temp tables). Here the
day's lookups are read once per (rulebook version, rates, day) into plain dictionaries, kept in a
bounded cache, and the amount, currency and counterparty are applied in Python with the plan's
comparisons. tests/test_single_check.py decides thousands of varied transfers both ways and
requires equal answers, so the two stay one rule.

>>> import datetime as dt
>>> from regatlas.store.atlas import open_atlas
>>> law = day_law(open_atlas(), dt.date(2025, 3, 3), None)
>>> decide(law, "DE", "SG", 2000.0, "EUR", "vasp")["action"]
'send_full'
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from regatlas.engines.fx import RateTable
from regatlas.engines.travel_rule.lookup import day_lookups, is_shared, shared_key, shared_lookups
from regatlas.engines.travel_rule.plan import DEFAULT_RANGE, day_number_sql, key_sql
from regatlas.lru import Lru
from regatlas.store.atlas import Atlas

LAWS = Lru(64)
"""Days of resolved law kept per process (a day is about 50 KB: every code and currency)."""


@dataclass(frozen=True)
class DayLaw:
    """The lookups of one day: each code's resolved Travel Rule values, each currency's rate."""

    day: dt.date
    laws: dict[str, tuple]
    """code -> (in_force, full_from_eur, tier_from_eur, sh_policy, sh_verify_from_eur)."""
    per_eur: dict[str, float | None]


def _read(con: Any, day: dt.date) -> DayLaw:
    date = f"DATE '{day.isoformat()}'"
    # the day filters let DuckDB skip the other days' row groups (the tables are in key order)
    laws = {r[0]: r[1:] for r in con.execute(
        f"SELECT c.jurisdiction, l.in_force, l.full_from_eur, l.tier_from_eur, l.sh_policy, l.sh_verify_from_eur "
        f"FROM tr_codes c JOIN tr_law_daily l ON l.k = {key_sql('c', day_number_sql(date))} "
        f"WHERE l.day = {date}").fetchall()}
    rates = dict(con.execute(f"SELECT c.currency, f.per_eur FROM fx_codes c JOIN fx_daily f "
                             f"ON f.k = {key_sql('c', day_number_sql(date))} WHERE f.day = {date}").fetchall())
    return DayLaw(day, laws, rates)


def day_law(atlas: Atlas, day: dt.date, rates: RateTable | None) -> DayLaw:
    """The resolved law of `day` (bounded cache): from the process's shared lookups where it holds
    them (a server), else from the day alone in the per-version cache file (one CLI check)."""
    key = (*shared_key(atlas, rates), day)  # rates as the shared lookups key them
    hit = LAWS.get(key)
    if hit is not None:
        return hit
    if not DEFAULT_RANGE[0] <= day <= DEFAULT_RANGE[1]:
        return LAWS.put(key, DayLaw(day, {}, {}))
    if rates is None and not is_shared(atlas):
        con = day_lookups(atlas, day)
        try:
            return LAWS.put(key, _read(con, day))
        finally:
            con.close()
    return LAWS.put(key, _read(shared_lookups(atlas, rates).cursor(), day))


def resolved(atlas: Atlas, day: dt.date) -> bool:
    """Whether the bundled law of `day` is already in memory (a check is then microseconds of work)."""
    return LAWS.get((*shared_key(atlas, None), day)) is not None


def _ge(a: float | None, b: float | None) -> bool:
    """SQL's coalesce(a >= b, false): a comparison with NULL is not true."""
    return a is not None and b is not None and a >= b


def reject_reason(law: DayLaw, frm: str, to: str, amount: float, currency: str) -> str | None:
    """The plan's first failed check (plan.CHECKS order) for a row of already validated inputs."""
    if not DEFAULT_RANGE[0] <= law.day <= DEFAULT_RANGE[1]:
        return "date_out_of_range"
    if math.isnan(amount) or not amount <= 1e18:
        return "bad_amount"
    if amount < 0:
        return "negative_amount"
    if law.per_eur.get(currency) is None:  # the currency is a validated ISO 4217 code
        return "no_reference_rate"
    if frm not in law.laws:
        return "unknown_originator_jurisdiction"
    if to not in law.laws:
        return "unknown_beneficiary_jurisdiction"
    return None


def decide(law: DayLaw, frm: str, to: str, amount: float, currency: str, counterparty: str) -> dict[str, Any]:
    """The plan's decision columns for one transfer (plan._decisions, in Python)."""
    amount_eur = amount / law.per_eur[currency]
    o_in_force, o_full, o_tier, o_sh, o_sh_from = law.laws[frm]
    b_in_force, b_full = law.laws[to][0], law.laws[to][1]
    o_req, b_req_law, o_tier_req = _ge(amount_eur, o_full), _ge(amount_eur, b_full), _ge(amount_eur, o_tier)
    self_hosted = counterparty == "self-hosted"
    if not self_hosted:
        sh_check = None
    elif o_sh == "verify_ownership" and o_sh_from is not None and amount_eur < o_sh_from:
        sh_check = "record"
    else:
        sh_check = o_sh or "none"
    b_req = counterparty == "vasp" and b_req_law
    if self_hosted:
        action = ("block" if sh_check == "prohibited" else "verify_self_hosted_ownership"
                  if sh_check == "verify_ownership" else "collect_and_record"
                  if o_req or sh_check in ("record", "risk_based") else "none")
    elif o_req and not bool(b_in_force):
        action = "send_full_sunrise"
    else:
        action = "send_full" if o_req or b_req else "send_reduced" if o_tier_req else "none"
    return {"transfer_date": law.day, "amount_eur": amount_eur, "originator_required": o_req,
            "beneficiary_required": b_req, "travel_rule_required": o_req or b_req,
            "sunrise": not self_hosted and bool(o_in_force) != bool(b_in_force),
            "self_hosted_check": sh_check, "action": action}
