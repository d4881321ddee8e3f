"""What changed in a register between two snapshots: new and removed firms, withdrawals, and changes
of services or passported states.

Firms are matched by LEI, or by name and authority when the register gives no valid LEI.

>>> from regatlas.store.registers import open_registers
>>> store = open_registers()
>>> d = diff(store, "esma-casp-2026-01-23-b5a897c8", "esma-casp-2026-02-09-da466db5")
>>> len(d["added"]), len(d["removed"])
(4, 0)
"""

from __future__ import annotations

from typing import Any

from regatlas.errors import InputError
from regatlas.registers.firms import snapshot_ref
from regatlas.store.registers import RegisterStore


def _key(row: dict[str, Any]) -> str:
    return row["lei"] or f"{(row['name'] or '').strip().lower()}|{(row['authority'] or '').strip().lower()}"


def _brief(row: dict[str, Any]) -> dict[str, Any]:
    return {"name": row["name"], "lei": row["lei"], "home_member_state": row["home_state"],
            "authority": row["authority"], "authorised_on": row["authorised_on"], "line": row["line"]}


def diff(store: RegisterStore, old_ref: str, new_ref: str) -> dict[str, Any]:
    """The differences from snapshot `old_ref` to `new_ref` (ids or SHA-256 prefixes) of one register."""
    old, new = store.snapshot(old_ref), store.snapshot(new_ref)
    if old["register"] != new["register"]:
        raise InputError(f"{old['id']} is {old['register']} and {new['id']} is {new['register']}: "
                         "compare two snapshots of one register", field="snapshot")
    before = {_key(r): r for r in store.entities([old["id"]])}
    after = {_key(r): r for r in store.entities([new["id"]])}
    changed, withdrawn = [], []
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        if b["end_on"] and not a["end_on"]:
            withdrawn.append({**_brief(b), "end_on": b["end_on"]})
        delta = {}
        for field in ("services", "countries"):
            gained = sorted(set(b[field] or []) - set(a[field] or []))
            lost = sorted(set(a[field] or []) - set(b[field] or []))
            if gained or lost:
                delta[field] = {"added": gained, "removed": lost}
        if delta:
            changed.append({**_brief(b), **delta})
    return {
        "register": new["register"], "old": snapshot_ref(old), "new": snapshot_ref(new),
        "added": [_brief(after[k]) for k in sorted(after.keys() - before.keys())],
        "removed": [_brief(before[k]) for k in sorted(before.keys() - after.keys())],
        "withdrawn": withdrawn, "changed": changed,
    }
