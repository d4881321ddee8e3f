"""Id index of a loaded rulebook: every id-bearing entity with kind, file and path.

>>> from regatlas.rulebook.load import load_rulebook, default_rulebook_dir
>>> idx = build_index(load_rulebook(default_rulebook_dir()))
>>> idx.kinds("instrument") > 0
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from regatlas.model import Authority, Instrument, Provision, Recommendation
from regatlas.rulebook.checks.walk import walk_all
from regatlas.rulebook.yamlpos import Path_

KINDS = {Instrument: "instrument", Authority: "authority", Provision: "provision",
         Recommendation: "recommendation"}


@dataclass
class Index:
    """Ids by kind, each with every (file, path) where it is declared."""

    places: dict[str, list[tuple[str, str, Path_]]] = field(default_factory=lambda: defaultdict(list))

    def has(self, kind: str, ident: str) -> bool:
        """True when an entity of `kind` with id `ident` is declared."""
        return any(k == kind for k, _, _ in self.places.get(ident, []))

    def kinds(self, kind: str) -> int:
        """How many distinct ids of `kind` are declared."""
        return sum(1 for decl in self.places.values() if any(k == kind for k, _, _ in decl))


def build_index(loaded) -> Index:
    """Index every declared id (instruments, authorities, provisions, recommendations)."""
    index = Index()
    for file, path, model in walk_all(loaded):
        kind = KINDS.get(type(model))
        if kind:
            index.places[model.id].append((kind, file, path))
    for section in ("standards", "agreements"):
        for file, base, entity in loaded.entities(section):
            index.places[entity.id].append((section[:-1], file, base))
    return index
