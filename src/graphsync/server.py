"""Running the app under uvicorn (httptools + uvloop), with the transport-level limits uvicorn lacks.

uvicorn's httptools protocol buffers a request head of any size for as long as the client takes to
send it, keeps every trailer of a chunked body in its header list, answers malformed requests and
overload in plain text, lets a connection live without any timer once a response has gone out
before its request body was complete, and waits for ever for a client that does not read what it
is sent. `GraphHttpProtocol` gives every state of a connection a deadline:

| State | Deadline | Then |
|---|---|---|
| Receiving a request head (also a new connection) | `head_timeout_s` from its first byte | 408, or a quiet close if nothing came |
| The app owns the request | the app's own: body deadline (408), its bounded work | |
| Answered, request body still arriving, or idle between requests | `idle_timeout_s` from the end of the response, not extended by more body bytes | close |
| Response bytes not taken by the client | `send_timeout_s` with any byte left unsent | abort |

It also bounds the head in size, and what a chunked body may carry besides data (chunk-size lines,
extensions, trailers), and answers those cases with Graph's envelope. At the connection limit, a
connection that is idle (nothing in flight) is closed to make room before a request is refused.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
import struct
import uuid
from collections.abc import Callable
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from graphsync.errors import BAD_REQUEST, envelope
from graphsync.http import GATEWAY_HEADERS, json_bytes
from graphsync.settings import Settings

log = logging.getLogger("graphsync.server")

# `GraphHttpProtocol` subclasses uvicorn's private `HttpToolsProtocol` and relies on its state
# (`cycle`, `flow`, `timeout_keep_alive_task`, ...): it is written for this release, which
# pyproject.toml pins; tests/emulator/test_protocol_pin.py fails on any other.
UVICORN_VERSION = "0.54.0"
MAX_HEAD_BYTES = 64 * 1024
GRACEFUL_SHUTDOWN_S = 10
_HEAD, _IDLE = "head", "idle"
_REASONS = {
    400: b"Bad Request",
    408: b"Request Timeout",
    431: b"Request Header Fields Too Large",
    503: b"Service Unavailable",
}


class GraphHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline in every connection state and Graph-shaped transport errors."""

    max_head_bytes = MAX_HEAD_BYTES
    head_timeout_s = 10.0
    idle_timeout_s = 5.0
    send_timeout_s = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Reset the limits' state and start the head deadline of the first request."""
        self._in_head = True  # between messages, or inside a request head
        self._head_bytes = 0
        self._framing_bytes = 0  # bytes of a body received since its last data byte (chunk framing, trailers)
        self._body_progress = False
        self._rejected = False
        self._message_ended = False
        self._timer: asyncio.TimerHandle | None = None
        self._phase: str | None = (
            _HEAD  # what the running deadline is for: _HEAD, _IDLE or None (the app owns the request)
        )
        self._send_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        # Any byte left in the transport's buffer pauses writing, so the send deadline covers every
        # unsent byte (also those waiting behind a close), not only what exceeds a high-water mark.
        transport.set_write_buffer_limits(high=0)
        self._arm(_HEAD)

    def connection_lost(self, exc: Exception | None) -> None:
        """Cancel the timers, then let uvicorn clean up."""
        self._disarm()
        self._cancel_send_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Parse the bytes (ignored after a rejection), then enforce the head and chunk-framing limits."""
        if self._rejected:
            return
        in_body = not self._in_head
        self._message_ended = False
        self._body_progress = False
        super().data_received(data)
        if self._rejected:
            return
        if self._in_head and self._phase != _HEAD and not self._message_ended:
            self._arm(_HEAD)  # the first bytes of a new head
        if self._message_ended:
            return
        if self._in_head:
            self._head_bytes += len(data)
            if self._head_bytes > self.max_head_bytes:
                self._reject(431, "Request_HeaderFieldsTooLarge", self._head_message())
        elif in_body:
            # Chunk-size lines, chunk extensions and trailers are not body data: the body limit does not
            # count them, and uvicorn keeps every trailer. Bound any run of them like a request head.
            self._framing_bytes = 0 if self._body_progress else self._framing_bytes + len(data)
            if self._framing_bytes > self.max_head_bytes:
                self._framing_too_large()

    def on_message_begin(self) -> None:
        """Start a request unless the connection was rejected."""
        if not self._rejected:
            super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        """Collect the URL unless the connection was rejected."""
        if not self._rejected:
            super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        """Collect a request header; trailers and anything after a rejection are dropped."""
        if not self._rejected and self._in_head:  # trailers are dropped: ASGI has no request trailers
            super().on_header(name, value)

    def on_headers_complete(self) -> None:
        """End the head: the app owns the request now, unless it is too large (431) or the server is full (503)."""
        if self._rejected:
            return
        self._in_head = False
        self._head_bytes = 0
        self._framing_bytes = 0
        self._disarm()
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > self.max_head_bytes:
            self._reject(431, "Request_HeaderFieldsTooLarge", self._head_message())
            return
        limit = self.limit_concurrency
        if limit is not None and (
            len(self.tasks) >= limit
            or (len(self.connections) >= limit and not self._close_an_idle_connection())
        ):
            self._reject(
                503, "serviceNotAvailable", "The service is busy; retry later.", b"retry-after: 1\r\n"
            )
            return
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        """Pass body data on and note the progress, which resets the chunk-framing count."""
        if not self._rejected:
            self._body_progress = True
            super().on_body(body)

    def on_message_complete(self) -> None:
        """Finish the request; the next bytes on the connection start a new head."""
        if self._rejected:
            return
        super().on_message_complete()
        self._in_head = True
        self._head_bytes = 0
        self._message_ended = True  # the rest of this chunk, if any, starts the next head

    def on_response_complete(self) -> None:
        """The idle deadline starts when uvicorn would keep the connection alive (not when a pipelined request runs)."""
        super().on_response_complete()
        if (
            self.timeout_keep_alive_task is not None
        ):  # uvicorn's own timer is cancelled by any byte: ours is not
            self._unset_keepalive_if_required()
            self._arm(_IDLE)

    def pause_writing(self) -> None:
        """Bytes are waiting for the client: start the send deadline."""
        super().pause_writing()
        if self._send_timer is None:
            self._send_timer = self.loop.call_later(self.send_timeout_s, self._send_timed_out)

    def resume_writing(self) -> None:
        """The client took every byte: stop the send deadline."""
        self._cancel_send_timer()
        super().resume_writing()

    def send_400_response(self, msg: str) -> None:
        """Answer malformed HTTP with Graph's 400 envelope instead of uvicorn's plain text."""
        self._reject(400, BAD_REQUEST, "The request is not valid HTTP/1.1.")

    @property
    def idle(self) -> bool:
        """Nothing in flight: answered, and no byte of a new request head received yet."""
        return self._phase == _IDLE and not self._rejected

    def _close_an_idle_connection(self) -> bool:
        """Make room at the connection limit by closing an idle connection; False if there is none."""
        for other in self.connections:
            if other is not self and isinstance(other, GraphHttpProtocol) and other.idle:
                other._disarm()
                other.transport.close()
                self.connections.discard(other)
                return True
        return False

    def _head_message(self) -> str:
        return f"The request line and headers exceed the limit of {self.max_head_bytes} bytes."

    def _framing_too_large(self) -> None:
        message = (
            f"The chunk framing and trailers of the request exceed the limit of {self.max_head_bytes} bytes."
        )
        if self.cycle is not None and self.cycle.response_started:
            self._rejected = True  # the request has (or is getting) its answer: just end the connection
            log.info("connection closed: %s", message)
            self.transport.close()
            return
        self._reject(431, "Request_HeaderFieldsTooLarge", message)

    def _arm(self, phase: str) -> None:
        """Replace the connection's deadline with that of `phase` (_HEAD or _IDLE)."""
        if self._timer is not None:
            self._timer.cancel()
        if phase == _HEAD:
            self._timer = self.loop.call_later(self.head_timeout_s, self._head_timed_out)
        else:
            self._timer = self.loop.call_later(self.idle_timeout_s, self._idle_timed_out)
        self._phase = phase

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._phase = None

    def _cancel_send_timer(self) -> None:
        if self._send_timer is not None:
            self._send_timer.cancel()
            self._send_timer = None

    def _head_timed_out(self) -> None:
        self._timer = self._phase = None
        if self._rejected or self.transport.is_closing():
            return
        if self._head_bytes == 0:
            self._rejected = True
            self.transport.close()  # nothing was sent: close quietly, as keep-alive expiry does
            return
        self._reject(
            408,
            "Request_Timeout",
            f"The request headers were not received within {self.head_timeout_s:g} seconds.",
        )

    def _idle_timed_out(self) -> None:
        """Idle, or still receiving the body of a request already answered: close."""
        self._timer = self._phase = None
        self._rejected = True
        if not self.transport.is_closing():
            self.transport.close()

    def _send_timed_out(self) -> None:
        """The client has not taken the response for `send_timeout_s`: reset the connection.

        A plain close would leave the unsent bytes in the kernel's send buffer (up to megabytes, in
        FIN-WAIT-1 for as long as the client keeps its window shut); a zero linger time makes the
        close a reset that frees them at once.
        """
        self._send_timer = None
        self._rejected = True
        log.info("connection reset: the client took no response bytes for %g seconds", self.send_timeout_s)
        sock = self.transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
        self.transport.abort()

    def _reject(self, status: int, code: str, message: str, extra: bytes = b"") -> None:
        """Answer with Graph's envelope, close the connection and ignore whatever else arrives on it."""
        self._rejected = True
        self._disarm()
        if self.transport.is_closing():
            return
        request_id = str(uuid.uuid4())
        body = json_bytes(envelope(code, message, request_id, None))
        head = b"".join(
            [
                b"HTTP/1.1 %d %s\r\n" % (status, _REASONS[status]),
                *(name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers),
                b"content-type: application/json\r\n",
                b"request-id: " + request_id.encode() + b"\r\n",
                # The head was not read: no client-request-id to echo, so the request-id (as in innerError).
                b"client-request-id: " + request_id.encode() + b"\r\n",
                *(name + b": " + value + b"\r\n" for name, value in GATEWAY_HEADERS),
                extra,
                b"content-length: %d\r\n" % len(body),
                b"connection: close\r\n\r\n",
            ]
        )
        log.info("request %s refused at the transport level: %d %s", request_id, status, code)
        self.transport.write(head + body)
        self.transport.close()


