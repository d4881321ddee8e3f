"""The web app in a real browser: Debian's headless Chromium driven by Playwright.

The server sends a strict Content-Security-Policy (the test adds one when the app does not), and
every console error or CSP violation fails the run. Screenshots land in tests/artifacts/ (not
committed) for a person to look at; the ones in docs/img/ are copied from there."""

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
CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1440, "height": 900}
CONSOLE: list[str] = []
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def with_csp(app):
    """`app` with a strict CSP header on every response that has none of its own."""

    async def wrapped(scope, receive, send):
        async def send_with_csp(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, send_with_csp if scope["type"] == "http" else send)

    return wrapped


def watch(page):
    """Record console errors and CSP violations of `page` in CONSOLE."""
    page.on("console", lambda m: CONSOLE.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: CONSOLE.append(f"{page.url}: {e}"))
    return page


@pytest.fixture(scope="module")
def base_url():
    import uvicorn

    from regatlas.interfaces.api.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(with_csp(create_app()), host="127.0.0.1", port=port,
                                           log_level="warning"))
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
def browser(base_url):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    yield watch(context.new_page())
    context.close()


def test_map_colours_countries_and_the_slider_changes_the_date(page, base_url):
    page.goto(f"{base_url}/?as_of=2025-06-01")
    page.wait_for_selector('#map[data-loaded="true"]')
    fill = page.eval_on_selector(".country.sg path", "p => p.style.fill")
    assert fill, "Singapore should be coloured"
    page.select_option("#metric", "travel_rule")
    page.wait_for_function("() => document.getElementById('metric-head').textContent === 'Travel Rule'")
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=False)
    slider = page.locator("#asof-slider")
    slider.focus()
    for _ in range(5):
        page.keyboard.press("PageDown")
    page.wait_for_function("() => document.getElementById('map').dataset.day !== '2025-06-01'")
    new_day = page.eval_on_selector("#map", "m => m.dataset.day")
    assert new_day < "2025-06-01"
    assert page.inner_text("#table-day") == new_day


def test_map_colours_every_iso_country_and_no_file_apart(page, base_url):
    """Issue 14: no blank country. Antarctica (AQ) has no rulebook file: its own colour (#c4c9d1)
    and legend entry, not the "no data" of a jurisdiction with a file but no value."""
    import pycountry

    page.goto(f"{base_url}/?as_of=2025-06-01")
    page.wait_for_selector('#map[data-loaded="true"]')
    assert page.eval_on_selector(".country.aq path", "p => p.style.fill") == "rgb(196, 201, 209)"
    assert "no rulebook file yet" in page.inner_text("#legend")
    iso = {c.alpha_2.lower() for c in pycountry.countries}
    blank = page.eval_on_selector_all(
        ".country:not(.has-value)", "gs => gs.map(g => [...g.classList].find(c => c !== 'country'))")
    assert not iso & set(blank), f"ISO countries left blank: {sorted(iso & set(blank))}"


def test_map_before_and_after_the_eu_travel_rule(page, base_url):
    page.goto(f"{base_url}/?as_of=2024-12-29")
    page.wait_for_selector('#map[data-loaded="true"]')
    page.select_option("#metric", "travel_rule")
    page.wait_for_function("() => document.getElementById('metric-head').textContent === 'Travel Rule'")
    assert page.inner_text('#status-table tr[data-code="EU"] .value') == "enacted"
    page.fill("#asof", "2024-12-30")
    page.dispatch_event("#asof", "change")
    page.wait_for_function("() => document.getElementById('map').dataset.day === '2024-12-30'")
    page.wait_for_function(
        "() => document.querySelector('#status-table tr[data-code=\"EU\"] .value').innerText === 'in force'")


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
    assert result.inner_text().count("originator address") == 1, "overlapping field groups are merged"
    page.screenshot(path=str(ARTIFACTS / "corridor.png"), full_page=True)


def test_compare_and_search_pages(page, base_url):
    page.goto(f"{base_url}/compare?codes=EU,GB,SG,HK,AE-DU&as_of=2025-06-01")
    assert page.locator("table.compare thead th").count() == 6
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)
    page.goto(f"{base_url}/search?q=self-hosted+wallet")
    assert page.locator("ol.hits li").count() > 0


