"""`regatlas schema`: the JSON Schema of each rulebook section accepts every bundled file and refuses
an unknown key, checked by an independent validator (jsonschema_rs), as an editor would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from typer.testing import CliRunner

from regatlas.interfaces.cli.app import app
from regatlas.rulebook import default_rulebook_dir
from regatlas.rulebook.load import SECTIONS
from regatlas.rulebook.yamlpos import load_file

ROOT = default_rulebook_dir()
FILES = sorted((section, path) for section in SECTIONS for path in (ROOT / section).glob("*.yaml"))


def as_json(path: Path) -> Any:
    """A YAML file as an editor's language server sees it: dates are strings."""
    return json.loads(json.dumps(load_file(path).value, default=str))


@pytest.fixture(scope="module")
def validators(tmp_path_factory) -> dict[str, jsonschema_rs.Validator]:
    out = tmp_path_factory.mktemp("schemas")
    result = CliRunner().invoke(app, ["schema", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    files = json.loads(result.stdout)["files"]
    assert sorted(files) == sorted(SECTIONS)
    return {s: jsonschema_rs.validator_for(json.loads(Path(f).read_text())) for s, f in files.items()}


def test_every_section_has_a_schema_and_a_bundled_file():
    assert {section for section, _ in FILES} == set(SECTIONS)


@pytest.mark.parametrize("section,path", FILES, ids=[f"{s}/{p.name}" for s, p in FILES])
def test_every_bundled_file_is_valid_under_its_section_schema(validators, section, path):
    validators[section].validate(as_json(path))


@pytest.mark.parametrize("section,name,where", [
    ("jurisdictions", "SG.yaml", lambda doc: doc),
    ("jurisdictions", "SG.yaml", lambda doc: doc["provisions"][0]["source"]),
    ("agreements", "supervisory.yaml", lambda doc: doc[0]),
    ("stablecoin_regimes", "eu-mica-emt.yaml", lambda doc: doc),
])
def test_an_unknown_key_is_refused_where_it_is_typed(validators, section, name, where):
    doc = as_json(ROOT / section / name)
    where(doc)["threshhold"] = 1000
    errors = list(validators[section].iter_errors(doc))
    assert errors and any("threshhold" in e.message for e in errors), [e.message for e in errors]


def test_the_schema_command_prints_every_schema_as_json():
    result = CliRunner().invoke(app, ["schema", "--json"])
    doc = json.loads(result.stdout)
    assert result.exit_code == 0 and doc["sections"] == list(SECTIONS)
    jurisdiction = doc["schemas"]["jurisdictions"]
    assert jurisdiction["additionalProperties"] is False and "code" in jurisdiction["required"]
    assert "from" in json.dumps(jurisdiction["$defs"])  # keys by their YAML names, not Python's from_
