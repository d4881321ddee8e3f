"""Stablecoin answers: reserve check, stress test, snapshot watch, regimes.

>>> StablecoinCheck.model_fields["regimes"].is_required()
True
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from regatlas.model.answers.base import Answer, Part
from regatlas.model.common import IsoDate


class RegimeVerdict(Part):
    """One regime's requirements checked against the report."""

    id: str = Field(description="Regime id.")
    name: str = Field(description="Regime name.")
    jurisdiction: str | None = Field(None, description="Its jurisdiction.")
    verdict: str = Field(description="pass, fail or not_assessable.")
    counts: dict[str, int] = Field(description="Requirements by outcome.")
    results: list[dict[str, Any]] = Field(description="Per requirement: outcome, figure, limit, provision, "
                                                      "source, whether binding.")


class StablecoinCheck(Answer):
    """`regatlas stablecoin check REPORT`, POST /api/v1/stablecoin/check."""

    report: str = Field(description="The report checked (file name, or 'request body').")
    regime: str = Field(description="Regime asked for, or all.")
    regimes: list[RegimeVerdict] = Field(description="Each regime's verdict.")
    matrix: dict[str, dict[str, Any]] = Field(description="Outcome per regime and requirement.")
    token: str | None = Field(None, description="Token symbol from the report.")
    currency: str | None = Field(None, description="Currency of the token.")
    report_date: IsoDate | None = Field(None, description="Date of the report.")
    outstanding: float | None = Field(None, description="Tokens outstanding.")
    reserve_total: float | None = Field(None, description="Reserve assets in all.")


class StressRun(Part):
    """What a Monte Carlo run of redemptions found (assumptions, not law)."""

    paths: int = Field(description="Paths simulated.")
    days: int = Field(description="Horizon in days.")
    seed: int = Field(description="Random seed (same seed, same answer).")
    outstanding: float = Field(description="Tokens outstanding.")
    survival_probability: float = Field(description="Share of paths that never run short.")
    days_to_shortfall: dict[str, float | None] = Field(description="min, p5, median, mean (null: never).")
    liquidity_gap: dict[str, float] = Field(description="Shortfall statistics.")
    ladder: list[float] | None = Field(None, description="Liquid reserves available by day.")
    redemption_bands: dict[str, list[float]] | None = Field(None, description="Cumulative redemptions p5/p50/p95.")
    first_shortfall_histogram: list[int] | None = Field(None, description="Paths first short on each day.")
    assumptions: dict[str, Any] | None = Field(None, description="The stress parameters used.")


class IssuerRun(Part):
    """One issuer under one scenario of the solvency and market-risk model (assumptions, not law)."""

    solvency: dict[str, Any] = Field(description="Reserves at market over tokens outstanding: start, end "
                                                 "and worst (p1, p5, p50 over paths).")
    peg_break_probability: float = Field(description="Share of paths where the token trades below 1 - peg band.")
    days_to_peg_break: dict[str, float | None] = Field(description="Day of the first break (p5, p50; null: never).")
    gate_probability: float = Field(description="Share of paths where the issuer gates redemptions.")
    days_to_gate: dict[str, float | None] = Field(description="Day of the gate (p5, p50; null: never).")
    holder_loss: dict[str, float | None] = Field(description="Loss to holders left at the horizon: mean, p95, "
                                                             "p99, p99 share of tokens outstanding.")
    redeemed_share: dict[str, float | None] = Field(description="Share of tokens redeemed by the horizon (p50, p95).")
    price_bands: dict[str, list[float]] = Field(description="Token price by day: p5, p50, p95 (fan chart).")
    solvency_bands: dict[str, list[float]] = Field(description="Solvency ratio by day: p5, p50, p95.")


class ScenarioRun(IssuerRun):
    """A named scenario's result for the report's issuer."""

    scenario: dict[str, Any] = Field(description="The scenario: shocks, failing banks, runs, pauses, source.")


class Stress(StressRun, Answer):
    """`regatlas stablecoin stress REPORT`, POST /api/v1/stablecoin/stress."""

    scenarios: list[ScenarioRun] = Field(default_factory=list, description="Solvency, peg break, gate and "
                                         "holder loss under each named scenario (data/stablecoin/scenarios.yaml).")
    report: str | None = Field(None, description="The report file (CLI).")
    chart: str | None = Field(None, description="Chart written (CLI --chart).")


