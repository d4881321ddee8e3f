"""What the assessment reads from the store, loaded once per atlas and then only looked up.

The store is immutable per version, so provisions with their status intervals, lowered
conditions, classification rules, the perimeter roles, inheritance chains and passporting
agreements are read once; an assessment then runs in memory (the latency target is 50 ms).

>>> from regatlas.store.atlas import open_atlas
>>> data = assess_data(open_atlas())
>>> data.chains["DE"]
['DE', 'EU']
>>> data.status("eu-mica-art59-casp-authorisation", __import__("datetime").date(2025, 1, 1))
'in_force'
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from regatlas.store import queries
from regatlas.store.atlas import Atlas

_LOCK = threading.Lock()
EPOCH = dt.date(1900, 1, 1)


@dataclass
class AssessData:
    """In-memory view of the store for assessments (one per atlas version)."""

    atlas: Atlas
    provisions: dict[str, dict[str, Any]] = field(default_factory=dict)
    intervals: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = field(default_factory=dict)
    by_jurisdiction: dict[str, list[str]] = field(default_factory=dict)
    conditions: dict[str, list] = field(default_factory=dict)
    rules: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    perimeter: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    jurisdictions: dict[str, dict[str, Any]] = field(default_factory=dict)
    chains: dict[str, list[str]] = field(default_factory=dict)
    passports: list[dict[str, Any]] = field(default_factory=list)
    fact_changes: dict[tuple[str, str], list[dt.date]] = field(default_factory=dict)
    vocabulary: dict[str, dict[str, Any]] = field(default_factory=dict)
    _facts: dict[tuple[str, str, dt.date], dict[str, Any]] = field(default_factory=dict)

    def _interval_start(self, kind: str, code: str, day: dt.date) -> dt.date:
        """The last date on or before `day` where any `kind` fact in `code`'s chain changes:
        the store's answer is the same for every day until the next change."""
        starts = self.fact_changes.get((kind, code), [EPOCH])
        return starts[max(bisect.bisect_right(starts, day) - 1, 0)]

    def status(self, ident: str, day: dt.date) -> str | None:
        """A provision's status on `day` (None before publication)."""
        for status, start, end in self.intervals.get(ident, ()):
            if (start is None or start <= day) and (end is None or day < end):
                return status
        return None

    def in_chain(self, code: str) -> list[str]:
        """Provision ids of `code` and of every jurisdiction whose law it inherits."""
        return [i for c in self.chains[code] for i in self.by_jurisdiction.get(c, ())]

    def rules_for(self, code: str) -> tuple[str, list[dict[str, Any]]]:
        """(file code, rules): the nearest classification file in the chain, else `generic`."""
        for c in self.chains[code]:
            if c in self.rules:
                return c, self.rules[c]
        return "generic", self.rules.get("generic", [])

    def perimeter_role(self, code: str, ident: str) -> str | None:
        """The perimeter role of provision `ident` in `code`'s chain (reverse_solicitation, ...)."""
        for c in self.chains[code]:
            for role, ids in self.perimeter.get(c, {}).items():
                if ident in ids:
                    return role
        return None

    def travel_rule(self, code: str, day: dt.date) -> dict[str, Any]:
        """The store's Travel Rule answer for `code` on `day`, memoised (the store is immutable)."""
        key = ("travel_rule", code, self._interval_start("travel_rule", code, day))
        if key not in self._facts:
            self._facts[key] = queries.travel_rule(self.atlas, code, key[2])
        return self._facts[key]

    def crypto_status(self, code: str, day: dt.date) -> str | None:
        """The overall crypto status of `code` on `day`, memoised."""
        key = ("crypto_status", code, self._interval_start("crypto_status", code, day))
        if key not in self._facts:
            self._facts[key] = queries.crypto_status(self.atlas, code, key[2])
        return self._facts[key].get("value")


def assess_data(atlas: Atlas) -> AssessData:
    """The cached `AssessData` of `atlas` (built on first use)."""
    cached = atlas.__dict__.get("_assess_data")
    if cached is not None:
        return cached
    with _LOCK:
        cached = atlas.__dict__.get("_assess_data")
        if cached is None:
            cached = _load(atlas)
            atlas.__dict__["_assess_data"] = cached
    return cached


def _load(atlas: Atlas) -> AssessData:
    data = AssessData(atlas=atlas)
    for r in atlas.rows("SELECT * FROM provisions ORDER BY jurisdiction, id"):
        p = queries.provision_dict(atlas, r)
        p["proposed"] = r["proposed"]
        data.provisions[p["id"]] = p
        data.by_jurisdiction.setdefault(p["jurisdiction"], []).append(p["id"])
    for r in atlas.rows("SELECT id, status, valid_from, valid_to FROM provision_status ORDER BY valid_from"):
        data.intervals.setdefault(r["id"], []).append((r["status"], r["valid_from"], r["valid_to"]))
    data.vocabulary = queries.parameter_vocabulary(atlas)
    data.conditions = {r["id"]: json.loads(r["tree"]) for r in atlas.rows("SELECT * FROM provision_conditions")}
    for r in atlas.rows("SELECT * FROM classification_rules ORDER BY jurisdiction, position"):
        r["condition_tree"] = json.loads(r["condition_tree"])
        r["factors"] = json.loads(r["factors"])
        r["source"] = queries.source_of(atlas, r)
        data.rules.setdefault(r["jurisdiction"], []).append(r)
    for r in atlas.rows("SELECT * FROM classification_perimeter"):
        data.perimeter.setdefault(r["jurisdiction"], {}).setdefault(r["role"], set()).add(r["provision"])
    for r in atlas.rows("SELECT code, name, kind, parent, currency, inherits, memberships FROM jurisdictions"):
        data.jurisdictions[r["code"]] = r
    data.chains = {code: queries.chain(atlas, code) for code in data.jurisdictions}
    changes: dict[tuple[str, str], set[dt.date]] = {}
    for r in atlas.rows("SELECT jurisdiction, kind, valid_from, valid_to FROM facts"):
        changes.setdefault((r["kind"], r["jurisdiction"]), set()).update(
            d for d in (r["valid_from"], r["valid_to"]) if d is not None)
    for code, chain in data.chains.items():
        for kind in ("travel_rule", "crypto_status"):
            data.fact_changes[(kind, code)] = sorted({EPOCH}.union(*(changes.get((kind, c), set()) for c in chain)))
    for r in atlas.rows("SELECT * FROM agreements WHERE kind = 'passporting' ORDER BY id"):
        r["source"] = queries.source_of(atlas, r)
        data.passports.append(r)
    return data
