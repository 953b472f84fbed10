"""The input of `graphsync_models.tolerant`: the derived spec, read the way a client of real Graph must.

Graph adds properties and enumeration members over time. The strict models (`graphsync_models`)
refuse both, which is what a conformance test wants; the tolerant ones accept both and keep what they
do not know:

1. `additionalProperties: false` is dropped everywhere, and datamodel-codegen runs with
   `--extra-fields allow`: an unknown property is kept in the model's `model_extra` (and sent back
   when the model is dumped, so a read-modify-write loses nothing).
2. Every reference to an enumeration becomes `anyOf: [the enumeration, unknownMember]`, where
   `unknownMember` is `graphsync_models.unknown.UnknownMember`, a `str` subclass: the field's type
   says that a value may be one the spec does not list, and such a value keeps its text. A listed
   value is the enumeration's member: strictly, only an `UnknownMember` instance is one, and
   pydantic's smart unions take strict matches first.

3. The properties a schema's `x-graph-answered` lists (Graph answers them, with a value, unless
   `$select` leaves them out) are required and not nullable: results type them without `MISSING` or
   `None`. The facade that reads these models offers
   no `$select`.

Everything else (patterns, ranges) is as strict as in `graphsync_models`.
"""

from __future__ import annotations

import copy
from typing import Any

UNKNOWN_MEMBER = "unknownMember"
UNKNOWN_MEMBER_TYPE = "graphsync_models.unknown.UnknownMember"
ANSWERED = "x-graph-answered"
GENERATOR_OPTIONS = ("--extra-fields", "allow")


def tolerant(spec: dict[str, Any]) -> dict[str, Any]:
    """The tolerant models' input for the derived `spec` (which is not modified)."""
    spec = copy.deepcopy(spec)
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    if UNKNOWN_MEMBER in schemas:
        raise ValueError(f"components/schemas/{UNKNOWN_MEMBER} is reserved for the tolerant models")
    enums = {f"#/components/schemas/{name}" for name, schema in schemas.items() if "enum" in schema}
    for schema in schemas.values():
        _relax(schema, enums, top=True)
        answered = schema.pop(ANSWERED, None)
        if answered:
            unknown = sorted(set(answered) - set(schema.get("properties", {})))
            if unknown:
                raise ValueError(
                    f"{ANSWERED} names properties the schema does not have: {', '.join(unknown)}"
                )
            schema["required"] = sorted({*schema.get("required", []), *answered})
            for name in answered:
                schema["properties"][name] = _not_null(schema["properties"][name])
    schemas[UNKNOWN_MEMBER] = {
        "type": "string",
        "description": "A value of an enumeration that this version of the spec does not list.",
        "customTypePath": UNKNOWN_MEMBER_TYPE,
    }
    return spec


def _relax(node: Any, enums: set[str], *, top: bool = False) -> Any:
    if isinstance(node, list):
        return [_relax(item, enums) for item in node]
    if not isinstance(node, dict):
        return node
    if not top and node.get("$ref") in enums:
        return {"anyOf": [node, {"$ref": f"#/components/schemas/{UNKNOWN_MEMBER}"}]}
    if node.get("additionalProperties") is False:
        del node["additionalProperties"]
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            node[key] = {name: _relax(prop, enums) for name, prop in value.items()}
        elif key in ("items", "anyOf", "oneOf", "allOf", "additionalProperties", "contains"):
            node[key] = _relax(value, enums)
    return node


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` without `null` among its types or `anyOf` branches."""
    schema = dict(schema)
    types = schema.get("type")
    if isinstance(types, list) and "null" in types:
        kept = [t for t in types if t != "null"]
        schema["type"] = kept[0] if len(kept) == 1 else kept
    if "anyOf" in schema:
        branches = [b for b in schema["anyOf"] if b != {"type": "null"}]
        if len(branches) == 1 and set(schema) <= {"anyOf", "description"}:
            return {
                **branches[0],
                **({"description": schema["description"]} if "description" in schema else {}),
            }
        schema["anyOf"] = branches
    return schema
