"""The contract itself: examples validate, the spec matches Graph's reference tables, conventions hold."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
REFERENCE: dict[str, Any] = yaml.safe_load(
    (ROOT / "tests/fixtures/graph_reference.yaml").read_text(encoding="utf-8")
)
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow one local `$ref` (the spec only uses `#/components/...`)."""
    while "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A 2020-12 validator for a schema taken from the spec, with formats asserted."""
    return Draft202012Validator(
        {**schema, "components": SPEC["components"]}, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def media_examples() -> list[tuple[str, dict[str, Any], Any]]:
    """Every (label, schema, example value) attached to a request or response media type."""
    found = []
    for path, method, op in operations():
        bodies = [("request", op.get("requestBody", {}))]
        bodies += [(status, resolve(resp)) for status, resp in op["responses"].items()]
        for where, body in bodies:
            for media, content in body.get("content", {}).items():
                for name, example in content.get("examples", {}).items():
                    label = f"{method.upper()} {path} {where} {media} {name}"
                    found.append((label, content["schema"], resolve(example)["value"]))
    return found


@pytest.mark.parametrize(
    ("label", "schema", "value"), media_examples(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_example_validates_against_its_schema(label: str, schema: dict[str, Any], value: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(schema).iter_errors(value)]
    assert not errors, f"{label}: {errors}"


def test_every_schema_example_validates() -> None:
    for name, schema in SCHEMAS.items():
        for value in schema.get("examples", []):
            assert not list(validator(schema).iter_errors(value)), f"{name} example {value!r}"


def test_every_component_example_is_used() -> None:
    used = set(re.findall(r"#/components/examples/(\w+)", (ROOT / "openapi.yaml").read_text()))
    assert used == set(SPEC["components"]["examples"]), "unused examples lie unvalidated"


def test_the_operations_are_graphs() -> None:
    ids = [op["operationId"] for _, _, op in operations()]
    assert len(ids) == len(set(ids)), "operationIds must be unique"
    assert sorted(ids) == sorted(REFERENCE["operations"])


def test_create_answers_201_with_the_job() -> None:
    for path, _method, op in operations():
        if op["operationId"].endswith("CreateJobs"):
            assert [k for k in op["responses"] if k.startswith("2")] == ["201"], path
            assert (
                resolve(op["responses"]["201"]["content"]["application/json"]["schema"])["title"]
                == "synchronizationJob"
            )


def test_every_operation_requires_the_bearer_scheme() -> None:
    scheme = SPEC["components"]["securitySchemes"]["bearer"]
    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")
    for path, method, op in operations():
        assert op.get("security") == [{"bearer": []}], f"{method} {path}"


@pytest.mark.parametrize(
    ("path", "method", "op"), operations(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_error_status_carries_graphs_envelope_and_headers(
    path: str, method: str, op: dict[str, Any]
) -> None:
    statuses = set(op["responses"])
    # 408, 413 and 431 can answer any request: a slow or oversized head or body is refused before routing.
    expected = {"400", "401", "403", "404", "408", "413", "429", "431", "5XX"}
    if "requestBody" in op and "application/json" in op["requestBody"]["content"]:
        expected.add("415")  # bulkUpload answers another content type 400, as Graph documents
    assert expected <= statuses, f"missing {expected - statuses}"
    for status, response in op["responses"].items():
        response = resolve(response)
        headers = response.get("headers", {})
        assert resolve(headers["request-id"])["required"] is True, status
        # Also a 431, sent before the headers are read: it carries the request-id as client-request-id.
        assert resolve(headers["client-request-id"])["required"] is True, status
        if status[0] in "45":
            assert resolve(response["content"]["application/json"]["schema"])["title"] == "ODataError"
        if status == "401":
            # Optional: the 401 of a missing permission has no challenge (D24); both are exemplified.
            assert resolve(headers["WWW-Authenticate"])["required"] is False
            examples = resolve(response)["content"]["application/json"]["examples"]
            codes = {resolve(example)["value"]["error"]["code"] for example in examples.values()}
            assert codes == {"InvalidAuthenticationToken", "UnknownError"}
        if status == "429":
            assert resolve(headers["Retry-After"])["required"] is True


def test_permissions_extension_matches_the_reference_and_the_description() -> None:
    perms = REFERENCE["permissions"]
    for _path, method, op in operations():
        ext = op["x-graph-permissions"]
        kind = "read" if method == "get" else "write"
        if op["operationId"].endswith("PostBulkUpload"):
            kind = "upload"
        assert ext["delegatedWork"] == perms[kind]["delegatedWork"], op["operationId"]
        assert ext["application"] == perms[kind]["application"], op["operationId"]
        assert ext["delegatedPersonal"] == []
        roles = (
            perms["upload"]["directoryRoleTemplateIds"]
            if kind == "upload"
            else perms["directoryRoleTemplateIds"]
        )
        assert [r["templateId"] for r in ext["directoryRoles"]] == roles
        for name in ext["delegatedWork"] + ext["application"] + [r["name"] for r in ext["directoryRoles"]]:
            assert name in op["description"], f"{op['operationId']}: description does not name {name}"


def test_every_extension_is_documented() -> None:
    used = set(re.findall(r"^\s*-?\s*(x-[A-Za-z0-9-]+):", (ROOT / "openapi.yaml").read_text(), re.MULTILINE))
    documented = (ROOT / "docs/x-extensions.md").read_text()
    assert used, "no extensions found: the scan is broken"
    missing = sorted(x for x in used if f"`{x}`" not in documented)
    assert not missing, f"undocumented extensions: {missing}"


# ---- fidelity to Graph's reference tables


def by_graph_type() -> dict[str, dict[str, Any]]:
    return {
        s["x-graph-type"].removeprefix("microsoft.graph."): s for s in SCHEMAS.values() if "x-graph-type" in s
    }


def kind_of(prop: dict[str, Any]) -> tuple[str, bool]:
    """Reduce a property schema to (reference kind, nullable)."""
    prop = dict(prop)
    nullable = False
    if "anyOf" in prop:
        branches = prop["anyOf"]
        nullable = {"type": "null"} in branches
        rest = [b for b in branches if b != {"type": "null"}]
        assert len(rest) == 1, prop
        prop = rest[0]
    if isinstance(prop.get("type"), list):
        types = prop["type"]
        nullable = "null" in types
        prop = {**prop, "type": next(t for t in types if t != "null")}
    if "$ref" in prop:
        target = resolve(prop)
        name = target["title"]
        if "x-graph-flags-members" in target:
            return f"flags:{name}", nullable
        if "enum" in target:
            return f"enum:{name}", nullable
        if name == "duration":
            return "duration", nullable
        return f"complex:{name}", nullable
    if prop.get("type") == "array":
        items = resolve(prop["items"])
        return f"collection:{items.get('title') or items['type']}", nullable
    if prop.get("type") == "integer" and prop.get("format") == "int64":
        assert prop["minimum"] == -(2**63) and prop["maximum"] == 2**63 - 1, "int64 must carry its range"
        return "int64", nullable
    if prop.get("type") == "integer" and prop.get("format") == "int32":
        assert prop["minimum"] == -(2**31) and prop["maximum"] == 2**31 - 1, "int32 must carry its range"
        return "int32", nullable
    if prop.get("type") == "string" and prop.get("format") == "date-time":
        return "datetime", nullable
    if prop.get("type") == "string" and prop.get("format") == "uuid":
        return "guid", nullable
    return prop["type"], nullable


@pytest.mark.parametrize("graph_type", sorted(REFERENCE["types"]))
def test_properties_types_and_nullability_match_graph(graph_type: str) -> None:
    schema = by_graph_type()[graph_type]
    expected = REFERENCE["types"][graph_type]
    declared = {k: v for k, v in schema["properties"].items() if not k.startswith("@odata.")}
    missing = sorted(set(expected) - set(declared))
    extra = sorted(set(declared) - set(expected))
    assert not missing, f"{graph_type}: Graph has {missing}, the spec does not"
    assert not extra, f"{graph_type}: the spec has {extra}, Graph does not"
    for name, want in expected.items():
        got_kind, got_nullable = kind_of(declared[name])
        assert got_kind == want["kind"], (
            f"{graph_type}.{name}: spec says {got_kind}, Graph says {want['kind']}"
        )
        assert got_nullable == want["nullable"], (
            f"{graph_type}.{name}: nullable {got_nullable}, Graph {want['nullable']}"
        )
    for name in REFERENCE["not_declared"].get(graph_type, []):
        assert name not in declared


def test_odata_type_is_never_required() -> None:
    for name, schema in SCHEMAS.items():
        assert "@odata.type" not in schema.get("required", []), name


@pytest.mark.parametrize("enum_name", sorted(REFERENCE["enums"]))
def test_enum_members_match_graph(enum_name: str) -> None:
    assert by_graph_type()[enum_name]["enum"] == REFERENCE["enums"][enum_name]


def test_flags_members_match_graph() -> None:
    for name, members in REFERENCE["flags"].items():
        assert by_graph_type()[name]["x-graph-flags-members"] == members


# ---- the string grammars


def matches(schema_name: str, value: str) -> bool:
    return not list(validator(SCHEMAS[schema_name]).iter_errors(value))


@pytest.mark.parametrize(
    "value", ["P10675199DT2H48M5.4775807S", "PT40M", "PT20M", "-PT15M", "P1D", "PT0.5S", "PT1H30S", "P2DT3M"]
)
def test_duration_accepts_graphs_durations(value: str) -> None:
    assert matches("duration", value)


@pytest.mark.parametrize(
    "value", ["P", "PT", "-P", "P1M", "P1Y", "P1W", "40 minutes", "PT1H2D", "P1DT", "PT.5S", "", "pt1m"]
)
def test_duration_rejects_what_graph_cannot_mean(value: str) -> None:
    assert not matches("duration", value)


def test_duration_has_no_format() -> None:
    assert "format" not in SCHEMAS["duration"]


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Full",
        "Watermark, Escrows, QuarantineState",
        "None",
        "ForceDeletes,Full",
        "Watermark ,  Escrows",
        " Full ",
    ],
)
def test_restart_scope_accepts_flag_combinations(value: str) -> None:
    assert matches("synchronizationJobRestartScope", value)


@pytest.mark.parametrize(
    "value",
    ["full", "Watermark,", ", Full", "Watermark;Escrows", "15", "Watermark Escrows", "Watermark,\tEscrows"],
)
def test_restart_scope_rejects_other_strings(value: str) -> None:
    assert not matches("synchronizationJobRestartScope", value)


def test_datetime_pattern_keeps_graphs_sentinel_and_precision() -> None:
    expiration = SCHEMAS["synchronizationSchedule"]["properties"]["expiration"]
    for value in ["0001-01-01T00:00:00Z", "2020-06-26T13:58:24.7682084Z", "2026-11-29T05:13:36+01:00"]:
        assert not list(validator(expiration).iter_errors(value)), value
    for value in [
        "2023-11-08T15:01:03",
        "10000-01-01T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "",
    ]:
        assert list(validator(expiration).iter_errors(value)), value


def test_inner_error_date_accepts_graphs_offsetless_form() -> None:
    date = SCHEMAS["InnerError"]["properties"]["date"]
    assert not list(validator(date).iter_errors("2023-11-08T15:01:03"))
