"""The store schema's fingerprint, in every compiled atlas's file name, computed without importing
the compiler (so opening a built atlas does not load pyarrow).

It hashes the source of the modules that define the tables and the SQL and derive the stored rows
(compile, rows, legal_rows, fatf_rows, competence_rows, coverage) and of the models (they compute intervals and
defaults). Any change to what the store holds or to how a stored value is computed (a new coverage
rule, say) gives a new schema, so a stale atlas file is never opened (review F11).

>>> len(STORE_SCHEMA)
8
"""

from __future__ import annotations

import hashlib
from pathlib import Path

HERE = Path(__file__).parent
DERIVING = ("compile", "rows", "legal_rows", "fatf_rows", "competence_rows", "coverage")


def deriving_sources() -> list[Path]:
    """The source files whose text makes up the fingerprint, in a fixed order."""
    return [HERE / f"{name}.py" for name in DERIVING] + sorted((HERE.parent / "model").rglob("*.py"))


def schema_fingerprint() -> str:
    """Eight hex digits of the SHA-256 of the deriving sources."""
    text = "".join(path.read_text(encoding="utf-8") for path in deriving_sources())
    return hashlib.sha256(text.encode()).hexdigest()[:8]


STORE_SCHEMA = schema_fingerprint()
"""The store's schema version, in the atlas file name: `atlas-<version>-s<STORE_SCHEMA>.duckdb`."""
