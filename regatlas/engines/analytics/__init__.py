"""Coordination analytics engines: alignment, aggregates, arbitrage, diff and timeline,
similarity, enforcement routing and charts (docs/analytics.md)."""
