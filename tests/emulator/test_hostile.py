"""Hostile requests, one catalogue run twice: in-process (ASGI) and over a socket (`graphsync serve`).

Every case must get exactly its 4xx, in Graph's error envelope with a `request-id`, change nothing,
and leave the server serving: a follow-up request on a fresh connection (and on the same connection
when the server kept it open) succeeds. The catalogue is then replayed against one process to check
that its memory stays flat. Transport-only abuse (trailers, slow heads) is at the end.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import APP_JOBS, JOBS
from support.asgi import InProcess, RawResponse
from support.graph import assert_envelope, assert_graph_error
from support.hostile import (
    CASES,
    CATALOGUE,
    CREATE,
    MIB,
    SECRETS,
    SOCKET_TIMEOUT_S,
    Hostile,
    chunks_of,
    header_list,
)
from support.sockets import Server, read_response, rss_kib
from support.tokens import Tokens

from graphsync.settings import Settings


def check_error(
    status: int, headers: dict[str, str], body: bytes, case: Hostile, *, over_socket: bool
) -> None:
    expected_status, expected_code = (
        case.socket_status if over_socket and case.socket_status else (case.status, case.code)
    )
    response = RawResponse(status, headers, list(headers.items()), body)
    error = assert_graph_error(response, expected_status, expected_code)
    assert len(error["message"]) < 400, error["message"]
    if expected_status == 401:
        assert headers["www-authenticate"].startswith("Bearer ")


# --- in-process ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_request_in_process(api: InProcess, raw_asgi: Any, name: str) -> None:
    case = CASES[name]
    job = api.create()
    before = (api.get(JOBS).json(), api.get(APP_JOBS).json(), api.get(SECRETS).json())
    path = case.path.replace("{job}", job["id"])
    headers = [
        (k.encode("latin-1"), v.encode("latin-1"))
        for k, v in header_list(case, api.tokens(roles=case.roles))
        if k != "host"
    ]
    body = case.body or b""
    raw_path, _, query = path.partition("?")
    response = raw_asgi(
        case.method,
        raw_path.encode("latin-1"),
        headers=headers,
        query=query.encode("latin-1"),
        chunks=chunks_of(body),
        hang_after=len(chunks_of(body)) if case.declared_length else None,
    )
    assert response is not None
    check_error(response.status, response.headers, response.body, case, over_socket=False)
    after = (api.get(JOBS).json(), api.get(APP_JOBS).json(), api.get(SECRETS).json())
    assert after == before  # nothing created, changed or deleted; the app still answers
    assert api.post(JOBS, json=CREATE).status_code == 201


# --- over a socket -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, signing_key: Path) -> Iterator[Server]:
    timeouts = {
        "GRAPHSYNC_BODY_TIMEOUT_S": str(SOCKET_TIMEOUT_S),
        "GRAPHSYNC_HEADER_TIMEOUT_S": str(SOCKET_TIMEOUT_S),
    }
    instance = Server(tmp_path_factory.mktemp("hostile"), signing_key, timeouts)
    instance.start()
    yield instance
    instance.stop()


@pytest.fixture(scope="module")
def socket_tokens(signing_key: Path) -> Tokens:
    return Tokens(Settings(signing_key=signing_key))


@pytest.fixture(scope="module")
def hostile_job(hostile_server: Server, socket_tokens: Tokens) -> str:
    response = httpx.post(
        f"{hostile_server.origin}{JOBS}", json=CREATE, headers=socket_tokens.header(), timeout=10
    )
    assert response.status_code == 201
    return str(response.json()["id"])


def wire_request(case: Hostile, token: str, job_id: str) -> bytes:
    path = case.path.replace("{job}", job_id)
    head = f"{case.method} {path} HTTP/1.1\r\n".encode()
    head += b"".join(f"{k}: {v}\r\n".encode("latin-1") for k, v in header_list(case, token))
    body = case.body or b""
    if case.chunked:
        body = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks_of(body) if c) + b"0\r\n\r\n"
    return head + b"\r\n" + body


def send_and_read(sock: socket.socket, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send from a second thread while reading, as a client streaming a large body would."""

    def pump() -> None:
        try:
            sock.sendall(data)
        except OSError:
            pass  # the server answered early and closed: expected for 413 and 431

    sender = threading.Thread(target=pump)
    sender.start()
    try:
        return read_response(sock)
    finally:
        sender.join(timeout=10)


