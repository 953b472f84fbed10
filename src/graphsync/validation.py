"""Request validation against the schemas in openapi.yaml, with Graph-style 400 messages naming the property.

Validators are JSON Schema Draft 2020-12 with formats asserted, compiled once per app from the spec
itself by jsonschema-rs (a compiled validator: microseconds per body, and bounded time for a 1 MiB
body, where a pure-Python validator would hold the event loop for seconds). Its regular expressions
follow ECMA-262, so `$` means end of input ("PT40M\\n" fails `^...$`). `readOnly: true` is enforced
too: such a property in a request is refused.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, NoReturn
from urllib.parse import unquote_to_bytes

import jsonschema_rs

from graphsync.errors import BAD_REQUEST, ODATA_BAD_REQUEST, GraphError
from graphsync.spec import Operation, Spec

UNSUPPORTED_QUERY = "Request_UnsupportedQuery"
MAX_ECHO = 100  # characters of a client value quoted back in a message
MAX_LISTED_MEMBERS = 8  # enum members named in a message; the spec lists them all
SENSITIVE = "x-graph-sensitive"  # a schema whose values are never quoted back (secrets)


class _ReadOnly:
    """The `readOnly` keyword as an assertion: a read-only property present in a request is an error."""

    def __init__(self, parent_schema: Mapping[str, Any], value: Any, schema_path: Any) -> None:
        self._read_only = value is True

    def validate(self, instance: Any) -> None:
        if self._read_only:
            raise ValueError("read-only")


def compile_schema(schema: Mapping[str, Any], components: Mapping[str, Any]) -> Any:
    """A 2020-12 validator for a schema that may `$ref` into `#/components`, formats asserted.

    Its first error costs no more than finding it (see `fail_fast`).
    """
    return jsonschema_rs.Draft202012Validator(
        fail_fast({**schema, "components": components}),
        validate_formats=True,
        keywords={"readOnly": _ReadOnly},
    )


def fail_fast(node: Any) -> Any:
    """The schema with each nullable `anyOf: [X, {type: 'null'}]` written as `if null then true else X`.

    Both accept exactly the same instances, but a failing `anyOf` makes the validator collect every
    error of every branch to report one (500,000 for an array of 500,000 wrong items: seconds and
    gigabytes), while `else` reports the branch's first error where it occurs, at the cost of
    finding it. Other `anyOf`s are left as they are (the spec has none in request bodies).

    Likewise a bounded array `{maxItems: N, items: X}` becomes `{prefixItems: [X] * N, items: false}`:
    the same instances, but an array that is too long fails at its item N, instead of handing the whole
    array (500,000 items) back to Python with the error.
    """
    if isinstance(node, list):
        return [fail_fast(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: fail_fast(value) for key, value in node.items()}
    branches = out.get("anyOf")
    if isinstance(branches, list) and len(branches) == 2 and {"type": "null"} in branches:
        out.pop("anyOf")
        other = branches[1 - branches.index({"type": "null"})]
        out.update({"if": {"type": "null"}, "then": True, "else": other})
    bound = out.get("maxItems")
    if isinstance(bound, int) and 0 < bound <= 1000 and "items" in out and "prefixItems" not in out:
        out.update({"prefixItems": [out.pop("items")] * out.pop("maxItems"), "items": False})
    return out


class BodyValidator:
    """Validates one operation's JSON body; `validate` raises GraphError 400 with a message naming the property."""

    def __init__(self, spec: Spec, operation: Operation) -> None:
        assert operation.body_schema is not None
        self._spec = spec
        self._root = operation.body_schema
        self._action = operation.path.rsplit("/", 1)[-1]  # an action's name is its path's last segment
        self._validator = compile_schema(operation.body_schema, spec.components)

    def validate(self, value: Any) -> None:
        """Return if `value` is valid, else raise GraphError 400 describing its first error."""
        try:
            self._validator.validate(value)
        except jsonschema_rs.ValidationError as error:
            raise GraphError(400, BAD_REQUEST, self._message(error)) from None
        except ValueError:  # jsonschema-rs reports no error in an instance nested 255 levels or more
            raise GraphError(400, BAD_REQUEST, "The request body is nested too deeply.") from None

    def _message(self, error: Any) -> str:
        path = list(error.instance_path)
        kind = error.kind.name
        if kind == "additionalProperties":
            name = str(error.kind.unexpected[0]) if error.kind.unexpected else ""
            node = self._concrete(self._node_at(path) or {})
            type_name = self._graph_type(node)
            if type_name is None and not path:
                return (
                    f"The parameter '{_clip(name)}' in the request payload is not a valid parameter for the "
                    f"operation '{self._action}'."
                )
            return (
                f"The property '{_clip(_dotted([*path, name]))}' does not exist on type '{type_name or 'object'}'. "
                "Make sure to only use property names that are defined by the type."
            )
        if kind == "readOnly":
            return f"The property '{_dotted(path)}' is read-only and cannot be set by the client."
        if kind == "falseSchema" and path and isinstance(path[-1], int):
            array = self._node_at(path[:-1]) or {}
            if array.get("maxItems") == path[-1]:
                return f"The property '{_dotted(path[:-1])}' holds more than {path[-1]} items."
        if kind == "required":
            return f"The property '{_dotted([*path, str(error.kind.property)])}' is required and must not be null."
        if not path:
            return "The request body must be a JSON object."
        declared = self._node_at(path)
        shown = "the value (not shown)" if (declared or {}).get(SENSITIVE) else _shown(error.instance)
        return f"Invalid value for property '{_dotted(path)}': {shown} is not a valid {self._describe(declared)}."

    def _graph_type(self, node: Mapping[str, Any]) -> str | None:
        for branch in [node, *(self._spec.resolve(b) for b in node.get("allOf", []))]:
            if "x-graph-type" in branch:
                return str(branch["x-graph-type"])
        return None

    def _node_at(self, path: Sequence[str | int]) -> Mapping[str, Any] | None:
        """The schema declared for the property at `path` (through $ref, allOf and nullable anyOf)."""
        node: Mapping[str, Any] | None = self._root
        for part in path:
            if node is None:
                return None
            node = self._concrete(node)
            if isinstance(part, int):
                node = node.get("items")
                continue
            found = None
            # The last allOf branch that declares the property is the refining one (create's templateId).
            for branch in [node, *(self._spec.resolve(b) for b in reversed(node.get("allOf", [])))]:
                found = branch.get("properties", {}).get(part)
                if found is not None:
                    break
            node = found
        return node

    def _concrete(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        """Resolve references and pick the non-null branch of a nullable `anyOf`."""
        node = self._spec.resolve(node)
        while "anyOf" in node:
            branches = [self._spec.resolve(b) for b in node["anyOf"]]
            non_null = [b for b in branches if b.get("type") != "null"]
            if len(non_null) != 1:
                break
            node = non_null[0]
        return node

    def _describe(self, node: Mapping[str, Any] | None) -> str:
        """The Edm or Graph type a schema stands for, with the allowed values where that helps."""
        if node is None:
            return "value"
        node = self._concrete(node)
        graph_type = self._graph_type(node)
        types = node.get("type")
        if "const" in node:
            return f"value; expected '{node['const']}'"
        if graph_type is not None and "enum" in node:
            members = node["enum"]
            if len(members) > MAX_LISTED_MEMBERS:  # a message stays one readable line
                shown = ", ".join(members[:MAX_LISTED_MEMBERS])
                return f"{graph_type} (one of its {len(members)} members, such as {shown}; names are case-sensitive)"
            return f"{graph_type} (one of {', '.join(members)})"
        if graph_type is not None and "x-graph-flags-members" in node:
            members = ", ".join(node["x-graph-flags-members"])
            return f"{graph_type} (a comma-separated combination of {members}, or empty)"
        if graph_type is not None:
            return graph_type
        if node.get("title") == "duration":
            return "Edm.Duration (an ISO 8601 duration of days, hours, minutes and seconds such as 'PT40M')"
        if "array" == types or (isinstance(types, list) and "array" in types):
            return f"Collection({self._describe(node.get('items'))})"
        if node.get("format") == "date-time":
            return "Edm.DateTimeOffset (such as '2026-11-29T08:00:00Z')"
        if node.get("format") == "int64":
            return "Edm.Int64"
        kind = types if isinstance(types, str) else next((t for t in types or [] if t != "null"), None)
        if kind == "boolean":
            return "Edm.Boolean"
        if kind == "integer":
            return "Edm.Int32"
        if kind == "string":
            return "Edm.String (not empty)" if node.get("minLength") else "Edm.String"
        return str(node.get("title", "value"))


def _dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _clip(text: str) -> str:
    escaped = json.dumps(text, ensure_ascii=False)[1:-1]
    return escaped if len(escaped) <= MAX_ECHO else escaped[:MAX_ECHO] + "..."


def _shown(value: Any) -> str:
    """A short rendering of a client value for a message; containers are named, never printed."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{_clip(value)}'"
    if isinstance(value, (int, float)):
        text = (
            repr(value)
            if isinstance(value, float)
            else str(value)
            if abs(value) < 10**30
            else "a huge number"
        )
        return text
    return "an array" if isinstance(value, list) else "an object"


def invalid_documents(spec: Spec, schema_name: str, documents: Mapping[str, Any]) -> list[str]:
    """A line for each document (by name) that is not a valid `schema_name` of the spec, naming its first error.

    For what the emulator builds from the seed (a template's new job), not for request bodies:
    `readOnly` is not asserted here.
    """
    validator = jsonschema_rs.Draft202012Validator(
        fail_fast({"$ref": f"#/components/schemas/{schema_name}", "components": spec.components}),
        validate_formats=True,
    )
    problems = []
    for name, document in documents.items():
        for error in validator.iter_errors(document):
            where = _dotted(list(error.instance_path)) or "(the document)"
            problems.append(f"{name}: {where}: {error.message}")
            break
    return problems


class QueryValidator:
    """Parses and validates an operation's query string: declared options only; `$`-prefixed unknown ones are 400."""

    def __init__(self, operation: Operation) -> None:
        self._declared = operation.query_parameters
        self._validators = {name: compile_schema(p.schema, {}) for name, p in self._declared.items()}

    def parse(self, query: bytes) -> dict[str, Any]:
        """The declared options present, converted to their schema types; other `$` options are refused."""
        if not query:
            return {}
        values: dict[str, Any] = {}
        for pair in query.split(b"&"):
            if not pair:
                continue
            raw_name, _, raw_value = pair.partition(b"=")
            name = _decode_query(raw_name)
            value = _decode_query(raw_value)
            if name not in self._declared:
                if name.startswith("$"):
                    raise GraphError(
                        400,
                        UNSUPPORTED_QUERY,
                        f"Query option '{_clip(name)}' is not supported by this operation.",
                    )
                continue  # custom query options (no `$`) are ignored, as OData allows
            if name in values:
                raise GraphError(400, BAD_REQUEST, f"Query option '{name}' is specified more than once.")
            values[name] = self._convert(name, value)
        return values

    def _convert(self, name: str, text: str) -> Any:
        schema = self._declared[name].schema
        value: Any = text
        if schema.get("type") == "array":  # style form, explode false: a comma-separated list
            value = [item.strip() for item in text.split(",")]
            if not self._validators[name].is_valid(value):
                if name == "$select":
                    _unknown_selected(value, schema)
                raise GraphError(400, BAD_REQUEST, self._invalid_item(name, value, schema))
            return tuple(value)
        if schema.get("type") == "boolean":
            if text not in ("true", "false"):
                raise GraphError(
                    400,
                    BAD_REQUEST,
                    f"Invalid value '{_clip(text)}' for query option '{name}': expected true or false.",
                )
            return text == "true"
        if schema.get("type") == "integer":
            digits = text[1:] if text[:1] == "-" else text
            if not (digits.isascii() and digits.isdigit()):
                raise GraphError(
                    400,
                    BAD_REQUEST,
                    f"Invalid value '{_clip(text)}' for query option '{name}': expected an integer.",
                )
            if len(digits) > 18:  # int() of a huge digit string is slow; no declared range needs more
                return self._out_of_range(name, text, schema)
            value = int(text)
        if not self._validators[name].is_valid(value):
            if schema.get("type") == "integer":
                return self._out_of_range(name, text, schema)
            raise GraphError(400, BAD_REQUEST, f"Invalid value '{_clip(text)}' for query option '{name}'.")
        return value

    @staticmethod
    def _invalid_item(name: str, items: list[str], schema: Mapping[str, Any]) -> str:
        """Which item of a list option is not allowed (or repeated), and what is."""
        allowed = schema.get("items", {}).get("enum", [])
        for index, item in enumerate(items):
            if item not in allowed:
                return (
                    f"Invalid value '{_clip(item)}' in query option '{name}': expected one of "
                    f"{', '.join(map(str, allowed))}."
                )
            if item in items[:index]:
                return f"The value '{_clip(item)}' appears more than once in query option '{name}'."
        return f"Invalid value for query option '{name}'."

    @staticmethod
    def _out_of_range(name: str, text: str, schema: Mapping[str, Any]) -> NoReturn:
        bounds = f"from {schema.get('minimum', '-inf')} to {schema.get('maximum', 'inf')}"
        raise GraphError(
            400,
            BAD_REQUEST,
            f"Invalid value '{_clip(text)}' for query option '{name}': expected an integer {bounds}.",
        )


def _unknown_selected(items: Sequence[str], schema: Mapping[str, Any]) -> None:
    """Graph's 400 for a `$select` naming a property its type does not have (returns if none does)."""
    allowed = schema.get("items", {}).get("enum", [])
    type_name = schema.get("items", {}).get("x-graph-type", "the resource")
    for item in items:
        if item not in allowed:
            raise GraphError(
                400,
                ODATA_BAD_REQUEST,
                "Parsing OData Select and Expand failed: Could not find a property named "
                f"'{_clip(item)}' on type '{type_name}'.",
            )


def _decode_query(raw: bytes) -> str:
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise GraphError(
            400, BAD_REQUEST, "The query string is not valid UTF-8 after percent-decoding."
        ) from None
