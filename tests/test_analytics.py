"""Coordination analytics: alignment, aggregates, arbitrage, diff, timeline, similarity, enforce.
Cases as data in tests/cases/analytics/; engines called directly (the CLI in test_analytics_cli)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from regatlas.engines.analytics.aggregates import aggregates
from regatlas.engines.analytics.align import align
from regatlas.engines.analytics.arbitrage import arbitrage
from regatlas.engines.analytics.diff import diff, timeline
from regatlas.engines.analytics.enforce import enforce, load_case
from regatlas.engines.analytics.similarity import similarity
from regatlas.errors import InputError, NotFound

CASES = Path(__file__).parent / "cases" / "analytics"
ALIGN = yaml.safe_load((CASES / "align.yaml").read_text())
DIFF = yaml.safe_load((CASES / "diff.yaml").read_text())
TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("case", ALIGN, ids=[c["case"] for c in ALIGN])
def test_alignment_cells(atlas, case):
    doc = align(atlas, case["as_of"], case["standard"], [case["code"]])
    assert doc["rulebook"]["as_of"] == case["as_of"].isoformat()
    cells = {c["recommendation"]: c for c in doc["jurisdictions"][0]["cells"]}
    for rec, status in case["expect"].items():
        assert cells[rec]["status"] == status, f"{rec} ({case['cites']})"
        assert cells[rec].get("source"), "every non-absent cell is cited"
    for rec, via in case.get("via", {}).items():
        assert cells[rec]["via"] == via


def test_scores_follow_the_documented_formula(atlas):
    doc = align(atlas, TODAY)
    weights = doc["method"]["weights"]
    for j in doc["jurisdictions"]:
        for std, score in j["scores"].items():
            cells = [c for c in j["cells"] if c["standard"] == std]
            assert score == round(100 * sum(weights[c["status"]] for c in cells) / len(cells), 1)
        assert j["score"] == round(sum(j["scores"].values()) / len(j["scores"]), 1)


def test_no_data_before_any_provision_1930(atlas):
    # the oldest provision of the atlas is the US Securities Act of 1933, s. 5 (dated 27 May 1933, its enactment)
    doc = align(atlas, dt.date(1930, 1, 1))
    assert all(j["no_data"] and j["score"] == 0 for j in doc["jurisdictions"])


def test_unknown_standard_and_jurisdiction(atlas):
    with pytest.raises(NotFound, match="unknown standard"):
        align(atlas, TODAY, "basel")
    with pytest.raises(NotFound, match="unknown jurisdiction"):
        align(atlas, TODAY, None, ["ZZ"])


@pytest.fixture(scope="module")
def empty_atlas(tmp_path_factory):
    """A rulebook with the standards and one jurisdiction (Iceland) that has no data at all."""
    from regatlas.rulebook import default_rulebook_dir
    from regatlas.store.atlas import open_atlas

    root = tmp_path_factory.mktemp("rb") / "rulebook"
    shutil.copytree(default_rulebook_dir() / "standards", root / "standards")
    (root / "jurisdictions").mkdir()
    (root / "jurisdictions" / "IS.yaml").write_text(
        "code: IS\nname: Iceland\nkind: country\ncurrency: ISK\n")
    return open_atlas(root)


def test_jurisdiction_with_no_data(empty_atlas):
    doc = align(empty_atlas, TODAY, codes=["IS"])
    j = doc["jurisdictions"][0]
    assert j["no_data"] and j["score"] == 0 and j["counts"]["absent"] == len(j["cells"])
    tl = timeline(empty_atlas, "IS", TODAY)
    assert tl["no_data"] and tl["history"] == [] and tl["future"] == []
    agg = aggregates(empty_atlas, TODAY)
    m = agg["populations"]["all"]["metrics"]["travel_rule_in_force"]
    # Iceland has no Travel Rule fact: no data, counted apart, not a jurisdiction without the rule
    assert (m["count"], m["of"], m["share"], m["no_data_jurisdictions"]) == (0, 0, None, ["IS"])
    assert agg["per_jurisdiction"]["IS"]["travel_rule"] is None


@pytest.mark.parametrize("case", DIFF, ids=[c["case"] for c in DIFF])
def test_diff_cases(atlas, case):
    doc = diff(atlas, case["from"], case["to"], case["jurisdiction"])
    if case.get("empty"):
        assert doc["provisions"] == [] and doc["facts"] == []
    if "provision" in case:
        want = case["provision"]
        assert any(e["id"] == want["id"] and e["change"] == want["change"] for e in doc["provisions"])
    if "fact" in case:
        want = case["fact"]
        assert any(all(e[k] == v for k, v in want.items()) for e in doc["facts"]), case["cites"]


def test_diff_rejects_reversed_range(atlas):
    with pytest.raises(InputError, match="is before 'from'") as caught:
        diff(atlas, dt.date(2025, 1, 1), dt.date(2024, 1, 1))
    assert caught.value.location.field == "to"  # the domain field; the CLI shows it as --to


def test_timeline_splits_history_and_future(atlas):
    doc = timeline(atlas, "GB", dt.date(2026, 1, 1))
    assert all(e["date"] <= dt.date(2026, 1, 1) for e in doc["history"])
    assert all(e["date"] > dt.date(2026, 1, 1) for e in doc["future"])
    assert doc["future"], "the UK's 2027 regime is announced"


def test_aggregates_shares_and_published_figures(atlas):
    doc = aggregates(atlas, dt.date(2025, 8, 31))
    for pop in doc["populations"].values():
        for m in pop["metrics"].values():
            assert m["count"] == len(m["jurisdictions"]) <= m["of"] == pop["size"] - m["no_data"]
            assert m["no_data"] == len(m["no_data_jurisdictions"])
    assert {p["body"] for p in doc["published"]} == {"FATF", "FSB", "BIS", "Atlantic Council"}
    # each metric carries the figures published for it, beside its own share
    cbdc = doc["populations"]["all"]["metrics"]["cbdc_launched"]["published"]
    assert [(f["id"], f["count"], f["of"]) for f in cbdc] == [("fig-atlantic-council-2021-cbdc-launched", 5, 81)]


def test_arbitrage_ranks_and_patterns(atlas):
    doc = arbitrage(atlas, TODAY, activity="exchange", limit=1000)
    scores = [p["score"] for p in doc["pairs"]]
    assert scores == sorted(scores, reverse=True)
    assert any({p["a"]["treatment"], p["b"]["treatment"]} == {"banned", "open"}
               or {p["a"]["treatment"], p["b"]["treatment"]} == {"banned", "licensed"} for p in doc["pairs"])
    pats = doc["patterns"]
    assert pats["offshore_no_real_oversight"] and pats["stablecoin_reserves_unregulated_banks"]
    assert "EU" in pats["decentralised_label"]["carve_out"], "MiCA recital 22"


def test_mica_states_cluster_together(atlas):
    doc = similarity(atlas, TODAY)
    eu = next(c for c in doc["clusters"] if "EU" in c["members"])
    assert {"DE", "FR", "IT", "NL", "ES", "MT"} <= set(eu["members"])


def test_enforce_example_case(atlas):
    doc = enforce(atlas, load_case(Path("examples/cases/offshore-exchange.yaml")), TODAY)
    codes = {j["code"] for j in doc["jurisdictions"]}
    assert {"KY", "BS", "DE", "SG"} <= codes
    ky_de = next(link for link in doc["links"] if {link["a"], link["b"]} == {"DE", "KY"})
    assert any(a["id"] == "iosco-mmou" for a in ky_de["agreements"])
    assert all(a["source"] for link in doc["links"] for a in link["agreements"])
