"""Routing derived from the spec's paths, served under /v1.0 and /beta; plus GET /openapi.yaml.

Paths are split on `/` before percent-decoding, so a path parameter is exactly one segment (`%2F`
stays inside it); each segment is then percent-decoded as UTF-8. Literal segments match
case-insensitively (as Graph's do), parameter values are kept exactly as sent.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from urllib.parse import unquote_to_bytes

from graphsync.errors import BAD_REQUEST, ODATA_BAD_REQUEST, GraphError
from graphsync.spec import Operation, Spec

VERSIONS = ("v1.0", "beta")
SPEC_PATH = "openapi.yaml"


@dataclasses.dataclass(frozen=True)
class Match:
    """A routed request: the API version prefix, the operation and its decoded path parameters."""

    version: str
    operation: Operation
    params: Mapping[str, str]


@dataclasses.dataclass
class _Node:
    literals: dict[str, _Node] = dataclasses.field(default_factory=dict)
    param: tuple[str, _Node] | None = None
    operations: dict[str, Operation] = dataclasses.field(default_factory=dict)
    unrouted: tuple[str, ...] = ()  # methods Graph's service answers 404 on this path


class Router:
    """Maps (method, raw path) to an operation, or raises Graph's 400 (unknown segment) / 405 (with `Allow`)."""

    CACHE_ENTRIES = 4096
    CACHE_PATH_BYTES = 512  # longer paths (real ones are under 300 bytes) are routed every time, not kept

    def __init__(self, spec: Spec) -> None:
        self._cache: dict[tuple[str, bytes], Match] = {}
        self._root = _Node()
        for operation in spec.operations:
            self._node(operation.path).operations[operation.method] = operation
        for path, methods in spec.unrouted.items():
            self._node(path).unrouted = methods

    def _node(self, path: str) -> _Node:
        node = self._root
        for segment in path.strip("/").split("/"):
            if segment.startswith("{") and segment.endswith("}"):
                name = segment[1:-1]
                if node.param is None:
                    node.param = (name, _Node())
                elif node.param[0] != name:
                    raise ValueError(f"conflicting parameter names at {path}")
                node = node.param[1]
            else:
                node = node.literals.setdefault(segment.lower(), _Node())
        return node

    def match(self, method: str, raw_path: bytes) -> Match | None:
        """The operation for the request; None for GET /openapi.yaml; GraphError 400/405 otherwise."""
        key = (method, raw_path)
        found = self._cache.get(key)
        if found is None:
            found = self._match(method, raw_path)
            if found is not None and len(raw_path) <= self.CACHE_PATH_BYTES:
                if len(self._cache) >= self.CACHE_ENTRIES:
                    self._cache.clear()
                self._cache[key] = found
        return found

    def _match(self, method: str, raw_path: bytes) -> Match | None:
        raw_segments = raw_path.split(b"?", 1)[0].split(b"/")[1:]
        if raw_segments and raw_segments[-1] == b"" and len(raw_segments) > 1:
            raw_segments.pop()  # one trailing slash is tolerated (Graph's docs write `.../jobs/`)
        segments = [_decode(s) for s in raw_segments]
        if segments == [SPEC_PATH]:
            if method != "GET":
                raise method_not_allowed(method, ["GET"])
            return None
        if not segments or segments[0] not in VERSIONS:
            raise GraphError(400, ODATA_BAD_REQUEST, "Invalid version.")
        params: dict[str, str] = {}
        node = self._root
        service_path = ""  # the path as Graph's synchronization service addresses it
        for segment in segments[1:]:
            child = node.literals.get(segment.lower())
            if child is not None:
                node = child
                service_path += f"/{segment}"
            elif node.param is not None and segment:
                params[node.param[0]] = segment
                node = node.param[1]
                service_path += f"('{segment}')"
            else:
                raise not_found_segment(segment)
        if not node.operations:
            raise not_found_segment(segments[-1])
        operation = node.operations.get(method)
        if operation is None and method in node.unrouted:
            raise no_http_resource(service_path)
        if operation is None:
            raise method_not_allowed(method, sorted(node.operations))
        return Match(version=segments[0], operation=operation, params=params)


def _decode(raw: bytes) -> str:
    try:
        return unquote_to_bytes(raw).decode("utf-8") if b"%" in raw else raw.decode("utf-8")
    except UnicodeDecodeError:
        raise GraphError(
            400, BAD_REQUEST, "The request path is not valid UTF-8 after percent-decoding."
        ) from None


def not_found_segment(segment: str) -> GraphError:
    """Graph's 400 naming the path segment that matched nothing (clipped, JSON-escaped; D26)."""
    shown = json.dumps(segment[:100], ensure_ascii=False)[1:-1]
    return GraphError(400, ODATA_BAD_REQUEST, f"Resource not found for the segment '{shown}'.")


class Unrouted(GraphError):
    """A method Graph's gateway forwards and its synchronization service does not route (after authentication)."""


def no_http_resource(service_path: str) -> GraphError:
    """The 404 Graph's synchronization service answers for a method it does not route (PATCH on a
    schema): its own message, a JSON text naming the URI it was forwarded (D33)."""
    uri = f"https://syncfabric.windowsazure.com/api{service_path[:300]}?api-version=2.0"
    message = json.dumps(
        {"Message": f"No HTTP resource was found that matches the request URI '{uri}'."},
        separators=(",", ":"),
    )
    return Unrouted(404, "UnknownError", message)


def method_not_allowed(method: str, allowed: list[str]) -> GraphError:
    """Graph's 405 with `Allow`; a method that is not short alphabetic ASCII is shown as '?'."""
    shown = method if method.isascii() and method.isalpha() and len(method) <= 20 else "?"
    return GraphError(
        405,
        BAD_REQUEST,
        f"The HTTP method '{shown}' is not allowed for the requested resource.",
        {"Allow": ", ".join(allowed)},
    )
