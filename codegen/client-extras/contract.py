"""Check the JSON bodies this client sends and receives against the API contract.

The generated attrs models do not enforce the spec's patterns and ranges: a
date-time or a duration is a plain ``str`` there, so ``"40 minutes"`` would be
sent as a schedule interval. The httpx event hooks below validate every request
and response body of an operation in the contract against the pydantic models
of ``graphsync-models`` (generated from the same ``openapi.yaml``), in strict
mode, and raise :class:`ContractError` on the first mismatch: before a bad
request is sent, and before a response that breaks the contract is parsed.

The models are a requirement of this distribution, of the same version (the
``contract`` extra is an empty alias kept for older install lines)::

    pip install ./generated/models ./generated/client

Usage (hooks are per httpx client: use the async ones with the ``asyncio``
functions)::

    from graphsync_client import AuthenticatedClient, contract

    client = AuthenticatedClient(
        base_url="http://127.0.0.1:8000/v1.0",
        token=token,
        httpx_args={"event_hooks": contract.event_hooks()},  # or contract.async_event_hooks()
    )

Only bodies are checked (not headers or query parameters). Requests to paths
that are not operations of the contract pass unchecked; a response status the
contract does not document for the operation is a :class:`ContractError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx

try:
    import graphsync_models
    import pydantic
except ImportError as missing:  # pragma: no cover - depends on the installation
    raise ImportError(
        "graphsync_client.contract needs the graphsync-models distribution generated from the same spec: "
        "pip install ./generated/models ./generated/client"
    ) from missing

from ._operations import OPERATIONS

COUNT_MEDIA_TYPE = "text/plain"  # an operation table entry for a body that is a plain-text integer ($count)

__all__ = [
    "ContractError",
    "Operation",
    "async_event_hooks",
    "check_request",
    "check_request_async",
    "check_response",
    "check_response_async",
    "event_hooks",
    "find_operation",
]


class ContractError(ValueError):
    """A request or response does not match the contract.

    ``problems`` lists one ``location: message`` line per violation.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or []
        super().__init__("\n  ".join([message, *self.problems]))


@dataclass(frozen=True)
class Operation:
    """One operation of the contract, as the hooks see it."""

    operation_id: str
    method: str
    path: str
    request_model: str | None
    request_required: bool
    responses: Mapping[str, str | None]

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.operation_id})"

    def response_model(self, status: int) -> tuple[bool, str | None]:
        """Whether ``status`` is documented, and the model of its body (None: no body; ``COUNT_MEDIA_TYPE``:
        a plain-text integer)."""
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in self.responses:
                return True, self.responses[key]
        return False, None


def _template_regex(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}/]+\})", path)
    body = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    # Any prefix: the base URL's own path (such as /v1.0).
    return re.compile(f"^(?:/.*)?{body}$")


_OPERATIONS = [
    (Operation(op_id, method, path, request, required, responses), _template_regex(path))
    for op_id, method, path, request, required, responses in OPERATIONS
]


def find_operation(method: str, path: str) -> Operation | None:
    """The operation for an HTTP method and a raw (still percent-encoded) URL path, if any."""
    matches = [op for op, regex in _OPERATIONS if op.method == method.upper() and regex.match(path)]
    # The most specific template wins: the one with the most literal characters.
    return max(matches, key=lambda op: len(re.sub(r"\{[^}]*\}", "", op.path)), default=None)


@cache
def _adapter(model: str) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(getattr(graphsync_models, model))


def _describe(error: Mapping[str, Any]) -> str:
    location = ".".join(str(part) for part in error["loc"]) or "(body)"
    shown = repr(error.get("input"))
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return f"{location}: {error['msg']} (got {shown})"


def _validate(operation: Operation, what: str, model: str, content: bytes) -> None:
    try:
        _adapter(model).validate_json(content, strict=True)
    except pydantic.ValidationError as err:
        problems = [_describe(e) for e in err.errors(include_url=False)]
        raise ContractError(f"{what} of {operation} does not match {model}:", problems) from None


def _raw_path(url: httpx.URL) -> str:
    return url.raw_path.split(b"?", 1)[0].decode("ascii")


def check_request(request: httpx.Request) -> None:
    """Raise ContractError when the body of ``request`` does not match its operation."""
    operation = find_operation(request.method, _raw_path(request.url))
    if operation is None:
        return
    content = request.content
    if operation.request_model is None:
        if content:
            raise ContractError(f"{operation} takes no request body")
    elif content:
        _validate(operation, "the request body", operation.request_model, content)
    elif operation.request_required:
        raise ContractError(f"{operation} requires a request body ({operation.request_model})")


def _check_response_body(response: httpx.Response) -> None:
    request = response.request
    operation = find_operation(request.method, _raw_path(request.url))
    if operation is None:
        return
    documented, model = operation.response_model(response.status_code)
    if not documented:
        raise ContractError(f"status {response.status_code} is not documented for {operation}")
    content = response.content
    if model is None:
        if content:
            raise ContractError(f"the {response.status_code} response of {operation} must have no body")
        return
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if model == COUNT_MEDIA_TYPE:
        if media_type != COUNT_MEDIA_TYPE or not re.fullmatch(rb"[0-9]{1,10}", content):
            raise ContractError(
                f"the {response.status_code} response of {operation} must be a count: a plain-text "
                f"({COUNT_MEDIA_TYPE}) non-negative integer"
            )
        return
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise ContractError(
            f"the {response.status_code} response of {operation} is {media_type or 'untyped'}, not JSON"
        )
    _validate(operation, f"the {response.status_code} response body", model, content)


def check_response(response: httpx.Response) -> None:
    """Read ``response`` and raise ContractError when it does not match its operation."""
    response.read()
    _check_response_body(response)


async def check_request_async(request: httpx.Request) -> None:
    """``check_request`` for an ``httpx.AsyncClient`` (the request body is already in memory)."""
    check_request(request)


async def check_response_async(response: httpx.Response) -> None:
    """Read ``response`` and raise ContractError when it does not match its operation."""
    await response.aread()
    _check_response_body(response)


def event_hooks() -> dict[str, list[Callable[..., Any]]]:
    """``event_hooks`` for an ``httpx.Client`` (``httpx_args`` of a sync client)."""
    return {"request": [check_request], "response": [check_response]}


def async_event_hooks() -> dict[str, list[Callable[..., Any]]]:
    """``event_hooks`` for an ``httpx.AsyncClient`` (``httpx_args`` of a client used with ``asyncio``)."""
    return {"request": [check_request_async], "response": [check_response_async]}
