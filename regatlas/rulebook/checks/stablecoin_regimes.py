"""Stablecoin regimes: every requirement points at a declared provision whose parameter exists
and has the shape its kind needs (a ratio, a period, money, a list of asset classes, a flag).

>>> from regatlas.rulebook.load import load_rulebook, default_rulebook_dir
>>> check(load_rulebook(default_rulebook_dir()))
[]
>>> shape_problem("reserve_coverage_min", True)
'reserve_coverage_min needs a ratio ({ratio: ...}), got bool'
>>> shape_problem("max_maturity_days", "P3M") is None
True
"""

from __future__ import annotations

import re
from typing import Any

from regatlas.errors import RulebookError
from regatlas.model import Days, Money, Ratio
from regatlas.model.stablecoin import ASSET_CLASSES

DURATION = re.compile(r"^P(\d+)([DMY])$")
_RATIO = {"reserve_coverage_min", "deposit_share_min_in_credit_institutions",
          "single_bank_concentration_max", "guarantee_coverage_min"}
_BOOL = {"regulated_custodian_required", "segregation_required", "reserve_same_currency",
         "redemption_at_par", "redemption_fee_allowed"}
_PERIOD = {"max_maturity_days", "attestation_max_age_days"}


def shape_problem(kind: str, value: Any) -> str | None:
    """Why `value` cannot hold a requirement of `kind`, or None when it can."""
    got = type(value).__name__
    if kind in _RATIO and not isinstance(value, Ratio):
        return f"{kind} needs a ratio ({{ratio: ...}}), got {got}"
    if kind in _BOOL and not isinstance(value, bool):
        return f"{kind} needs true/false, got {got}"
    if kind in _PERIOD and not (isinstance(value, Days) or
                                (isinstance(value, str) and DURATION.match(value))):
        return f"{kind} needs {{days: N}} or an ISO 8601 period like P3M, got {value!r}"
    if kind == "redemption_deadline_days" and not isinstance(value, Days):
        return f"{kind} needs {{days: N, business: ...}}, got {got}"
    if kind == "capital_min" and not isinstance(value, Money):
        return f"{kind} needs money ({{amount, currency}}), got {got}"
    if kind in ("eligible_assets", "eligible_issuer_types") and not isinstance(value, list):
        return f"{kind} needs a list, got {got}"
    if kind == "eligible_assets":
        unknown = [v for v in value if v not in ASSET_CLASSES]
        if unknown:
            return f"unknown asset class {unknown[0]!r} (one of {', '.join(ASSET_CLASSES)})"
    return None


def check(loaded) -> list[RulebookError]:
    """Unknown jurisdiction, dangling provision ids, missing or mis-shaped parameters."""
    regimes = list(loaded.entities("stablecoin_regimes"))
    if not regimes:
        return []
    provisions = {p.id: p for j in loaded.rulebook.jurisdictions.values() for p in j.provisions}
    errors: list[RulebookError] = []
    for file, base, regime in regimes:
        if regime.jurisdiction not in loaded.rulebook.jurisdictions:
            errors.append(loaded.error(file, base + ("jurisdiction",),
                                       f"unknown jurisdiction '{regime.jurisdiction}'"))
        if not file.endswith(f"/{regime.id}.yaml"):
            errors.append(loaded.error(file, base + ("id",), f"file must be named {regime.id}.yaml"))
        for i, req in enumerate(regime.requirements):
            at = base + ("requirements", i)
            prov = provisions.get(req.provision)
            if prov is None:
                errors.append(loaded.error(file, at + ("provision",),
                                           f"unknown provision '{req.provision}'"))
                continue
            for field in ("parameter", "lag_parameter", "share_parameter"):
                key = getattr(req, field)
                if key and key not in prov.parameters:
                    errors.append(loaded.error(file, at + (field,),
                                               f"provision '{prov.id}' has no parameter '{key}'"))
            if req.parameter in prov.parameters:
                problem = shape_problem(req.kind, prov.parameters[req.parameter])
                if problem:
                    errors.append(loaded.error(file, at + ("parameter",), problem))
            if req.lag_parameter in prov.parameters and not isinstance(
                    prov.parameters[req.lag_parameter], Days):
                errors.append(loaded.error(file, at + ("lag_parameter",),
                                           "lag_parameter needs {days: N}"))
            if req.share_parameter and (req.kind != "capital_min" or (
                    req.share_parameter in prov.parameters
                    and not isinstance(prov.parameters[req.share_parameter], Ratio))):
                errors.append(loaded.error(file, at + ("share_parameter",),
                                           "share_parameter needs kind capital_min and {ratio: N}"))
    return errors
