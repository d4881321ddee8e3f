"""Duplicate ids: every id is unique across the whole rulebook, whatever its kind."""

from __future__ import annotations

from regatlas.errors import RulebookError
from regatlas.rulebook.checks.index import build_index


def check(loaded) -> list[RulebookError]:
    """One error per repeated declaration, pointing at the first one."""
    errors = []
    for ident, places in build_index(loaded).places.items():
        first_kind, first_file, first_path = places[0]
        first_line, _ = loaded.documents[first_file].position(first_path)
        for kind, file, path in places[1:]:
            errors.append(loaded.error(
                file, path + ("id",),
                f"duplicate id '{ident}' (also a {first_kind} at {first_file}:{first_line})",
            ))
    return errors
