"""References: every id a value points to is declared, with the right kind."""

from __future__ import annotations

from regatlas.errors import RulebookError
from regatlas.model import Instrument, Source
from regatlas.rulebook.checks.index import build_index
from regatlas.rulebook.checks.walk import walk_all


def check(loaded) -> list[RulebookError]:
    """Sources, authorities, standards, parents, inherited law, facts' provisions, parties."""
    index = build_index(loaded)
    codes = set(loaded.rulebook.jurisdictions)
    errors = []

    def need(file, path, kind, ident):
        if not index.has(kind, ident):
            errors.append(loaded.error(file, path, f"unknown {kind} '{ident}'"))

    for file, path, model in walk_all(loaded):
        if isinstance(model, Source):
            need(file, path + ("instrument",), "instrument", model.instrument)
        elif isinstance(model, Instrument):
            if model.authority:
                need(file, path + ("authority",), "authority", model.authority)
            for k, ref in enumerate(model.gives_effect_to):
                need(file, path + ("gives_effect_to", k), "instrument", ref)
    for file, base, j in loaded.entities("jurisdictions"):
        for name in ("parent",):
            ref = getattr(j, name)
            if ref and ref not in codes:
                errors.append(loaded.error(file, base + (name,), f"unknown jurisdiction '{ref}'"))
        for i, ref in enumerate(j.inherits):
            if ref not in codes or ref == j.code:
                errors.append(loaded.error(file, base + ("inherits", i), f"unknown jurisdiction '{ref}'"))
        for i, p in enumerate(j.provisions):
            for k, rec in enumerate(p.implements):
                need(file, base + ("provisions", i, "implements", k), "recommendation", rec)
            if p.amends:
                need(file, base + ("provisions", i, "amends"), "provision", p.amends)
            if p.authority:
                need(file, base + ("provisions", i, "authority"), "authority", p.authority)
        for name in ("travel_rule", "stablecoins"):
            for i, value in enumerate(getattr(j, name)):
                if value.provision:
                    need(file, base + (name, i, "provision"), "provision", value.provision)
    for file, base, a in loaded.entities("agreements"):
        for i, party in enumerate(a.parties):
            if party not in codes and not index.has("authority", party):
                errors.append(loaded.error(
                    file, base + ("parties", i), f"unknown party '{party}' (jurisdiction or authority)"
                ))
    errors += _competence(loaded, index, codes) + _ratings(loaded, index, codes)
    for file, base, issuer in loaded.entities("issuers"):
        if issuer.jurisdiction not in codes:
            errors.append(loaded.error(file, base + ("jurisdiction",), f"unknown jurisdiction '{issuer.jurisdiction}'"))
    return errors


def _competence(loaded, index, codes: set[str]) -> list[RulebookError]:
    """A competence file names a known jurisdiction, known authorities, and cells it mapped."""
    errors = []
    for file, base, m in loaded.entities("competence"):
        if m.code not in codes:
            errors.append(loaded.error(file, base + ("code",), f"unknown jurisdiction '{m.code}'"))
        for name, items in (("claims", m.claims), ("divisions", m.divisions)):
            for i, item in enumerate(items):
                for k, auth in enumerate([item.authority] if name == "claims" else item.authorities):
                    if not index.has("authority", auth):
                        path = base + (name, i) + (("authority",) if name == "claims" else ("authorities", k))
                        errors.append(loaded.error(file, path, f"unknown authority '{auth}'"))
                for field in ("activities", "token_types", "markets"):
                    outside = set(getattr(item, field)) - set(getattr(m.mapped, field)) - {"any"}
                    if outside:
                        errors.append(loaded.error(file, base + (name, i, field),
                                                   f"{field} {sorted(outside)} lie outside `mapped`"))
    return errors


def _ratings(loaded, index, codes: set[str]) -> list[RulebookError]:
    """A rating names a known jurisdiction and recommendation."""
    errors = []
    for file, base, r in loaded.entities("ratings"):
        if r.jurisdiction not in codes:
            errors.append(loaded.error(file, base + ("jurisdiction",), f"unknown jurisdiction '{r.jurisdiction}'"))
        if not index.has("recommendation", r.recommendation):
            errors.append(loaded.error(file, base + ("recommendation",),
                                       f"unknown recommendation '{r.recommendation}'"))
    return errors
