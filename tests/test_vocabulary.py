"""The vocabulary of parameter names: the validator cases of tests/cases/vocabulary.yaml, and the
census the docs state (how many names, how many shared by two or more jurisdictions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from regatlas.rulebook import default_rulebook_dir, load_rulebook, validate

CASES_DIR = Path(__file__).parent / "cases"
TEMPLATE = (CASES_DIR / "validator_template.yaml").read_text()
CASES = yaml.safe_load((CASES_DIR / "vocabulary.yaml").read_text())



def _write(root: Path, case: dict) -> tuple[list[Path], Path]:
    """Write the case's files into the copy: (files to remove afterwards, file the error is in)."""
    text = TEMPLATE
    for old, new in case.get("edits", []):
        assert old in text, "the case must change the template"
        text = text.replace(old, new, 1)
    text += "".join("  " + line if line else line for line in case.get("append", "").splitlines(True))
    jurisdiction = root / "jurisdictions" / "MC.yaml"
    jurisdiction.write_text(text)
    written = [jurisdiction]
    if "content" in case:
        extra = root / case["file"]
        extra.write_text(case["content"])
        written.append(extra)
    return written, root / case.get("file", "jurisdictions/MC.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_vocabulary_case(case: dict, rulebook_copy: Path) -> None:
    written, target = _write(rulebook_copy, case)
    try:
        errors = validate(rulebook_copy).errors
    finally:
        for path in written:
            path.unlink()
    name = target.relative_to(rulebook_copy.parent).as_posix()
    mine = [e for e in errors if e.location.file == name]
    assert [e.message for e in mine] == [case["message"]], [str(e) for e in errors]
    err = mine[0]
    assert (err.location.line, err.location.column, err.location.field) == (
        case["line"], case["column"], case["field"]), str(err)
    assert str(err).startswith(f"{name}:{case['line']}:{case['column']}: {case['field']}: ")


def test_template_with_declared_parameters_is_valid(rulebook_copy: Path) -> None:
    """The same shapes, written as declared, pass: the cases fail for the reason they name."""
    case = {"edits": [["    threshold: {amount: 1000, currency: EUR}\n",
                       "    threshold: {amount: 1000, currency: EUR}\n    provision: mc-test-licensing\n"],
                      ["    implements: [fatf-r15]\n",
                       ("    implements: [fatf-r15]\n    parameters:\n      threshold: {amount: 1000, currency: EUR}\n"
                        "      record_retention_years: 5\n      application_deadline: \"2025-06-30\"\n"
                        "      attestation_interval: P1M\n      interest_allowed: false\n")]]}
    written, _ = _write(rulebook_copy, case)
    try:
        assert validate(rulebook_copy).errors == []
    finally:
        for path in written:
            path.unlink()


def test_census_of_bundled_parameter_names() -> None:
    """docs/vocabulary.md states these numbers (before the vocabulary: 277 names, 23 shared)."""
    rulebook = load_rulebook(default_rulebook_dir()).rulebook
    users: dict[str, set[str]] = {}
    for code, j in rulebook.jurisdictions.items():
        for p in j.provisions:
            for name in p.parameters:
                users.setdefault(name, set()).add(code)
    assert set(users) == set(rulebook.vocabulary)
    assert len(users) == 221
    assert sum(len(codes) >= 2 for codes in users.values()) == 41


# --- Engines read the declared direction and effect, never the name. The names below are chosen
# so that the old name heuristics would have answered the other way ('window' read as lower,
# 'min' as higher, a prohibition only from '*_allowed').

def _obligation(code: str, name: str, value, topic: str = "custody") -> dict:
    return {"id": f"{code.lower()}-{name}", "jurisdiction": code, "title": f"{code} rule", "topic": topic,
            "status": "in_force", "parameters": {name: value},
            "source": {"instrument": f"{code.lower()}-law"}, "verification": "unverified"}


def test_a_parameter_declared_stricter_higher_wins_the_common_plan() -> None:
    from regatlas.engines.assess.plan import common_plan

    vocabulary = {"review_window": {"stricter": "higher", "effect": "requirement"}}
    per_code = {"AA": [_obligation("AA", "review_window", {"days": 30})],
                "BB": [_obligation("BB", "review_window", {"days": 90})]}
    plan = common_plan(per_code, [], dt.date(2025, 1, 1), vocabulary)
    [control] = [c for c in plan["common_controls"] if c["topic"] == "custody"]
    [param] = control["parameters"]
    assert (param["parameter"], param["value"], param["law_of"], param["satisfies"]) == (
        "review_window", {"days": 90}, "BB", ["AA", "BB"])
    assert plan["jurisdiction_specific"] == []


def test_a_parameter_declared_not_comparable_is_shown_side_by_side_but_not_ranked() -> None:
    from regatlas.engines.assess.conflicts import parameter_conflicts
    from regatlas.engines.assess.plan import common_plan

    vocabulary = {"fee_rate_min": {"stricter": "none", "effect": "charge"}}
    per_code = {"AA": [_obligation("AA", "fee_rate_min", {"ratio": 0.01})],
                "BB": [_obligation("BB", "fee_rate_min", {"ratio": 0.03})]}
    day = dt.date(2025, 1, 1)
    [conflict] = parameter_conflicts(per_code, day, vocabulary)
    assert (conflict["direction"], conflict["strictest"]) == (None, None)
    assert [s["value"] for s in conflict["sides"]] == [{"ratio": 0.01}, {"ratio": 0.03}]
    plan = common_plan(per_code, [], day, vocabulary)
    assert [c["parameters"] for c in plan["common_controls"]] == [[]]
    assert [(s["jurisdiction"], s["parameters"]) for s in plan["jurisdiction_specific"]] == [
        ("AA", {"fee_rate_min": {"ratio": 0.01}}), ("BB", {"fee_rate_min": {"ratio": 0.03}})]


def test_conflicts_rank_a_declared_comparable_parameter_the_name_says_nothing_about() -> None:
    from regatlas.engines.assess.conflicts import parameter_conflicts

    vocabulary = {"attestation_interval": {"stricter": "lower", "effect": "requirement"}}
    per_code = {"AA": [_obligation("AA", "attestation_interval", "P1M", "stablecoin_reserves")],
                "BB": [_obligation("BB", "attestation_interval", "P6M", "stablecoin_reserves")]}
    [conflict] = parameter_conflicts(per_code, dt.date(2025, 1, 1), vocabulary)
    assert (conflict["direction"], conflict["strictest"]) == ("lower", "aa-attestation_interval")


def test_a_prohibition_is_read_from_the_declared_effect_not_from_the_name() -> None:
    from regatlas.engines.assess.obligations import restriction

    bonus = _obligation("AA", "bonus_payments", False, "consumer_protection")
    assert restriction(bonus, {"bonus_payments": {"effect": "prohibition", "stricter": "false"}}) == "prohibition"
    # a name that reads like a prohibition is an obligation when the vocabulary says requirement
    allowed = _obligation("AA", "interest_allowed", False, "consumer_protection")
    assert restriction(allowed, {"interest_allowed": {"effect": "requirement", "stricter": "false"}}) is None


def test_a_limit_is_read_from_the_declared_effect() -> None:
    from regatlas.engines.assess.obligations import restriction

    leverage = _obligation("JP", "max_leverage_retail", 2, "derivatives")
    assert restriction(leverage, {"max_leverage_retail": {"effect": "limit", "stricter": "lower"}}) == "limit"


def test_the_compiled_vocabulary_is_what_engines_read() -> None:
    from regatlas.engines.assess.data import assess_data
    from regatlas.store import queries
    from regatlas.store.atlas import open_atlas

    atlas = open_atlas()
    vocabulary = queries.parameter_vocabulary(atlas)
    assert assess_data(atlas).vocabulary == vocabulary
    assert vocabulary["reserve_coverage_min"]["replaces"] == ["reserve_ratio", "cash_reserve_ratio",
                                                              "backing_ratio_min"]
    assert (vocabulary["interest_allowed"]["stricter"], vocabulary["interest_allowed"]["effect"]) == (
        "false", "prohibition")
