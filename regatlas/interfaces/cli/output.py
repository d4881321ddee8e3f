"""Rendering helpers shared by CLI commands: one JSON document or rich tables, and errors.

>>> import io, json
>>> buf = io.StringIO()
>>> emit_json({"a": 1}, buf)
>>> json.loads(buf.getvalue())
{'a': 1}
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, TextIO

from pydantic import BaseModel
from rich.console import Console

console = Console()
err_console = Console(stderr=True)


def _default(obj: Any) -> Any:
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", by_alias=True)
    if hasattr(obj, "as_dict"):
        return obj.as_dict()
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def emit_json(document: Any, stream: TextIO | None = None) -> None:
    """Print exactly one JSON document on stdout (or `stream`)."""
    out = stream or sys.stdout
    out.write(json.dumps(document, default=_default, ensure_ascii=False, indent=2))
    out.write("\n")


def emit_answer(model: type[BaseModel] | str, doc: Any, stream: TextIO | None = None) -> None:
    """Print an engine's answer through its model (or the model's name in regatlas.model.answers,
    so a command imports the model only when it prints JSON): the same document the API sends.

    >>> from regatlas.model.answers import Validation
    >>> emit_answer(Validation, {"valid": True, "errors": []})
    {
      "valid": true,
      "errors": []
    }
    """
    from regatlas.model import answers

    emit_json(answers.dump(getattr(answers, model) if isinstance(model, str) else model, doc), stream)


def fail(message: str, code: int = 2) -> None:
    """One-line message on stderr, then exit with `code` (2: bad usage or input)."""
    err_console.print(message, markup=False, highlight=False, soft_wrap=True)
    raise SystemExit(code)


def footer(doc: dict) -> None:
    """The line every text answer ends with: rulebook version and as-of date."""
    rb = doc.get("rulebook", {})
    console.print(f"rulebook {rb.get('version')} as of {rb.get('as_of')}", style="dim",
                  markup=False, highlight=False)
