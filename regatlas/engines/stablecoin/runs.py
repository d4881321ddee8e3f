"""Solvency, market risk and contagion of stablecoin issuers, day by day, vectorised over paths.

Each issuer's reserve is split into free cash, deposits at named banks (shared by name between
issuers, so one bank's failure hits every issuer banking there) and tradable asset classes marked to
market: a yield or spread shock moves each class by its duration, and every forced sale moves the
price of what is sold for every issuer holding it (fire-sale impact, fading day by day). Each day
holders ask to redeem (the redemption model of stress_params.yaml, a forced run, a higher rate once
the token trades below its peg band, more again when other issuers broke the day before); the
issuer pays from cash and deposits, sells assets in order of liquidity (proceeds after each class's
settlement lag, less its haircut), and gates when a redemption stays unpaid beyond the queue limit.

Reported per issuer: solvency ratio (reserves at market over tokens outstanding), peg-break
probability (token price below 1 - band), time to a redemption gate, loss to holders, and in a
multi-issuer run which issuers break and in what order. Same inputs and seed, same answer.

>>> from regatlas.model.stablecoin import ReserveReport
>>> rep = ReserveReport.model_validate({"outstanding": 100, "date": "2026-01-01", "holdings": [
...     {"asset_class": "treasury_bill", "value": 101, "maturity": "2026-04-01"}]})
>>> out = simulate_runs([("A", rep)], paths=200, days=30, seed=1)
>>> out["issuers"][0]["solvency"]["start"]
1.01
>>> simulate_runs([("A", rep)], paths=200, days=30, seed=1) == out
True
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from regatlas.engines.stablecoin.market import Market, Shock, market_params
from regatlas.engines.stablecoin.params import StressParams, stress_params
from regatlas.errors import InputError
from regatlas.model.stablecoin import ReserveReport

MAX_CELLS = 60_000_000
"""Largest paths x days x issuers: about 1 GB of working memory at the limit."""
MAX_ISSUERS = 20
MAX_STATE = 150_000_000
"""Largest simulation state (banks, classes and working arrays over paths x issuers): 600 MB."""
BAND_PATHS = 10_000
"""The fan-chart bands (5th, 50th, 95th percentile by day) are read from the first paths only: a
chart needs no more, and the bands of 100,000 paths cost more than the simulation."""
CASH_LIKE = ("cash", "central_bank_deposit")


@dataclass
class Book:
    """One issuer's reserve as the model sees it."""

    name: str
    outstanding: float
    cash: float
    deposits: dict[str, float]
    regulated: dict[str, bool]
    classes: dict[str, tuple[float, float]]  # class -> (face value, value-weighted duration)


def book_of(name: str, report: ReserveReport, market: Market, day: dt.date | None) -> Book:
    """The reserve report split into cash, deposits per bank and tradable classes."""
    if not report.outstanding or not report.holdings:
        raise InputError(f"issuer {name}: needs tokens outstanding and holdings", field="outstanding")
    start = day or report.date
    book = Book(name, float(report.outstanding), 0.0, {}, {}, {})
    for n, h in enumerate(report.holdings):
        if h.asset_class in CASH_LIKE:
            book.cash += h.value
        elif h.asset_class == "bank_deposit":
            bank = h.custodian or f"{name}: unnamed bank {n + 1}"
            book.deposits[bank] = book.deposits.get(bank, 0.0) + h.value
            book.regulated[bank] = book.regulated.get(bank, True) and h.regulated is not False
        else:
            years = (max((h.maturity - start).days, 0) / 365.25 if h.maturity and start
                     else market.duration(h.asset_class))
            face, dur = book.classes.get(h.asset_class, (0.0, 0.0))
            total = face + h.value
            book.classes[h.asset_class] = (total, (face * dur + h.value * years) / total if total else 0.0)
    return book


def _failures(books: list[Book], shock: Shock, banks: list[str], paths: int, days: int, runs: np.ndarray,
              run_start: np.ndarray, rng: np.random.Generator, params: StressParams) -> tuple[np.ndarray, ...]:
    """Day each bank fails on each path (days = never), its loss share and its frozen days."""
    fail_day = np.full((paths, len(banks)), days, dtype=np.int32)
    loss = np.zeros(len(banks), dtype=np.float32)
    frozen = np.zeros(len(banks), dtype=np.int32)
    totals = {b: sum(bk.deposits.get(b, 0.0) for bk in books) for b in banks}
    for f in shock.bank_failures:
        bank = max(totals, key=totals.get) if f.bank == "largest" and totals else f.bank
        if bank not in totals:
            raise InputError(f"bank '{f.bank}' holds no deposit of any issuer", field="bank_failure.bank")
        j = banks.index(bank)
        fail_day[:, j], loss[j], frozen[j] = min(f.day, days), f.loss, f.frozen_days
    # an unregulated bank may fail in a path where an issuer banking there suffers a run
    for j, b in enumerate(banks):
        if any(not bk.regulated.get(b, True) for bk in books if b in bk.deposits) and fail_day[0, j] == days:
            users = [i for i, bk in enumerate(books) if b in bk.deposits]
            hit = runs[:, users].any(axis=1) & (rng.random(paths) < params.bank_failure_probability)
            first = np.where(runs[:, users], run_start[:, users], days).min(axis=1)
            fail_day[:, j] = np.where(hit, first, days)
            loss[j], frozen[j] = params.bank_failure_loss, params.bank_frozen_days
    return fail_day, loss, frozen


