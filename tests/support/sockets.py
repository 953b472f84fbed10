"""`graphsync serve` as a real process, and raw HTTP/1.1 over a socket."""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from pathlib import Path

from graphsync.launch import EmulatorProcess
from support import SRC


class Server(EmulatorProcess):
    """`graphsync serve` (graphsync.launch) for the tests: the session key, 2 s head and body time-outs, a
    SQLite file under `tmp_path`, a manual clock; `env` holds more GRAPHSYNC_* variables, `args` more `serve` options."""

    def __init__(
        self,
        tmp_path: Path,
        signing_key: Path,
        extra_env: dict[str, str] | None = None,
        args: Sequence[str] = (),
    ) -> None:
        self.db = f"sqlite:///{tmp_path}/db/jobs.db"
        super().__init__(
            settings={
                "signing_key": str(signing_key),
                "body_timeout_s": "2",
                "header_timeout_s": "2",
                "db": self.db,
                "clock": "manual",  # cycles run only when a test advances the clock
            },
            args=args,
            workdir=tmp_path,
            env={
                "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
                **(extra_env or {}),
            },
        )

    @property
    def base(self) -> str:
        return self.base_url


def request_bytes(
    method: str,
    path: str,
    token: str,
    body: bytes | None = None,
    content_type: str = "application/json",
    extra: bytes = b"",
) -> bytes:
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n".encode() + extra
    )
    if body is None:
        return head + b"\r\n"
    return head + f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One response from the socket: status, headers (lower-case names) and the body (by Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"connection closed before a response: {data!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length]


def raw_exchange(
    server: Server, request: bytes, *, read_timeout: float = 10.0
) -> tuple[int, dict[str, str], bytes]:
    """Send bytes on a fresh connection and read one response (the server closes or sends Content-Length)."""
    with socket.create_connection(server.address, timeout=read_timeout) as sock:
        try:
            sock.sendall(request)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return read_response(sock)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")