def list_request(token: str) -> bytes:
    return f"GET {JOBS} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n\r\n".encode()


def run_over_socket(server: Server, case: Hostile, token: str, job_id: str) -> None:
    with socket.create_connection(server.address, timeout=10) as sock:
        status, headers, body = send_and_read(sock, wire_request(case, token, job_id))
        check_error(status, headers, body, case, over_socket=True)
        if headers.get("connection") != "close":  # the connection is still usable, and in sync
            sock.sendall(list_request(token))
            follow_up = read_response(sock)
            assert follow_up[0] == 200, follow_up


@pytest.mark.socket
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_request_over_a_socket(
    hostile_server: Server, socket_tokens: Tokens, hostile_job: str, name: str
) -> None:
    token = socket_tokens(roles=CASES[name].roles)
    with httpx.Client(base_url=hostile_server.origin, headers=socket_tokens.header(), timeout=10) as http:
        before = (http.get(JOBS).json(), http.get(APP_JOBS).json(), http.get(SECRETS).json())
        run_over_socket(hostile_server, CASES[name], token, hostile_job)
        assert hostile_server.alive()
        assert (http.get(JOBS).json(), http.get(APP_JOBS).json(), http.get(SECRETS).json()) == before
        assert http.get(f"{JOBS}/{hostile_job}").status_code == 200


@pytest.mark.socket
def test_memory_stays_flat_over_the_whole_catalogue(
    hostile_server: Server, socket_tokens: Tokens, hostile_job: str
) -> None:
    """The catalogue (without the time-out cases) five more times after a warm-up pass: RSS stays flat."""
    assert hostile_server.process is not None
    pid = hostile_server.process.pid
    fast = [case for case in CATALOGUE if not case.slow]
    for case in fast:
        run_over_socket(hostile_server, case, socket_tokens(roles=case.roles), hostile_job)
    before = rss_kib(pid)
    for _ in range(5):
        for case in fast:
            run_over_socket(hostile_server, case, socket_tokens(roles=case.roles), hostile_job)
    growth_mib = (rss_kib(pid) - before) / 1024
    assert growth_mib < 16, f"RSS grew by {growth_mib:.1f} MiB over five passes"


# --- transport-level abuse ---------------------------------------------------------------------------------


