"""The documentation site (issue 20): it builds offline with --strict, its references are generated
from the code, and every Python example in its pages runs (docs as tests, so none goes stale)."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FENCE = re.compile(r"^```pycon\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = sorted(p for p in DOCS.rglob("*.md") if FENCE.search(p.read_text(encoding="utf-8")))


def test_the_guides_have_examples():
    assert {p.relative_to(DOCS).as_posix() for p in PAGES} >= {
        "index.md", "guides/library.md", "guides/screen-pandas.md", "guides/assess-firm.md",
        "guides/check-corridor.md"}


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_every_python_example_of_a_page_runs(page):
    """The page's `pycon` blocks run in order in one namespace, as a reader would type them."""
    text = page.read_text(encoding="utf-8")
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    namespace: dict = {}
    for n, block in enumerate(FENCE.findall(text)):
        test = parser.get_doctest(block, namespace, f"{page.name}[{n}]", str(page), 0)
        runner.run(test, clear_globs=False)
        namespace = test.globs  # DocTest copies the namespace it is given: carry it to the next block
    result = runner.summarize(verbose=False)
    assert result.failed == 0 and result.attempted > 0


def test_the_site_builds_offline_with_generated_references(tmp_path):
    site = tmp_path / "site"
    env = {**os.environ, "REGATLAS_HOME": os.environ.get("REGATLAS_HOME", str(tmp_path / "home"))}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                         check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    cli = (site / "reference" / "cli.html").read_text(encoding="utf-8")
    for command in ("regatlas travel-rule check", "regatlas show", "regatlas stale", "regatlas screen"):
        assert command in cli, command
    rest = (site / "reference" / "rest.html").read_text(encoding="utf-8")
    assert "GET /api/v1/jurisdictions/{code}" in rest and "POST /api/v1/travel-rule/check" in rest
    assert "travel_rule_check" in (site / "reference" / "python.html").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):  # nothing is fetched from the network: the site works offline
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|img)[^>]+src="https?:', html), page
        assert not re.search(r'<link[^>]+href="https?:', html), page
