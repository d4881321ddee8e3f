"""RFC 9457 problem details: the shape of every API error.

>>> Problem(title="Not Found", status=404, detail="unknown jurisdiction 'ZZ'", field="code").type
'about:blank'
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from regatlas.model.answers.base import Part


class InvalidParam(Part):
    """One request value the API could not accept (FastAPI's validation error, kept short)."""

    loc: list[str | int] = Field(description="Where: body, query or path, then the field.")
    msg: str = Field(description="What is wrong.")
    type: str = Field(description="Error type.")


class Problem(Part):
    """An error as RFC 9457 problem details (application/problem+json)."""

    type: str = Field("about:blank", description="A URI naming the problem type; about:blank: see status.")
    title: str = Field(description="The HTTP status phrase.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong, in this request.")
    field: str | None = Field(None, description="The request field at fault, named as the API names it.")
    line: int | None = Field(None, description="Line in the request body (or uploaded file).")
    column: int | None = Field(None, description="Column in the request body.")
    errors: list[InvalidParam] | None = Field(None, description="Every invalid value (422 from validation).")


def problem_doc(status: int, title: str, detail: str, **extra: Any) -> dict[str, Any]:
    """A problem document, checked against `Problem`.

    >>> problem_doc(422, "Unprocessable Content", "bad", field="currency")["field"]
    'currency'
    """
    return Problem(type="about:blank", title=title, status=status, detail=detail,
                   **extra).model_dump(mode="json", exclude_unset=True)
