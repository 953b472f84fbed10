"""Assertions on Graph's error envelope, for httpx responses and raw socket responses alike."""

from __future__ import annotations

import json
from typing import Any

ENVELOPE_KEYS = {"code", "message", "innerError"}


def assert_graph_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is Graph's error envelope with this status (and code), carrying a request-id."""
    actual = response.status_code if hasattr(response, "status_code") else response.status
    assert actual == status, getattr(response, "text", None) or response.body
    assert response.headers["content-type"] == "application/json"
    request_id = response.headers["request-id"]
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == ENVELOPE_KEYS
    assert isinstance(error["message"], str)
    assert error["innerError"]["request-id"] == request_id
    assert set(error["innerError"]) == {"date", "request-id", "client-request-id"}
    if code is not None:
        assert error["code"] == code, error
    return dict(error)


def assert_envelope(status: int, headers: dict[str, str], body: bytes, expected: int) -> dict[str, Any]:
    """`assert_graph_error` for a raw response from `raw_exchange` / `read_response`."""
    assert status == expected, body
    assert headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert set(error) == ENVELOPE_KEYS
    assert error["innerError"]["request-id"] == headers["request-id"]
    # Every answer, also one the transport gives before the head is read (D11, D25).
    assert headers["client-request-id"] == error["innerError"]["client-request-id"]
    assert headers["cache-control"] == "no-cache" and "x-ms-ags-diagnostic" in headers
    return dict(error)