def test_firm_page_maps_its_passport_and_names_the_register_row(page, base_url):
    """Issue 15: Bybit EU (ESMA CASP register, 9 Feb 2026, line 2) is home in AT and passported to 28
    states, Greece among them (written GR there); Malta is not one of them."""
    page.goto(f"{base_url}/firms?q=bybit&as_of=2026-03-01")
    page.click("text=Bybit EU GmbH")
    page.wait_for_selector(".firm-map svg")
    assert page.locator(".firm-map .country.passported").count() == 28
    assert page.locator(".firm-map .country.home").count() == 1
    assert page.locator(".firm-map .country.gr.passported").count() == 1
    assert page.locator(".firm-map .country.mt.passported").count() == 0
    assert "line 2" in page.locator("main").inner_text()
    page.screenshot(path=str(ARTIFACTS / "firm.png"), full_page=True)


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
    page.wait_for_function("() => document.getElementById('metric-head').textContent === 'Alignment score'")
    score = page.inner_text('#status-table tr[data-code="SG"] .value')
    assert float(score) > 0
    page.screenshot(path=str(ARTIFACTS / "map-alignment.png"))


def test_assessment_page_renders_a_report_and_downloads_a_pdf(page, base_url):
    page.goto(f"{base_url}/assess?as_of=2025-06-01")
    page.select_option("#example", "eu-exchange.yaml")
    page.click("#assess-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('assess-status').textContent === 'Done.'", timeout=60000)
    frame = page.frame_locator("#report")
    assert frame.locator("body").inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "assessment.png"), full_page=True)
    with page.expect_download(timeout=60000) as download:
        page.click("#pdf")
    path = download.value.path()
    assert Path(path).read_bytes()[:5] == b"%PDF-"


def _assessed(page, base_url):
    page.goto(f"{base_url}/assess?as_of=2025-06-01")
    page.select_option("#example", "eu-exchange.yaml")
    page.click("#assess-form button[type=submit]")
    page.wait_for_function("() => document.getElementById('assess-status').textContent === 'Done.'", timeout=60000)


def _corridor(page, base_url):
    page.goto(f"{base_url}/travel-rule")
    page.fill("#date", "2025-03-03")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=corridor-result]")


