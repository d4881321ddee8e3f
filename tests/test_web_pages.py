"""The web pages without a browser: error pages for people, compare with unknown codes, human
labels, and markup that a strict Content-Security-Policy allows (no inline handlers, style
attributes or executable inline scripts)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
STATIC = Path(__file__).parent.parent / "regatlas" / "interfaces" / "web" / "static"
PAGES = ["/", "/compare", "/compare?codes=EU,ZZ", "/travel-rule", "/assess", "/search?q=custody",
         "/jurisdictions/EU", "/jurisdictions/SG", "/jurisdictions/ZZ", "/no-such-page", "/overlap",
         "/overlap?jurisdiction=GB", "/agreements?party=GB", "/agreements?q=%3Cscript%3E", "/stablecoins"]


@pytest.fixture(scope="module")
def client():
    from regatlas.interfaces.api.app import create_app

    return TestClient(create_app(), base_url="http://127.0.0.1")


class CspAudit(HTMLParser):
    """Collects what a strict CSP would block, and whether the page has the site's navigation."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []
        self.nav = False
        self.in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        self.nav = self.nav or (tag == "nav" and names.get("aria-label") == "Main")
        self.blocked += [f"<{tag} {k}>" for k in names if k.startswith("on") or k == "style"]
        if tag == "script" and "src" not in names:
            self.in_inline_script = names.get("type") != "application/json"
        for k in ("href", "src", "action"):
            if (names.get(k) or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {k}=javascript:>")

    def handle_data(self, data: str) -> None:
        if self.in_inline_script and data.strip():
            self.blocked.append(f"inline script: {data.strip()[:40]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_inline_script = False


def audit(html: str) -> CspAudit:
    parser = CspAudit()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("path", PAGES)
def test_pages_need_no_inline_script_style_or_handlers(client, path):
    response = client.get(path, headers=BROWSER)
    assert response.headers["content-type"].startswith("text/html")
    found = audit(response.text)
    assert found.blocked == []
    assert found.nav


def test_app_js_builds_no_style_attributes_or_handlers():
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    assert "style=" not in js
    assert " onclick=" not in js and " onload=" not in js and " onerror=" not in js
    assert "eval(" not in js and "new Function" not in js


def test_unknown_jurisdiction_is_a_page_for_browsers(client):
    response = client.get("/jurisdictions/ZZ", headers=BROWSER)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "unknown jurisdiction" in response.text and 'href="/"' in response.text
    assert audit(response.text).nav


@pytest.mark.parametrize("path,status", [("/no-such-page", 404), ("/?as_of=1800-01-01", 422),
                                         ("/compare?codes=%3Cscript%3E", 422), ("/overlap?jurisdiction=QQ", 404),
                                         ("/overlap?activity=teleport", 422), ("/agreements?kind=alliance", 422),
                                         ("/agreements?party=%3Cscript%3E", 422)])
def test_other_html_errors_are_pages_too(client, path, status):
    response = client.get(path, headers=BROWSER)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>" not in response.text.split("</nav>", 1)[1].replace('<script src="/static/app.js" defer></script>', "")


@pytest.mark.parametrize("path", ["/api/v1/jurisdictions/ZZ", "/api/v1/nope"])
def test_the_api_keeps_problem_json_even_for_browsers(client, path):
    response = client.get(path, headers=BROWSER)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_scripts_without_an_html_accept_get_problem_json(client):
    response = client.get("/jurisdictions/ZZ", headers={"accept": "*/*"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_compare_lists_unknown_codes_and_renders_the_known_ones(client):
    response = client.get("/compare?codes=EU,ZZ,GB", headers=BROWSER)
    assert response.status_code == 200
    assert "<strong>ZZ</strong>: unknown code" in response.text
    assert 'href="/jurisdictions/EU?' in response.text and 'href="/jurisdictions/GB?' in response.text


def test_compare_says_when_it_leaves_codes_out(client):
    codes = "EU,GB,SG,HK,AE-DU,US-NY,CH,JP,KR,AU"
    response = client.get(f"/compare?codes={codes}", headers=BROWSER)
    assert response.status_code == 200
    assert 'data-testid="left-out"' in response.text
    assert "Showing the first 8" in response.text


def test_labels_are_for_people(client):
    text = client.get("/compare?codes=EU,GB,SG&as_of=2025-06-01").text
    assert "partially regulated" in text and "in force" in text and "risk-based" in text
    for raw in (">partially_regulated<", ">in_force", ">risk_based<"):
        assert raw not in text


def test_assessment_errors_carry_line_and_column(client):
    response = client.post("/api/v1/assess", content="name: [unclosed\n  - : :",
                           headers={"content-type": "application/yaml"})
    assert response.status_code == 422
    body = response.json()
    assert (body["line"], body["column"]) == (2, 5)


def test_assessment_page_hides_the_report_frame_until_there_is_a_report(client):
    text = client.get("/assess").text
    frame = text[text.index("<iframe"):text.index("</iframe>")]
    assert 'sandbox=""' in frame and " hidden" in frame


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert 'rel="icon"' in client.get("/").text


def test_eu_provisions_are_grouped_by_topic(client):
    text = client.get("/jurisdictions/EU").text
    assert text.count('<section class="topic"') > 5
    assert 'id="prov-filter"' in text


def test_who_regulates_and_agreements_pages_show_cited_answers(client):
    us = client.get("/overlap?jurisdiction=US&activity=exchange&as_of=2026-12-01", headers=BROWSER).text
    assert "Securities and Exchange Commission" in us and "Commodity Futures Trading Commission" in us
    gb = client.get("/agreements?party=GB&as_of=2026-12-01", headers=BROWSER).text
    assert "Transatlantic Taskforce for Markets of the Future" in gb
    searched = client.get("/agreements?q=%3Cscript%3Ealert(1)%3C/script%3E", headers=BROWSER).text
    assert "<script>alert(1)" not in searched  # the words are escaped back into the form


@pytest.mark.parametrize("name", ["contagion", "usdc-2023-03", "ust-2022-05"])
def test_stablecoin_charts_are_svg_drawn_from_the_examples(client, name):
    response = client.get(f"/stablecoins/charts/{name}.svg")
    assert response.status_code == 200 and response.headers["content-type"] == "image/svg+xml"
    assert response.text.lstrip().startswith("<?xml") and "<svg" in response.text
    assert f'src="/stablecoins/charts/{name}.svg"' in client.get("/stablecoins", headers=BROWSER).text


@pytest.mark.parametrize("path, status", [("/stablecoins/charts/nope.svg", 404), ("/stablecoins/charts/..%2Fx.svg", 404)])
def test_unknown_stablecoin_charts_are_4xx(client, path, status):
    assert client.get(path).status_code in (status, 422)
