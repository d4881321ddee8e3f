"""Engines: pure functions over the compiled atlas (no printing, no YAML)."""
