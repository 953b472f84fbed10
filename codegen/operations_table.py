"""graphsync_client/_operations.py: the table of the spec's operations that the contract's checks read."""

from __future__ import annotations

from typing import Any

from derive import HTTP_METHODS, deref

COUNT_MEDIA_TYPE = "text/plain"  # in the operation table: a body that is a plain-text integer


class OperationTableError(Exception):
    """An operation's body the contract's checks cannot hold to a model."""


def operation_table(spec: dict[str, Any], classes: dict[str, str]) -> list[tuple[Any, ...]]:
    """(operationId, METHOD, path, request model, body required, {status: response model}) per operation."""

    def model_of(body: Any, where: str) -> str | None:
        content = deref(spec, body).get("content", {}) if body else {}
        json_types = [m for m in content if m == "application/json" or m.endswith("+json")]
        if not json_types and content:
            # A non-JSON body the contract knows: an OData count ($count), an integer as plain text.
            schema = deref(spec, content.get(COUNT_MEDIA_TYPE, {}).get("schema", {}))
            if list(content) != [COUNT_MEDIA_TYPE] or schema.get("type") != "integer":
                raise OperationTableError(
                    f"{where}: the contract checks JSON bodies and integer {COUNT_MEDIA_TYPE} bodies only, "
                    f"not {', '.join(content)}"
                )
            return COUNT_MEDIA_TYPE
        if not json_types:
            return None
        schema = content[json_types[0]].get("schema", {})
        pointer = schema.get("$ref", "").removeprefix("#")
        if pointer not in classes:
            raise OperationTableError(
                f"{where}: the body schema has no generated model; define it under components/schemas "
                "and refer to it with $ref"
            )
        return classes[pointer]

    table = []
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            where = f"{method.upper()} {path}"
            body = op.get("requestBody")
            responses = {
                str(status): model_of(response, f"{where} response {status}")
                for status, response in op.get("responses", {}).items()
            }
            table.append(
                (
                    op.get("operationId", where),
                    method.upper(),
                    path,
                    model_of(body, f"{where} request body"),
                    bool(deref(spec, body).get("required", False)) if body else False,
                    responses,
                )
            )
    return table


def operations_module(spec_name: str, spec: dict[str, Any], classes: dict[str, str]) -> str:
    """The text of `_operations.py`."""
    rows = ",\n".join(f"    {row!r}" for row in operation_table(spec, classes))
    return (
        f'"""The operations of {spec_name}, read by contract.py."""\n\n'
        "from typing import Final\n\n"
        "# (operationId, method, path template, request body model, request body required,\n"
        "#  {status or range: response body model, 'text/plain' for a plain-text integer,\n"
        "#   None when the response has no body})\n"
        f"OPERATIONS: Final[tuple[tuple[str, str, str, str | None, bool, dict[str, str | None]], ...]] = (\n"
        f"{rows},\n)\n"
    )