def _bands(a: np.ndarray) -> np.ndarray:
    """5th, 50th and 95th percentiles over paths of each issuer: shape (3, issuers)."""
    return np.percentile(a, [5, 50, 95], axis=0)


def simulate_runs(issuers: list[tuple[str, ReserveReport]], paths: int = 10_000, days: int = 90, seed: int = 0,
                  shock: Shock | None = None, params: StressParams | None = None,
                  market: Market | None = None, day: dt.date | None = None) -> dict[str, Any]:
    """Run `paths` x `days` for every issuer at once under `shock`; see the module docstring."""
    if not issuers or len(issuers) > MAX_ISSUERS:
        raise InputError(f"between 1 and {MAX_ISSUERS} issuers", field="issuers")
    if paths < 1 or days < 1 or paths * days * len(issuers) > MAX_CELLS:
        raise InputError(f"paths x days x issuers must be between 1 and {MAX_CELLS:,}", field="paths")
    params, market, shock = params or stress_params(), market or market_params(), shock or Shock("baseline")
    books = [book_of(n, r, market, day) for n, r in issuers]
    names = [b.name for b in books]
    for run in shock.runs:
        if run.issuer not in names:
            raise InputError(f"unknown issuer '{run.issuer}' in the scenario's runs", field="runs.issuer")
    rng = np.random.default_rng(seed)
    n_i, f32 = len(books), np.float32
    banks = sorted({b for bk in books for b in bk.deposits})
    classes = sorted({c for bk in books for c in bk.classes}, key=lambda c: (
        params.asset(c).settlement_days, params.asset(c).haircut, c))  # sold in this order
    state = (len(banks) * 2 + len(classes) + 12) * paths * n_i
    if state > MAX_STATE:
        raise InputError(f"{len(banks)} banks and {len(classes)} asset classes over {paths:,} paths and {n_i} "
                         f"issuers need {state:,} numbers of state, more than {MAX_STATE:,}", field="paths")
    n0 = np.array([b.outstanding for b in books], dtype=f32)
    # price of each class for each issuer after the day-0 yield and spread moves (duration-based)
    base = np.array([[max(0.0, 1 - b.classes.get(c, (0, 0))[1] * (
        shock.rate_shock_bp + (shock.spread_shock_bp if c in market.spread_sensitive else 0)) / 1e4)
        for c in classes] for b in books], dtype=f32).reshape(n_i, len(classes))
    net = np.array([1 - params.asset(c).haircut for c in classes], dtype=f32)  # forced-sale haircut
    lag = np.array([params.asset(c).settlement_days for c in classes], dtype=np.int64)
    depth = np.array([market.impact(c)[0] for c in classes], dtype=f32)
    impact = np.array([market.impact(c)[1] for c in classes], dtype=f32)
    ring = int(lag.max(initial=0)) + 1

    # leading axes are banks or classes, so sums over them are plain element-wise adds
    tokens = np.broadcast_to(n0, (paths, n_i)).copy()
    cash = np.broadcast_to(np.array([b.cash for b in books], dtype=f32), (paths, n_i)).copy()
    deps = np.stack([np.broadcast_to(np.array([b.deposits.get(k, 0.0) for b in books], dtype=f32), (paths, n_i))
                     for k in banks]) if banks else np.zeros((0, paths, n_i), dtype=f32)
    face = np.stack([np.broadcast_to(np.array([b.classes.get(c, (0, 0))[0] for b in books], dtype=f32),
                                     (paths, n_i)) for c in classes]) if classes else np.zeros((0, paths, n_i), f32)
    pending = np.zeros((ring, paths, n_i), dtype=f32)
    on_way = np.zeros((paths, n_i), dtype=f32)  # the sum of `pending`
    frozen = np.zeros_like(deps)
    fire = np.zeros((len(classes), paths), dtype=f32)
    # unpaid requests by age in days: a request still unpaid `queue_days` after it was made gates
    queue = np.zeros((market.queue_days + 1, paths, n_i), dtype=f32)
    gated = np.zeros((paths, n_i), dtype=bool)
    broken = np.zeros((paths, n_i), dtype=bool)
    gate_day = np.full((paths, n_i), -1, dtype=np.int32)
    break_day = np.full((paths, n_i), -1, dtype=np.int32)
    min_solvency = np.full((paths, n_i), np.inf, dtype=f32)
    price_bands, solvency_bands = [], []
    sample = slice(0, min(paths, BAND_PATHS))

    runs = rng.random((paths, n_i)) < params.run_probability
    run_start = rng.integers(0, days, (paths, n_i))
    fail_day, loss, frozen_days = _failures(books, shock, banks, paths, days, runs, run_start, rng, params)
    log_calm, log_run = np.log(params.normal_median), np.log(params.run_median)
    paused = np.zeros(days, dtype=bool)
    for a, b in shock.pauses:
        paused[max(a, 0):max(b, 0)] = True
    forced = np.zeros((days, n_i), dtype=f32)
    for r in shock.runs:
        forced[r.day:r.day + r.days, names.index(r.issuer)] = r.daily

    def assets() -> np.ndarray:
        """Tradable holdings at today's prices (yield and spread moves, fire-sale discount)."""
        total = np.zeros((paths, n_i), dtype=f32)
        for k in range(len(classes)):
            total += face[k] * base[:, k][None, :] * (1 - fire[k])[:, None]
        return total

    start_value = cash + deps.sum(axis=0) + assets()
    for t in range(days):
        fire *= f32(1 - market.recovery)  # yesterday's fire-sale discount fades
        arriving = pending[t % ring]
        cash += arriving
        on_way -= arriving
        arriving[:] = 0
        # bank failures and releases of frozen deposits
        for j in range(len(banks)):
            failing = fail_day[:, j] == t
            if failing.any():
                hit = deps[j] * failing[:, None]
                frozen[j] += hit * (1 - loss[j])
                deps[j] -= hit
            releasing = (fail_day[:, j] + frozen_days[j] == t) & (fail_day[:, j] < days)
            if releasing.any():
                back = frozen[j] * releasing[:, None]
                deps[j] += back
                frozen[j] -= back
        # redemption requests
        rate = rng.standard_normal((paths, n_i), dtype=f32)
        rate *= f32(params.normal_sigma)
        rate += f32(log_calm)
        in_run = runs & (t >= run_start) & (t < run_start + params.run_days)
        if in_run.any():
            rate[in_run] = f32(log_run) + f32(params.run_sigma) * rng.standard_normal(int(in_run.sum()), dtype=f32)
        np.exp(rate, out=rate)
        np.maximum(rate, forced[t][None, :], out=rate)
        if broken.any():
            np.maximum(rate, np.where(broken, f32(market.broken_rate), f32(0)), out=rate)
            others = broken.sum(axis=1, keepdims=True) - broken
            rate *= 1 + f32(market.contagion_boost) * others
        np.minimum(rate, f32(params.max_daily), out=rate)
        rate *= tokens - queue.sum(axis=0)
        queue[0] += np.where(gated, f32(0), rate)
        if not paused[t]:
            avail = deps.sum(axis=0) if banks else np.zeros_like(cash)
            funds = np.where(gated, f32(0), cash + avail)  # a gated issuer pays no one
            paid_total = np.zeros_like(cash)
            for a in range(market.queue_days, -1, -1):  # oldest requests first
                paid = np.minimum(queue[a], funds)
                queue[a] -= paid
                funds -= paid
                paid_total += paid
            tokens -= paid_total
            from_cash = np.minimum(paid_total, cash)
            cash -= from_cash
            if banks:  # the rest from deposits, pro rata across banks
                keep = 1 - np.divide(paid_total - from_cash, avail, out=np.zeros_like(avail), where=avail > 0)
                deps *= keep[None]
        # forced sales for what is still owed, beyond what is already on its way
        need = np.where(gated, f32(0), np.maximum(queue.sum(axis=0) - on_way, 0))
        for k in range(len(classes)):
            if not need.any():
                break
            mark = base[:, k][None, :] * (1 - fire[k])[:, None]
            unit = mark * net[k]
            take = np.minimum(need, face[k] * unit)
            units = np.divide(take, unit, out=np.zeros_like(take), where=unit > 0)
            face[k] -= units
            sold = (units * mark).sum(axis=1)
            fire[k] += impact[k] * np.minimum(sold / depth[k], 1)
            if lag[k] == 0:
                cash += take
            else:
                pending[(t + lag[k]) % ring] += take
                on_way += take
            need -= take
        np.minimum(fire, f32(0.99), out=fire)
        # a redemption unpaid beyond the queue limit gates the issuer
        if not paused[t]:  # a pause (banks closed) halts payments for a while; it is not a gate
            newly = ~gated & (queue[-1] > 1e-6 * n0)
            gate_day[newly] = t
            gated |= newly
        if market.queue_days:
            queue[-1] += queue[-2]
            queue[1:-1] = queue[:-2].copy()
            queue[0] = 0
        # reserves at market over tokens outstanding; the token's price; a broken peg
        value = cash + on_way + deps.sum(axis=0) + frozen.sum(axis=0) + assets()
        holders = tokens > 1e-9 * n0
        solvency = np.where(holders, value / np.maximum(tokens, 1e-9 * n0), f32(1))
        np.minimum(min_solvency, solvency, out=min_solvency)
        halted = gated | paused[t]
        price = np.minimum(solvency, 1) * np.where(halted, f32(1 - market.gate_discount), f32(1))
        broken = holders & (price < 1 - market.peg_band)
        break_day[broken & (break_day < 0)] = t
        price_bands.append(_bands(price[sample]))
        solvency_bands.append(_bands(solvency[sample]))
    loss_to_holders = np.maximum(tokens - value, 0)
    return _summary(books, shock, params, market, paths, days, seed, start_value, solvency, min_solvency,
                    break_day, gate_day, loss_to_holders, tokens, np.array(price_bands),
                    np.array(solvency_bands))


