"""`search --as-of` answers as the law stood on the date (review F12), in the store, CLI and API."""

from __future__ import annotations

import datetime as dt
import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from regatlas.store import queries

# The contract's provision object plus the search score.
RESULT_KEYS = {"id", "jurisdiction", "title", "topic", "authority", "status", "activities", "token_types", "parameters",
               "published", "effective_from", "effective_to", "implements", "applies_if", "text", "encoded",
               "source", "verification", "note", "score"}


def _status(doc: dict, ident: str) -> str | None:
    """The status of result `ident`, or "absent" when it is not a result."""
    found = [r for r in doc["results"] if r["id"] == ident]
    assert len(found) <= 1
    return found[0]["status"] if found else "absent"


def test_nothing_unpublished_on_the_date_is_a_result(atlas):
    # The review's reproduction: 20 provisions of 2022-2023 came back for 2010 with status null.
    day = dt.date(2010, 1, 1)
    doc = queries.search(atlas, "stablecoin reserve", day, 20)
    for r in doc["results"]:
        assert r["status"] in {"proposed", "enacted", "in_force", "repealed"}, r["id"]
        assert min(d for d in (r["published"], r["effective_from"]) if d) <= day, r["id"]


def test_the_limit_counts_only_results_known_on_the_date(atlas):
    day = dt.date(2023, 6, 9)
    doc = queries.search(atlas, "segregated reserve of assets", day, 5)
    assert len(doc["results"]) == 5 and all(r["status"] for r in doc["results"])


def test_api_search_honours_as_of_and_keeps_the_contract_keys():
    from regatlas.interfaces.api.app import create_app

    client = TestClient(create_app(), base_url="http://127.0.0.1")
    params = {"q": "segregated reserve of assets", "limit": 50}
    before = client.get("/api/v1/search", params={**params, "as_of": "2023-06-08"})
    after = client.get("/api/v1/search", params={**params, "as_of": "2024-06-30"})
    assert before.status_code == after.status_code == 200
    assert _status(before.json(), "eu-mica-art36-art-reserve") == "absent"
    assert _status(after.json(), "eu-mica-art36-art-reserve") == "in_force"
    assert set(after.json()) == {"rulebook", "query", "results"}
    assert all(set(r) == RESULT_KEYS for r in after.json()["results"])


def test_cli_search_honours_as_of():
    from regatlas.interfaces.cli.app import app

    def run(day: str) -> dict:
        out = CliRunner().invoke(app, ["search", "segregated reserve of assets", "--limit", "50",
                                       "--as-of", day, "--json"])
        assert out.exit_code == 0, out.output
        return json.loads(out.stdout)

    assert _status(run("2023-06-08"), "eu-mica-art36-art-reserve") == "absent"
    assert _status(run("2023-06-09"), "eu-mica-art36-art-reserve") == "enacted"
