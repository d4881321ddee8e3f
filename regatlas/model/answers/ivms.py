"""IVMS101 answers: validation (with the corridor's repair list) and edition conversion.

>>> IvmsValidation.model_fields["valid"].is_required()
True
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from regatlas.model.answers.base import Answer, FieldGroup, FieldList, Part, SourceRef


class IvmsIssue(Part):
    """One way the payload breaks IVMS101."""

    path: str = Field(description="JSONPath of the element at fault.")
    code: str = Field(description="Constraint or rule code.")
    message: str = Field(description="What is wrong.")


class Repair(Part):
    """A field the corridor's law requires that the payload lacks, and where to supply it."""

    field: str | None = Field(None, description="The Travel Rule field missing (null for an any-one-of group).")
    any_of: list[str | FieldGroup] | None = Field(
        None, description="Alternatives, any one of which satisfies the law (a group: all of its fields).")
    message: str | None = Field(None, description="What is missing.")
    paths: list[str] | None = Field(None, description="Where in the payload to supply it.")


class CorridorCheck(Part):
    """Whether the payload carries what the corridor's laws require."""

    from_: str = Field(alias="from", description="Originator's jurisdiction.")
    to: str = Field(description="Beneficiary's jurisdiction.")
    complete: bool = Field(description="True when nothing the corridor requires is missing.")
    repair: list[Repair] = Field(description="What is missing and where to supply it.")
    required_fields: FieldList | None = Field(None, description="Fields the corridor requires.")
    citations: list[SourceRef] | None = Field(None, description="Sources of the requirements.")


class IvmsValidation(Answer):
    """`regatlas ivms validate FILE`, POST /api/v1/ivms/validate."""

    edition: Literal["2020", "2023"] = Field(description="IVMS101 edition of the payload.")
    valid: bool = Field(description="True when the payload conforms to IVMS101.")
    errors: list[IvmsIssue] = Field(description="Every way it does not.")
    corridor: CorridorCheck | None = Field(None, description="With a corridor: what its laws still need.")
    file: str | None = Field(None, description="The payload file (CLI).")


class ConversionNote(Part):
    """Something the conversion could not carry across."""

    path: str = Field(description="Where in the payload.")
    message: str = Field(description="What was lost or changed.")


class IvmsConversion(Part):
    """`regatlas ivms convert FILE --to EDITION` (no law is read, so no rulebook stamp)."""

    source: str = Field(description="Edition of the input.")
    target: str = Field(description="Edition of the output.")
    payload: dict[str, Any] = Field(description="The converted payload.")
    notes: list[ConversionNote] = Field(description="What was lost or changed.")
