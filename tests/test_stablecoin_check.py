"""Stablecoin regimes in the atlas (the cited cases of tests/cases/stablecoin/ run in test_cases.py)."""

from __future__ import annotations


def test_all_regimes_cover_the_ten_jurisdictions(atlas):
    from regatlas.engines.stablecoin.law import regime_ids

    codes = {atlas.rows("SELECT jurisdiction FROM stablecoin_regimes WHERE id = ?", [r])[0]["jurisdiction"]
             for r in regime_ids(atlas)}
    assert {"EU", "US", "US-NY", "GB", "SG", "HK", "JP", "AE", "CH", "BM"} <= codes
