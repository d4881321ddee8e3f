"""Token classification outside the cited cases (tests/cases/classify/classify.yaml runs in
test_cases.py), and the expression evaluator agreeing with cel-python on every rulebook expression."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest

from regatlas.engines.assess.expr import evaluate
from regatlas.engines.classify import classify
from regatlas.errors import NotFound


def test_unknown_jurisdiction_is_not_found(atlas):
    with pytest.raises(NotFound):
        classify(atlas, {"symbol": "X"}, "XX", dt.date(2025, 1, 1))


def _tokens():
    bools = ["profit_rights", "debt_claim", "nft", "transferable", "means_of_payment", "access_to_service",
             "redeemable_at_par", "sold_to_raise_funds", "yield_bearing", "issuer_identifiable"]
    pegs = [("none", []), ("single_fiat", ["USD"]), ("single_fiat", ["AED"]), ("fiat_basket", ["EUR", "USD"]),
            ("other_assets", []), ("algorithmic", [])]
    for i, (peg, cur) in enumerate(pegs):
        for flags in itertools.islice(itertools.product([False, True], repeat=len(bools)), i * 37, None, 97):
            yield {"symbol": "T", "name": None, "issued_by_firm": False, "governance_rights": False,
                   "privacy": False, "peg": peg, "peg_currencies": cur, **dict(zip(bools, flags))}


def test_evaluator_agrees_with_cel_python(atlas):
    celpy = pytest.importorskip("celpy")
    env = celpy.Environment()
    rules = atlas.rows("SELECT condition, condition_tree, factors FROM classification_rules")
    exprs = [(r["condition"], json.loads(r["condition_tree"])) for r in rules]
    exprs += [(f["test"], f["tree"]) for r in rules for f in json.loads(r["factors"])]
    exprs += [(r["expression"], json.loads(r["tree"])) for r in atlas.rows("SELECT * FROM provision_conditions")]
    programs = {text: env.program(env.compile(text)) for text, _ in exprs}
    market = {"home": False, "reach": "solicitation", "served": True, "retail": True, "professional": False,
              "jurisdiction": "AE-DU"}
    checked = 0
    for token in _tokens():
        tokens = {"types": [], "categories": [], "symbols": [],
                  "peg_currencies": list(token.get("peg_currencies") or [])}
        variables = {"token": token, "jurisdiction": {"code": "EU", "currency": "EUR"}, "market": market,
                     "tokens": tokens}
        activation = {k: celpy.json_to_cel(v) for k, v in variables.items()}
        for text, tree in exprs:
            assert bool(evaluate(tree, variables)) == bool(programs[text].evaluate(activation)), text
            checked += 1
    assert checked > 1000
