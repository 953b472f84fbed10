"""HTTP plumbing below the routes: bounded, time-limited body reading; strict JSON; content types; responses."""

from __future__ import annotations

import asyncio
import json
import math
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from graphsync.errors import BAD_REQUEST, GraphError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

# Sent by Graph's gateway on every answer; the diagnostic names the emulator instead of a data centre.
_DIAGNOSTIC = {
    "DataCenter": "graphsync",
    "Slice": "E",
    "Ring": "0",
    "ScaleUnit": "000",
    "RoleInstance": "graphsync",
}
GATEWAY_HEADERS = [  # (name, value) in lower case, as the ASGI server sends them
    (b"cache-control", b"no-cache"),
    (b"strict-transport-security", b"max-age=31536000"),
    (b"x-ms-ags-diagnostic", json.dumps({"ServerInfo": _DIAGNOSTIC}, separators=(",", ":")).encode()),
]
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_MEDIA_PARAM = re.compile(rf'\s*;\s*({_TOKEN})\s*=\s*({_TOKEN}|"(?:[^"\\]|\\.)*")\s*')
_MEDIA_TYPE = re.compile(rf"\s*({_TOKEN})/({_TOKEN})\s*")


class ClientDisconnected(Exception):
    """The client went away before its request body was complete; nothing is sent back."""


class RequestHeaders:
    """The few request headers the server looks at, read in one pass over the ASGI header list.

    A field sent on several lines is read as RFC 9110 section 5.3 combines them, its values joined by
    ", ": two `Authorization` lines make one credential that is no bearer token (401), two
    `Content-Type` lines one media type that is not JSON (415); the server never silently picks one.
    """

    __slots__ = (
        "authorization",
        "client_request_id",
        "content_length",
        "content_type",
        "has_body",
        "host",
        "host_lines",
    )

    def __init__(self, raw: Iterable[tuple[bytes, bytes]]) -> None:
        self.authorization: str | None = None
        self.content_length: int | None = None
        self.content_type: str | None = None
        self.client_request_id: str | None = None
        self.host: str | None = None
        self.host_lines = 0
        self.has_body = False
        bad_length = False
        request_id: bytes | None = None
        for name, value in raw:
            if name == b"authorization":
                self.authorization = _combined(self.authorization, value.decode("latin-1"))
            elif name == b"content-type":
                self.content_type = _combined(self.content_type, value.decode("latin-1"))
            elif name == b"content-length":
                if value.isdigit() and len(value) <= 18 and self.content_length in (None, int(value)):
                    self.content_length = int(value)
                else:
                    bad_length = True
            elif name == b"client-request-id":
                request_id = value if request_id is None else request_id + b", " + value
            elif name == b"host":
                self.host = value.decode("latin-1")
                self.host_lines += 1
            elif name == b"transfer-encoding":
                self.has_body = True
        if request_id is not None:
            self.client_request_id = _echoable(request_id)
        if bad_length:
            self.content_length = None
            self.has_body = True
        elif self.content_length:
            self.has_body = True

    def check_host(self, http_version: str) -> None:
        """RFC 9112 section 3.2: exactly one valid `Host` (none at all is fine in HTTP/1.0); else 400."""
        if self.host_lines > 1:
            problem = "more than one Host header"
        elif self.host is None:
            if http_version == "1.0":
                return
            problem = "no Host header"
        elif not _HOST.fullmatch(self.host):
            problem = "a Host header that is not a host name with an optional port"
        else:
            return
        raise GraphError(400, BAD_REQUEST, f"The request has {problem}; send exactly one.")


def _combined(first: str | None, value: str) -> str:
    return value if first is None else f"{first}, {value}"


# RFC 3986 `host [":" port]`: an IP literal in brackets, or a reg-name (unreserved, %-escapes, sub-delims).
_HOST = re.compile(
    r"(?:\[[0-9A-Za-z:.]{2,63}\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2}){0,255})(?::[0-9]{0,5})?"
)


def _echoable(value: bytes) -> str | None:
    """A client-request-id that can be echoed safely: 1-256 printable ASCII characters, else ignored."""
    if 0 < len(value) <= 256 and all(0x20 <= b < 0x7F for b in value):
        return value.decode("ascii")
    return None


_JSON_TYPES = frozenset(
    {"application/json", "application/json; charset=utf-8", "application/json;charset=utf-8"}
)


def check_json_content_type(
    content_type: str | None, media_type: str = "application/json", status: int = 415
) -> None:
    """Accept `media_type` (any case, any parameters, charset only utf-8); else `status` (415, or
    400 where Graph answers that: bulkUpload)."""
    if media_type == "application/json" and content_type in _JSON_TYPES:
        return
    code = "Request_UnsupportedMediaType" if status == 415 else BAD_REQUEST
    if content_type is None:
        raise GraphError(status, code, f"A Content-Type header is required; send {media_type}.")
    match = _MEDIA_TYPE.match(content_type)
    ok = match is not None and f"{match.group(1)}/{match.group(2)}".lower() == media_type
    position = match.end() if match else 0
    while ok and position < len(content_type):
        param = _MEDIA_PARAM.match(content_type, position)
        if param is None:
            ok = False
            break
        if param.group(1).lower() == "charset" and param.group(2).strip('"').lower() not in ("utf-8", "utf8"):
            raise GraphError(
                status,
                code,
                f"Charset '{_short(param.group(2).strip(chr(34)))}' is not supported; send UTF-8 {media_type}.",
            )
        position = param.end()
    if not ok:
        raise GraphError(
            status, code, f"Content type '{_short(content_type)}' is not supported; send {media_type}."
        )


