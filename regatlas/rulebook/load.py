"""Load a rulebook directory into the typed model, keeping every error with its position.

Layout: `jurisdictions/CODE.yaml` (one jurisdiction each), `standards/*.yaml` (one standard
each), `agreements/*.yaml` (a list of agreements each), `alignment/*.yaml` (a list of cited alignment
assessments each), `vocabulary/*.yaml` (declared parameter names, one mapping per file).

>>> loaded = load_rulebook(default_rulebook_dir())
>>> loaded.errors
[]
>>> "EU" in loaded.rulebook.jurisdictions
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from regatlas.errors import RulebookError
from regatlas.model import (
    Agreement,
    AlignmentAssessment,
    Classification,
    FatfPlenary,
    Jurisdiction,
    Rulebook,
    Standard,
)
from regatlas.model.competence import CompetenceMap
from regatlas.model.issuers import TokenIssuer
from regatlas.model.legal_data import ActivityScope, CurrencyPegs, ListingConsequence, PublishedFigure
from regatlas.model.ratings import OfficialRating
from regatlas.model.stablecoin import StablecoinRegime
from regatlas.model.vocabulary import ParameterDef
from regatlas.rulebook.files import content_version, default_rulebook_dir  # noqa: F401 - callers import the dir from here
from regatlas.rulebook.yamlpos import Document, Path_, load_file

SECTIONS: dict[str, type[BaseModel]] = {
    "jurisdictions": Jurisdiction,
    "standards": Standard,
    "agreements": Agreement,
    "alignment": AlignmentAssessment,
    "classification": Classification,
    "stablecoin_regimes": StablecoinRegime,
    "vocabulary": ParameterDef,
    # Legal content once kept in engine code: published figures, listing consequences, VASP
    # scopes (lists of entries per file) and currency pegs (one file per currency).
    "figures": PublishedFigure,
    "listings": ListingConsequence,
    "scopes": ActivityScope,
    "fx_pegs": CurrencyPegs,
    "fatf_plenaries": FatfPlenary,  # the FATF public lists after each plenary
    "competence": CompetenceMap,  # who claims which activity, one file per jurisdiction
    "ratings": OfficialRating,  # official verdicts (FATF R.15 ratings ...), lists per file
    "issuers": TokenIssuer,  # token issuers and whether they can freeze their tokens
}
LIST_SECTIONS = frozenset({"agreements", "alignment", "figures", "listings", "scopes", "ratings", "issuers"})
"""Sections whose files hold one entry or a list of entries (the others: one entry per file)."""
KEYED_SECTIONS = frozenset({"vocabulary"})
"""Sections whose files map each entry's id to the rest of the entry (`name: {type: ...}`)."""


@dataclass
class Loaded:
    """A loaded rulebook plus what is needed to point at any place in its files."""

    root: Path
    rulebook: Rulebook
    documents: dict[str, Document] = field(default_factory=dict)
    origins: dict[tuple[str, str], tuple[str, Path_]] = field(default_factory=dict)
    errors: list[RulebookError] = field(default_factory=list)

    def error(self, file: str, path: Path_, message: str, key: bool = False) -> RulebookError:
        """An error at `path` of `file` (at its key when `key`), with line, column and field."""
        doc = self.documents.get(file)
        line, column = doc.position(path, key) if doc else (None, None)
        field_ = ".".join(str(p) for p in path) or None
        return RulebookError(message, file=file, line=line, column=column, field=field_)

    def entities(self, section: str) -> Iterator[tuple[str, Path_, Any]]:
        """(file, path, model) for each loaded entity of a section."""
        table = getattr(self.rulebook, section)
        for key, entity in table.items():
            file, path = self.origins[(section, key)]
            yield file, path, entity


def describe_validation_error(err: Any, base: Path_ = ()) -> tuple[Path_, str, bool]:
    """(path, message, at_key) for one pydantic error, worded as the validator words it.

    >>> describe_validation_error({"loc": ("a", "Money", "b"), "msg": "x", "type": "missing"})
    (('a', 'b'), "missing required key 'b'", False)
    >>> describe_validation_error({"loc": ("A",), "msg": "x", "type": "extra_forbidden"})
    (('A',), "unknown key 'A'", True)
    """
    parts = tuple(err["loc"])
    # The last part of a missing or unknown key is the key itself, whatever it looks like.
    named = err["type"] in ("extra_forbidden", "missing") and parts
    kept = tuple(p for p in (parts[:-1] if named else parts) if not _is_union_tag(p))
    loc = base + kept + (parts[-1:] if named else ())
    message, at_key = err["msg"], err["type"] == "extra_forbidden"
    if at_key:
        message = f"unknown key '{loc[-1]}'"
    elif err["type"] == "missing":
        message = f"missing required key '{loc[-1]}'"
    elif err["type"] == "literal_error":
        message = f"{message} (got {err['input']!r})"
    return loc, message, at_key


def _validation_errors(loaded: Loaded, file: str, base: Path_, exc: ValidationError) -> None:
    for err in exc.errors():
        loc, message, at_key = describe_validation_error(err, base)
        loaded.errors.append(loaded.error(file, loc, message, key=at_key))


def _is_union_tag(part: Any) -> bool:
    """pydantic inserts union member names (e.g. 'Money', 'list[str]') into error paths."""
    return isinstance(part, str) and (part[:1].isupper() or "[" in part or part in {
        "bool", "int", "float", "str"})


def _entries(section: str, doc: Document) -> list[tuple[Path_, Any]]:
    if section in LIST_SECTIONS:
        if not isinstance(doc.value, list):
            return [((), doc.value)]
        return [((i,), item) for i, item in enumerate(doc.value)]
    if section in KEYED_SECTIONS and isinstance(doc.value, dict):
        # name: {type, stricter, ...}; the key is the entity's id
        return [((name,), {"id": name, **item} if isinstance(item, dict) else item)
                for name, item in doc.value.items()]
    return [((), doc.value)]


def load_rulebook(root: Path, sections: Iterable[str] = SECTIONS) -> Loaded:
    """Load and type-check every file under `root`; structural errors are collected, not raised.

    `sections` narrows what is loaded (the fx engine reads only `fx_pegs`); the version is always
    that of the whole rulebook.
    """
    loaded = Loaded(root=root, rulebook=Rulebook(version=content_version(root)))
    for section in sections:
        model = SECTIONS[section]
        table = getattr(loaded.rulebook, section)
        for path in sorted((root / section).glob("*.yaml")):
            name = path.relative_to(root.parent).as_posix()
            try:
                doc = load_file(path, name)
            except RulebookError as exc:
                loaded.errors.append(exc)
                continue
            loaded.documents[name] = doc
            for base, raw in _entries(section, doc):
                if not isinstance(raw, dict):
                    loaded.errors.append(loaded.error(name, base, "expected a mapping"))
                    continue
                try:
                    entity = model.model_validate(raw)
                except ValidationError as exc:
                    _validation_errors(loaded, name, base, exc)
                    continue
                key = getattr(entity, "code", None) or entity.id
                if key in table:
                    first, _ = loaded.origins[(section, key)]
                    loaded.errors.append(
                        loaded.error(name, base, f"duplicate id '{key}' (first in {first})")
                    )
                    continue
                table[key] = entity
                loaded.origins[(section, key)] = (name, base)
    return loaded