def _stats(a: np.ndarray, qs: tuple[int, ...]) -> dict[str, float | None]:
    return {f"p{q}": (round(float(np.percentile(a, q)), 6) if a.size else None) for q in qs}


def _order(break_day: np.ndarray, names: list[str]) -> list[dict[str, Any]]:
    """The most frequent orders in which issuers broke their peg (paths with at least one break)."""
    counts: Counter[tuple[str, ...]] = Counter()
    rows = np.flatnonzero((break_day >= 0).any(axis=1))
    keyed = np.where(break_day[rows] >= 0, break_day[rows], np.iinfo(np.int32).max)
    for row, days in zip(rows, np.argsort(keyed, axis=1, kind="stable"), strict=True):
        counts[tuple(names[i] for i in days if break_day[row, i] >= 0)] += 1
    total = break_day.shape[0]
    return [{"order": list(k), "paths": v, "share": round(v / total, 6)} for k, v in counts.most_common(5)]


def _summary(books: list[Book], shock: Shock, params: StressParams, market: Market, paths: int, days: int,
             seed: int, start_value: np.ndarray, solvency: np.ndarray, min_solvency: np.ndarray,
             break_day: np.ndarray, gate_day: np.ndarray, loss: np.ndarray, tokens: np.ndarray,
             price_bands: np.ndarray, solvency_bands: np.ndarray) -> dict[str, Any]:
    names = [b.name for b in books]
    out = []
    for i, b in enumerate(books):
        broke, gate = break_day[:, i] >= 0, gate_day[:, i] >= 0
        out.append({
            "name": b.name, "outstanding": b.outstanding,
            "solvency": {"start": round(float(start_value[0, i]) / b.outstanding, 6),
                         "end": _stats(solvency[:, i], (1, 5, 50)), "worst": _stats(min_solvency[:, i], (1, 5, 50))},
            "peg_break_probability": round(float(broke.mean()), 6),
            "days_to_peg_break": _stats(break_day[broke, i].astype(float) + 1, (5, 50)),
            "gate_probability": round(float(gate.mean()), 6),
            "days_to_gate": _stats(gate_day[gate, i].astype(float) + 1, (5, 50)),
            "holder_loss": {"mean": round(float(loss[:, i].mean()), 2), **{
                k: round(v, 2) if v is not None else None for k, v in _stats(loss[:, i], (95, 99)).items()},
                "share_of_outstanding_p99": round(float(np.percentile(loss[:, i], 99)) / b.outstanding, 6)},
            "redeemed_share": _stats(1 - tokens[:, i] / b.outstanding, (50, 95)),
            "price_bands": {"p5": price_bands[:, 0, i].round(4).tolist(), "p50": price_bands[:, 1, i].round(4).tolist(),
                            "p95": price_bands[:, 2, i].round(4).tolist()},
            "solvency_bands": {"p5": solvency_bands[:, 0, i].round(4).tolist(),
                               "p50": solvency_bands[:, 1, i].round(4).tolist(),
                               "p95": solvency_bands[:, 2, i].round(4).tolist()},
        })
    med = {o["name"]: o["days_to_peg_break"]["p50"] for o in out}
    ranked = sorted((n for n in names if med[n] is not None), key=lambda n: (med[n], n))
    return {"paths": paths, "days": days, "seed": seed, "scenario": shock.as_dict(), "issuers": out,
            "break_order": {"by_median_day": ranked, "most_frequent": _order(break_day, names)},
            "assumptions": {"market": market.as_dict(), "redemption": params.as_dict()["redemption"]}}
