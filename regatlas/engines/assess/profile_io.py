"""Read a firm profile (YAML or JSON) into the typed model; every error names file, line, field.

Schema errors come from the pydantic model; references (jurisdictions, licence provisions,
entity ids, currencies) are checked against the atlas. All are `InputError` (exit code 2).

>>> from regatlas.store.atlas import open_atlas
>>> p = parse_profile("name: X\\nactivities: [custody]\\nentities: [{id: e, name: E, jurisdiction: CH}]\\n"
...                   "markets: [{jurisdiction: CH}]\\n", "p.yaml", open_atlas())
>>> p.entities[0].jurisdiction
'CH'
>>> parse_profile("name: X\\nactivities: [farming]\\n", "p.yaml", None)
Traceback (most recent call last):
...
regatlas.errors.InputError: p.yaml:2:14: activities.0: ...
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from regatlas.errors import InputError
from regatlas.model.profile import FirmProfile
from regatlas.rulebook.checks.codes import currency_known
from regatlas.rulebook.load import describe_validation_error
from regatlas.rulebook.yamlpos import Document
from regatlas.untrusted.files import parse_document, read_text


def _error(doc: Document, path: tuple, message: str, key: bool = False) -> InputError:
    line, column = doc.position(path, key)
    return InputError(message, file=doc.file, line=line, column=column,
                      field=".".join(str(p) for p in path) or None)


def parse_profile(text: str, file: str, atlas: Any | None, kind: str = "yaml") -> FirmProfile:
    """Parse and validate profile `text` (`kind` "yaml" or "json"); `atlas` checks codes and
    provision ids. The text is untrusted: bounded and strict (see `regatlas.untrusted`)."""
    doc = parse_document(text, file, kind)
    if not isinstance(doc.value, dict):
        raise InputError("a firm profile must be a mapping (name, entities, activities, markets, ...)",
                         file=file, line=1, column=1)
    try:
        profile = FirmProfile.model_validate(doc.value)
    except ValidationError as exc:
        # a wrong value says more than a missing key, so it is reported first
        errors = sorted(exc.errors(), key=lambda e: e["type"] == "missing")
        path, message, key = describe_validation_error(errors[0])
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more error{'s' * (len(errors) > 2)})"
        raise _error(doc, path, message, key) from None
    if atlas is not None:
        _check_references(profile, doc, atlas)
    return profile


def load_profile(path: Path, atlas: Any | None) -> FirmProfile:
    """Read and validate the profile file at `path` (JSON when it ends in .json, else YAML)."""
    kind = "json" if path.suffix.lower() == ".json" else "yaml"
    return parse_profile(read_text(path), str(path), atlas, kind)


def _check_references(profile: FirmProfile, doc: Document, atlas: Any) -> None:
    from regatlas.engines.assess.data import assess_data

    data = assess_data(atlas)
    codes = data.jurisdictions

    def need_code(code: str, path: tuple) -> None:
        if code not in codes:
            raise _error(doc, path, f"unknown jurisdiction '{code}' (see `regatlas jurisdictions`)")

    entity_ids: set[str] = set()
    for i, entity in enumerate(profile.entities):
        if entity.id in entity_ids:
            raise _error(doc, ("entities", i, "id"), f"duplicate entity id '{entity.id}'")
        entity_ids.add(entity.id)
        need_code(entity.jurisdiction, ("entities", i, "jurisdiction"))
        for k, lic in enumerate(entity.licences):
            path = ("entities", i, "licences", k)
            need_code(lic.jurisdiction, path + ("jurisdiction",))
            prov = data.provisions.get(lic.provision)
            if prov is None:
                raise _error(doc, path + ("provision",), f"unknown provision '{lic.provision}'")
            if prov["topic"] != "licensing":
                raise _error(doc, path + ("provision",),
                             f"'{lic.provision}' is a {prov['topic']} provision, not a licensing one")
            if prov["jurisdiction"] not in data.chains[lic.jurisdiction]:
                raise _error(doc, path + ("jurisdiction",),
                             f"'{lic.provision}' is not law in {lic.jurisdiction}")
    seen: set[str] = set()
    for i, market in enumerate(profile.markets):
        need_code(market.jurisdiction, ("markets", i, "jurisdiction"))
        if market.jurisdiction in seen:
            raise _error(doc, ("markets", i, "jurisdiction"), f"market '{market.jurisdiction}' listed twice")
        seen.add(market.jurisdiction)
        if market.entity and market.entity not in entity_ids:
            raise _error(doc, ("markets", i, "entity"), f"unknown entity '{market.entity}'")
    for i, token in enumerate(profile.tokens):
        for k, cur in enumerate(token.peg_currencies):
            if not currency_known(cur):
                raise _error(doc, ("tokens", i, "peg_currencies", k), f"'{cur}' is not an ISO 4217 code")
    for name in ("monthly_volume", "tokens_outstanding"):
        money = getattr(profile.volumes, name)
        if money is not None and not currency_known(money.currency):
            raise _error(doc, ("volumes", name, "currency"), f"'{money.currency}' is not an ISO 4217 code")