PAGES = [
    ("map", "/?as_of=2025-06-01", lambda page, base: page.wait_for_selector('#map[data-loaded="true"]')),
    ("compare", "/compare?as_of=2025-06-01", None),
    ("travel-rule", "/travel-rule", _corridor),
    ("assess", "/assess", _assessed),
    ("search", "/search?q=custody&as_of=2025-06-01", None),
    ("jurisdiction-EU", "/jurisdictions/EU?as_of=2025-06-01", None),
    ("firm", "/firms/5299005V5GBSN2A4C303?as_of=2026-03-01", None),
    ("firms", "/firms?q=bit&as_of=2026-03-01", None),
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1440"])
def test_no_page_scrolls_sideways(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE, has_touch=viewport is PHONE)
    page = watch(context.new_page())
    wide = {}
    for name, path, act in PAGES:
        if act is None or name == "map":
            page.goto(base_url + path)
        if act is not None:
            act(page, base_url)
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide[name] = overflow
        page.screenshot(path=str(ARTIFACTS / f"{viewport['width']}-{name}.png"), full_page=True)
    if viewport is DESKTOP:
        page.goto(f"{base_url}/?as_of=2025-06-01&metric=travel_rule")
        page.wait_for_selector('#map[data-loaded="true"]')
        page.screenshot(path=str(ARTIFACTS / "1440-map-travel-rule.png"))
    context.close()
    assert wide == {}, f"pages wider than the {viewport['width']} px window: {wide}"


def test_phone_map_is_full_width_with_the_legend_below(browser, base_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = watch(context.new_page())
    page.goto(f"{base_url}/?as_of=2025-06-01")
    page.wait_for_selector('#map[data-loaded="true"]')
    map_box, legend_box = page.locator("#map").bounding_box(), page.locator("#legend").bounding_box()
    assert map_box["width"] > 330
    assert legend_box["y"] >= map_box["y"] + map_box["height"] - 1
    assert "no data" in page.inner_text("#legend")
    page.screenshot(path=str(ARTIFACTS / "390-map-top.png"))
    context.close()


def test_the_slider_keeps_links_and_the_address_in_step(page, base_url):
    page.goto(f"{base_url}/?as_of=2025-06-01")
    page.wait_for_selector('#map[data-loaded="true"]')
    page.focus("#asof-slider")
    page.keyboard.press("Home")
    page.wait_for_function("() => document.getElementById('map').dataset.day === '2015-01-01'")
    assert "as_of=2015-01-01" in page.evaluate("location.search")
    hrefs = page.eval_on_selector_all("a[href*=as_of]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all("as_of=2015-01-01" in h for h in hrefs), hrefs
    assert "as_of=2015-01-01" in page.get_attribute("nav a[href^='/compare']", "href")
    page.click("#status-table tbody tr[data-code='SG'] a")
    page.wait_for_load_state()
    assert page.input_value("#asof") == "2015-01-01"
    page.go_back()
    page.wait_for_selector('#map[data-loaded="true"]')
    page.fill("#asof", "1999-01-01")
    page.dispatch_event("#asof", "change")
    page.wait_for_function("() => document.getElementById('asof').value === '2015-01-01'")
    assert page.eval_on_selector("#asof-slider", "s => s.value") == "0"
    page.fill("#asof", "2031-06-01")
    page.dispatch_event("#asof", "change")
    page.wait_for_function("() => document.getElementById('map').dataset.day === '2030-12-31'")
    assert "as_of=2030-12-31" in page.evaluate("location.search")


def test_an_assessment_error_hides_the_stale_report(page, base_url):
    page.goto(f"{base_url}/assess?as_of=2025-06-01")
    assert page.locator("#report").is_hidden(), "no empty report box before the first run"
    assert page.get_attribute("#report", "sandbox") == ""
    _assessed(page, base_url)
    assert page.locator("#report").is_visible()
    frame = page.frame_locator("#report")
    assert frame.locator("table").first.evaluate("t => getComputedStyle(t).borderCollapse") == "collapse"
    page.screenshot(path=str(ARTIFACTS / "assessment-desktop.png"), full_page=True)
    page.fill("#profile", "name: [unclosed\n  - : :")
    page.click("#assess-form button[type=submit]")
    error = page.wait_for_selector("[data-testid=assess-error]")
    assert error.inner_text().startswith("Line 2, column")
    CONSOLE[:] = [m for m in CONSOLE if "status of 422" not in m]  # the expected answer to bad YAML
    assert page.locator("#report").is_hidden()
    page.screenshot(path=str(ARTIFACTS / "assessment-error.png"))


def test_html_routes_answer_errors_with_a_page(page, base_url):
    response = page.goto(f"{base_url}/jurisdictions/ZZ")
    assert response.status == 404
    assert "text/html" in response.headers["content-type"]
    assert page.locator("nav a[href^='/compare']").count() == 1
    assert "ZZ" in page.inner_text("[data-testid=error-detail]")
    CONSOLE[:] = [m for m in CONSOLE if "404" not in m]  # the page's own status, expected
    page.goto(f"{base_url}/compare?codes=EU,ZZ")
    assert "ZZ: unknown code" in page.inner_text("[data-testid=unknown-codes]")
    assert page.locator("table.compare thead th").count() == 2


def test_eu_provisions_are_grouped_and_filterable(page, base_url):
    page.goto(f"{base_url}/jurisdictions/EU?as_of=2025-06-01")
    groups = page.locator("#provisions section.topic")
    assert groups.count() > 5
    total = page.locator("#provisions tbody tr").count()
    page.fill("#prov-filter", "custody")
    visible = page.locator("#provisions tbody tr:visible").count()
    assert 0 < visible < total
    page.fill("#prov-filter", "")
    assert page.locator("#provisions tbody tr:visible").count() == total


def test_api_docs_render_with_the_network_off(browser, base_url):
    """/docs and /redoc draw the whole API while every request off this server is cut."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    outside: list[str] = []

    def offline(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", offline)
    page = watch(context.new_page())
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    assert page.locator(".swagger-ui .opblock").count() >= 20
    page.screenshot(path=str(ARTIFACTS / "docs-swagger.png"))
    page.goto(f"{base_url}/redoc")
    page.wait_for_selector("li[data-item-id]", timeout=30_000)
    assert page.locator("li[data-item-id]").count() >= 20
    page.screenshot(path=str(ARTIFACTS / "docs-redoc.png"))
    context.close()
    assert outside == []


def test_no_console_errors_or_csp_violations(page, base_url):
    response = page.request.get(f"{base_url}/favicon.ico")
    assert response.status == 200
    assert CONSOLE == []
