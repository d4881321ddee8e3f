"""Where the rulebook's files are and what version their bytes make, without the loader.

Opening a built atlas needs only these (its file name carries the content version); the loader
(YAML with positions, the rulebook models) is imported when a rulebook is actually parsed.

>>> default_rulebook_dir().name
'rulebook'
>>> len(content_version(default_rulebook_dir()))
12
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from regatlas.rulebook.rates import ecb_fingerprint

SECTION_NAMES = ("jurisdictions", "standards", "agreements", "alignment", "classification",
                 "stablecoin_regimes", "vocabulary", "figures", "listings", "scopes", "fx_pegs",
                 "fatf_plenaries", "competence", "ratings", "issuers")
"""The rulebook's sections, one folder each (load.SECTIONS gives each its model, in this order)."""


def default_rulebook_dir() -> Path:
    """The rulebook bundled with the package, or the directory named by $REGATLAS_RULEBOOK."""
    env = os.environ.get("REGATLAS_RULEBOOK")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data" / "rulebook"


def rulebook_files(root: Path) -> list[Path]:
    """Every YAML file of the rulebook, in a stable order."""
    return sorted(p for section in SECTION_NAMES for p in (root / section).glob("*.yaml"))


def content_version(root: Path) -> str:
    """Content hash of all data an answer depends on: same files, bytes and rates, same version.

    The rulebook's files (every section, currency pegs and published figures included) and the
    bundled ECB reference rates, which convert thresholds (docs/rulebook.md, "Versions").
    """
    digest = hashlib.sha256()
    for path in rulebook_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    digest.update(b"ecb-reference-rates\0" + ecb_fingerprint().encode())
    return digest.hexdigest()[:12]
