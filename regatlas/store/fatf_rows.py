"""FATF public lists as store rows: plenaries and each jurisdiction's runs on (and off) the lists.

`fatf_plenaries` holds one row per plenary and list (the cited values), valid until the next plenary; `fatf_listings` one row per
unbroken run of a code on one list (or, after a removal, off the lists), started by the plenary
that listed or removed it. The query is `store.fatf.status`.

>>> from regatlas.rulebook import load_rulebook, default_rulebook_dir
>>> rb = load_rulebook(default_rulebook_dir(), sections=["fatf_plenaries"]).rulebook
>>> runs = table_rows(rb, {})["fatf_listings"]
>>> [(r["list"], str(r["valid_from"]), r["valid_to"]) for r in runs if r["code"] == "KW"]
[('increased_monitoring', '2026-02-13', None)]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from regatlas.model import FatfListing, FatfPlenary, Rulebook
from regatlas.store import rows

_S, _D = pa.string(), pa.date32()
_CITED = [("verification", _S), ("note", _S), ("source_instrument", _S), ("source_article", _S),
          ("source_url", _S)]
TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "fatf_plenaries": [("id", _S), ("plenary", _S), ("list", _S), ("codes", pa.list_(_S)), ("valid_from", _D),
                       ("valid_to", _D), *_CITED],
    "fatf_listings": [("code", _S), ("list", _S), ("valid_from", _D), ("valid_to", _D),
                      ("plenary", _S), *_CITED],
}
CITED_TABLES = ("fatf_plenaries",)
"""The table whose rows are the cited lists (two per plenary); `fatf_listings` is derived from them."""


def _cited(listing: FatfListing, urls: dict[str, str]) -> dict[str, Any]:
    return {"verification": listing.verification, "note": listing.note, **rows.source_cols(listing.source, urls)}


def _runs(plenaries: list[FatfPlenary], urls: dict[str, str]) -> Iterator[dict[str, Any]]:
    """Each code's runs: a new run starts at every plenary where its list changes (None = removed)."""
    open_runs: dict[str, dict[str, Any]] = {}
    for p in plenaries:
        codes = {c for lst in p.lists().values() for c in lst.codes} | set(open_runs)
        for code in sorted(codes):
            now, run = p.listed(code), open_runs.get(code)
            if run is not None and run["list"] == now:
                continue
            if run is not None:
                run["valid_to"] = p.date
                yield run
            # A removal is stated on the list the code left; a listing on the list it joined.
            listing = p.lists()[now or run["list"]]  # type: ignore[index]
            run = {"code": code, "list": now, "valid_from": p.date, "valid_to": None, "plenary": p.id,
                   **_cited(listing, urls)}
            if p is plenaries[0]:  # the atlas starts here: the listing may be older
                run["note"] = f"On the list at the first plenary in the atlas ({p.plenary}); it may have " \
                              f"been listed earlier. {run['note'] or ''}".strip()
            open_runs[code] = run
    yield from open_runs.values()


def table_rows(rulebook: Rulebook, urls: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Rows of both FATF tables, from the plenaries in date order."""
    plenaries = sorted(rulebook.fatf_plenaries.values(), key=lambda p: p.date)
    return {
        "fatf_plenaries": [{"id": p.id, "plenary": p.plenary, "list": name, "codes": listing.codes,
                            "valid_from": p.date,
                            "valid_to": plenaries[i + 1].date if i + 1 < len(plenaries) else None,
                            **_cited(listing, urls)}
                           for i, p in enumerate(plenaries) for name, listing in p.lists().items()],
        "fatf_listings": list(_runs(plenaries, urls)),
    }
