"""Legal data once kept in engine code: published figures, listing consequences, VASP scopes and
currency pegs. Sources, instruments and URLs are checked with every other section (walk.py);
here: the standards they name, the numbers behind a share, the currencies and dates of pegs.

>>> share_problem(0.70, 65, 94) is None, share_problem(0.5, 11, 28)
(True, ('value', 'value 0.5 does not match count / of = 11 / 28 = 0.393'))
"""

from __future__ import annotations

from regatlas.errors import RulebookError
from regatlas.rulebook.checks.codes import currency_known
from regatlas.rulebook.checks.dates import ascending_problem

SHARE_TOLERANCE = 0.01  # reports round shares to whole percents (65 of 94 is published as 70%)


def share_problem(value: float | None, count: int | None, of: int | None) -> tuple[str, str] | None:
    """(field, why) when a published share disagrees with its count and population, or None."""
    if (count is None) != (of is None):
        return "count", "count and of go together (the numbers behind the share)"
    if count is None or of is None:
        return None
    if count > of:
        return "count", f"count {count} is more than of {of}"
    if value is not None and abs(value - count / of) > SHARE_TOLERANCE:
        return "value", f"value {value} does not match count / of = {count} / {of} = {count / of:.3f}"
    return None


def _figures(loaded) -> list[RulebookError]:
    errors = []
    for file, base, fig in loaded.entities("figures"):
        problem = share_problem(fig.value, fig.count, fig.of)
        if problem:
            errors.append(loaded.error(file, base + (problem[0],), problem[1]))
    return errors


def _standard_refs(loaded, section: str) -> list[RulebookError]:
    known = loaded.rulebook.standards
    return [loaded.error(file, base + ("standard",), f"unknown standard '{entry.standard}'")
            for file, base, entry in loaded.entities(section) if entry.standard not in known]


def _listings(loaded) -> list[RulebookError]:
    errors, seen = [], {}
    for file, base, entry in loaded.entities("listings"):
        key = (entry.standard, entry.list)
        if key in seen:
            errors.append(loaded.error(file, base + ("list",),
                                       f"list '{entry.list}' of '{entry.standard}' already has a consequence ({seen[key]})"))
        seen.setdefault(key, entry.id)
    return errors


def _scopes(loaded) -> list[RulebookError]:
    errors = []
    for file, base, scope in loaded.entities("scopes"):
        for i, activity in enumerate(scope.may_include):
            if activity in scope.activities:
                errors.append(loaded.error(file, base + ("may_include", i),
                                           f"'{activity}' is already in activities"))
    return errors


def _pegs(loaded) -> list[RulebookError]:
    errors = []
    pegged = set(loaded.rulebook.fx_pegs)
    for file, base, cur in loaded.entities("fx_pegs"):
        if not currency_known(cur.currency):
            errors.append(loaded.error(file, base + ("currency",), f"'{cur.currency}' is not an ISO 4217 code"))
        if not file.endswith(f"/{cur.currency}.yaml"):
            errors.append(loaded.error(file, base + ("currency",), f"file must be named {cur.currency}.yaml"))
        problem = ascending_problem([p.from_ for p in cur.pegs])
        if problem:
            errors.append(loaded.error(file, base + ("pegs", problem[0], "from"), problem[1]))
        for i, peg in enumerate(cur.pegs):
            where = base + ("pegs", i, "anchor")
            if not currency_known(peg.anchor):
                errors.append(loaded.error(file, where, f"'{peg.anchor}' is not an ISO 4217 code"))
            elif peg.anchor == cur.currency:
                errors.append(loaded.error(file, where, f"'{cur.currency}' cannot be pegged to itself"))
            elif peg.anchor in pegged:  # rates are derived from quoted anchors only, in one step
                errors.append(loaded.error(file, where, f"anchor '{peg.anchor}' is itself pegged; name its anchor"))
    return errors


def check(loaded) -> list[RulebookError]:
    """Standards named, shares consistent, one consequence per list, pegs well formed."""
    return [*_figures(loaded), *_standard_refs(loaded, "listings"), *_standard_refs(loaded, "scopes"),
            *_listings(loaded), *_scopes(loaded), *_pegs(loaded)]