def _short(text: str) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text[:100])
    return text.replace("'", "?")


def too_large(limit: int) -> GraphError:
    """Graph's 413 for a body over `limit` bytes; it closes the connection, as the rest is left unread."""
    return GraphError(
        413,
        "Request_EntityTooLarge",
        f"The request body exceeds the limit of {limit} bytes.",
        {"Connection": "close"},
    )


async def read_body(receive: Receive, *, limit: int, timeout_s: float, content_length: int | None) -> bytes:
    """The whole body, refusing more than `limit` bytes as it streams in and a body slower than `timeout_s`.

    A declared Content-Length over the limit is refused before anything is read. Raises GraphError
    413/408 (both close the connection) or ClientDisconnected.

    The deadline is one timer that cancels this task (asyncio.timeout costs several times more, and
    this runs on every create).
    """
    if content_length is not None and content_length > limit:
        raise too_large(limit)
    task = asyncio.current_task()
    assert task is not None
    expired = False

    def expire() -> None:
        nonlocal expired
        expired = True
        task.cancel()

    timer = asyncio.get_running_loop().call_later(timeout_s, expire)
    try:
        return await _receive_all(receive, limit)
    except asyncio.CancelledError:
        if not expired:
            raise
        task.uncancel()
        raise GraphError(
            408,
            "Request_Timeout",
            f"The request body was not received within {timeout_s:g} seconds.",
            {"Connection": "close"},
        ) from None
    finally:
        timer.cancel()


async def _receive_all(receive: Receive, limit: int) -> bytes:
    first = await receive()
    if first["type"] != "http.request":
        raise ClientDisconnected
    chunk: bytes = first.get("body", b"")
    if not first.get("more_body", False):
        if len(chunk) > limit:
            raise too_large(limit)
        return chunk
    parts = [chunk]
    size = len(chunk)
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientDisconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates, parse_constant=_reject_constant, parse_float=_finite_float
)


def parse_json(body: bytes) -> Any:
    """Strict JSON: UTF-8 only, no duplicate keys, no NaN/Infinity or overflowing numbers, no lone surrogates."""
    if not body.strip():
        raise GraphError(400, BAD_REQUEST, "The request body is empty; a JSON object is required.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GraphError(
            400, BAD_REQUEST, f"The request body is not valid UTF-8 (byte offset {exc.start})."
        ) from None
    try:
        value = _DECODER.decode(text)
    except _DuplicateKey as exc:
        key = json.dumps(exc.key[:100], ensure_ascii=False)[1:-1]
        raise GraphError(
            400, BAD_REQUEST, f"The property '{key}' appears more than once in an object."
        ) from None
    except json.JSONDecodeError as exc:
        raise GraphError(
            400,
            BAD_REQUEST,
            f"The request body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}).",
        ) from None
    except RecursionError:
        raise GraphError(400, BAD_REQUEST, "The request body is nested too deeply.") from None
    except ValueError as exc:  # integer digit limit, NaN/Infinity, float overflow
        raise GraphError(
            400, BAD_REQUEST, f"The request body holds an invalid number: {_number_reason(exc)}."
        ) from None
    if _SURROGATE_ESCAPE.search(text) and _has_lone_surrogate(value):
        raise GraphError(
            400, BAD_REQUEST, "The request body holds a \\u escape of an unpaired UTF-16 surrogate."
        )
    return value


def _number_reason(exc: ValueError) -> str:
    message = str(exc)
    if "digits" in message:
        return "too many digits"
    return message if len(message) < 60 else "out of range"


def _has_lone_surrogate(value: Any) -> bool:
    """True when any string (key or value) cannot be encoded as UTF-8; iterative, so depth is no concern."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON as Graph sends it (non-ASCII unescaped)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


SEND_CHUNK_BYTES = 64 * 1024


async def send_response(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes = b""
) -> None:
    """One complete response; Content-Length is added here.

    A large body goes out in pieces, so that the server hands the transport one piece at a time and
    waits until the client has taken it: a client that does not read holds one piece in the
    transport's buffer, not the whole body (the server's send deadline then drops it).
    """
    headers.append((b"content-length", str(len(body)).encode("ascii")))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    if len(body) <= SEND_CHUNK_BYTES:
        await send({"type": "http.response.body", "body": body})
        return
    view = memoryview(body)
    for start in range(0, len(body), SEND_CHUNK_BYTES):
        end = start + SEND_CHUNK_BYTES
        await send(
            {"type": "http.response.body", "body": bytes(view[start:end]), "more_body": end < len(body)}
        )
