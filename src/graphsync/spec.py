"""openapi.yaml, loaded once per app: the operations the emulator serves and the schemas it validates with."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from graphsync.files import read_limited

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_SPEC_BYTES = 16 * 1024 * 1024
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


class SpecError(ValueError):
    """openapi.yaml cannot be read or lacks something the emulator relies on."""


@dataclasses.dataclass(frozen=True)
class Parameter:
    """One declared parameter (path, query or header) of an operation."""

    name: str
    location: str
    required: bool
    schema: Mapping[str, Any]


@dataclasses.dataclass(frozen=True)
class Operation:
    """One method on one path of the spec, with what the server needs to serve it."""

    method: str  # upper case, as on the wire
    path: str  # the template, e.g. /servicePrincipals/{servicePrincipal-id}/synchronization/jobs
    operation_id: str
    permissions: Mapping[str, Any]  # x-graph-permissions
    body_schema: Mapping[str, Any] | None  # the body's schema (a `$ref` into components)
    body_required: bool
    parameters: tuple[Parameter, ...]
    success_status: int
    body_media_type: str = "application/json"  # the one media type the body is declared with
    media_type_status: int = 415  # a body of another type: 415, or 400 where the operation declares no 415

    @property
    def query_parameters(self) -> dict[str, Parameter]:
        return {p.name: p for p in self.parameters if p.location == "query"}


@dataclasses.dataclass(frozen=True)
class Spec:
    """The parsed document, its raw bytes (served at /openapi.yaml) and its operations."""

    document: Mapping[str, Any]
    raw: bytes
    operations: tuple[Operation, ...]

    @classmethod
    def load(cls, path: Path) -> Spec:
        """Read and index the spec; SpecError names the file and what is wrong."""
        try:
            raw = read_limited(Path(path), MAX_SPEC_BYTES)
        except OSError as exc:
            raise SpecError(f"cannot read the OpenAPI document {path}: {exc.strerror or exc}") from None
        try:
            document = yaml.load(raw, Loader=_LOADER)
        except yaml.YAMLError as exc:
            raise SpecError(f"{path} is not valid YAML: {exc}") from None
        if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
            raise SpecError(f"{path} is not an OpenAPI document (no `paths`)")
        try:
            operations = tuple(_operations(document))
        except (KeyError, TypeError, ValueError) as exc:
            raise SpecError(f"{path}: unexpected structure ({exc!r})") from None
        return cls(document=document, raw=raw, operations=operations)

    @property
    def unrouted(self) -> dict[str, tuple[str, ...]]:
        """Path template -> methods Graph's service answers 404 there (`x-graph-unrouted-methods`)."""
        found = {}
        for path, item in self.document["paths"].items():
            methods = item.get("x-graph-unrouted-methods") if isinstance(item, dict) else None
            if methods:
                found[path] = tuple(str(method).upper() for method in methods)
        return found

    @property
    def components(self) -> Mapping[str, Any]:
        components: Mapping[str, Any] = self.document.get("components", {})
        return components

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        """Follow local `$ref`s (`#/components/...`) until a node without one."""
        seen = 0
        while "$ref" in node:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/"):
                raise SpecError(f"only local references are supported, got {ref!r}")
            target: Any = self.document
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            node = target
            seen += 1
            if seen > 64:
                raise SpecError(f"reference cycle at {ref!r}")
        return node


def _operations(document: Mapping[str, Any]) -> list[Operation]:
    spec_view = Spec(document=document, raw=b"", operations=())
    found = []
    for path, item in document["paths"].items():
        item = spec_view.resolve(item)
        shared = [spec_view.resolve(p) for p in item.get("parameters", [])]
        for method in HTTP_METHODS:
            op = item.get(method)
            if op is None:
                continue
            own = [spec_view.resolve(p) for p in op.get("parameters", [])]
            merged = {(p["name"], p["in"]): p for p in [*shared, *own]}
            parameters = tuple(
                Parameter(p["name"], p["in"], bool(p.get("required", False)), p.get("schema", {}))
                for p in merged.values()
            )
            body_schema = None
            body_required = False
            media_type = "application/json"
            if "requestBody" in op:
                body = spec_view.resolve(op["requestBody"])
                (media_type, content), *others = body["content"].items()
                if others:
                    raise ValueError(f"{op['operationId']}: a request body must have one media type")
                body_schema = content["schema"]
                body_required = bool(body.get("required", False))
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    operation_id=op["operationId"],
                    permissions=op.get("x-graph-permissions", {}),
                    body_schema=body_schema,
                    body_required=body_required,
                    parameters=parameters,
                    success_status=_success_status(op["responses"]),
                    body_media_type=media_type,
                    media_type_status=415 if "415" in op["responses"] else 400,
                )
            )
    return found


def _success_status(responses: Mapping[str, Any]) -> int:
    """The lowest 2xx; an operation whose success is a redirect (the web view's sign-in), its lowest 3xx."""
    codes = sorted(int(code) for code in responses if str(code).isdigit() and 200 <= int(code) < 400)
    if not codes:
        raise ValueError(f"no explicit 2xx or 3xx response among {sorted(responses)}")
    return codes[0]