class ContagionIssuer(IssuerRun):
    """One issuer of a contagion run."""

    name: str = Field(description="Issuer name from the scenario.")
    outstanding: float = Field(description="Tokens outstanding at the start.")


class Contagion(Answer):
    """`regatlas stablecoin contagion SCENARIO`, POST /api/v1/stablecoin/contagion: several issuers
    sharing banks and sold asset classes under one shock."""

    name: str = Field(description="The scenario's name.")
    paths: int = Field(description="Monte Carlo paths.")
    days: int = Field(description="Horizon in days.")
    seed: int = Field(description="Random seed (same seed, same answer).")
    scenario: dict[str, Any] = Field(description="The shock applied.")
    issuers: list[ContagionIssuer] = Field(description="Each issuer's solvency, peg break, gate and holder loss.")
    break_order: dict[str, Any] = Field(description="Issuers by median day of peg break, and the most frequent "
                                                    "orders of breaks over paths.")
    assumptions: dict[str, Any] = Field(description="Market and redemption assumptions used (data files).")
    chart: str | None = Field(None, description="Chart written (CLI --chart).")


class Backtest(Answer):
    """`regatlas stablecoin backtest EPISODE`: the run model replaying a real episode beside what was
    observed (figures cited in data/stablecoin/episodes/)."""

    episode: str = Field(description="Episode id.")
    token: str | None = Field(None, description="The token.")
    day_0: IsoDate = Field(description="Day 1 of the model is this date.")
    paths: int = Field(description="Paths per reading (the model's median is shown).")
    seed: int = Field(description="Random seed.")
    figures: list[dict[str, Any]] = Field(description="The public figures used, each with its source and verification.")
    variants: list[dict[str, Any]] = Field(description="Each reading of the episode: its shock, lowest modelled "
                                                       "price, redeemed share, solvency at the end.")
    rows: list[dict[str, Any]] = Field(description="By date: observed low and close, modelled median price per reading.")
    observed_low: float | None = Field(None, description="Lowest observed price in the series.")
    chart: str | None = Field(None, description="Chart written (CLI --chart).")


class Snapshot(Part):
    """One reserve snapshot and its flags."""

    snapshot: str = Field(description="File (and line) of the snapshot.")
    date: IsoDate = Field(description="Snapshot date.")
    flags: list[dict[str, Any]] = Field(description="Breaches, stale attestations, coverage, banks.")
    reserve_total: float | None = Field(None, description="Reserve assets.")
    outstanding: float | None = Field(None, description="Tokens outstanding.")
    coverage: float | None = Field(None, description="Reserves over tokens outstanding.")
    unregulated_bank_share: float | None = Field(None, description="Share held at unregulated banks.")
    attestation_date: IsoDate | None = Field(None, description="Date of the last attestation.")
    verdicts: dict[str, Any] | None = Field(None, description="Verdict per regime.")
    coverage_change: float | None = Field(None, description="Change in coverage since the previous one.")


class Watch(Answer):
    """`regatlas stablecoin watch DIR`: a series of snapshots, flagged."""

    regime: str = Field(description="Regime asked for, or all.")
    snapshots: list[Snapshot] = Field(description="Snapshots by date.")
    flag_counts: dict[str, int] = Field(description="Flags by kind.")
    thresholds: dict[str, float] = Field(description="Monitoring thresholds used (not law).")
    latest: IsoDate | None = Field(description="Date of the latest snapshot.")
    flagged_snapshots: int = Field(description="Snapshots with at least one flag.")


class RegimeOut(Part):
    """A stablecoin regime with its requirements on the date."""

    id: str = Field(description="Regime id.")
    name: str = Field(description="Regime name.")
    jurisdiction: str | None = Field(None, description="Its jurisdiction.")
    token_types: list[str] | None = Field(None, description="Token types it covers.")
    summary: str | None = Field(None, description="The regime in a paragraph.")
    note: str | None = Field(None, description="Editor's note.")
    requirements: list[dict[str, Any]] = Field(description="Kind, value, status, provision, verification.")


class Regimes(Answer):
    """`regatlas stablecoin regimes`, GET /api/v1/stablecoin/regimes."""

    regimes: list[RegimeOut] = Field(description="Every stablecoin regime.")
