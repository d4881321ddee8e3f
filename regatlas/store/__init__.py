"""Compiled store (DuckDB) and as-of queries over it."""
