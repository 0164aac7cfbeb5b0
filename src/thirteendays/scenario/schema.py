"""The scenario JSON Schema, generated from the same models the loader uses."""

from __future__ import annotations

import json

from .model import Scenario

SCHEMA_ID = "https://thirteendays.invalid/schema/scenario.schema.json"


def scenario_schema() -> dict:
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Thirteen Days scenario"
    return schema


def schema_text() -> str:
    return json.dumps(scenario_schema(), indent=2, sort_keys=False) + "\n"
