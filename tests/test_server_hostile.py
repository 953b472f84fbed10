"""Hostile requests, one catalogue run twice: in-process (ASGI) and over a socket (`graphsync serve`).

Every case must get exactly its 4xx, in Graph's error envelope with a `request-id`, change nothing,
and leave the server serving: a follow-up request on a fresh connection (and on the same connection
when the server kept it open) succeeds. The catalogue is then replayed against one process to check
that its memory stays flat. Transport-only abuse (trailers, slow heads) is at the end.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from server_harness import (
    APP_JOBS,
    JOBS,
    InProcess,
    RawResponse,
    Server,
    Tokens,
    assert_envelope,
    assert_graph_error,
    read_response,
    rss_kib,
)

from graphsync.settings import Settings

BAD = "Request_BadRequest"
NOT_FOUND = "Request_ResourceNotFound"
MIB = 1024 * 1024
SOCKET_TIMEOUT_S = 1.0  # the socket server's header and body time-outs (the in-process app uses 0.5 s)


@dataclasses.dataclass(frozen=True)
class Hostile:
    """One hostile request. `{job}` in the path is replaced by the id of an existing job."""

    name: str
    status: int
    code: str
    body: bytes | None = None  # None: no body and no Content-Length
    method: str = "POST"
    path: str = JOBS
    content_type: str | None = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    declared_length: int | None = None  # Content-Length to announce; the client sends `body` and then waits
    chunked: bool = False  # send `body` with Transfer-Encoding: chunked, in 64 KiB chunks
    token: str | None = None  # replaces the valid token ("" sends no Authorization header)
    socket_status: tuple[int, str] | None = None  # where the transport answers first (head limits)

    @property
    def slow(self) -> bool:
        """The answer comes from the body time-out: the client announced more than it sends, within the limit."""
        return self.declared_length is not None and len(self.body or b"") < self.declared_length <= MIB


def body_case(name: str, body: bytes | str, status: int = 400, code: str = BAD, **kw: Any) -> Hostile:
    return Hostile(name, status, code, body.encode() if isinstance(body, str) else body, **kw)


def json_case(name: str, value: Any, **kw: Any) -> Hostile:
    return body_case(name, json.dumps(value, ensure_ascii=False), **kw)


def path_case(name: str, path: str, method: str = "GET", status: int = 404, code: str = NOT_FOUND) -> Hostile:
    return Hostile(name, status, code, method=method, path=path, content_type=None)


CREATE = {"templateId": "BoxOutDelta"}
TEN_MIB_OF_SETTINGS = (
    b'{"templateId":"BoxOutDelta","synchronizationJobSettings":[' + b" " * (10 * MIB) + b"]}"
)

CATALOGUE: list[Hostile] = [
    # malformed and truncated JSON
    body_case("malformed JSON", b'{"templateId": "BoxOutDelta",}'),
    body_case("single-quoted JSON", b"{'templateId': 'BoxOutDelta'}"),
    body_case("truncated JSON", b'{"templateId": "BoxOut'),
    body_case("two documents", b'{"templateId": "BoxOutDelta"} {}'),
    Hostile(
        "truncated body (fewer bytes than Content-Length)",
        408,
        "Request_Timeout",
        b'{"templateId": "Box',
        declared_length=100,
    ),
    # wrong types and unknown properties
    json_case("templateId is a number", {"templateId": 5}),
    json_case("templateId is an object", {"templateId": {"$gt": ""}}),
    json_case("body is an array", [CREATE]),
    json_case("body is a string", "BoxOutDelta"),
    json_case("body is null", None),
    json_case(
        "setting value is a number", {**CREATE, "synchronizationJobSettings": [{"name": "a", "value": 5}]}
    ),
    json_case("boolean as a string", {**CREATE, "status": {"escrowsPruned": "true"}}),
    json_case("unknown property", {**CREATE, "owner": "me"}),
    json_case("unknown nested property", {**CREATE, "schedule": {"interval": "PT1M", "every": 5}}),
    json_case("read-only id", {**CREATE, "id": "BoxOutDelta.x.y"}),
    # enums, flags, durations, timestamps, numbers
    json_case("invalid enum", {**CREATE, "schedule": {"state": "On"}}),
    json_case("enum in the wrong case", {**CREATE, "schedule": {"state": "active"}}),
    json_case(
        "invalid flags", {"criteria": {"resetScope": "Full,Everything"}}, path=f"{JOBS}/{{job}}/restart"
    ),
    json_case("flags of the wrong type", {"criteria": {"resetScope": 15}}, path=f"{JOBS}/{{job}}/restart"),
    json_case("unknown restart parameter", {"criteria": {}, "scope": "Full"}, path=f"{JOBS}/{{job}}/restart"),
    json_case("invalid duration", {**CREATE, "schedule": {"interval": "P1M"}}),
    json_case("duration with a trailing newline", {**CREATE, "schedule": {"interval": "PT40M\n"}}),
    json_case("invalid timestamp", {**CREATE, "schedule": {"expiration": "yesterday"}}),
    json_case("impossible date", {**CREATE, "schedule": {"expiration": "2026-02-30T00:00:00Z"}}),
    json_case("integer beyond int64", {**CREATE, "status": {"countSuccessiveCompleteFailures": 2**63}}),
    json_case("integer below int64", {**CREATE, "status": {"countSuccessiveCompleteFailures": -(2**63) - 1}}),
    body_case(
        "integer of 5,000 digits",
        b'{"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": 1'
        + b"0" * 5000
        + b"}}",
    ),
    body_case(
        "number that overflows a double", b'{"templateId": "BoxOutDelta", "status": {"progress": 1e999}}'
    ),
    body_case("NaN", b'{"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": NaN}}'),
    path_case("$top beyond int64", f"{JOBS}?$top=9223372036854775808", status=400, code=BAD),
    # size and depth
    body_case("10 MiB body, announced", b"", 413, "Request_EntityTooLarge", declared_length=10 * MIB),
    body_case("10 MiB body, streamed", TEN_MIB_OF_SETTINGS, 413, "Request_EntityTooLarge", chunked=True),
    body_case("100,000-deep arrays", b"[" * 100_000 + b"]" * 100_000),
    body_case("100,000-deep objects", b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
    body_case(
        "500-deep objects (parsed, then refused)",
        b'{"templateId": "BoxOutDelta", "status": ' + b'{"a":' * 500 + b"1" + b"}" * 501,
    ),
    body_case("500-deep arrays (parsed, then refused)", b'{"templateId": ' + b"[" * 500 + b"]" * 500 + b"}"),
    body_case(
        "500-deep nesting in a large body",
        b'{"templateId": "BoxOutDelta", "x": "'
        + b"p" * 70_000
        + b'", "status": '
        + b'{"a":' * 500
        + b"1"
        + b"}" * 501,
    ),
    # encodings and NUL bytes
    body_case("invalid UTF-8", b'{"templateId": "Box\xffOutDelta"}'),
    body_case("overlong UTF-8", b'{"templateId": "\xc0\xaf"}'),
    body_case("UTF-16", json.dumps(CREATE).encode("utf-16")),
    body_case("lone surrogate escape", b'{"templateId": "\\ud800"}'),
    body_case("NUL byte inside a string", b'{"templateId": "Box\x00OutDelta"}'),
    body_case("NUL byte after the document", b'{"templateId": "BoxOutDelta"}\x00'),
    body_case("escaped NUL in templateId", b'{"templateId": "BoxOutDelta\\u0000"}'),
    # template ids
    json_case("very long templateId", {"templateId": "B" * 200_000}),
    json_case("very long non-ASCII templateId", {"templateId": "ジ" * 100_000}),
    json_case("non-ASCII templateId", {"templateId": "ボックス"}),
    json_case("SQL in templateId", {"templateId": "x'); DROP TABLE jobs; --"}),
    json_case("path traversal in templateId", {"templateId": "../../etc/passwd"}),
    json_case("another owner's template", {"templateId": "aws"}, path=APP_JOBS),
    # path ids
    path_case("job id '.'", f"{JOBS}/."),
    path_case("job id '..'", f"{JOBS}/.."),
    path_case("job id '%2E%2E'", f"{JOBS}/%2E%2E"),
    path_case("job id with dots", f"{JOBS}/BoxOutDelta.{'0' * 32}.x"),
    path_case("job id '..%2F..%2F'", f"{JOBS}/..%2F..%2Fetc%2Fpasswd"),
    path_case("double percent-encoding", f"{JOBS}/%252E%252E"),
    path_case("SQL in the job id", f"{JOBS}/x'%20OR%20'1'='1"),
    path_case("SQL statement in the job id", f"{JOBS}/1;DROP%20TABLE%20jobs;--", method="DELETE"),
    path_case("SQL in the job id of an action", f"{JOBS}/%22%20OR%201=1--/start", method="POST"),
    path_case("non-ASCII job id", f"{JOBS}/%E3%82%B8%E3%83%A7%E3%83%96"),
    path_case("very long job id", f"{JOBS}/{'a' * 20_000}"),
    path_case("NUL in the job id", f"{JOBS}/%00"),
    path_case("NUL after a real job id", f"{JOBS}/{{job}}%00"),
    path_case("traversal in the owner id", "/v1.0/servicePrincipals/..%2F..%2F/synchronization/jobs"),
    path_case("SQL in the owner id", "/v1.0/servicePrincipals/'%20OR%201=1--/synchronization/jobs"),
    path_case("path not UTF-8", f"{JOBS}/%FF%FE", status=400, code=BAD),
    # content types and empty bodies
    body_case(
        "missing content type", json.dumps(CREATE), 415, "Request_UnsupportedMediaType", content_type=None
    ),
    body_case(
        "text/plain", json.dumps(CREATE), 415, "Request_UnsupportedMediaType", content_type="text/plain"
    ),
    body_case(
        "form content type",
        "templateId=BoxOutDelta",
        415,
        "Request_UnsupportedMediaType",
        content_type="application/x-www-form-urlencoded",
    ),
    body_case(
        "JSON in Latin-1",
        json.dumps(CREATE),
        415,
        "Request_UnsupportedMediaType",
        content_type="application/json; charset=latin-1",
    ),
    body_case("empty body", b""),
    body_case("empty body without content type", b"", content_type=None),
    body_case("whitespace body", b" \r\n\t "),
    # duplicate keys
    body_case("duplicate keys", b'{"templateId": "BoxOutDelta", "templateId": "aws"}'),
    body_case(
        "nested duplicate keys",
        b'{"templateId": "BoxOutDelta", "schedule": {"state": "Active", "state": "Paused"}}',
    ),
    # huge header values
    Hostile(
        "huge Authorization header (60,000 characters)",
        401,
        "InvalidAuthenticationToken",
        json.dumps(CREATE).encode(),
        token="x" * 60_000,
    ),
    Hostile(
        "huge Content-Type header (200,000 characters)",
        415,
        "Request_UnsupportedMediaType",
        json.dumps(CREATE).encode(),
        content_type="text/" + "y" * 200_000,
        socket_status=(431, "Request_HeaderFieldsTooLarge"),
    ),
    Hostile(
        "huge header of any name (200,000 characters)",
        400,
        BAD,
        b"{",
        headers=(("x-filler", "z" * 200_000),),
        socket_status=(431, "Request_HeaderFieldsTooLarge"),
    ),
]
CASES = {case.name: case for case in CATALOGUE}
assert len(CASES) == len(CATALOGUE), "case names must be unique"


def header_list(case: Hostile, token: str) -> list[tuple[str, str]]:
    headers: list[tuple[str, str]] = [("host", "localhost")]
    bearer = token if case.token is None else case.token
    if bearer:
        headers.append(("authorization", f"Bearer {bearer}"))
    if case.content_type is not None and (case.body is not None or case.method == "POST"):
        headers.append(("content-type", case.content_type))
    if case.chunked:
        headers.append(("transfer-encoding", "chunked"))
    elif case.declared_length is not None:
        headers.append(("content-length", str(case.declared_length)))
    elif case.body is not None:
        headers.append(("content-length", str(len(case.body))))
    headers.extend(case.headers)
    return headers


def chunks_of(body: bytes, size: int = 65536) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)] or [b""]


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
    before = (api.get(JOBS).json(), api.get(APP_JOBS).json())
    path = case.path.replace("{job}", job["id"])
    headers = [
        (k.encode("latin-1"), v.encode("latin-1")) for k, v in header_list(case, api.tokens()) if k != "host"
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
    after = (api.get(JOBS).json(), api.get(APP_JOBS).json())
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
    token = socket_tokens()
    with httpx.Client(base_url=hostile_server.origin, headers=socket_tokens.header(), timeout=10) as http:
        before = (http.get(JOBS).json(), http.get(APP_JOBS).json())
        run_over_socket(hostile_server, CASES[name], token, hostile_job)
        assert hostile_server.alive()
        assert (http.get(JOBS).json(), http.get(APP_JOBS).json()) == before
        assert http.get(f"{JOBS}/{hostile_job}").status_code == 200


@pytest.mark.socket
def test_memory_stays_flat_over_the_whole_catalogue(
    hostile_server: Server, socket_tokens: Tokens, hostile_job: str
) -> None:
    """The catalogue (without the time-out cases) five more times after a warm-up pass: RSS stays flat."""
    assert hostile_server.process is not None
    pid = hostile_server.process.pid
    token = socket_tokens()
    fast = [case for case in CATALOGUE if not case.slow]
    for case in fast:
        run_over_socket(hostile_server, case, token, hostile_job)
    before = rss_kib(pid)
    for _ in range(5):
        for case in fast:
            run_over_socket(hostile_server, case, token, hostile_job)
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
    (tests/test_server_socket.py covers a client that sends part of its body and then nothing.)"""
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
