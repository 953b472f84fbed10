"""Running the app under uvicorn (httptools + uvloop), with the transport-level limits uvicorn lacks.

uvicorn's httptools protocol buffers a request head of any size for as long as the client takes to
send it, keeps every trailer of a chunked body in its header list, and answers malformed requests and
overload in plain text. `GraphHttpProtocol` bounds the head (request line and headers) in size and
time, bounds what a chunked body may carry besides data (chunk-size lines, extensions, trailers),
and answers those cases with Graph's envelope.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import uuid
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from graphsync.errors import BAD_REQUEST, envelope
from graphsync.http import json_bytes

log = logging.getLogger("graphsync.server")

MAX_HEAD_BYTES = 64 * 1024
KEEP_ALIVE_S = 5
GRACEFUL_SHUTDOWN_S = 10
_REASONS = {
    400: b"Bad Request",
    408: b"Request Timeout",
    431: b"Request Header Fields Too Large",
    503: b"Service Unavailable",
}


class GraphHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a bounded, time-limited request head and Graph-shaped transport errors."""

    max_head_bytes = MAX_HEAD_BYTES
    head_timeout_s = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Reset the limits' state and start the head timer for the first request."""
        self._in_head = True
        self._head_bytes = 0
        self._framing_bytes = 0  # bytes of a body received since its last data byte (chunk framing, trailers)
        self._body_progress = False
        self._rejected = False
        self._message_ended = False
        self._head_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        """Cancel the head timer, then let uvicorn clean up."""
        self._cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Parse the bytes (ignored after a rejection), then enforce the head and chunk-framing limits."""
        if self._rejected:
            return
        if self._in_head and self._head_timer is None:
            self._arm_head_timer()
        in_body = not self._in_head
        self._message_ended = False
        self._body_progress = False
        super().data_received(data)
        if self._rejected or self._message_ended:
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
        """End the head: stop its timer, then refuse it if too large (431) or if the server is busy (503)."""
        if self._rejected:
            return
        self._in_head = False
        self._head_bytes = 0
        self._framing_bytes = 0
        self._cancel_head_timer()
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > self.max_head_bytes:
            self._reject(431, "Request_HeaderFieldsTooLarge", self._head_message())
            return
        limit = self.limit_concurrency
        if limit is not None and (len(self.connections) >= limit or len(self.tasks) >= limit):
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

    def send_400_response(self, msg: str) -> None:
        """Answer malformed HTTP with Graph's 400 envelope instead of uvicorn's plain text."""
        self._reject(400, BAD_REQUEST, "The request is not valid HTTP/1.1.")

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

    def _arm_head_timer(self) -> None:
        if self.head_timeout_s > 0:
            self._head_timer = self.loop.call_later(self.head_timeout_s, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._rejected or not self._in_head or self.transport.is_closing():
            return
        if self._head_bytes == 0 and (self.cycle is None or self.cycle.response_complete):
            self._rejected = True
            self.transport.close()  # an idle connection: close it quietly, as keep-alive expiry does
            return
        self._reject(
            408,
            "Request_Timeout",
            f"The request headers were not received within {self.head_timeout_s:g} seconds.",
        )

    def _reject(self, status: int, code: str, message: str, extra: bytes = b"") -> None:
        """Answer with Graph's envelope, close the connection and ignore whatever else arrives on it."""
        self._rejected = True
        self._cancel_head_timer()
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
                extra,
                b"content-length: %d\r\n" % len(body),
                b"connection: close\r\n\r\n",
            ]
        )
        log.info("request %s refused at the transport level: %d %s", request_id, status, code)
        self.transport.write(head + body)
        self.transport.close()


def protocol_class(*, head_timeout_s: float, max_head_bytes: int = MAX_HEAD_BYTES) -> type[GraphHttpProtocol]:
    """`GraphHttpProtocol` with these limits (uvicorn instantiates the class itself)."""
    return type(
        "ConfiguredGraphHttpProtocol",
        (GraphHttpProtocol,),
        {"head_timeout_s": head_timeout_s, "max_head_bytes": max_head_bytes},
    )


def serve(
    app: Any,
    sock: socket.socket,
    *,
    head_timeout_s: float,
    log_level: str = "info",
    access_log: bool = False,
    limit_concurrency: int | None = 2048,
) -> None:
    """Serve `app` on a bound, listening socket until SIGINT/SIGTERM (then shut down gracefully)."""
    config = uvicorn.Config(
        app,
        http=protocol_class(head_timeout_s=head_timeout_s),
        loop="uvloop",
        ws="none",
        lifespan="on",
        access_log=access_log,
        log_level=log_level,
        timeout_keep_alive=KEEP_ALIVE_S,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        limit_concurrency=limit_concurrency,
        proxy_headers=False,
        server_header=False,
    )
    uvicorn.Server(config).run(sockets=[sock])


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
