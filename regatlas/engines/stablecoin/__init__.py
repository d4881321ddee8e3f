"""Stablecoin reserves: regime checks, disclosure monitoring and redemption-run stress tests.

Modules: `report` (read reports), `law` (regimes from the store), `rules` (one evaluator per
requirement kind), `check` (report x regime), `watch` (snapshot series), `stress` (Monte Carlo),
`params` (documented stress assumptions), `chart` (matplotlib figure), `periods` (legal periods).
"""