def chunked_create_head(token: str) -> bytes:
    return (
        f"POST {JOBS} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()


ENDLESS_FRAMING = {
    "endless trailers": (
        b'1d\r\n{"templateId": "BoxOutDelta"}\r\n0\r\n',
        b"X-Trailer: " + b"t" * 1000 + b"\r\n",
    ),
    "one endless trailer": (b'1d\r\n{"templateId": "BoxOutDelta"}\r\n0\r\nX-Trailer: ', b"t" * 4096),
    "endless chunk extension": (b'1d\r\n{"templateId": "BoxOutDelta"}\r\n1;ext=', b"e" * 4096),
}


@pytest.mark.socket
@pytest.mark.parametrize("name", list(ENDLESS_FRAMING))
def test_endless_chunked_framing_is_cut_off_and_memory_stays_flat(
    hostile_server: Server, socket_tokens: Tokens, name: str
) -> None:
    """Trailers and chunk extensions are not body bytes: without a bound of their own, a client could make
    the server buffer them until the body time-out, at loopback speed."""
    after_head, endless = ENDLESS_FRAMING[name]
    assert hostile_server.process is not None
    pid = hostile_server.process.pid
    before = rss_kib(pid)
    token = socket_tokens()
    sent = 0
    peak = before
    with socket.create_connection(hostile_server.address, timeout=10) as sock:
        sock.sendall(chunked_create_head(token) + after_head)
        deadline = time.monotonic() + 3 * SOCKET_TIMEOUT_S
        try:
            while time.monotonic() < deadline and sent < 256 * MIB:
                sock.sendall(endless * 64)
                sent += len(endless) * 64
                if sent % (8 * MIB) < len(endless) * 64:
                    peak = max(peak, rss_kib(pid))
        except OSError:
            pass  # refused and closed: what should happen
        peak = max(peak, rss_kib(pid))
        try:
            status, headers, body = read_response(sock)
        except (AssertionError, OSError):
            status = 0  # the server may reset the connection before its answer is read
        if status:
            error = assert_envelope(status, headers, body, 431)
            assert error["code"] == "Request_HeaderFieldsTooLarge"
    assert (peak - before) / 1024 < 32, f"{name}: RSS grew by {(peak - before) / 1024:.0f} MiB"
    assert sent < 64 * MIB, f"{name}: the server kept reading {sent // MIB} MiB of framing"
    with httpx.Client(base_url=hostile_server.origin, headers=socket_tokens.header(), timeout=5) as http:
        assert http.get(JOBS).status_code == 200


@pytest.mark.socket
def test_a_body_in_one_byte_chunks_with_small_trailers_is_still_fine(
    hostile_server: Server, socket_tokens: Tokens
) -> None:
    body = json.dumps(CREATE).encode()
    with socket.create_connection(hostile_server.address, timeout=10) as sock:
        sock.sendall(chunked_create_head(socket_tokens()))
        for byte in body:
            sock.sendall(b"1\r\n")
            sock.sendall(bytes([byte]) + b"\r\n")
        sock.sendall(b"0\r\nX-Checksum: abc\r\nX-Other: " + b"o" * 1000 + b"\r\n\r\n")
        status, _, payload = read_response(sock)
    assert status == 201, payload


@pytest.mark.socket
def test_clients_that_trickle_forever_are_cut_off_by_total_time_while_others_are_served(
    hostile_server: Server, socket_tokens: Tokens
) -> None:
    """Each time-out bounds the whole head or body, not the pause between bytes: a byte every 50 ms keeps
    no connection alive past it. A client that trickles a complete body within the limit is served.
    (tests/emulator/test_socket.py covers a client that sends part of its body and then nothing.)"""
    token = socket_tokens()
    results: dict[str, Any] = {}

    def trickle(name: str, first: bytes, drip: bytes, pause_s: float) -> None:
        with socket.create_connection(hostile_server.address, timeout=10) as sock:
            sock.sendall(first)
            started = time.monotonic()
            try:
                for byte in drip:
                    sock.sendall(bytes([byte]))
                    time.sleep(pause_s)
                    if time.monotonic() - started > 5:
                        break
            except OSError:
                pass  # answered and closed while we were still sending
            results[name] = (read_response(sock), time.monotonic() - started)

    head = f"POST {JOBS} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n"
    body = json.dumps(CREATE, separators=(",", ":")).encode()
    clients = {
        "head": ((head + "X-Slow: ").encode(), b"s" * 1000, 0.05),
        "body": (
            (head + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n").encode(),
            b" " * 1000,
            0.05,
        ),
        "complete": (
            (head + f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode(),
            body,
            0.01,
        ),
    }
    threads = [threading.Thread(target=trickle, args=(name, *args)) for name, args in clients.items()]
    for thread in threads:
        thread.start()
    with httpx.Client(base_url=hostile_server.origin, headers=socket_tokens.header(), timeout=5) as http:
        for _ in range(20):
            started = time.monotonic()
            assert http.get(JOBS).status_code == 200
            assert time.monotonic() - started < 1.0
            time.sleep(0.05)
    for thread in threads:
        thread.join(timeout=15)
    for name, message in (("head", "request headers"), ("body", "request body")):
        (status, headers, payload), elapsed = results[name]
        error = assert_envelope(status, headers, payload, 408)
        assert error["code"] == "Request_Timeout" and message in error["message"]
        assert SOCKET_TIMEOUT_S - 0.1 < elapsed < SOCKET_TIMEOUT_S + 1.5, (name, elapsed)
    (status, _, payload), _ = results["complete"]
    assert status == 201, payload


@pytest.mark.socket
def test_distinct_long_paths_do_not_accumulate_in_memory(hostile_server: Server) -> None:
    """Routing runs before authentication, so anything it keeps per path is kept for anyone."""
    assert hostile_server.process is not None
    pid = hostile_server.process.pid
    before = rss_kib(pid)
    with socket.create_connection(hostile_server.address, timeout=10) as sock:
        for index in range(1200):
            path = f"{JOBS}/{index:06d}{'a' * 60_000}"
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            status, headers, body = read_response(sock)
            assert_envelope(status, headers, body, 401)
    growth_mib = (rss_kib(pid) - before) / 1024
    assert growth_mib < 24, f"RSS grew by {growth_mib:.0f} MiB"
