"""Baseline (a): the Travel Rule decision as plain Python, one row at a time.

The same rules as regatlas's plan, written the way one would in application code: compare the
euro amount with each side's threshold, pick the self-hosted check, then the action.
"""

from __future__ import annotations

from typing import Any

from baselines.common import Job
from baselines.rowwise import Decision, LawDay, Row, screen_rows
from regatlas.store.atlas import Atlas

LABEL = "(a) plain Python, per row"


def over(amount: float, threshold: float, inclusive: bool | None) -> bool:
    """True when `amount` reaches the threshold (>= when inclusive, > otherwise)."""
    return amount >= threshold if inclusive else amount > threshold


def self_hosted_check(amount_eur: float, o: LawDay) -> str:
    """What the originator's law asks for a transfer to a self-hosted wallet."""
    policy = o.sh_policy
    if policy == "verify_ownership":
        if o.sh_threshold_eur is None or over(amount_eur, o.sh_threshold_eur, o.sh_inclusive):
            return "verify_ownership"
        return "record"
    return policy if policy in ("prohibited", "record", "risk_based") else "none"


def decide_one(row: Row) -> Decision:
    """The decision for one accepted transfer."""
    amt, o, b = row.amount_eur, row.o, row.b
    self_hosted = row.counterparty_type == "self-hosted"
    o_req = bool(o.in_force) and over(amt, o.threshold_eur, o.threshold_inclusive)
    b_req = row.counterparty_type == "vasp" and bool(b.in_force) and \
        over(amt, b.threshold_eur, b.threshold_inclusive)
    o_tier = bool(o.in_force) and o.tier_min_eur is not None and amt >= o.tier_min_eur
    check = self_hosted_check(amt, o)
    if self_hosted:
        if check == "prohibited":
            action = "block"
        elif check == "verify_ownership":
            action = "verify_self_hosted_ownership"
        elif o_req or check in ("record", "risk_based"):
            action = "collect_and_record"
        else:
            action = "none"
    elif o_req and not b.in_force:
        action = "send_full_sunrise"
    elif o_req or b_req:
        action = "send_full"
    elif o_tier:
        action = "send_reduced"
    else:
        action = "none"
    sunrise = not self_hosted and bool(o.in_force) != bool(b.in_force)
    return Decision(o_req, b_req, o_req or b_req, sunrise, check if self_hosted else None, action)


def decide(rows: list[Row]) -> list[Decision]:
    """Decisions for a batch of rows, one call per row."""
    return [decide_one(r) for r in rows]


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Decide job.input row by row in Python; returns rows decided."""
    return screen_rows(job, atlas, decide, stats)
