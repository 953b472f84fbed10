"""The request journal: the last Graph requests and their answers, bounded in number and size.

Recording is a tuple appended to a deque (bodies cut to `BODY_BYTES` first); redaction and decoding
happen only when the journal is read. Tokens are never recorded (no request header is), and the
credential values of secrets and validateCredentials bodies are replaced before anyone reads them.
"""

from __future__ import annotations

import collections
import json
import time
from collections.abc import Mapping
from typing import Any, NamedTuple

DEFAULT_ENTRIES = 500
BODY_BYTES = 4096
REDACTED = "[redacted]"
# Operations whose request bodies carry credentials (their key/value pairs are redacted).
_SECRET_BODIES = ("SetSecrets", "validateCredentials")


class Entry(NamedTuple):
    """One request as recorded: raw values, decoded only when read."""

    time: float
    method: str
    path: str
    query: bytes
    status: int
    operation: str | None
    tenant: str | None
    app_id: str | None
    request_id: str
    client_request_id: str
    started: float  # perf_counter() when the request came in
    ended: float  # and when its answer was sent
    request_body: bytes
    request_size: int
    response_body: bytes
    response_size: int


class Journal:
    """The last `size` Graph requests (see the module docstring)."""

    def __init__(self, size: int = DEFAULT_ENTRIES) -> None:
        self._entries: collections.deque[Entry] = collections.deque(maxlen=size)

    def record(
        self,
        method: str,
        path: str,
        query: bytes,
        status: int,
        operation: str | None,
        tenant: str | None,
        app_id: str | None,
        request_id: str,
        client_request_id: str,
        started: float,
        request_body: bytes,
        response_body: bytes,
    ) -> None:
        """Append one request (the hot path: a tuple, bodies cut, nothing decoded)."""
        self._entries.append(
            Entry(
                time.time(),
                method,
                path[:2048],
                query[:2048],
                status,
                operation,
                tenant,
                app_id,
                request_id,
                client_request_id,
                started,
                time.perf_counter(),
                request_body[:BODY_BYTES],
                len(request_body),
                response_body[:BODY_BYTES],
                len(response_body),
            )
        )

    def clear(self) -> None:
        self._entries.clear()

    def operations(self) -> list[str]:
        """The distinct operations of the entries held, sorted (the web view's filter offers them all)."""
        return sorted({entry.operation for entry in self._entries if entry.operation})

    def read(
        self,
        *,
        operation: str | None = None,
        status: int | None = None,
        tenant: str | None = None,
        top: int = 100,
    ) -> list[dict[str, Any]]:
        """Entries newest first, filtered, as the control API shows them (redacted)."""
        found: list[dict[str, Any]] = []
        for entry in reversed(self._entries):
            if len(found) >= top:
                break
            if operation and entry.operation != operation:
                continue
            if status is not None and entry.status != status:
                continue
            if tenant and entry.tenant != tenant:
                continue
            found.append(shown(entry))
        return found


def shown(entry: Entry) -> dict[str, Any]:
    secret = entry.operation is not None and entry.operation.endswith(_SECRET_BODIES)
    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(entry.time)),
        "method": entry.method,
        "path": entry.path,
        "query": entry.query.decode("latin-1"),
        "status": entry.status,
        "operation": entry.operation,
        "tenant": entry.tenant,
        "appId": entry.app_id,
        "requestId": entry.request_id,
        "clientRequestId": entry.client_request_id,
        "durationMs": round((entry.ended - entry.started) * 1000, 3),
        "request": _body(entry.request_body, entry.request_size, redact=secret),
        "response": _body(entry.response_body, entry.response_size, redact=False),
    }


def _body(raw: bytes, size: int, *, redact: bool) -> dict[str, Any]:
    """A body as the journal shows it: its size, its text (cut), or only its size when it must be redacted
    but cannot be read whole."""
    text = raw.decode("utf-8", "replace")
    if redact and raw:
        if size > len(raw):
            return {"size": size, "text": REDACTED, "truncated": True}
        try:
            text = json.dumps(_redacted(json.loads(raw)), ensure_ascii=False)
        except ValueError:
            return {"size": size, "text": REDACTED, "truncated": False}
    return {"size": size, "text": text, "truncated": size > len(raw)}


def _redacted(value: Any) -> Any:
    """Every `value` of a key/value pair replaced (credential values), at any depth."""
    if isinstance(value, Mapping):
        pair = "key" in value and "value" in value
        return {k: (REDACTED if pair and k == "value" else _redacted(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(item) for item in value]
    return value
