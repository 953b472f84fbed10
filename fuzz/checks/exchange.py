"""Reading one exchange: the case schemathesis generated, the request really sent and the response."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from schemathesis import APIOperation, Case, Response

    #: A case of this API's operations (the parameters of APIOperation are not needed here).
    GraphCase: TypeAlias = Case[APIOperation[Any, Any, Any, Any]]

GUID = re.compile(r"\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
#: Where the emulator's control API lives (src/graphsync/control/openapi.yaml): not a Graph resource.
CONTROL_PREFIX = "/_graphsync/"


def header(response: Response, name: str) -> str | None:
    """The first value of a response header."""
    values = response.headers.get(name.lower())
    return values[0] if values else None


def sent_header(response: Response, name: str) -> str | None:
    """A header as it was really sent (schemathesis keeps the prepared request)."""
    value = response.request.headers.get(name)
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value


def sent_query(response: Response, name: str) -> list[str]:
    """The values of a query option as it was really sent (decoded), in order."""
    query = parse_qs(urlsplit(response.request.url or "").query, keep_blank_values=True)
    return query.get(name, [])


def media_type(response: Response) -> tuple[str, dict[str, str]]:
    """The response's media type (lower case, "" without Content-Type) and its parameters (names lower case)."""
    raw = header(response, "content-type") or ""
    essence, *rest = raw.split(";")
    parameters = {}
    for item in rest:
        name, _, value = item.partition("=")
        if name.strip():
            parameters[name.strip().lower()] = value.strip().strip('"')
    return essence.strip().lower(), parameters


def json_body(response: Response) -> Any:
    """The response body as JSON, None when it is not JSON."""
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None


def error_code(response: Response) -> str | None:
    """`error.code` of a Graph error body, None when the body is not one."""
    body = json_body(response)
    error = body.get("error") if isinstance(body, Mapping) else None
    code = error.get("code") if isinstance(error, Mapping) else None
    return code if isinstance(code, str) else None


def request_label(case: GraphCase, response: Response) -> str:
    """`METHOD /path` of the request, for messages."""
    return f"{case.method.upper()} {urlsplit(response.request.url or '').path}"


def short(value: Any, limit: int = 300) -> str:
    """A value for a message: JSON (a string as its repr), cut after `limit` characters."""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def raw_operation(case: GraphCase) -> Mapping[str, Any]:
    """The raw openapi.yaml operation of the case (the case's declared method, not the one sent)."""
    paths = case.operation.schema.raw_schema.get("paths", {})
    operation: Mapping[str, Any] = paths.get(case.operation.path, {}).get(case.operation.method.lower(), {})
    return operation


def declared_methods(case: GraphCase) -> set[str]:
    """The methods openapi.yaml declares for the case's path."""
    item = case.operation.schema.raw_schema.get("paths", {}).get(case.operation.path, {})
    return {method.upper() for method in HTTP_METHODS if method in item}


def kind(case: GraphCase) -> str:
    """The kind of operation, from the path and method in openapi.yaml: of jobs 'list', 'create', 'count'
    (any `/$count`), 'get', 'delete' or 'action'; 'secrets', 'templates' or 'template'."""
    path, method = case.operation.path, case.operation.method.upper()
    if path.endswith("/$count"):
        return "count" if method == "GET" else "other"
    if path.endswith("/secrets"):
        return "secrets"
    if path.endswith("/templates"):
        return "templates"
    if path.endswith("/{synchronizationTemplate-id}"):
        return "template"
    if path.endswith("/jobs"):
        return "list" if method == "GET" else "create"
    if path.endswith("/{synchronizationJob-id}"):
        return {"GET": "get", "DELETE": "delete"}.get(method, "other")
    if path.endswith("}"):
        return "other"  # one of something else (a schema's directory)
    return "action"


def sent_declared_method(case: GraphCase, response: Response) -> bool:
    """False for the coverage phase's requests with a method the operation does not declare."""
    return (response.request.method or "").upper() == case.operation.method.upper()


def jobs_in(case: GraphCase, body: Any) -> Iterator[Mapping[str, Any]]:
    """The jobs a response body holds: a list's `value`, or the job itself."""
    operation_kind = kind(case)
    if operation_kind == "list" and isinstance(body, Mapping) and isinstance(body.get("value"), list):
        yield from (job for job in body["value"] if isinstance(job, Mapping))
    elif operation_kind in ("create", "get") and isinstance(body, Mapping):
        yield body


def is_control(case: GraphCase) -> bool:
    """Whether the case is of the emulator's control API rather than of Graph's API."""
    return case.operation.path.startswith(CONTROL_PREFIX)


def documented_media_types(case: GraphCase, status: int) -> list[str] | None:
    """The media types the case's operation documents for `status` (or its `default`), None if it documents
    nothing for it. Local `$ref`s to components/responses are followed."""
    responses = raw_operation(case).get("responses") or {}
    response = responses.get(str(status), responses.get(f"{str(status)[0]}XX", responses.get("default")))
    seen = 0
    while isinstance(response, Mapping) and isinstance(response.get("$ref"), str) and seen < 16:
        target: Any = case.operation.schema.raw_schema
        for part in response["$ref"].removeprefix("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        response, seen = target, seen + 1
    if not isinstance(response, Mapping):
        return None
    return [str(name).lower() for name in response.get("content") or {}]
