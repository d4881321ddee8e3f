"""Assessment reports never reach out and cannot be injected (review 2026-12, web H2, M10, L4, L10).

User text never enters the report's CSS, the PDF renderer fetches nothing but the package's own
assets, Markdown escapes HTML, and control characters in profile names are refused.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import hashlib
import http.server
import re
import struct
import threading
import zlib
from pathlib import Path

import pytest
import yaml

from regatlas.engines.assess.engine import assess
from regatlas.engines.assess.profile_io import parse_profile
from regatlas.errors import InputError
from regatlas.interfaces.reports import render

PROFILE = Path(__file__).resolve().parent.parent / "examples" / "profiles" / "eu-exchange.yaml"
DAY = dt.date(2026, 11, 25)
AMP_NAME = 'Smith & Jones "Ltd" <EU>'
STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _needs_weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: Pango missing (scripts/ensure-system-deps.sh)
        pytest.skip(f"WeasyPrint unavailable: {exc}")


def _profile_text(name: str) -> str:
    profile = yaml.safe_load(PROFILE.read_text())
    profile["name"] = name
    return yaml.safe_dump(profile)


@pytest.fixture(scope="module")
def base_doc(atlas) -> dict:
    return assess(atlas, parse_profile(PROFILE.read_text(), "p.yaml", atlas), DAY)


def _named(doc: dict, name: str) -> dict:
    """The assessment `doc` with the firm renamed, bypassing profile validation."""
    out = copy.deepcopy(doc)
    out["profile"]["name"] = name
    return out


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\xff\x00\x00" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture
def probe_server():
    """A local HTTP server that records every request (and would serve a PNG to each)."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            body = _png()
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], seen
    server.shutdown()
    server.server_close()
    thread.join()


def _css_payload(port: int, marker: Path) -> str:
    return (f"X\n}} }} body {{ background: url(http://127.0.0.1:{port}/probe) }} "
            f"h1 {{ background: url({marker.as_uri()}) no-repeat; background-size: 100% 100%; height: 300px }} "
            "@page { @top-left { content: 'y")


