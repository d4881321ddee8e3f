"""One evaluator per requirement kind: report + legal value -> outcome with the computed figure.

Outcomes are `pass`, `fail` or `not_assessable` (a field the check needs is missing). A value
exactly at a limit passes (limits are "at least" / "at most"). Every limit comes from the
requirement's provision value; the only constants here are calendar arithmetic.

>>> from regatlas.model.stablecoin import ReserveReport
>>> rep = ReserveReport.model_validate({"outstanding": 100, "holdings": [
...     {"asset_class": "bank_deposit", "value": 100, "regulated": True}]})
>>> evaluate({"kind": "reserve_coverage_min", "value": {"ratio": 1.0}}, rep, None)["outcome"]
'pass'
>>> evaluate({"kind": "eligible_assets", "value": ["treasury_bill"]}, rep, None)["outcome"]
'fail'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from regatlas.engines.stablecoin import periods
from regatlas.model.stablecoin import Holding, ReserveReport

EPS = 1e-9  # float noise only: 0.1 + 0.2 must still equal a 0.3 limit
DATED = {"treasury_bill", "government_bond", "commercial_paper", "corporate_bond", "repo",
         "reverse_repo", "secured_loan"}


def _out(outcome: str, figure: Any = None, limit: Any = None, unit: str | None = None,
         detail: str | None = None) -> dict[str, Any]:
    return {"outcome": outcome, "figure": figure, "limit": limit, "unit": unit, "detail": detail}


def _na(detail: str) -> dict[str, Any]:
    return _out("not_assessable", detail=detail)


def _scope(req: dict[str, Any], report: ReserveReport) -> list[Holding]:
    classes = req.get("applies_to") or []
    return [h for h in report.holdings if not classes or h.asset_class in classes]


def _total(report: ReserveReport) -> float:
    return sum(h.value for h in report.holdings)


def _ratio(figure: float, limit: float, at_least: bool, unit: str = "ratio") -> dict[str, Any]:
    ok = figure >= limit - EPS if at_least else figure <= limit + EPS
    return _out("pass" if ok else "fail", round(figure, 6), limit, unit)


def coverage(req, report, day):
    if not report.outstanding:
        return _na("tokens outstanding missing or zero")
    if not report.holdings:
        return _na("no holdings reported")
    return _ratio(_total(report) / report.outstanding, req["value"]["ratio"], True)


def guarantee(req, report, day):
    if not report.outstanding or report.guarantee is None:
        return _na("tokens outstanding or guarantee amount missing")
    return _ratio(report.guarantee / report.outstanding, req["value"]["ratio"], True)


def eligible(req, report, day):
    total = _total(report)
    if not total:
        return _na("no holdings reported")
    bad = [h for h in report.holdings if h.asset_class not in req["value"] and h.value > 0]
    share = sum(h.value for h in bad) / total
    classes = sorted({h.asset_class for h in bad})
    return _out("fail" if bad else "pass", round(share, 6), 0.0, "share ineligible",
                f"ineligible: {', '.join(classes)}" if bad else None)


def max_maturity(req, report, day):
    if report.date is None:
        return _na("report date missing (residual maturity is counted from it)")
    from_acquisition = req.get("provision_parameters", {}).get("maturity_measured_from") == "acquisition"
    worst, worst_limit, missing, breaches = 0, None, [], 0
    for h in _scope(req, report):
        if h.maturity is None:
            if h.asset_class in DATED:
                missing.append(h.asset_class)
            continue
        start = h.acquired if from_acquisition and h.acquired else report.date
        limit_day = periods.end_of(start, req["value"])
        days, limit_days = (h.maturity - start).days, (limit_day - start).days
        breaches += h.maturity > limit_day
        if worst_limit is None or days - limit_days > worst - worst_limit:
            worst, worst_limit = days, limit_days
    if breaches:
        return _out("fail", worst, worst_limit, "days", f"{breaches} holding(s) beyond "
                    f"{periods.label(req['value'])}")
    if missing:
        return _na(f"maturity missing for {', '.join(sorted(set(missing)))}")
    return _out("pass", worst, worst_limit if worst_limit is not None else None, "days",
                f"limit {periods.label(req['value'])}")


def deposit_share(req, report, day):
    total = _total(report)
    if not total:
        return _na("no holdings reported")
    deposits = [h for h in report.holdings if h.asset_class == "bank_deposit"]
    known = sum(h.value for h in deposits if h.regulated) / total
    limit = req["value"]["ratio"]
    if known < limit - EPS and any(h.regulated is None for h in deposits):
        return _na("some bank deposits do not say whether the bank is regulated")
    return _ratio(known, limit, True, "share of reserve")


def concentration(req, report, day):
    total = _total(report)
    deposits = [h for h in report.holdings if h.asset_class == "bank_deposit"]
    if not total or any(not (h.custodian or h.issuer) for h in deposits):
        return _na("holdings or bank names missing")
    by: dict[str, float] = {}
    for h in deposits:
        by[h.custodian or h.issuer] = by.get(h.custodian or h.issuer, 0.0) + h.value
    name, value = max(by.items(), key=lambda kv: kv[1]) if by else ("-", 0.0)
    result = _ratio(value / total, req["value"]["ratio"], False, "share of reserve")
    result["detail"] = f"largest: {name}"
    return result


def _flag_rule(attr: str, what: str) -> Callable:
    def rule(req, report, day):
        if req["value"] is not True:
            return _out("pass", detail="not required")
        scope = _scope(req, report)
        if not scope:
            return _na("no holdings in scope")
        whole = report.segregated if attr == "segregated" else None
        flags = [whole if whole is not None else getattr(h, attr) for h in scope]
        total = sum(h.value for h in scope) or 1.0
        bad = sum(h.value for h, f in zip(scope, flags) if f is False)
        if bad:
            return _out("fail", round(bad / total, 6), 0.0, f"share not {what}")
        if any(f is None for f in flags):
            return _na(f"some holdings do not say whether they are {what}")
        return _out("pass", 0.0, 0.0, f"share not {what}")
    return rule


def same_currency(req, report, day):
    if req["value"] is not True:
        return _out("pass", detail="not required")
    if not report.currency or not report.holdings:
        return _na("report currency or holdings missing")
    other = [h for h in report.holdings if (h.currency or report.currency) != report.currency]
    share = sum(h.value for h in other) / (_total(report) or 1.0)
    return _out("fail" if other else "pass", round(share, 6), 0.0, "share in other currencies")


def attestation_age(req, report, day):
    att = report.attestation
    if att is None or att.date is None:
        return _na("attestation date missing")
    deadline = periods.end_of(att.date, req["value"])
    if req.get("lag"):
        deadline = periods.end_of(deadline, req["lag"])
    age, limit = (day - att.date).days, (deadline - att.date).days
    return _out("pass" if day <= deadline else "fail", age, limit, "days",
                f"attestation of {att.date.isoformat()}; limit {periods.label(req['value'])}")


def redemption_deadline(req, report, day):
    red = report.redemption
    if red is None or red.deadline_days is None:
        return _na("redemption deadline missing")
    need = req["value"]
    offered, limit = red.deadline_days, need["days"]
    if red.business_days and not need.get("business"):
        offered = periods.worst_case_calendar_days(offered)
    unit = "business days" if need.get("business") else "days"
    return _ratio(offered, limit, False, unit)


def at_par(req, report, day):
    if req["value"] is not True:
        return _out("pass", detail="not required")
    if report.redemption is None or report.redemption.at_par is None:
        return _na("redemption at par not stated")
    return _out("pass" if report.redemption.at_par else "fail", report.redemption.at_par, True)


def fee(req, report, day):
    if req["value"] is not False:
        return _out("pass", detail="fees allowed")
    if report.redemption is None or report.redemption.fee is None:
        return _na("redemption fee not stated")
    return _out("pass" if report.redemption.fee == 0 else "fail", report.redemption.fee, 0.0, "fee")


def _in(money: Any, currency: str, report: ReserveReport, day: dt.date | None) -> float:
    """`money` (a report Money) in `currency` at the ECB reference rate of the report's date."""
    if money.currency == currency:
        return money.amount
    from regatlas.engines.fx import default_rates

    return default_rates().convert(money.amount, money.currency, currency, report.date or day)


