"""Graph's error envelope and the exception that carries it out of any layer."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping

BAD_REQUEST = "Request_BadRequest"  # Graph's code for a request it cannot accept as sent
ODATA_BAD_REQUEST = "BadRequest"  # the code of Graph's OData layer (path segments, versions, $select)


class GraphError(Exception):
    """A client-visible failure: HTTP status, Graph error code and message, extra headers."""

    def __init__(
        self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def envelope(code: str, message: str, request_id: str, client_request_id: str | None) -> dict[str, object]:
    """Graph's body for an error: innerError carries the UTC date without offset, as Graph sends it."""
    date = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return {
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": date,
                "request-id": request_id,
                "client-request-id": client_request_id if client_request_id is not None else request_id,
            },
        }
    }


def resource_not_found(resource_id: str) -> GraphError:
    """Graph's 404 for a missing owner or job; the id is clipped to 200 characters and JSON-escaped."""
    shown = json.dumps(resource_id[:200], ensure_ascii=False)[1:-1]
    return GraphError(
        404,
        "Request_ResourceNotFound",
        f"Resource '{shown}' does not exist or one of its queried reference-property objects are not present.",
    )
