"""The register questions as the CLI, the API and the library ask them: each answer stamped with the
rulebook version and as-of date, and read from the register store.

>>> import datetime as dt
>>> doc = firm_check("5299005V5GBSN2A4C303", "c", "PL", dt.date(2026, 3, 1))
>>> doc["status"], doc["snapshot"]["line"], doc["rulebook"]["as_of"]
('passported', 2, '2026-03-01')
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from regatlas.registers import diff as diff_mod
from regatlas.registers import firms
from regatlas.store.atlas import Atlas, open_atlas
from regatlas.store.registers import load_file_into_store, open_registers


def _atlas(atlas: Atlas | None) -> Atlas:
    return atlas or open_atlas()


def _stamp(day: dt.date, atlas: Atlas) -> dict[str, str]:
    return {"version": atlas.version, "as_of": day.isoformat()}


def firm_search(text: str, day: dt.date, atlas: Atlas | None = None) -> dict[str, Any]:
    """`firms search`: firms by name, commercial name, LEI or website in each register's newest snapshot."""
    return {"rulebook": _stamp(day, _atlas(atlas)), **firms.search(open_registers(), text, day)}


def firm_show(lei: str, day: dt.date, atlas: Atlas | None = None) -> dict[str, Any]:
    """`firms show`: every register row for an LEI."""
    return {"rulebook": _stamp(day, _atlas(atlas)), **firms.show(open_registers(), lei, day)}


def firm_check(lei: str, service: str, country: str, day: dt.date, atlas: Atlas | None = None) -> dict[str, Any]:
    """`firms check`: may the firm provide the service in the country on the day (the atlas says
    whether the country's MiCA transitional period is running)."""
    atlas = _atlas(atlas)
    return {"rulebook": _stamp(day, atlas), **firms.check(open_registers(), lei, service, country, day, atlas)}


def registers_list() -> dict[str, Any]:
    """`registers list`: every loaded snapshot with its provenance and load counts."""
    return {"snapshots": open_registers().snapshots()}


def registers_load(path: Path, register: str, published: dt.date | None, source_url: str | None) -> dict[str, Any]:
    """`registers load`: add an official file; the snapshot and its rejects report."""
    snapshot, parsed, added = load_file_into_store(path, register, published, source_url)
    return {"snapshot": snapshot, "added": added, "rejected": [i.as_dict() for i in parsed.rejected],
            "dropped": [i.as_dict() for i in parsed.dropped]}


def registers_diff(old: str, new: str) -> dict[str, Any]:
    """`registers diff`: what changed between two snapshots of one register."""
    return diff_mod.diff(open_registers(), old, new)
