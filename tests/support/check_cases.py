"""Hand-built schemathesis cases and responses for the unit tests of the fuzz checks (tests/fuzz/)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import requests
import schemathesis

from graphsync import demo

SP = demo.BOX_SP
JOBS = f"/servicePrincipals/{SP}/synchronization/jobs"
JOB_ID = "BoxOutDelta.0123456789abcdef0123456789abcdef.8442fd39-2183-419c-8732-74b6ce866bd5"
MAIN_TOKEN = "main-token"
REQUEST_ID = "0c6f4a5e-8f0d-4b0e-9d3a-6b1f2e7c9a10"
CTX: Any = None  # the checks need no CheckContext outside a schemathesis run


def operation(schema: Any, path: str, method: str) -> Any:
    return schema[path][method]


def make_case(
    schema: Any,
    path: str = "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs",
    method: str = "POST",
    **kwargs: Any,
) -> Any:
    parameters = {"servicePrincipal-id": SP}
    if "{synchronizationJob-id}" in path:
        parameters["synchronizationJob-id"] = JOB_ID
    return operation(schema, path, method).Case(path_parameters=parameters, **kwargs)


def make_response(
    status: int,
    body: Any = None,
    *,
    headers: dict[str, str] | None = None,
    method: str = "POST",
    url: str = f"http://graph.test/v1.0{JOBS}",
    request_headers: dict[str, str] | None = None,
    request_id: str | None = REQUEST_ID,
) -> schemathesis.Response:
    content = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    response_headers = {"content-type": "application/json"} if body is not None else {}
    if request_id is not None:
        response_headers["request-id"] = request_id
    response_headers.update(headers or {})
    request = requests.Request(method, url, headers=request_headers or {}).prepare()
    return schemathesis.Response(
        status_code=status,
        headers={k.lower(): [v] for k, v in response_headers.items()},
        content=content,
        request=request,
        elapsed=0.01,
        verify=True,
    )


def envelope(
    code: str = "Request_ResourceNotFound", request_id: str = REQUEST_ID, client: str | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": "Resource 'x' does not exist.",
            "innerError": {
                "date": "2026-11-29T05:13:36",
                "request-id": request_id,
                "client-request-id": client or request_id,
            },
        }
    }


def fails(check: Callable[..., None], response: schemathesis.Response, case: Any, *fragments: str) -> str:
    with pytest.raises(AssertionError) as error:
        check(CTX, response, case)
    message = str(error.value)
    for fragment in fragments:
        assert fragment in message, message
    return message
