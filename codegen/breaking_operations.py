"""The operation rules of `make check-breaking`: operations, permissions, parameters, bodies, responses.

Each rule is one function named after the change it reports. Parameter, body and response schemas
are compared by `breaking_schemas.schema_compatible`, as requests or as responses.
"""

from __future__ import annotations

from typing import Any

from breaking_model import REQUEST, RESPONSE, Emit, Seen, Spec
from breaking_schemas import schema_compatible


def operation_removed(base: Spec, head: Spec, emit: Emit) -> None:
    """Report each operation of the base that the head no longer has."""
    head_ops = head.operations()
    for key in base.operations():
        if key not in head_ops:
            emit("operation_removed", " ".join(key), "the operation existed; it is gone")


def operation_id_changed(where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit) -> None:
    """Report a changed operationId: the generated client's functions are named after it."""
    if old.get("operationId") != new.get("operationId"):
        emit(
            "operation_id_changed",
            where,
            f"operationId was {old.get('operationId')!r}, is {new.get('operationId')!r} "
            "(generated client functions are named after it)",
        )


def permission_withdrawn(where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit) -> None:
    """Report each `x-graph-permissions` entry that no longer allows the operation."""
    before, after = old.get("x-graph-permissions") or {}, new.get("x-graph-permissions") or {}
    for kind, granted in before.items():
        names = {_permission_name(entry) for entry in granted or []}
        remaining = {_permission_name(entry) for entry in after.get(kind) or []}
        for name in sorted(names - remaining):
            emit("permission_withdrawn", where, f"{kind} {name!r} allowed the operation; it no longer does")


def _permission_name(entry: Any) -> str:
    return str(entry.get("name") if isinstance(entry, dict) else entry)


def parameters_compatible(
    base: Spec, head: Spec, where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit, seen: Seen
) -> None:
    """Report parameters newly required or removed; compare the kept ones' schemas as requests."""
    before, after = _parameters(base, old), _parameters(head, new)
    for key, parameter in after.items():
        was = before.get(key)
        if parameter.get("required") and not (was or {}).get("required"):
            emit(
                "parameter_became_required",
                f"{where} {key[0]} parameter {key[1]!r}",
                "was optional or absent",
            )
    for key, parameter in before.items():
        label = f"{where} {key[0]} parameter {key[1]!r}"
        if key not in after:
            emit("parameter_removed", label, "callers send it; it is no longer accepted")
            continue
        schema_compatible(
            base, head, label, parameter.get("schema"), after[key].get("schema"), REQUEST, emit, seen
        )


def _parameters(spec: Spec, operation: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    result = {}
    for entry in operation.get("parameters", []):
        parameter, _ = spec.resolve(entry)
        result[(str(parameter.get("in")), str(parameter.get("name")))] = parameter
    return result


def request_body_compatible(
    base: Spec, head: Spec, where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit, seen: Seen
) -> None:
    """Report a body newly required or a media type no longer accepted; compare the body schemas."""
    before, _ = base.resolve(old.get("requestBody") or {})
    after, _ = head.resolve(new.get("requestBody") or {})
    if after.get("required") and not before.get("required"):
        emit("request_body_became_required", where, "the body was optional")
    after_content = after.get("content") or {}
    for media_type, media in (before.get("content") or {}).items():
        label = f"{where} request body {media_type}"
        if media_type not in after_content:
            emit("request_media_type_removed", label, "was accepted; it is no longer")
            continue
        schema_compatible(
            base,
            head,
            label,
            media.get("schema"),
            after_content[media_type].get("schema"),
            REQUEST,
            emit,
            seen,
        )


def responses_compatible(
    base: Spec, head: Spec, where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit, seen: Seen
) -> None:
    """Report 2xx statuses added or removed and media types dropped; compare headers and schemas."""
    before, after = old.get("responses") or {}, new.get("responses") or {}
    old_success = {str(code) for code in before if str(code).startswith("2")}
    for code in sorted({str(code) for code in after if str(code).startswith("2")} - old_success):
        emit("success_status_added", f"{where} {code}", f"clients expect only {sorted(old_success)}")
    for code, response in before.items():
        label = f"{where} {code}"
        if code not in after:
            if str(code).startswith("2"):
                emit(
                    "success_status_removed",
                    label,
                    "the operation answered with this status; it no longer does",
                )
            continue
        response, _ = base.resolve(response)
        new_response, _ = head.resolve(after[code])
        response_headers_kept(base, head, label, response, new_response, emit)
        new_content = new_response.get("content") or {}
        for media_type, media in (response.get("content") or {}).items():
            if media_type not in new_content:
                emit("response_media_type_removed", f"{label} {media_type}", "was sent; it no longer is")
                continue
            schema_compatible(
                base,
                head,
                f"{label} {media_type}",
                media.get("schema"),
                new_content[media_type].get("schema"),
                RESPONSE,
                emit,
                seen,
            )


def response_headers_kept(
    base: Spec, head: Spec, where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit
) -> None:
    """Report each required response header that is no longer required (names in any case)."""
    after = {name.lower(): value for name, value in (new.get("headers") or {}).items()}
    for name, header in (old.get("headers") or {}).items():
        header, _ = base.resolve(header)
        if not header.get("required"):
            continue
        new_header, _ = head.resolve(after.get(name.lower(), {}))
        if not new_header.get("required"):
            emit("required_header_dropped", f"{where} header {name!r}", "was always sent; it no longer is")