def capital(req, report, day):
    """Capital at least the amount, or, with a `share` of annual operating expenses, the higher
    of the two (MAS SCS: S$1 million or 50% of annual operating expenses).

    >>> from regatlas.model.stablecoin import ReserveReport
    >>> rep = ReserveReport.model_validate({"capital": {"amount": 1.5e6, "currency": "SGD"},
    ...     "annual_operating_expenses": {"amount": 4e6, "currency": "SGD"}})
    >>> need = {"value": {"amount": 1e6, "currency": "SGD"}, "share": {"ratio": 0.5}}
    >>> r = capital(need, rep, None); r["outcome"], r["limit"]
    ('fail', 2000000.0)
    """
    need, share = req["value"], req.get("share")
    cap, opex = report.capital, report.annual_operating_expenses
    if cap is None:
        return _na("capital not reported")
    try:
        amount = _in(cap, need["currency"], report, day)
        costs = None if share is None or opex is None else _in(opex, need["currency"], report, day)
    except Exception as exc:  # noqa: BLE001 - any FX gap makes the figure unknowable
        return _na(f"cannot convert into {need['currency']}: {exc}")
    limit, detail = need["amount"], None
    if costs is not None:
        by_share = share["ratio"] * costs
        limit = max(limit, by_share)
        detail = (f"higher of {need['amount']:,.0f} and {share['ratio']:.0%} of annual operating "
                  f"expenses ({by_share:,.0f})")
    elif share is not None and amount >= limit - EPS:
        return _na(f"annual operating expenses not reported: the minimum is the higher of "
                   f"{need['amount']:,.0f} {need['currency']} and {share['ratio']:.0%} of them")
    ok = amount >= limit - EPS
    return _out("pass" if ok else "fail", round(amount, 2), round(limit, 2), need["currency"], detail)


