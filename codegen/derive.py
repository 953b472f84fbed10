"""Derive the generators' input from openapi.yaml.

Both generators read a derived copy of the spec, never openapi.yaml itself. The
derivation only rewrites spellings the generators mishandle; it never changes
what a valid request or response is, except that request-only schemas lose
their read-only properties (which the contract rejects in requests anyway).

Transformations, in order (see codegen/README.md for the reasons):

1. ``allOf`` of object schemas is flattened into one object schema. A property
   declared in several branches gets the intersection of its declarations
   (``type: [string, 'null']`` and ``type: string, minLength: 1`` give
   ``type: string, minLength: 1``). openapi-python-client 0.29.1 cannot merge
   such properties and silently drops every operation that uses the schema.
2. Read-only properties are removed from component schemas that are reachable
   only from request bodies, and write-only properties from those reachable
   only from responses. A schema reachable from both that declares such a
   property is an error: split it in the spec (as ``synchronizationJobCreate``
   is split from ``synchronizationJob``).
3. ``title`` is removed from component schemas, so that class names come from
   the component keys (openapi-python-client names classes after titles, which
   are prose here).
4. ``format: date-time`` is removed from string schemas; their ``pattern`` stays.
   Date-times are then plain ``str`` in both generators: no generator-specific
   datetime parsing, so 7-digit fractions, ``Z`` and year 0001 round-trip.

Run as a script to print the derived spec: ``python codegen/derive.py openapi.yaml``.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ANSWERED = "x-graph-answered"  # codegen/tolerant.py
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Keywords that only describe a schema; when two allOf branches disagree, the
# later branch (the more specific one) wins.
ANNOTATIONS = frozenset(
    {"title", "description", "examples", "example", "deprecated", "externalDocs", "$comment"}
)


class DeriveError(Exception):
    """The spec uses a construct the derivation cannot express for the generators."""


def derive(spec: dict[str, Any]) -> dict[str, Any]:
    """Return the generator input for ``spec`` (which is not modified)."""
    spec = copy.deepcopy(spec)
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    # Said of one schema's answers: not inherited by a schema that includes it with allOf.
    answered = {name: schema[ANSWERED] for name, schema in schemas.items() if ANSWERED in schema}
    for name in list(schemas):
        schemas[name] = _flatten(spec, schemas[name], f"#/components/schemas/{name}")
        schemas[name].pop(ANSWERED, None)
        if name in answered:
            schemas[name][ANSWERED] = answered[name]
    _walk_operation_schemas(spec, lambda node, where: _flatten(spec, node, where))
    _strip_one_sided_properties(spec)
    for schema in schemas.values():
        schema.pop("title", None)
    _drop_date_time_format(spec)
    return spec


# --- 1. allOf ----------------------------------------------------------------


def _resolve(spec: dict[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        raise DeriveError(f"only local references are supported, got {ref!r}")
    node: Any = spec
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        try:
            node = node[part]
        except (KeyError, TypeError):
            raise DeriveError(f"dangling reference {ref!r}") from None
    return node


def deref(spec: dict[str, Any], node: Any) -> Any:
    """`node`, or what its `$ref` (and theirs, in turn) lead to."""
    while isinstance(node, dict) and "$ref" in node:
        node = _resolve(spec, node["$ref"])
    return node


def _flatten(spec: dict[str, Any], node: Any, where: str) -> Any:
    """Flatten every ``allOf`` inside ``node`` (recursively); return the new node."""
    if isinstance(node, list):
        return [_flatten(spec, item, f"{where}/{i}") for i, item in enumerate(node)]
    if not isinstance(node, dict):
        return node
    node = {key: _flatten(spec, value, f"{where}/{key}") for key, value in node.items()}
    if "allOf" not in node:
        return node
    branches = []
    for i, branch in enumerate(node.pop("allOf")):
        seen: list[str] = []
        while isinstance(branch, dict) and set(branch) == {"$ref"}:
            if branch["$ref"] in seen:
                raise DeriveError(f"{where}/allOf/{i}: circular reference {branch['$ref']!r}")
            seen.append(branch["$ref"])
            branch = _flatten(spec, copy.deepcopy(_resolve(spec, branch["$ref"])), branch["$ref"])
        if not isinstance(branch, dict):
            raise DeriveError(f"{where}/allOf/{i}: not a schema object")
        branches.append(branch)
    # The schema's own keywords come last: they describe the composed schema.
    merged: dict[str, Any] = {}
    for branch in [*branches, node]:
        merged = _merge_objects(merged, branch, where)
    return merged


def _types(schema: dict[str, Any]) -> list[str] | None:
    value = schema.get("type")
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _intersect_types(a: list[str], b: list[str], where: str) -> str | list[str]:
    both = [t for t in a if t in b]
    # integer is a subset of number.
    if "integer" not in both and (("integer" in a and "number" in b) or ("number" in a and "integer" in b)):
        both.append("integer")
    if not both:
        raise DeriveError(f"{where}: types {a} and {b} have no value in common")
    return both[0] if len(both) == 1 else both


def _intersect(a: Any, b: Any, where: str) -> Any:
    """A schema accepting exactly what both ``a`` and ``b`` accept (for the supported keywords)."""
    if a == b:
        return copy.deepcopy(a)
    if not isinstance(a, dict) or not isinstance(b, dict):
        raise DeriveError(f"{where}: cannot intersect {a!r} and {b!r}")
    out: dict[str, Any] = {}
    for key in [*a, *(k for k in b if k not in a)]:
        if key not in a or key not in b:
            out[key] = copy.deepcopy(a[key] if key in a else b[key])
        elif a[key] == b[key]:
            out[key] = copy.deepcopy(a[key])
        elif key in ANNOTATIONS:
            out[key] = copy.deepcopy(b[key])
        elif key == "type":
            out[key] = _intersect_types(_types(a) or [], _types(b) or [], where)
        elif key == "required":
            out[key] = list(dict.fromkeys([*a[key], *b[key]]))
        elif key == "properties":
            out[key] = _merge_properties(a[key], b[key], where)
        else:
            raise DeriveError(
                f"{where}: '{key}' is declared differently in two allOf branches ({a[key]!r} and {b[key]!r}); "
                "write the composed schema out in the spec"
            )
    return out


def _merge_properties(a: dict[str, Any], b: dict[str, Any], where: str) -> dict[str, Any]:
    out = {name: copy.deepcopy(schema) for name, schema in a.items()}
    for name, schema in b.items():
        out[name] = (
            _intersect(out[name], schema, f"{where}/properties/{name}")
            if name in out
            else copy.deepcopy(schema)
        )
    return out


def _merge_objects(a: dict[str, Any], b: dict[str, Any], where: str) -> dict[str, Any]:
    """Merge two allOf branches (or a branch into the result so far) into one object schema."""
    if not a:
        return copy.deepcopy(b)
    closed = False
    for side, other in ((a, b), (b, a)):
        if side.get("additionalProperties") is False:
            closed = True
            extra = sorted(set(other.get("properties", {})) - set(side.get("properties", {})))
            if extra:
                raise DeriveError(
                    f"{where}: allOf adds properties {extra} to a schema with additionalProperties: false, "
                    "so they could never be sent; declare them in that schema"
                )
    merged: dict[str, Any] = _intersect(
        {k: v for k, v in a.items() if not (closed and k == "additionalProperties")},
        {k: v for k, v in b.items() if not (closed and k == "additionalProperties")},
        where,
    )
    if closed:
        merged["additionalProperties"] = False
    # Once nothing is composed any more, unevaluatedProperties: false means additionalProperties: false.
    if merged.get("unevaluatedProperties") is False:
        del merged["unevaluatedProperties"]
        merged["additionalProperties"] = False
    return merged


# --- 2. read-only / write-only -------------------------------------------------


def _walk_operation_schemas(spec: dict[str, Any], visit: Any) -> None:
    """Replace every schema of a request body or response in ``paths`` with ``visit(schema, where)``."""
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            bodies = [op.get("requestBody")] + list(op.get("responses", {}).values())
            for body in bodies:
                if not isinstance(body, dict) or "$ref" in body:
                    continue
                for media, content in body.get("content", {}).items():
                    if "schema" in content:
                        content["schema"] = visit(content["schema"], f"{method.upper()} {path} {media}")


def _body_schemas(spec: dict[str, Any], body: Any) -> Iterator[Any]:
    seen: set[str] = set()
    while isinstance(body, dict) and "$ref" in body and body["$ref"] not in seen:
        seen.add(body["$ref"])
        body = _resolve(spec, body["$ref"])
    if isinstance(body, dict):
        for content in body.get("content", {}).values():
            if "schema" in content:
                yield content["schema"]


def _reachable(spec: dict[str, Any], roots: list[Any]) -> set[str]:
    """Names of the component schemas reachable from ``roots`` through ``$ref``."""
    prefix = "#/components/schemas/"
    found: set[str] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(prefix):
                name = ref[len(prefix) :].replace("~1", "/").replace("~0", "~")
                if name not in found:
                    found.add(name)
                    stack.append(spec["components"]["schemas"][name])
            stack.extend(v for k, v in node.items() if k != "$ref")
    return found


def _strip_one_sided_properties(spec: dict[str, Any]) -> None:
    requests: list[Any] = []
    responses: list[Any] = []
    for item in spec.get("paths", {}).values():
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                requests.extend(_body_schemas(spec, op.get("requestBody")))
                for response in op.get("responses", {}).values():
                    responses.extend(_body_schemas(spec, response))
    # Inline body schemas belong to one side only.
    for side, roots in (("readOnly", requests), ("writeOnly", responses)):
        for root in roots:
            if isinstance(root, dict) and "$ref" not in root:
                _drop_flagged(root, side)
    in_requests, in_responses = _reachable(spec, requests), _reachable(spec, responses)
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        for flag, side_only in (
            ("readOnly", name in in_requests and name not in in_responses),
            ("writeOnly", name in in_responses and name not in in_requests),
        ):
            flagged = sorted(
                p for p, s in schema.get("properties", {}).items() if isinstance(s, dict) and s.get(flag)
            )
            if not flagged:
                continue
            if side_only:
                _drop_flagged(schema, flag)
            elif name in in_requests and name in in_responses:
                raise DeriveError(
                    f"#/components/schemas/{name} is used in requests and in responses and has {flag} "
                    f"properties {flagged}; give the {'requests' if flag == 'readOnly' else 'responses'} "
                    f"their own schema without them (as synchronizationJobCreate does), or the generated "
                    f"request and response types cannot differ"
                )


def _drop_flagged(schema: dict[str, Any], flag: str) -> None:
    properties = schema.get("properties", {})
    for name in [p for p, s in properties.items() if isinstance(s, dict) and s.get(flag)]:
        del properties[name]
        if name in schema.get("required", []):
            schema["required"].remove(name)
    if schema.get("required") == []:
        del schema["required"]


# --- 4. date-time ----------------------------------------------------------------


def _drop_date_time_format(node: Any) -> None:
    if isinstance(node, dict):
        types = _types(node) or []
        if node.get("format") == "date-time" and "string" in types:
            del node["format"]
        for value in node.values():
            _drop_date_time_format(value)
    elif isinstance(node, list):
        for value in node:
            _drop_date_time_format(value)


# --- files -----------------------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    """Read the spec; DeriveError unless it is YAML with an ``info.version``."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as err:
        raise DeriveError(
            f"cannot read the spec ({err}); `make validate-spec` explains YAML problems"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("info"), dict) or "version" not in data["info"]:
        raise DeriveError("not an OpenAPI document with info.version; run `make validate-spec`")
    return data


def dump(spec: dict[str, Any]) -> str:
    """Serialise ``spec`` as YAML in document order, without line wrapping."""
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100000)


def main(argv: list[str]) -> int:
    """Write the generator input derived from the spec file in ``argv`` to stdout; return the exit status."""
    if len(argv) != 1:
        print("usage: python codegen/derive.py OPENAPI.yaml", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(dump(derive(load(Path(argv[0])))))
    except DeriveError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
