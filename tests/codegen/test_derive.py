"""codegen/derive.py: the generator input derived from openapi.yaml."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "codegen"))

from derive import DeriveError, derive

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


def api(
    schemas: dict[str, Any], *, request: str | None = None, response: str | None = None
) -> dict[str, Any]:
    """A one-operation spec with the given component schemas used as request and response bodies."""
    op: dict[str, Any] = {"operationId": "op", "responses": {"200": {"description": "ok"}}}
    if request:
        op["requestBody"] = {
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{request}"}}}
        }
    if response:
        op["responses"]["200"]["content"] = {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{response}"}}
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"post": op}},
        "components": {"schemas": schemas},
    }


def test_the_spec_itself_is_not_modified() -> None:
    before = copy.deepcopy(SPEC)
    derive(SPEC)
    assert before == SPEC


def test_create_schema_is_flattened_with_the_intersection_of_template_id() -> None:
    create = derive(SPEC)["components"]["schemas"]["synchronizationJobCreate"]
    assert "allOf" not in create
    assert create["type"] == "object"
    assert create["additionalProperties"] is False
    assert create["required"] == ["templateId"]
    template_id = create["properties"]["templateId"]
    assert template_id["type"] == "string"
    assert template_id["minLength"] == 1
    assert create["description"] == SPEC["components"]["schemas"]["synchronizationJobCreate"]["description"]


def test_read_only_properties_leave_request_only_schemas_and_stay_in_responses() -> None:
    schemas = derive(SPEC)["components"]["schemas"]
    assert not {"id", "@odata.context"} & set(schemas["synchronizationJobCreate"]["properties"])
    assert {"id", "@odata.context"} <= set(schemas["synchronizationJob"]["properties"])


def test_titles_and_date_time_formats_are_removed_patterns_kept() -> None:
    derived = derive(SPEC)
    schemas = derived["components"]["schemas"]
    assert not [name for name, schema in schemas.items() if "title" in schema]
    assert "format: date-time" not in yaml.safe_dump(derived)
    began = schemas["synchronizationTaskExecution"]["properties"]["timeBegan"]
    assert began == {
        k: v
        for k, v in SPEC["components"]["schemas"]["synchronizationTaskExecution"]["properties"][
            "timeBegan"
        ].items()
        if k != "format"
    }
    assert "pattern" in began


def without_date_time_format(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: without_date_time_format(v) for k, v in node.items() if (k, v) != ("format", "date-time")}
    if isinstance(node, list):
        return [without_date_time_format(v) for v in node]
    return node


def test_everything_else_is_unchanged() -> None:
    derived = derive(SPEC)
    assert derived["paths"] == SPEC["paths"]
    for name, schema in SPEC["components"]["schemas"].items():
        if name != "synchronizationJobCreate":
            expected = {k: v for k, v in without_date_time_format(schema).items() if k != "title"}
            assert derived["components"]["schemas"][name] == expected, name


def test_shared_schema_with_read_only_property_is_an_error() -> None:
    spec = api(
        {"thing": {"type": "object", "properties": {"id": {"type": "string", "readOnly": True}}}},
        request="thing",
        response="thing",
    )
    with pytest.raises(DeriveError, match=r"thing is used in requests and in responses and has readOnly"):
        derive(spec)


def test_write_only_properties_leave_response_only_schemas() -> None:
    spec = api(
        {
            "secret": {
                "type": "object",
                "required": ["password"],
                "properties": {"password": {"type": "string", "writeOnly": True}, "name": {"type": "string"}},
            }
        },
        response="secret",
    )
    schema = derive(spec)["components"]["schemas"]["secret"]
    assert schema["properties"] == {"name": {"type": "string"}}
    assert "required" not in schema


def test_conflicting_all_of_branches_are_an_error() -> None:
    schemas = {
        "base": {"type": "object", "properties": {"n": {"type": "integer", "maximum": 5}}},
        "sub": {"allOf": [{"$ref": "#/components/schemas/base"}, {"properties": {"n": {"maximum": 3}}}]},
    }
    with pytest.raises(DeriveError, match=r"'maximum' is declared differently"):
        derive(api(schemas, response="sub"))


def test_all_of_adding_a_property_to_a_closed_schema_is_an_error() -> None:
    schemas = {
        "base": {"type": "object", "additionalProperties": False, "properties": {"a": {"type": "string"}}},
        "sub": {"allOf": [{"$ref": "#/components/schemas/base"}, {"properties": {"b": {"type": "string"}}}]},
    }
    with pytest.raises(DeriveError, match=r"adds properties \['b'\]"):
        derive(api(schemas, response="sub"))


def test_disjoint_types_are_an_error_and_integer_narrows_number() -> None:
    schemas = {
        "base": {"type": "object", "properties": {"n": {"type": "number"}, "s": {"type": "string"}}},
        "sub": {
            "allOf": [
                {"$ref": "#/components/schemas/base"},
                {"properties": {"n": {"type": ["integer", "null"]}}},
            ]
        },
    }
    assert (
        derive(api(schemas, response="sub"))["components"]["schemas"]["sub"]["properties"]["n"]["type"]
        == "integer"
    )
    schemas["sub"]["allOf"][1]["properties"]["s"] = {"type": "integer"}
    with pytest.raises(DeriveError, match="no value in common"):
        derive(api(schemas, response="sub"))


def test_unevaluated_properties_false_closes_the_flattened_schema() -> None:
    schemas = {
        "base": {"type": "object", "properties": {"a": {"type": "string"}}},
        "sub": {"allOf": [{"$ref": "#/components/schemas/base"}], "unevaluatedProperties": False},
    }
    sub = derive(api(schemas, response="sub"))["components"]["schemas"]["sub"]
    assert sub["additionalProperties"] is False
    assert "unevaluatedProperties" not in sub


def test_external_and_dangling_references_are_errors() -> None:
    schemas = {"sub": {"allOf": [{"$ref": "other.yaml#/components/schemas/base"}]}}
    with pytest.raises(DeriveError, match="only local references"):
        derive(api(schemas, response="sub"))
    schemas = {"sub": {"allOf": [{"$ref": "#/components/schemas/nowhere"}]}}
    with pytest.raises(DeriveError, match="dangling reference"):
        derive(api(schemas, response="sub"))
