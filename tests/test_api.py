"""REST API: contract shapes, problem details, ETags, limits, screening jobs."""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from regatlas.interfaces.api.app import create_app
from regatlas.interfaces.cli.app import app as cli_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


def test_show_matches_the_cli_shape_and_carries_version_headers(client):
    r = client.get("/api/v1/jurisdictions/SG", params={"as_of": "2024-06-01"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["rulebook"]["as_of"] == "2024-06-01"
    assert r.headers["x-regatlas-as-of"] == "2024-06-01"
    assert r.headers["x-regatlas-rulebook-version"] == doc["rulebook"]["version"]
    for key in ("code", "name", "crypto_status", "authorities", "regimes", "travel_rule", "stablecoins",
                "cbdc", "fatf", "provisions"):
        assert key in doc


def test_etag_round_trip_gives_304(client):
    r = client.get("/api/v1/jurisdictions/HK", params={"as_of": "2024-06-01"})
    again = client.get("/api/v1/jurisdictions/HK", params={"as_of": "2024-06-01"},
                       headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("method,url,kwargs,status", [
    ("get", "/api/v1/jurisdictions/ZZ", {}, 404),
    ("get", "/api/v1/jurisdictions/SG", {"params": {"as_of": "2024-13-01"}}, 422),
    ("get", "/api/v1/jurisdictions/S%20G", {}, 422),
    ("get", "/api/v1/search", {"params": {"q": "x" * 201}}, 422),
    ("get", "/api/v1/standards/nope", {}, 404),
    ("post", "/api/v1/travel-rule/check", {"json": {"from": "DE", "to": "XX", "amount": 1, "currency": "EUR"}}, 404),
    ("post", "/api/v1/travel-rule/check", {"json": {"from": "DE", "to": "SG", "amount": -1, "currency": "EUR"}}, 422),
    ("post", "/api/v1/travel-rule/check", {"json": {"from": "DE", "to": "SG", "amount": 1, "currency": "EUX"}}, 422),
    ("post", "/api/v1/travel-rule/check", {"json": {"from": "DE", "to": "SG", "amount": 1, "currency": "EUR",
                                                     "date": "2010-01-01"}}, 422),
    ("post", "/api/v1/ivms/validate", {"json": {"payload": {}, "corridor": "DESG"}}, 422),
    ("get", "/api/v1/screen/" + "0" * 32, {}, 404),
])
def test_bad_input_is_problem_details(client, method, url, kwargs, status):
    r = getattr(client, method)(url, **kwargs)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["detail"]


def test_travel_rule_check_shape(client):
    r = client.post("/api/v1/travel-rule/check", json={"from": "FR", "to": "IT", "amount": 0.01,
                                                        "currency": "EUR", "date": "2024-12-30"})
    doc = r.json()
    assert r.status_code == 200 and doc["required"] is True and doc["action"] == "send_full"
    for side in ("originator", "beneficiary"):
        assert {"jurisdiction", "required", "threshold", "fields"} <= set(doc[side])


def test_ivms_validate_returns_repairs(client):
    from pathlib import Path

    payload = json.loads(Path("examples/ivms/incomplete_transfer_2020.json").read_text())
    r = client.post("/api/v1/ivms/validate", json={"payload": payload, "corridor": "DE:SG", "as_of": "2025-03-03"})
    doc = r.json()
    assert r.status_code == 200 and doc["valid"] is False and doc["corridor"]["repair"]


def test_screen_upload_job_runs_to_completion(client):
    with open("examples/transfers/sample.csv", "rb") as fh:
        r = client.post("/api/v1/screen", files={"file": ("sample.csv", fh, "text/csv")})
    assert r.status_code == 202
    job = r.json()["id"]
    for _ in range(100):
        status = client.get(f"/api/v1/screen/{job}").json()
        if status["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert status["state"] == "done", status
    result = status["result"]
    assert result["rows_in"] == result["rows_decided"] + result["rows_rejected"] == 200
    download = client.get(f"/api/v1/screen/{job}/decisions")
    assert download.status_code == 200 and download.content[:4] == b"PAR1"


def test_map_values_for_every_jurisdiction(client):
    doc = client.get("/api/v1/map", params={"metric": "travel_rule", "as_of": "2025-06-01"}).json()
    assert doc["values"]["EU"] == "in_force" and len(doc["values"]) >= 40


def test_openapi_is_served(client):
    spec = client.get("/openapi.json").json()
    assert "/api/v1/jurisdictions/{code}" in spec["paths"]


@pytest.mark.parametrize("path", ["/", "/jurisdictions/SG?as_of=2024-06-01", "/compare?codes=SG,HK",
                                  "/travel-rule", "/search?q=stablecoin"])
def test_pages_render_with_version_and_date(client, path):
    import datetime as dt

    r = client.get(path)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    version = client.get("/api/v1/info").json()["rulebook"]["version"]
    day = "2024-06-01" if "as_of=2024-06-01" in path else dt.date.today().isoformat()
    assert f'<code data-testid="rulebook-version">{version}</code>' in r.text
    assert f'<time datetime="{day}">{day}</time>' in r.text


def cli_json(*args: str) -> dict:
    """The CLI's --json answer, run in-process."""
    result = CliRunner().invoke(cli_app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


CHECK = {"from": "DE", "to": "SG", "amount": 1500, "currency": "SGD", "date": "2025-03-03"}
MIRRORS = [
    (("show", "SG", "--as-of", "2024-06-01"), "/api/v1/jurisdictions/SG?as_of=2024-06-01", None),
    (("travel-rule", "check", "--from", "DE", "--to", "SG", "--amount", "1500", "--currency", "SGD",
      "--date", "2025-03-03"), "/api/v1/travel-rule/check", CHECK),
    (("travel-rule", "matrix", "--as-of", "2025-06-01"), "/api/v1/travel-rule/matrix?as_of=2025-06-01", None),
    (("align", "--as-of", "2025-01-01", "--standard", "fatf"), "/api/v1/align?as_of=2025-01-01&standard=fatf", None),
    (("aggregates", "--as-of", "2023-01-01"), "/api/v1/aggregates?as_of=2023-01-01", None),
    (("arbitrage", "--topic", "travel_rule", "--as-of", "2025-06-01"),
     "/api/v1/arbitrage?topic=travel_rule&as_of=2025-06-01", None),
    (("diff", "--from", "2024-01-01", "--to", "2025-01-01", "--jurisdiction", "EU"),
     "/api/v1/diff?from=2024-01-01&to=2025-01-01&jurisdiction=EU", None),
    (("timeline", "NG", "--as-of", "2025-06-01"), "/api/v1/timeline/NG?as_of=2025-06-01", None),
    (("similarity", "--as-of", "2025-06-01"), "/api/v1/similarity?as_of=2025-06-01", None),
    (("info", "--as-of", "2025-06-01"), "/api/v1/info?as_of=2025-06-01", None),
    (("jurisdictions", "--as-of", "2025-06-01"), "/api/v1/jurisdictions?as_of=2025-06-01", None),
    (("standards", "fatf", "--as-of", "2025-06-01"), "/api/v1/standards/fatf?as_of=2025-06-01", None),
    (("search", "reserve", "--as-of", "2025-06-01"), "/api/v1/search?q=reserve&as_of=2025-06-01", None),
    (("stablecoin", "regimes", "--as-of", "2025-06-01"), "/api/v1/stablecoin/regimes?as_of=2025-06-01", None),
]


@pytest.mark.parametrize("args,url,body", MIRRORS, ids=[" ".join(m[0][:2]) for m in MIRRORS])
def test_api_and_cli_give_the_same_document_for_the_same_question(client, args, url, body):
    r = client.post(url, json=body) if body else client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert r.json() == cli_json(*args)


@pytest.mark.parametrize("url,status,field", [
    ("/api/v1/align?standard=nope", 404, "standard"),
    ("/api/v1/diff?from=2025-01-01&to=2024-01-01", 422, "to"),
    ("/api/v1/timeline/ZZ", 404, "jurisdiction"),
    ("/api/v1/arbitrage?topic=weather", 422, "topic"),
])
def test_analytics_errors_name_the_api_parameter(client, url, status, field):
    r = client.get(url)
    assert r.status_code == status, r.text[:200]
    assert r.headers["content-type"].startswith("application/problem+json") and r.json()["field"] == field


@pytest.mark.parametrize("change,status,field", [
    ({"currency": "EUX"}, 422, "currency"),  # well-formed, but no ISO 4217 code: the engine says so
    ({"currency": "E1"}, 422, "currency"),  # malformed: the request model says so
    ({"amount": -1}, 422, "amount"),
    ({"to": "XX"}, 404, "to"),
    ({"from": "QQ"}, 404, "from"),
])
def test_travel_rule_errors_name_api_fields_not_cli_flags(client, change, status, field):
    r = client.post("/api/v1/travel-rule/check", json={**CHECK, **change})
    assert r.status_code == status
    assert r.json()["field"] == field and "--" not in r.text


def test_openapi_documents_every_answer_and_error(client):
    spec = client.get("/openapi.json").json()
    ops = [(path, method, op) for path, item in spec["paths"].items() for method, op in item.items()]
    assert len(ops) >= 24
    problem = {"$ref": "#/components/schemas/Problem"}
    for path, method, op in ops:
        codes = op["responses"]
        ok = codes.get("200") or codes["202"]
        media = ok["content"]
        assert "application/json" in media or path.endswith("{part}"), (method, path)
        if "application/json" in media:
            assert media["application/json"]["schema"]["$ref"].startswith("#/components/schemas/"), path
        assert codes["422"]["content"]["application/problem+json"]["schema"] == problem, path
        if "{" in path:
            assert "404" in codes, path
        if method == "post":
            assert {"403", "413", "415"} <= set(codes), path
    schemas = spec["components"]["schemas"]
    assert {"version", "as_of"} <= set(schemas["RulebookStamp"]["required"])
    assert {"jurisdiction", "required", "threshold", "fields"} <= set(schemas["Side"]["required"])
    assert schemas["Problem"]["required"] == ["title", "status", "detail"]


def test_enforce_routes_a_case(client):
    from pathlib import Path

    case = json.loads(Path("examples/cases/stablecoin-depeg-fraud.json").read_text())
    r = client.post("/api/v1/enforce", json=case, params={"as_of": "2025-06-01"})
    assert r.status_code == 200, r.text[:300]
    assert r.json()["rulebook"]["as_of"] == "2025-06-01"
    bad = client.post("/api/v1/enforce", json={"nonsense": 1})
    assert bad.status_code == 422


def test_stablecoin_endpoints(client):
    from pathlib import Path

    import yaml

    report = json.loads(json.dumps(yaml.safe_load(Path("examples/reserves/compliant.yaml").read_text()),
                                   default=str))
    r = client.post("/api/v1/stablecoin/check", json=report, params={"regime": "all", "as_of": "2025-06-01"})
    assert r.status_code == 200, r.text[:300]
    assert len(r.json()["regimes"]) >= 10
    s = client.post("/api/v1/stablecoin/stress", json=report, params={"paths": 2000, "days": 30, "seed": 1})
    again = client.post("/api/v1/stablecoin/stress", json=report, params={"paths": 2000, "days": 30, "seed": 1})
    assert s.status_code == 200 and s.json()["survival_probability"] == again.json()["survival_probability"]
    assert client.get("/api/v1/stablecoin/regimes").status_code == 200
    assert client.post("/api/v1/stablecoin/check", json={"holdings": "nope"}).status_code == 422
    unknown = client.post("/api/v1/stablecoin/check", json=report, params={"regime": "nope"})
    assert unknown.status_code == 404 and unknown.json()["field"] == "regime"
    assert client.post("/api/v1/stablecoin/stress", json=report, params={"paths": 10**7}).status_code == 422
