"""Typed answers: every engine answer fits its model exactly (no key dropped, invented, changed or
undeclared at the top), every field is described, and the models' JSON Schema accepts what the CLI
prints (checked by an independent validator, jsonschema_rs)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from regatlas.interfaces.cli.app import app
from regatlas.interfaces.cli.output import _default
from regatlas.model import answers as A
from regatlas.model.answers import ANSWERS, dump

DAYS = (dt.date(2015, 1, 1), dt.date(2025, 6, 1), dt.date(2030, 1, 1))
EXAMPLES = Path("examples")


def plain(doc: dict[str, Any]) -> Any:
    """The engine's answer as JSON without any model (how it was printed before typed answers)."""
    return json.loads(json.dumps(doc, default=_default))


def same_numbers(a: Any, b: Any) -> bool:
    """Equal JSON, where 2000 and 2000.0 are the same number."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True) or a == b


def assert_exact(model: type[BaseModel], doc: dict[str, Any]) -> None:
    """`doc` validates, declares every top-level key, and dumps back to itself."""
    parsed = model.model_validate(doc)
    assert not parsed.model_extra, f"{model.__name__}: undeclared top-level keys {sorted(parsed.model_extra)}"
    assert same_numbers(dump(model, parsed), plain(doc))


def _engine_answers() -> list[tuple[str, type[BaseModel], Callable[[Any], dict[str, Any]]]]:
    from regatlas.engines.analytics.aggregates import aggregates
    from regatlas.engines.analytics.align import align
    from regatlas.engines.analytics.arbitrage import arbitrage
    from regatlas.engines.analytics.diff import diff
    from regatlas.engines.analytics.enforce import enforce, load_case
    from regatlas.engines.analytics.similarity import similarity
    from regatlas.engines.assess.engine import assess
    from regatlas.engines.assess.profile_io import load_profile
    from regatlas.engines.ivms101 import load_payload
    from regatlas.engines.stablecoin.check import check_report
    from regatlas.engines.stablecoin.report import load_report, load_snapshots
    from regatlas.engines.stablecoin.stress import simulate
    from regatlas.engines.stablecoin.watch import watch
    from regatlas.engines.travel_rule.matrix import matrix
    from regatlas.engines.travel_rule.payload import check_payload
    from regatlas.errors import RulebookError
    from regatlas.rulebook import Report
    from regatlas.store import queries

    day = DAYS[1]
    bad_code = RulebookError("bad code", file="x.yaml", line=3, column=5, field="code")
    out: list[tuple[str, type[BaseModel], Callable[[Any], dict[str, Any]]]] = [
        ("info", A.Info, lambda a: queries.info(a, day)),
        ("standards", A.Standards, lambda a: queries.standards(a, day)),
        ("search", A.Search, lambda a: queries.search(a, "stablecoin reserve", day, 20)),
        ("matrix", A.Matrix, lambda a: matrix(a, day)),
        ("align", A.Align, lambda a: align(a, day)),
        ("aggregates", A.Aggregates, lambda a: aggregates(a, DAYS[0])),
        ("arbitrage", A.Arbitrage, lambda a: arbitrage(a, day, None, None, 200)),
        ("diff", A.Diff, lambda a: diff(a, DAYS[0], DAYS[2])),
        ("similarity", A.Similarity, lambda a: similarity(a, day)),
        ("validate", A.Validation, lambda a: Report(None, [bad_code]).as_dict()),
        ("watch", A.Watch, lambda a: watch(a, load_snapshots(EXAMPLES / "reserves/series"), "all", day)),
        ("stress", A.Stress, lambda a: {"rulebook": queries.header(a, day),
                                        **simulate(load_report(EXAMPLES / "reserves/compliant.yaml"), 200, 20, 1)}),
    ]
    out += [(f"enforce {p.name}", A.Enforce, lambda a, p=p: enforce(a, load_case(p), day))
            for p in sorted((EXAMPLES / "cases").iterdir())]
    out += [(f"assess {p.name}", A.Assessment, lambda a, p=p: assess(a, load_profile(p, a), day))
            for p in sorted((EXAMPLES / "profiles").iterdir())]
    out += [(f"stablecoin check {p.name}", A.StablecoinCheck,
             lambda a, p=p: check_report(a, load_report(p), "all", day, p.name))
            for p in sorted((EXAMPLES / "reserves").glob("*.*"))]
    out += [(f"ivms {p.name}", A.IvmsValidation,
             lambda a, p=p: check_payload(a, load_payload(p), ("DE", "SG"), day))
            for p in sorted((EXAMPLES / "ivms").iterdir())]
    return out


ENGINE_ANSWERS = _engine_answers()


@pytest.mark.parametrize("name,model,compute", ENGINE_ANSWERS, ids=[n for n, _, _ in ENGINE_ANSWERS])
def test_every_answer_fits_its_model_exactly(atlas, name, model, compute):
    assert_exact(model, compute(atlas))


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_every_jurisdiction_fits_show_jurisdictions_and_timeline(atlas, codes, day):
    from regatlas.engines.analytics.diff import timeline
    from regatlas.store import queries

    assert_exact(A.JurisdictionList, queries.jurisdictions(atlas, day))
    for code in codes:
        assert_exact(A.Show, queries.show(atlas, code, day))
        assert_exact(A.Timeline, timeline(atlas, code, day))


def test_every_corridor_to_singapore_and_to_a_wallet_from_everywhere_fits_check(atlas, codes):
    from regatlas.engines.travel_rule.corridor import check

    for code in codes:
        assert_exact(A.Check, check(atlas, code, "SG", 1500.0, "EUR", DAYS[1], "vasp"))
        assert_exact(A.Check, check(atlas, code, "DE", 1500.0, "EUR", DAYS[1], "self-hosted"))


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for info in model.model_fields.values():
        for inner in _inner_types(info.annotation):
            _models(inner, seen)


def _inner_types(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [t for arg in getattr(annotation, "__args__", ()) for t in _inner_types(arg)]


def test_every_field_of_every_answer_is_described():
    seen: set[type[BaseModel]] = set()
    for model in (*ANSWERS.values(), A.Problem):
        _models(model, seen)
    assert len(seen) > 40
    bare = [f"{m.__name__}.{n}" for m in seen for n, f in m.model_fields.items() if not f.description]
    assert bare == []


def cli_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("model,args", [
    (A.Show, ("show", "SG", "--as-of", "2024-06-01")),
    (A.Check, ("travel-rule", "check", "--from", "DE", "--to", "SG", "--amount", "1500", "--currency", "SGD",
               "--date", "2025-03-03")),
    (A.IvmsValidation, ("ivms", "validate", "examples/ivms/incomplete_transfer_2020.json", "--corridor", "DE:SG")),
])
def test_cli_json_is_valid_under_the_published_json_schema(model, args):
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    validator = jsonschema_rs.validator_for(schema)
    doc = cli_json(*args)
    validator.validate(doc)
    # The schema is not vacuous: it refuses a document that breaks the contract.
    broken = {k: v for k, v in doc.items() if k != "rulebook"}
    assert not validator.is_valid(broken)


def test_law_of_has_one_meaning_in_the_schema():
    """F9: `law_of` is the owning law wherever it appears; the market is `market`."""
    described = {m.__name__: m.model_fields["law_of"].description
                 for m in (A.assess.PlanParameter, A.assess.TimelineEvent)}
    assert len(set(described.values())) == 1 and "owning law" in described["PlanParameter"]
    assert "market" in A.assess.PlanParameter.model_fields


def test_the_check_answer_names_every_action_the_screening_plan_can_take():
    from typing import get_args

    from regatlas.engines.travel_rule.plan import ACTIONS

    assert get_args(A.travel_rule.Action) == ACTIONS
