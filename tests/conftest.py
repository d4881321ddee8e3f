"""Shared fixtures: the compiled bundled atlas, isolated per test session."""

from __future__ import annotations

import os
import tempfile

import pytest

# Compiled stores go to a per-run directory so tests never touch a user's cache.
os.environ.setdefault("REGATLAS_HOME", tempfile.mkdtemp(prefix="regatlas-test-home-"))


@pytest.fixture(scope="session")
def atlas():
    from regatlas.store.atlas import open_atlas

    return open_atlas()


@pytest.fixture(scope="session")
def codes(atlas) -> list[str]:
    return [r["code"] for r in atlas.rows("SELECT code FROM jurisdictions ORDER BY code")]