def protocol_class(settings: Settings, *, max_head_bytes: int = MAX_HEAD_BYTES) -> type[GraphHttpProtocol]:
    """`GraphHttpProtocol` with the deadlines of `settings` (uvicorn instantiates the class itself)."""
    return type(
        "ConfiguredGraphHttpProtocol",
        (GraphHttpProtocol,),
        {
            "head_timeout_s": settings.header_timeout_s,
            "idle_timeout_s": settings.idle_timeout_s,
            "send_timeout_s": settings.send_timeout_s,
            "max_head_bytes": max_head_bytes,
        },
    )


class _Server(uvicorn.Server):
    """uvicorn's server, telling `on_ready` once it accepts requests (the app's startup is complete)."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None] | None) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self._on_ready is not None:
            self._on_ready()


def serve(
    app: Any, sock: socket.socket, settings: Settings, on_ready: Callable[[], None] | None = None
) -> None:
    """Serve `app` on a bound, listening socket until SIGINT/SIGTERM (then shut down gracefully).

    `on_ready` is called once the server accepts requests (`graphsync serve --ready-file`).
    """
    config = uvicorn.Config(
        app,
        http=protocol_class(settings),
        loop="uvloop",
        ws="none",
        lifespan="on",
        access_log=settings.access_log,
        log_level=settings.log_level,
        timeout_keep_alive=max(1, round(settings.idle_timeout_s)),  # replaced by the protocol's own deadline
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        limit_concurrency=settings.limit_concurrency,
        proxy_headers=False,
        server_header=False,
    )
    access = logging.getLogger("uvicorn.access")  # configured by uvicorn.Config, so added after it
    if not any(isinstance(f, RedactKeys) for f in access.filters):
        access.addFilter(RedactKeys())
    _Server(config, on_ready).run(sockets=[sock])


class RedactKeys(logging.Filter):
    """Keeps the web view's `?key=<operator key>` sign-in out of the access log (uvicorn logs the
    address as requested: client, method, path with query, HTTP version, status)."""

    _KEY = re.compile(r"([?&]key=)[^&\s]*")

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "key=" in args[2]:
            record.args = (*args[:2], self._KEY.sub(r"\1REDACTED", args[2]), *args[3:])
        return True


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket (IPv6 when the host is an IPv6 literal); port 0 picks a free port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock
