"""Token classification per jurisdiction, explained factor by factor, from the rulebook's rules.

The nearest classification file in the jurisdiction's chain applies (member states use the EU's,
US-NY the US's); where none exists the `generic` file gives an indicative type. Rules are tried
in file order and the first rule in force on the day whose condition holds decides. The answer is
an indication, not legal advice.

>>> import datetime as d
>>> from regatlas.store.atlas import open_atlas
>>> eur = {"symbol": "EURX", "peg": "single_fiat", "peg_currencies": ["EUR"], "redeemable_at_par": True}
>>> classify(open_atlas(), eur, "DE", d.date(2025, 1, 1))["category"]
'e_money_token'
>>> classify(open_atlas(), eur, "DE", d.date(2024, 1, 1))["category"] is None
True
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regatlas.engines.assess.data import AssessData, assess_data
from regatlas.engines.assess.expr import EvalError, evaluate
from regatlas.errors import NotFound
from regatlas.model.profile import FirmProfile, Token
from regatlas.store import queries
from regatlas.store.atlas import Atlas

DISCLAIMER = ("Indication from the token characteristics given, not legal advice; the legal "
              "classification depends on all facts and on the authorities' and courts' views.")


def token_env(token: Token | dict[str, Any], data: AssessData, code: str) -> dict[str, Any]:
    """The CEL variables of a classification: `token` (all characteristics) and `jurisdiction`."""
    model = token if isinstance(token, Token) else Token.model_validate(token)
    return {"token": model.model_dump(), "jurisdiction": {
        "code": code, "currency": data.jurisdictions[code]["currency"]}}


def _active(rule: dict[str, Any], day: dt.date) -> bool:
    return (rule["valid_from"] is None or rule["valid_from"] <= day) and (
        rule["valid_to"] is None or day < rule["valid_to"])


def _test(tree: list, env: dict[str, Any]) -> bool | None:
    try:
        return bool(evaluate(tree, env))
    except EvalError:
        return None


def classify_with(data: AssessData, token: Token | dict[str, Any], code: str, day: dt.date) -> dict[str, Any]:
    """Classify one token in `code` on `day` using preloaded data (see `classify`)."""
    if code not in data.jurisdictions:
        raise NotFound(f"unknown jurisdiction '{code}'", field="jurisdiction")
    rules_from, rules = data.rules_for(code)
    env = token_env(token, data, code)
    considered, chosen = [], None
    for rule in rules:
        if not _active(rule, day):
            continue
        matched = _test(rule["condition_tree"], env)
        considered.append({"rule": rule["id"], "category": rule["category"], "matched": bool(matched)})
        if matched:
            chosen = rule
            break
    out: dict[str, Any] = {
        "token": env["token"]["symbol"], "jurisdiction": code, "rules_from": rules_from,
        "indicative_only": rules_from == "generic", "category": None, "label": None,
        "token_types": [], "in_scope": None, "rule": None, "factors": [], "considered": considered,
        "source": None, "verification": "unverified", "note": None, "disclaimer": DISCLAIMER,
    }
    if chosen is None:
        out["note"] = ("no classification rule of the rulebook is in force on this date"
                       if rules else "no classification rules in the rulebook")
        return out
    out.update(category=chosen["category"], label=chosen["label"], token_types=list(chosen["token_types"]),
               in_scope=chosen["in_scope"], rule=chosen["id"], source=chosen["source"],
               verification=chosen["verification"], note=chosen["note"], text=chosen["text"],
               condition=chosen["condition"])
    out["factors"] = [{
        "factor": f["id"], "question": f["question"], "expected": f["expect"],
        "result": (value := _test(f["tree"], env)), "holds": value == f["expect"],
        "text": f["text"], "article": f["article"], "test": f["test"]} for f in chosen["factors"]]
    return out


def classify(atlas: Atlas, token: Token | dict[str, Any], code: str, day: dt.date) -> dict[str, Any]:
    """Classify `token` (characteristics as in the firm profile) in `code` on `day`, with the
    factors tested, the rules considered, the source and the `rulebook` header."""
    out = classify_with(assess_data(atlas), token, code, day)
    out["rulebook"] = queries.header(atlas, day)
    return out


def classify_profile(atlas: Atlas, firm: FirmProfile, day: dt.date, codes: list[str] | None = None) -> dict[str, Any]:
    """The `classify` answer: every token of `firm` classified in each of `codes` (default: the
    jurisdictions the profile is assessed in), with the disclaimer and one `rulebook` header."""
    from regatlas.engines.assess.context import assessed_codes

    wanted = [c.strip().upper() for c in codes or []] or assessed_codes(firm)
    return {"rulebook": queries.header(atlas, day), "disclaimer": DISCLAIMER,
            "classifications": [{k: v for k, v in classify(atlas, t, c, day).items() if k != "rulebook"}
                                for c in wanted for t in firm.tokens]}
