"""`regatlas validate [DIR]`: the rulebook's errors, each at file, line and column.

>>> Validation.model_validate({"valid": True, "errors": []}).valid
True
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from regatlas.model.answers.base import Part


class RulebookIssue(Part):
    """One defect of the rulebook."""

    file: str | None = Field(description="File, relative to the rulebook's parent.")
    line: int | None = Field(description="1-based line.")
    column: int | None = Field(description="1-based column.")
    field: str | None = Field(description="The key at fault.")
    message: str = Field(description="What is wrong.")


class Validation(Part):
    """Whether the rulebook is valid, and every error found (not only the first)."""

    valid: bool = Field(description="True when there is no error.")
    errors: list[RulebookIssue] = Field(description="Every error, in file order.")


class RulebookSchemas(Part):
    """`regatlas schema [--out DIR]`: the JSON Schema of each rulebook section, or the files written."""

    sections: list[str] = Field(description="Rulebook sections (folders), one schema each.")
    schemas: dict[str, dict[str, Any]] | None = Field(None, description="Each section's JSON Schema (no --out).")
    files: dict[str, str] | None = Field(None, description="Each section's schema file (with --out).")
