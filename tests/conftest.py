"""Shared fixtures: the compiled bundled atlas, isolated per test session, and the CLI in-process."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Compiled stores go to a per-run directory so tests never touch a user's cache.
os.environ.setdefault("REGATLAS_HOME", tempfile.mkdtemp(prefix="regatlas-test-home-"))


@pytest.fixture(scope="session")
def atlas():
    from regatlas.store.atlas import open_atlas

    return open_atlas()


@pytest.fixture(scope="module")
def rulebook_copy(tmp_path_factory) -> Path:
    """A writable copy of the bundled rulebook, shared by one module's validator cases."""
    from regatlas.rulebook import default_rulebook_dir

    root = tmp_path_factory.mktemp("rb") / "rulebook"
    shutil.copytree(default_rulebook_dir(), root)
    return root


@pytest.fixture(scope="session")
def codes(atlas) -> list[str]:
    return [r["code"] for r in atlas.rows("SELECT code FROM jurisdictions ORDER BY code")]


@dataclass
class CliResult:
    """What a `regatlas` run printed and its exit code."""

    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch):
    """Run `regatlas ARGS...` in this process through `main()`, so its error mapping (one line on
    stderr, the error's exit code) is what is tested; a new process is spawned only by the few
    smoke tests whose subject is the process (tests/test_cli_smoke.py)."""
    from regatlas.interfaces.cli.app import main

    def run(*args: str) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["regatlas", *args])
        with CliRunner().isolation() as (out, err, _):
            try:
                main()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
            sys.stdout.flush()  # plain writes (emit_json) sit in the wrapper's buffer until flushed
            sys.stderr.flush()
            return CliResult(code, out.getvalue().decode(), err.getvalue().decode())

    return run
