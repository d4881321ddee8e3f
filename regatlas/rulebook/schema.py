"""JSON Schema for each rulebook section, from the same pydantic models the loader validates with,
so an editor (yaml-language-server, VS Code, JetBrains) can check a YAML file as it is typed.

The sections are read from `SECTIONS` when called, so a new section gets a schema without a change
here. Unknown keys are refused (`additionalProperties: false`), as the loader refuses them.

>>> schemas = section_schemas()
>>> "jurisdictions" in schemas and schemas["jurisdictions"]["additionalProperties"]
False
>>> "anyOf" in schemas["agreements"]  # one agreement, or a list of them
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from regatlas.rulebook.load import KEYED_SECTIONS, LIST_SECTIONS, SECTIONS

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def section_schema(section: str) -> dict[str, Any]:
    """The JSON Schema of one file of `section` (keys by their YAML names).

    >>> section_schema("standards")["title"]
    'regatlas rulebook: standards'
    """
    model = SECTIONS[section]
    shape = model | list[model] if section in LIST_SECTIONS else model
    body = TypeAdapter(shape).json_schema(by_alias=True, mode="validation")
    what = f"one {model.__name__} or a list of them" if section in LIST_SECTIONS else f"one {model.__name__}"
    if section in KEYED_SECTIONS:
        body, what = _keyed(body), f"{model.__name__} entries keyed by their id"
    doc = (model.__doc__ or "").strip().split("\n\n")[0]
    return {"$schema": DIALECT, **body, "title": f"regatlas rulebook: {section}",
            "description": f"A file under {section}/ holds {what}. {doc}"}


def _keyed(entry: dict[str, Any]) -> dict[str, Any]:
    """A mapping from id to `entry` without its `id` (the key carries it)."""
    inner = {**entry, "properties": {k: v for k, v in entry["properties"].items() if k != "id"},
             "required": [k for k in entry.get("required", []) if k != "id"]}
    defs = inner.pop("$defs", None)
    return {"type": "object", "additionalProperties": inner, **({"$defs": defs} if defs else {})}


def section_schemas() -> dict[str, dict[str, Any]]:
    """Every section's schema, by section name."""
    return {section: section_schema(section) for section in SECTIONS}


def write_schemas(out: Path) -> dict[str, str]:
    """Write `<section>.schema.json` for every section into `out`; the paths written, by section.

    >>> import tempfile
    >>> written = write_schemas(Path(tempfile.mkdtemp()))
    >>> Path(written["jurisdictions"]).name
    'jurisdictions.schema.json'
    """
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for section, schema in section_schemas().items():
        path = out / f"{section}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written[section] = str(path)
    return written
