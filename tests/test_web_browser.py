"""The web app in a real browser: Debian's headless Chromium driven by Playwright.

Screenshots land in tests/artifacts/ (not committed) for a person to look at."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (make test installs it)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def base_url():
    import uvicorn

    from regatlas.interfaces.api.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 60
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(base_url):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        yield context.new_page()
        browser.close()


def test_map_colours_countries_and_the_slider_changes_the_date(page, base_url):
    page.goto(f"{base_url}/?as_of=2025-06-01")
    page.wait_for_selector('#map[data-loaded="true"]')
    fill = page.eval_on_selector(".country.sg path", "p => p.style.fill")
    assert fill, "Singapore should be coloured"
    page.select_option("#metric", "travel_rule")
    page.wait_for_function("document.getElementById('metric-head').textContent === 'Travel Rule'")
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=False)
    slider = page.locator("#asof-slider")
    slider.focus()
    for _ in range(5):
        page.keyboard.press("PageDown")
    page.wait_for_function("document.getElementById('map').dataset.day !== '2025-06-01'")
    new_day = page.eval_on_selector("#map", "m => m.dataset.day")
    assert new_day < "2025-06-01"
    assert page.inner_text("#table-day") == new_day


def test_map_before_and_after_the_eu_travel_rule(page, base_url):
    page.goto(f"{base_url}/?as_of=2024-12-29")
    page.wait_for_selector('#map[data-loaded="true"]')
    page.select_option("#metric", "travel_rule")
    page.wait_for_function("document.getElementById('metric-head').textContent === 'Travel Rule'")
    assert page.inner_text('#status-table tr[data-code="EU"] .value') == "enacted"
    page.fill("#asof", "2024-12-30")
    page.dispatch_event("#asof", "change")
    page.wait_for_function("document.getElementById('map').dataset.day === '2024-12-30'")
    page.wait_for_function(
        "document.querySelector('#status-table tr[data-code=\"EU\"] .value').innerText === 'in_force'")


def test_jurisdiction_page_lists_cited_provisions(page, base_url):
    page.goto(f"{base_url}/jurisdictions/SG?as_of=2024-06-01")
    assert page.locator("h1").inner_text().startswith("Singapore")
    assert page.locator("#provisions tbody tr").count() > 5
    assert page.locator("#provisions a[href^='http']").count() > 0
    page.screenshot(path=str(ARTIFACTS / "jurisdiction.png"), full_page=True)


def test_corridor_form_submits_and_shows_the_decision(page, base_url):
    page.goto(f"{base_url}/travel-rule")
    page.select_option("#from", "DE")
    page.select_option("#to", "SG")
    page.fill("#amount", "2000")
    page.fill("#currency", "EUR")
    page.fill("#date", "2025-03-03")
    page.click("button[type=submit]")
    result = page.wait_for_selector("[data-testid=corridor-result]")
    assert "Travel Rule required" in result.inner_text()
    page.screenshot(path=str(ARTIFACTS / "corridor.png"), full_page=True)


def test_compare_and_search_pages(page, base_url):
    page.goto(f"{base_url}/compare?codes=EU,GB,SG,HK,AE-DU&as_of=2025-06-01")
    assert page.locator("table.compare thead th").count() == 6
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)
    page.goto(f"{base_url}/search?q=self-hosted+wallet")
    assert page.locator("ol.hits li").count() > 0


def test_keyboard_users_can_skip_to_content(page, base_url):
    page.goto(f"{base_url}/travel-rule")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    labels = page.eval_on_selector_all("form#corridor-form select, form#corridor-form input",
                                       "els => els.map(e => !!document.querySelector(`label[for=${e.id}]`))")
    assert all(labels)


def test_map_alignment_layer(page, base_url):
    page.goto(f"{base_url}/?as_of=2025-06-01")
    page.wait_for_selector('#map[data-loaded="true"]')
    page.select_option("#metric", "alignment")
    page.wait_for_function("document.getElementById('metric-head').textContent === 'Alignment score'")
    score = page.inner_text('#status-table tr[data-code="SG"] .value')
    assert float(score) > 0
    page.screenshot(path=str(ARTIFACTS / "map-alignment.png"))


def test_assessment_page_renders_a_report_and_downloads_a_pdf(page, base_url):
    page.goto(f"{base_url}/assess?as_of=2025-06-01")
    page.select_option("#example", "eu-exchange.yaml")
    page.click("#assess-form button[type=submit]")
    page.wait_for_function("document.getElementById('assess-status').textContent === 'Done.'", timeout=60000)
    frame = page.frame_locator("#report")
    assert frame.locator("body").inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "assessment.png"), full_page=True)
    with page.expect_download(timeout=60000) as download:
        page.click("#pdf")
    path = download.value.path()
    assert Path(path).read_bytes()[:5] == b"%PDF-"
