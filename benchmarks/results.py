"""Shared by the benchmark scripts: put one section into benchmarks/RESULTS.md, keep the others.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "R.md"
>>> replace_section(p, "## A", "## A\\n\\nold")
>>> replace_section(p, "## B", "## B\\n\\nb")
>>> replace_section(p, "## A", "## A\\n\\nnew")
>>> print(p.read_text())
# Benchmarks
<BLANKLINE>
## A
<BLANKLINE>
new
<BLANKLINE>
## B
<BLANKLINE>
b
<BLANKLINE>
"""

from __future__ import annotations

import re
from pathlib import Path


def replace_section(path: Path, title: str, text: str) -> None:
    """Replace the section whose heading line is `title` with `text` (append it the first time)."""
    old = path.read_text() if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(title)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    body = text.rstrip("\n") + "\n\n"
    new = pattern.sub(lambda _: body, old) if pattern.search(old) else old.rstrip("\n") + "\n\n" + body
    path.write_text(new.rstrip("\n") + "\n")
