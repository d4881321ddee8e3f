"""Baseline (b): the decision as a GoRules JDM graph evaluated by zen-engine, row by row.

What a user of a business-rules engine would write: an expression node derives the facts
(is each side required, the self-hosted check) from the amount in euro and each side's law,
then a first-hit decision table picks the action. The per-row lookups are done in Python by
the shared harness (a rules engine cannot join), so this measures the engine per row.

Two ways to call it: `evaluate_batch` (the engine's batch API: rows still decided one by one,
in Rust) and one `ZenDecision.evaluate` call per row (the API its README shows).
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from baselines.common import Job
from baselines.rowwise import Decision, Row, screen_rows
from regatlas.store.atlas import Atlas

LABEL = "(b) zen-engine decision table, evaluate_batch"
LABEL_PER_CALL = "(b) zen-engine decision table, evaluate per row"
KEY = "travel-rule"


def _over(side: str, threshold: str = "threshold_eur", inclusive: str = "threshold_inclusive") -> str:
    t, i = f"{side}.{threshold}", f"{side}.{inclusive}"
    return f"({i} ? amount_eur >= {t} : amount_eur > {t})"


DERIVED = {
    "self_hosted": 'counterparty_type == "self-hosted"',
    "o_in_force": "o.in_force",
    "b_in_force": "b.in_force",
    "o_req": f"o.in_force and {_over('o')}",
    "b_req": f'counterparty_type == "vasp" and b.in_force and {_over("b")}',
    "o_tier": "o.in_force and o.tier_min_eur != null and amount_eur >= o.tier_min_eur",
    "sh_check": (
        'o.sh_policy == "verify_ownership" ? ((o.sh_threshold_eur == null or '
        f'{_over("o", "sh_threshold_eur", "sh_inclusive")}) ? "verify_ownership" : "record") : '
        '(o.sh_policy in ["prohibited", "record", "risk_based"] ? o.sh_policy : "none")'),
}
# First hit wins; "" means any value. Columns: self_hosted, sh_check, o_req, b_in_force, b_req, o_tier.
TABLE_INPUTS = ("self_hosted", "sh_check", "o_req", "b_in_force", "b_req", "o_tier")
RULES = [
    (("true", '"prohibited"', "", "", "", ""), "block"),
    (("true", '"verify_ownership"', "", "", "", ""), "verify_self_hosted_ownership"),
    (("true", "", "true", "", "", ""), "collect_and_record"),
    (("true", '"record", "risk_based"', "", "", "", ""), "collect_and_record"),
    (("true", "", "", "", "", ""), "none"),
    (("", "", "true", "false", "", ""), "send_full_sunrise"),
    (("", "", "true", "", "", ""), "send_full"),
    (("", "", "", "", "true", ""), "send_full"),
    (("", "", "", "", "", "true"), "send_reduced"),
    (("", "", "", "", "", ""), "none"),
]
OUTPUTS = {
    "originator_required": "o_req",
    "beneficiary_required": "b_req",
    "travel_rule_required": "o_req or b_req",
    "sunrise": "not self_hosted and o_in_force != b_in_force",
    "self_hosted_check": "self_hosted ? sh_check : null",
}


def _node(node_id: str, node_type: str, x: int, content: dict | None = None) -> dict[str, Any]:
    node = {"id": node_id, "type": node_type, "name": node_id, "position": {"x": x, "y": 0}}
    if content is not None:
        node["content"] = content
    return node


def jdm() -> dict[str, Any]:
    """The JDM graph: input -> derive (expressions) -> decide (first-hit table) -> output."""
    derive = {"expressions": [{"id": f"e-{k}", "key": k, "value": v} for k, v in DERIVED.items()]}
    outputs = [{"id": "out-action", "name": "action", "field": "action"}] + [
        {"id": f"out-{k}", "name": k, "field": k} for k in OUTPUTS]
    rules = []
    for n, (cells, action) in enumerate(RULES):
        rule = {"_id": f"rule-{n}", "out-action": json.dumps(action)}
        rule.update({f"in-{k}": cell for k, cell in zip(TABLE_INPUTS, cells)})
        rule.update({f"out-{k}": v for k, v in OUTPUTS.items()})
        rules.append(rule)
    table = {"hitPolicy": "first", "rules": rules, "outputs": outputs,
             "inputs": [{"id": f"in-{k}", "name": k, "field": k} for k in TABLE_INPUTS]}
    nodes = [_node("request", "inputNode", 0), _node("derive", "expressionNode", 200, derive),
             _node("decide", "decisionTableNode", 400, table), _node("response", "outputNode", 600)]
    chain = ["request", "derive", "decide", "response"]
    edges = [{"id": f"edge-{a}-{b}", "type": "edge", "sourceId": a, "targetId": b}
             for a, b in itertools.pairwise(chain)]
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


def context(row: Row) -> dict[str, Any]:
    """The engine's input for one row (missing inclusive flags read as strict, like the plan)."""
    o, b = row.o, row.b
    return {
        "amount_eur": row.amount_eur, "counterparty_type": row.counterparty_type,
        "o": {"in_force": bool(o.in_force), "threshold_eur": o.threshold_eur,
              "threshold_inclusive": bool(o.threshold_inclusive), "tier_min_eur": o.tier_min_eur,
              "sh_policy": o.sh_policy, "sh_threshold_eur": o.sh_threshold_eur,
              "sh_inclusive": bool(o.sh_inclusive)},
        "b": {"in_force": bool(b.in_force), "threshold_eur": b.threshold_eur,
              "threshold_inclusive": bool(b.threshold_inclusive)},
    }


def _decision(result: dict[str, Any]) -> Decision:
    return Decision(result["originator_required"], result["beneficiary_required"],
                    result["travel_rule_required"], result["sunrise"], result.get("self_hosted_check"),
                    result["action"])


def batch_decider() -> Any:
    """A Decider calling the engine's `evaluate_batch` once per Arrow batch."""
    import zen

    engine = zen.ZenEngine({"loader": {"type": "static", "content": {KEY: jdm()}}})

    def decide(rows: list[Row]) -> list[Decision]:
        answers = engine.evaluate_batch([{"key": KEY, "context": context(r)} for r in rows])
        bad = next((a for a in answers if not a.get("success")), None)
        if bad is not None:
            raise RuntimeError(f"zen-engine failed: {bad.get('error')}")
        return [_decision(a["data"]["result"]) for a in answers]

    return decide


def per_call_decider() -> Any:
    """A Decider calling `ZenDecision.evaluate` once per row."""
    import zen

    decision = zen.ZenEngine().create_decision(json.dumps(jdm()))

    def decide(rows: list[Row]) -> list[Decision]:
        return [_decision(decision.evaluate(context(r))["result"]) for r in rows]

    return decide


def run(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Decide job.input with zen-engine's batch API; returns rows decided."""
    return screen_rows(job, atlas, batch_decider(), stats)


def run_per_call(job: Job, atlas: Atlas, stats: dict[str, Any]) -> int:
    """Decide job.input with one zen-engine call per row; returns rows decided."""
    return screen_rows(job, atlas, per_call_decider(), stats)
