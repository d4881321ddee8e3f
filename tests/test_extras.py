"""Packaging (issue 20): the web server, PDF reports and charts are extras; a command that needs a
missing one exits 2 naming what to install, and the core requirements carry none of them."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

PYPROJECT = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())


def test_the_core_requirements_carry_no_heavy_part():
    core = " ".join(PYPROJECT["project"]["dependencies"]).lower()
    for heavy in ("fastapi", "uvicorn", "weasyprint", "matplotlib", "geopandas", "pyspark"):
        assert heavy not in core, heavy
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert {"web", "pdf", "charts", "spark"} <= set(extras)


@pytest.mark.parametrize(("blocked", "args", "extra"), [
    ("uvicorn", ["serve", "--port", "8799"], "web"),
    ("matplotlib", ["charts", "--out", "unused-dir"], "charts"),
])
def test_a_command_without_its_extra_exits_2_naming_it(cli, monkeypatch, blocked, args, extra):
    monkeypatch.setitem(sys.modules, blocked, None)  # importing it now raises ImportError
    result = cli(*args)
    assert result.exit_code == 2
    assert f"pip install 'regatlas[{extra}]'" in result.stderr and "Traceback" not in result.stderr
