"""Batch Travel Rule screening: one decision plan, run on DuckDB (default) or Spark."""

from regatlas.engines.screen.common import REQUIRED_COLUMNS, ScreenResult

__all__ = ["REQUIRED_COLUMNS", "ScreenResult"]
