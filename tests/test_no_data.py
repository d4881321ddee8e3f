"""'No data' is never shown or counted as 'none' (issue 13, corrections).

A fixture rulebook (not the bundled law) holds three jurisdictions on 1 January 2022: Iceland
with no Travel Rule fact at all (no data), "Xanadu" as CN with a fact saying there is no Travel
Rule (status none, a sourced finding), and SG with the rule in force. The values are made up for
the engine logic; the bundled law is tested by the cited cases.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from fastapi.testclient import TestClient

DAY = dt.date(2022, 1, 1)

CN = """code: CN
name: China (fixture)
kind: country
currency: CNY
instruments:
  - {id: cn-fixture-notice, title: Fixture notice, kind: notice, date: 2021-09-24, url: https://example.org/cn-notice.pdf}
travel_rule:
  - {from: 2021-09-24, status: none, source: {instrument: cn-fixture-notice}, verification: unverified}
"""
SG = """code: SG
name: Singapore (fixture)
kind: country
currency: SGD
instruments:
  - {id: sg-fixture-notice, title: Fixture notice, kind: notice, date: 2020-01-28, url: https://example.org/sg-notice.pdf}
travel_rule:
  - {from: 2020-01-28, status: in_force, threshold: {amount: 1500, currency: SGD}, threshold_inclusive: false,
     source: {instrument: sg-fixture-notice}, verification: unverified}
"""


@pytest.fixture(scope="module")
def rulebook(tmp_path_factory):
    from regatlas.rulebook import default_rulebook_dir

    root = tmp_path_factory.mktemp("nodata") / "rulebook"
    shutil.copytree(default_rulebook_dir() / "standards", root / "standards")
    (root / "jurisdictions").mkdir()
    (root / "jurisdictions" / "IS.yaml").write_text("code: IS\nname: Iceland\nkind: country\ncurrency: ISK\n")
    (root / "jurisdictions" / "CN.yaml").write_text(CN)
    (root / "jurisdictions" / "SG.yaml").write_text(SG)
    return root


@pytest.fixture(scope="module")
def atlas(rulebook):
    from regatlas.store.atlas import open_atlas

    return open_atlas(rulebook)


def test_show_gives_no_status_without_a_fact(atlas):
    from regatlas.store import queries

    assert queries.travel_rule(atlas, "IS", DAY)["status"] is None
    assert queries.travel_rule(atlas, "CN", DAY)["status"] == "none"


def test_matrix_keeps_no_data_apart_from_none(atlas):
    from regatlas.engines.travel_rule.matrix import matrix

    doc = matrix(atlas, DAY)
    status = {j["code"]: j["status"] for j in doc["jurisdictions"]}
    assert status == {"CN": "none", "IS": None, "SG": "in_force"}
    cells = {(c["from"], c["to"]): c["status"] for c in doc["cells"]}
    assert cells[("SG", "IS")] == cells[("IS", "CN")] == cells[("IS", "IS")] == "no_data"
    assert cells[("SG", "CN")] == "sunrise" and cells[("CN", "CN")] == "none"
    assert doc["counts"] == {"both": 0, "sunrise": 2, "none": 0, "no_data": 4}


def test_aggregates_count_no_data_apart(atlas):
    from regatlas.engines.analytics.aggregates import aggregates

    m = aggregates(atlas, DAY)["populations"]["all"]["metrics"]["travel_rule_in_force"]
    assert (m["count"], m["of"], m["share"]) == (1, 2, 0.5)
    assert (m["no_data"], m["no_data_jurisdictions"]) == (1, ["IS"])


def test_map_colours_no_data_as_null_not_none(rulebook):
    from regatlas.interfaces.api.app import create_app

    with TestClient(create_app(rulebook), base_url="http://127.0.0.1") as client:
        doc = client.get("/api/v1/map", params={"metric": "travel_rule", "as_of": DAY.isoformat()}).json()
    files = {code: doc["values"][code] for code in ("CN", "IS", "SG")}
    assert files == {"CN": "none", "IS": None, "SG": "in_force"}
    # every other ISO code is on the map too, unknown (no rulebook file), never "none"
    rest = {code: v for code, v in doc["values"].items() if code not in files}
    assert len(rest) == 246 and set(rest.values()) == {None} and {doc["coverage"][c] for c in rest} == {"none"}


def test_corridor_explains_no_data(atlas):
    from regatlas.engines.travel_rule.corridor import check

    ans = check(atlas, "SG", "IS", 2000, "SGD", DAY)
    assert ans["beneficiary"]["status"] is None and ans["originator"]["required"]
    assert any("no Travel Rule data" in line for line in ans["explanation"])
