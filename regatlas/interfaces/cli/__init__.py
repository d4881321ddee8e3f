"""The `regatlas` command line (Typer)."""
