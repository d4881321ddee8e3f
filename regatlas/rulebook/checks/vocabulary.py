"""Parameter names: every name a provision or stablecoin regime uses is declared in the vocabulary,
under its current name, with a value of the declared type; the Travel Rule threshold stored on a
fact agrees with the `threshold` parameter of the provision it names (one legal value, two places).
A rulebook without a `vocabulary/` section (a test fixture) has no names to check against.

>>> from regatlas.rulebook.load import load_rulebook, default_rulebook_dir
>>> check(load_rulebook(default_rulebook_dir()))
[]
>>> suggestion("record_retention_yrs", ["record_retention_years", "threshold"])
" (did you mean 'record_retention_years'?)"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from regatlas.errors import RulebookError
from regatlas.model import Money
from regatlas.model.vocabulary import NUMERIC, ParameterDef, type_problem

FILE_HINT = "vocabulary/parameters.yaml"


def suggestion(name: str, declared: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest declared name, or '' when none is close."""
    close = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def retired_names(vocabulary: dict[str, ParameterDef]) -> dict[str, str]:
    """Every retired name with the declared name that replaces it."""
    return {old: name for name, p in vocabulary.items() for old in p.replaces}


def name_problem(name: str, vocabulary: dict[str, ParameterDef], retired: dict[str, str]) -> str | None:
    """Why `name` may not be used as a parameter name, or None when it is declared."""
    if name in vocabulary:
        return None
    if name in retired:
        return f"'{name}' is retired: use '{retired[name]}'"
    return f"undeclared parameter '{name}'{suggestion(name, vocabulary) or f' (declare it in {FILE_HINT})'}"


def _declarations(loaded, vocabulary: dict[str, ParameterDef]) -> list[RulebookError]:
    errors = []
    owner: dict[str, str] = {}
    for file, base, p in loaded.entities("vocabulary"):
        if p.type in NUMERIC and p.stricter in ("true", "false") or (
                p.type == "bool" and p.stricter in ("lower", "higher")) or (
                p.type in ("text", "list") and p.stricter != "none"):
            errors.append(loaded.error(file, base + ("stricter",),
                                       f"stricter: {p.stricter} does not fit type {p.type}"))
        for i, old in enumerate(p.replaces):
            if old in vocabulary:
                errors.append(loaded.error(file, base + ("replaces", i),
                                           f"'{old}' is declared, so it cannot be retired"))
            elif old in owner:
                errors.append(loaded.error(file, base + ("replaces", i),
                                           f"'{old}' is already retired by '{owner[old]}'"))
            owner.setdefault(old, p.id)
    return errors


def _threshold_twice(loaded, provisions: dict) -> list[RulebookError]:
    errors = []
    for file, base, j in loaded.entities("jurisdictions"):
        for i, tr in enumerate(j.travel_rule):
            prov = provisions.get(tr.provision) if tr.provision else None
            stated = prov.parameters.get("threshold") if prov else None
            if tr.threshold is None or not isinstance(stated, Money) or stated == tr.threshold:
                continue
            errors.append(loaded.error(
                file, base + ("travel_rule", i, "threshold"),
                f"threshold {tr.threshold.amount:g} {tr.threshold.currency} disagrees with parameter "
                f"'threshold' of provision '{prov.id}' ({stated.amount:g} {stated.currency})"))
    return errors


def check(loaded) -> list[RulebookError]:
    """Undeclared, retired or mistyped parameters; ill-formed declarations; F8 thresholds."""
    vocabulary = loaded.rulebook.vocabulary
    if not vocabulary:
        return []
    retired = retired_names(vocabulary)
    errors = _declarations(loaded, vocabulary)
    provisions = {}
    for file, base, j in loaded.entities("jurisdictions"):
        for i, p in enumerate(j.provisions):
            provisions[p.id] = p
            for name, value in p.parameters.items():
                at = base + ("provisions", i, "parameters", name)
                problem = name_problem(name, vocabulary, retired)
                if problem:
                    errors.append(loaded.error(file, at, problem, key=True))
                    continue
                declared = vocabulary[name]
                wrong = type_problem(declared.type, value)
                if wrong:
                    errors.append(loaded.error(file, at, f"'{name}' is declared {declared.type}: it {wrong}"))
    for file, base, regime in loaded.entities("stablecoin_regimes"):
        for i, req in enumerate(regime.requirements):
            for field in ("parameter", "lag_parameter"):
                name = getattr(req, field)
                if name and name in retired:
                    errors.append(loaded.error(file, base + ("requirements", i, field),
                                               name_problem(name, vocabulary, retired)))
    return errors + _threshold_twice(loaded, provisions)
