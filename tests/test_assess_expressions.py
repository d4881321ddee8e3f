"""`regatlas validate` checks every CEL expression (provision `applies_if`, classification
conditions and factor tests) and names file:line:column for syntax errors and unknown variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from regatlas.rulebook import validate

GOOD = """code: {code}
factors:
  - id: pegged
    question: Pegged?
    test: token.peg == "single_fiat"
rules:
  - id: {code_lower}-cls-test
    category: stablecoin
    label: Stablecoin
    condition: token.peg == "single_fiat" && token.redeemable_at_par
    factors: [{{factor: pegged}}]
    token_types: [stablecoin]
    source: {{instrument: {instrument}, article: "s. 1"}}
    verification: unverified
"""

CASES = [
    ("a syntax error in a condition points at the end of the expression",
     ('token.peg == "single_fiat" && token.redeemable_at_par', 'token.peg == "single_fiat" &&'),
     10, 45, "syntax error: unexpected end of expression"),
    ("an unknown token field points at the field",
     ("token.redeemable_at_par", "token.redeemable"), 10, 52, "unknown profile variable 'token.redeemable'"),
    ("an unknown root variable is named",
     ('test: token.peg == "single_fiat"', 'test: coin.peg == "single_fiat"'), 5, 11,
     "unknown profile variable 'coin'"),
    ("a profile variable of another context is rejected in a classification",
     ('test: token.peg == "single_fiat"', 'test: market.home'), 5, 11, "unknown profile variable 'market'"),
    ("an unsupported function is rejected",
     ('test: token.peg == "single_fiat"', 'test: matches(token.peg, "x")'), 5, 11, "unsupported function 'matches'"),
    ("an unknown factor is rejected", ("factor: pegged}}", "factor: pinned}}"), 11, 24, "unknown factor 'pinned'"),
    ("an undeclared instrument is rejected", ("instrument: {instrument}", "instrument: nowhere"), 13, 26,
     "unknown instrument 'nowhere'"),
]



def _write(root: Path, text: str, code: str = "KR") -> Path:
    target = root / "classification" / f"{code}.yaml"
    target.write_text(text.format(code=code, code_lower=code.lower(), instrument="kr-sfti-act"))
    return target


def test_valid_classification_file_passes(rulebook_copy):
    target = _write(rulebook_copy, GOOD)
    try:
        assert validate(rulebook_copy).errors == []
    finally:
        target.unlink()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_expression_is_located(rulebook_copy, case):
    _, (old, new), line, column, message = case
    assert old in GOOD
    target = _write(rulebook_copy, GOOD.replace(old, new, 1))
    try:
        errors = [e for e in validate(rulebook_copy).errors if e.location.file.endswith("classification/KR.yaml")]
    finally:
        target.unlink()
    match = [e for e in errors if message in e.message]
    assert match, [str(e) for e in errors]
    assert (match[0].location.line, match[0].location.column) == (line, column), str(match[0])


def test_applies_if_in_a_jurisdiction_file_is_checked(rulebook_copy):
    target = rulebook_copy / "jurisdictions" / "AE-DU.yaml"
    original = target.read_text()
    assert "applies_if: 'market.home || market.reach == \"solicitation\"'" in original
    target.write_text(original.replace("market.reach ==", "market.channel =="))
    try:
        errors = [e for e in validate(rulebook_copy).errors if e.location.file.endswith("AE-DU.yaml")]
    finally:
        target.write_text(original)
    assert errors and "unknown profile variable 'market.channel'" in errors[0].message
    line = original.splitlines().index("    applies_if: 'market.home || market.reach == \"solicitation\"'") + 1
    assert (errors[0].location.line, errors[0].location.column) == (line, 40), str(errors[0])
    assert errors[0].location.field.endswith("applies_if")


def test_classification_file_must_match_a_jurisdiction(rulebook_copy):
    target = rulebook_copy / "classification" / "XX.yaml"
    target.write_text(GOOD.format(code="XX", code_lower="xx", instrument="kr-sfti-act"))
    try:
        errors = [e for e in validate(rulebook_copy).errors if e.location.file.endswith("XX.yaml")]
    finally:
        target.unlink()
    assert any("unknown jurisdiction 'XX'" in e.message for e in errors)


@pytest.mark.parametrize("style", [">-", "|-"])
def test_error_in_a_block_scalar_points_into_the_block(rulebook_copy, style):
    old = '    condition: token.peg == "single_fiat" && token.redeemable_at_par\n'
    new = f'    condition: {style}\n      token.peg == "single_fiat" &&\n      token.redeemable\n'
    target = _write(rulebook_copy, GOOD.replace(old, new, 1))
    try:
        errors = [e for e in validate(rulebook_copy).errors if e.location.file.endswith("classification/KR.yaml")]
    finally:
        target.unlink()
    assert errors and "token.redeemable" in errors[0].message
    assert (errors[0].location.line, errors[0].location.column) == (12, 13), str(errors[0])
