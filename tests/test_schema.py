"""The editor schema is generated from the loader's models and kept current."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, SCENARIOS
from thirteendays.scenario.schema import schema_text


def test_the_committed_schema_is_current():
    committed = (ROOT / "schema" / "scenario.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: thirteendays schema --out schema/scenario.schema.json"


def test_shipped_scenarios_carry_the_modeline():
    for path in SCENARIOS.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/scenario.schema.json", path


def test_the_schema_forbids_unknown_keys():
    schema = json.loads(schema_text())
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object" and "properties" in definition:
            assert definition.get("additionalProperties") is False, name


def test_schema_file_is_valid_json(tmp_path: Path):
    assert json.loads((ROOT / "schema" / "scenario.schema.json").read_text())["type"] == "object"