def _pdf_objects(pdf: bytes) -> bytes:
    """The PDF's bytes with every Flate stream (object streams included) decompressed."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            pass
    return b"\n".join(parts)


def test_css_injection_in_name_fetches_nothing_and_embeds_no_image(base_doc, probe_server, tmp_path):
    _needs_weasyprint()
    port, seen = probe_server
    marker = tmp_path / "marker.png"
    marker.write_bytes(_png())
    pdf = render(_named(base_doc, _css_payload(port, marker)), "pdf")
    assert pdf[:5] == b"%PDF-"
    assert seen == [], f"the PDF renderer fetched {seen}"
    assert b"/Image" not in _pdf_objects(pdf)


def test_css_injection_in_name_is_refused_by_validation(atlas, tmp_path):
    marker = tmp_path / "marker.png"
    with pytest.raises(InputError) as err:
        parse_profile(_profile_text(_css_payload(9, marker)), "p.yaml", atlas)
    assert err.value.location.field == "name" and "control character" in err.value.message


def test_url_fetcher_serves_only_package_assets():
    _needs_weasyprint()
    from regatlas.interfaces.reports.pdf import ASSETS, asset_fetcher

    fetcher = asset_fetcher()
    css = (ASSETS / "report.css").resolve()
    assert fetcher(css.as_uri()).read() == css.read_bytes()
    escape = ASSETS.as_uri() + "/../../../../../../etc/passwd"
    for url in ("http://127.0.0.1:9/x.png", "https://example.com/x.css", "ftp://example.com/x",
                "file:///etc/passwd", escape, "data:image/png;base64,iVBORw0KGgo=",
                (ASSETS.parent / "html.py").as_uri()):
        with pytest.raises(ValueError, match="refused"):
            fetcher(url)


@pytest.fixture(scope="module")
def amp_pages(base_doc) -> list:
    """The laid-out PDF pages of the assessment of a firm named `AMP_NAME`."""
    _needs_weasyprint()
    from regatlas.interfaces.reports.pdf import pdf_document

    return pdf_document(_named(base_doc, AMP_NAME)).pages


def _walk(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _text(box) -> str:
    return "".join(getattr(b, "text", "") for b in _walk(box))


def test_pdf_running_header_shows_plain_name_and_stamp(amp_pages, base_doc):
    rb = base_doc["rulebook"]
    for keyword, want in (("@top-left", f"Regulatory assessment: {AMP_NAME}"),
                          ("@top-right", f"rulebook {rb['version']} - as of {rb['as_of']}")):
        headers = [_text(box) for page in amp_pages for box in page._page_box.children
                   if getattr(box, "at_keyword", None) == keyword]
        assert len(headers) == len(amp_pages) and set(headers) == {want}


def test_pdf_summary_breaks_no_word_and_overflows_no_cell(amp_pages):
    from weasyprint.formatting_structure.boxes import LineBox, TableBox, TableCellBox, TextBox

    table = next(b for b in _walk(amp_pages[0]._page_box)
                 if isinstance(b, TableBox) and b.element.get("class") == "summary")
    for cell in (b for b in _walk(table) if isinstance(b, TableCellBox)):
        source = " ".join("".join(cell.element.itertext()).replace("\xad", "").split())
        lines = [_text(line).strip() for line in _walk(cell) if isinstance(line, LineBox)]
        joined = ""
        for line in lines:  # a break at a soft hyphen shows U+2010; any other break is at a space
            joined += line[:-2] if line.endswith("\xad\u2010") else line + " "
        assert joined.strip() == source, f"a word is broken: {lines}"
        right = cell.content_box_x() + cell.width
        for box in (b for b in _walk(cell) if isinstance(b, TextBox)):
            assert box.position_x + box.width <= right + 0.01, f"{box.text!r} overflows its cell"


def test_style_is_static_and_carries_no_user_text(base_doc):
    one = render(_named(base_doc, AMP_NAME), "html")
    other = _named(base_doc, "Other firm")
    other["rulebook"] = {**other["rulebook"], "version": "zzz-version", "as_of": "1999-01-01"}
    two = render(other, "html")
    style = STYLE.findall(one)
    assert len(style) == 1 and style == STYLE.findall(two)
    for text in ("Smith", "Other firm", "zzz-version", "1999-01-01", base_doc["rulebook"]["version"]):
        assert text not in style[0]


def test_style_csp_hash_matches_rendered_style(base_doc):
    from regatlas.interfaces.reports.html import STYLE_CSP_SOURCE

    style = STYLE.findall(render(base_doc, "html"))[0]
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    assert STYLE_CSP_SOURCE == f"'sha256-{digest}'"


def test_markdown_escapes_html_in_names_and_cells(base_doc):
    doc = _named(base_doc, "<script>alert(1)</script> & Co | Ltd")
    doc["summary"][0]["name"] = "<b>Land|X</b>"
    md = render(doc, "md")
    assert "<script>" not in md and "<b>" not in md
    assert "# Regulatory assessment: &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co | Ltd" in md
    assert "| &lt;b&gt;Land\\|X&lt;/b&gt; (" in md  # table pipes stay escaped


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029"])
def test_control_characters_in_names_are_refused(atlas, char):
    with pytest.raises(InputError) as err:
        parse_profile(_profile_text(f"Acme{char}Exchange"), "p.yaml", atlas)
    assert err.value.location.field == "name"
    assert f"U+{ord(char):04X}" in err.value.message


@pytest.mark.parametrize("path", [("entities", 0, "name"), ("tokens", 0, "name"), ("tokens", 0, "symbol"),
                                  ("entities", 0, "licences", 0, "reference")])
def test_control_characters_in_other_free_text_are_refused(atlas, path):
    profile = yaml.safe_load(PROFILE.read_text())
    *parent, key = path
    target = profile
    for part in parent:
        target = target[part]
    target[key] = "bad\x1b[31m"
    with pytest.raises(InputError) as err:
        parse_profile(yaml.safe_dump(profile), "p.yaml", atlas)
    assert err.value.location.field == ".".join(map(str, path))


def test_description_may_span_lines_but_refuses_other_control_characters(atlas):
    profile = yaml.safe_load(PROFILE.read_text())
    profile["description"] = "First line.\nSecond line,\twith a tab."
    assert parse_profile(yaml.safe_dump(profile), "p.yaml", atlas).description.count("\n") == 1
    profile["description"] += "\x1b[31m"
    with pytest.raises(InputError, match="U\\+001B"):
        parse_profile(yaml.safe_dump(profile), "p.yaml", atlas)
