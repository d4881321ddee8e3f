"""Stablecoin regimes in the atlas (the cited cases of tests/cases/stablecoin/ run in test_cases.py)."""

from __future__ import annotations

import pytest


def test_all_regimes_cover_the_ten_jurisdictions(atlas):
    from regatlas.engines.stablecoin.law import regime_ids

    codes = {atlas.rows("SELECT jurisdiction FROM stablecoin_regimes WHERE id = ?", [r])[0]["jurisdiction"]
             for r in regime_ids(atlas)}
    assert {"EU", "US", "US-NY", "GB", "SG", "HK", "JP", "AE", "CH", "BM"} <= codes



def test_hk_fails_a_reserve_at_an_unregulated_bank_citing_the_custody_provision(cli):
    """Hong Kong's custody rule (licensed banks, or custodians the HKMA accepts) is read from secondary
    reports only, so the failure it causes carries verification `unverified`."""
    import json
    from pathlib import Path

    report = Path(__file__).resolve().parents[1] / "examples" / "reserves" / "unregulated_bank.yaml"
    res = cli("stablecoin", "check", str(report), "--regime", "hk-smo", "--as-of", "2026-11-10", "--json")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    rows = [r for r in _rows(doc) if r.get("requirement") == "regulated_custodian_required"]
    assert len(rows) == 1
    row = rows[0]
    assert row["outcome"] == "fail" and row["provision"] == "hk-so-reserve-custody"
    assert row["verification"] == "unverified" and row["source"]["instrument_id"] == "hk-hkma-sci-guideline"
    assert abs(row["figure"] - 310 / 1030) < 1e-4


def _rows(doc):
    if isinstance(doc, dict):
        if "requirement" in doc and "outcome" in doc:
            yield doc
        for v in doc.values():
            yield from _rows(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from _rows(v)

NEEDS_RATIO = "share_parameter needs kind capital_min and {ratio: N}"


@pytest.mark.parametrize(("kind", "provision", "parameter", "share", "message"), [
    ("reserve_coverage_min", "sg-scs-reserves", "reserve_coverage_min", "reserve_coverage_min", NEEDS_RATIO),
    ("capital_min", "sg-scs-issuance", "capital_min", "capital_min", NEEDS_RATIO),
    ("capital_min", "sg-scs-issuance", "capital_min", "opex_share",
     "provision 'sg-scs-issuance' has no parameter 'opex_share'"),
])
def test_share_parameter_is_checked(tmp_path, kind, provision, parameter, share, message):
    """A share of operating expenses only on capital_min, naming a Ratio the provision has."""
    import shutil

    from regatlas.rulebook import default_rulebook_dir, validate

    root = tmp_path / "rulebook"
    shutil.copytree(default_rulebook_dir(), root)
    regime = root / "stablecoin_regimes" / "sg-mas-scs.yaml"
    lines = regime.read_text().splitlines()
    at = next(i for i, x in enumerate(lines) if "kind: capital_min" in x)
    lines[at] = (f"  - {{kind: {kind}, provision: {provision}, parameter: {parameter}, "
                 f"share_parameter: {share}}}")
    regime.write_text("\n".join(lines) + "\n")
    errors = [e for e in validate(root).errors if e.location.file.endswith("sg-mas-scs.yaml")]
    assert [e.message for e in errors] == [message]
    assert errors[0].location.line == at + 1 and errors[0].location.field.endswith("share_parameter")