def issuer_type(req, report, day):
    if report.issuer is None or not report.issuer.type:
        return _na("issuer type missing")
    norm = lambda s: " ".join(str(s).lower().replace("_", " ").replace("-", " ").split())
    allowed = [norm(v) for v in req["value"]]
    return _out("pass" if norm(report.issuer.type) in allowed else "fail", report.issuer.type,
                req["value"])


EVALUATORS: dict[str, Callable] = {
    "reserve_coverage_min": coverage,
    "eligible_assets": eligible,
    "max_maturity_days": max_maturity,
    "deposit_share_min_in_credit_institutions": deposit_share,
    "single_bank_concentration_max": concentration,
    "regulated_custodian_required": _flag_rule("regulated", "with a regulated bank or custodian"),
    "segregation_required": _flag_rule("segregated", "segregated"),
    "reserve_same_currency": same_currency,
    "attestation_max_age_days": attestation_age,
    "redemption_deadline_days": redemption_deadline,
    "redemption_at_par": at_par,
    "redemption_fee_allowed": fee,
    "capital_min": capital,
    "eligible_issuer_types": issuer_type,
    "guarantee_coverage_min": guarantee,
}


def evaluate(req: dict[str, Any], report: ReserveReport, day: dt.date | None) -> dict[str, Any]:
    """The outcome of one requirement (`kind`, `value`, ...) for `report` as of `day`."""
    if req.get("value") is None:
        return _na(f"provision has no value for '{req.get('parameter')}'")
    return EVALUATORS[req["kind"]](req, report, day)
