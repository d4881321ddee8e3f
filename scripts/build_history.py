"""Write regatlas/data/history/rulebook-history.zip from this repository's git history (every
main-line commit that changed the rulebook is a version; see regatlas/history/archive.py).

    .venv/bin/python scripts/build_history.py
"""

from __future__ import annotations

from pathlib import Path

from regatlas.history.archive import build_archive

if __name__ == "__main__":
    summary = build_archive(Path(__file__).resolve().parent.parent)
    print(f"{summary['versions']} versions, {summary['blobs']} file versions, {summary['bytes']:,} bytes")
