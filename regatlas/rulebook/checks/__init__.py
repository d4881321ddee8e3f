"""Validation rules over a loaded rulebook, one concern per module; `registry.CHECKS` lists them all."""
