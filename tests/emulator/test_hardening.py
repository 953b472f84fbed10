"""The six classes of fault an outside attack found (docs/security.md, "Hostile clients"), each proven fixed.

1. every connection state has a deadline, and idle connections yield to new requests at the limit;
2. a body that fails validation costs what finding its first error costs, at most;
3. pages are capped in bytes and responses go out with back-pressure and a send deadline;
4. every database failure, wherever it surfaces, is a 503 with `Retry-After`;
5. the seed loader's work and output are bounded, and what it accepts is what it documents;
6. `Host` and repeated header fields are read as RFC 9110/9112 say; links never come from `Host`.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import JOBS, SRC
from support.asgi import InProcess, call_asgi
from support.graph import assert_envelope, assert_graph_error
from support.sockets import Server, read_response, request_bytes, rss_kib
from support.tokens import Tokens, bearer

from graphsync.app import create_app
from graphsync.auth import KeySet
from graphsync.demo import BOX_SP, CONTOSO
from graphsync.http import parse_json
from graphsync.seed import SeedError, SeedUnreadable, load_seed
from graphsync.settings import Settings
from graphsync.spec import Spec
from graphsync.validation import BodyValidator

LIMIT = 100  # the connection limit of the socket servers here (the default is 2,048)
DEADLINE_S = 1.0  # their idle, send, head and body deadlines


@pytest.fixture
def tokens(signing_key: Path) -> Tokens:
    return Tokens(Settings(signing_key=signing_key))


def start_server(tmp_path: Path, signing_key: Path, **env: str) -> Server:
    settings = {
        "GRAPHSYNC_IDLE_TIMEOUT_S": str(DEADLINE_S),
        "GRAPHSYNC_SEND_TIMEOUT_S": str(DEADLINE_S),
        "GRAPHSYNC_LIMIT_CONCURRENCY": str(LIMIT),
        **env,
    }
    server = Server(tmp_path, signing_key, settings)
    server.start()
    return server


@pytest.fixture
def limited_server(tmp_path: Path, signing_key: Path) -> Iterator[Server]:
    server = start_server(tmp_path, signing_key)
    yield server
    server.stop()


def lowest_rss_kib(pid: int, within_s: float) -> int:
    """The lowest RSS of `pid` seen over `within_s` (sampled every 0.25 s): what it keeps once the resets it
    was due to make are done, even where a loaded machine makes it late."""
    lowest = rss_kib(pid)
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        time.sleep(0.25)
        lowest = min(lowest, rss_kib(pid))
    return lowest


def closed_by_server(sock: socket.socket, within_s: float) -> bool:
    """Whether the server ends the connection within `within_s` (reading and dropping what it sends)."""
    sock.settimeout(within_s)
    deadline = time.monotonic() + within_s
    try:
        while time.monotonic() < deadline:
            if not sock.recv(65536):
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False
    return False


# --- 1. connection deadlines ---------------------------------------------------------------------------------

UNREAD_BODY = b"GET /openapi.yaml HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n"
UNAUTHENTICATED = f"GET {JOBS} HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n".encode()


def hold(server: Server, request: bytes) -> socket.socket:
    """The attack: a request with a 5-byte body the app does not read, its answer read, then one body byte."""
    sock = socket.create_connection(server.address, timeout=10)
    sock.sendall(request)
    read_response(sock)
    sock.sendall(b"x")
    return sock


@pytest.mark.socket
def test_connections_that_hold_an_unread_body_are_closed_and_never_lock_others_out(
    limited_server: Server,
) -> None:
    """More held connections than the limit, unauthenticated (401) and on the spec (200), as fast as a loop
    can open them: a new client is served at once, and every held connection is closed by its deadline."""
    held = [hold(limited_server, UNAUTHENTICATED if i % 2 else UNREAD_BODY) for i in range(LIMIT + 20)]
    try:
        response = httpx.get(f"{limited_server.origin}/openapi.yaml", timeout=5)
        assert response.status_code == 200  # an idle connection made room; no 503
        started = time.monotonic()
        still_open = [
            sock for sock in held if not closed_by_server(sock, DEADLINE_S + 2 - (time.monotonic() - started))
        ]
        assert not still_open, f"{len(still_open)} of {len(held)} connections outlived the idle deadline"
    finally:
        for sock in held:
            sock.close()


@pytest.mark.socket
def test_a_body_that_trickles_after_the_answer_does_not_extend_the_deadline(limited_server: Server) -> None:
    sock = hold(limited_server, UNAUTHENTICATED.replace(b"Content-Length: 5", b"Content-Length: 1000"))
    with sock:
        started = time.monotonic()
        try:
            while time.monotonic() - started < DEADLINE_S + 3:
                sock.sendall(b"x")  # a byte every 0.2 s: progress, but the request was answered already
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass
        assert closed_by_server(sock, 1.0)
        assert time.monotonic() - started < DEADLINE_S + 2.5


@pytest.mark.socket
def test_idle_keep_alive_connections_are_closed_after_the_idle_deadline(limited_server: Server) -> None:
    with socket.create_connection(limited_server.address, timeout=10) as sock:
        sock.sendall(b"GET /openapi.yaml HTTP/1.1\r\nHost: a\r\n\r\n")
        assert read_response(sock)[0] == 200
        started = time.monotonic()
        assert closed_by_server(sock, DEADLINE_S + 2)
        assert time.monotonic() - started >= DEADLINE_S * 0.9


@pytest.mark.socket
def test_at_the_limit_requests_in_flight_are_never_dropped_for_new_ones(
    limited_server: Server, tokens: Tokens
) -> None:
    """Only idle connections are closed to make room: heads being received are not, and over the limit
    with nothing idle the answer is 503 with Retry-After."""
    partial = []
    try:
        for _ in range(LIMIT):
            sock = socket.create_connection(limited_server.address, timeout=10)
            sock.sendall(b"GET /openapi.yaml HTTP/1.1\r\n")  # a head in progress: not idle
            partial.append(sock)
        status, headers, body = request_over_new_connection(limited_server, tokens)
        assert_envelope(status, headers, body, 503)
        assert headers["retry-after"] == "1"
    finally:
        for sock in partial:
            sock.close()


def request_over_new_connection(server: Server, tokens: Tokens) -> tuple[int, dict[str, str], bytes]:
    with socket.create_connection(server.address, timeout=10) as sock:
        sock.sendall(request_bytes("GET", JOBS, tokens()))
        return read_response(sock)


# --- 2. validation cost ----------------------------------------------------------------------------------------

SPEC = Spec.load(SRC.parent / "openapi.yaml")


def array_paths(
    spec: Spec, node: Any, path: tuple[str, ...] = (), depth: int = 0
) -> Iterator[tuple[str, ...]]:
    """Paths of every array property a request body may hold, through `$ref`s and nullable `anyOf`s."""
    node = spec.resolve(node)
    if depth > 6:
        return
    for branch in node.get("anyOf", []) + node.get("allOf", []):
        yield from array_paths(spec, branch, path, depth + 1)
    if node.get("type") == "array":
        yield path
    for name, child in node.get("properties", {}).items():
        if not spec.resolve(child).get("readOnly"):
            yield from array_paths(spec, child, (*path, name), depth + 1)


VALID_BODIES: dict[str, dict[str, Any]] = {
    "CreateJobs": {"templateId": "BoxOutDelta"},
    "PostBulkUpload": {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
        "Operations": [{"method": "POST", "bulkId": "1", "path": "/Users", "data": {}}],
    },
}


def wide_body(path: tuple[str, ...], items: int, operation_id: str = "CreateJobs") -> dict[str, Any]:
    """A body whose array at `path` holds `items` numbers, where objects are expected (a create body
    has its template)."""
    body: dict[str, Any] = copy.deepcopy(VALID_BODIES.get(operation_id.rsplit(".", 1)[-1], {}))
    node = body
    for name in path[:-1]:
        node = node.setdefault(name, {})
    node[path[-1]] = [1] * items
    return body


BODY_ARRAYS = [
    (op.operation_id, path)
    for op in SPEC.operations
    if op.body_schema is not None and op.method == "POST"
    for path in array_paths(SPEC, op.body_schema)
    if path
]


def test_every_array_of_a_request_body_is_covered() -> None:
    assert {path for _, path in BODY_ARRAYS} >= {("synchronizationJobSettings",), ("status", "progress")}


@pytest.mark.parametrize(
    ("operation_id", "path"), BODY_ARRAYS, ids=lambda v: ".".join(v) if isinstance(v, tuple) else v
)
def test_a_wide_invalid_array_costs_less_than_parsing_it(operation_id: str, path: tuple[str, ...]) -> None:
    """500,000 wrong items (under 1 MiB): the 400 names the first and takes less time than the JSON parse.

    Collecting every error first took 10-12 s and 1.3 GB for `synchronizationJobSettings`; inside a
    nullable object (`status.progress`) the validator collected them through `anyOf` as well.
    """
    operation = next(op for op in SPEC.operations if op.operation_id == operation_id)
    validator = BodyValidator(SPEC, operation)
    raw = json.dumps(wide_body(path, 500_000, operation_id), separators=(",", ":")).encode()
    started = time.perf_counter()
    value = parse_json(raw)
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    with pytest.raises(Exception) as caught:
        validator.validate(value)
    validate_s = time.perf_counter() - started
    message = getattr(caught.value, "message", str(caught.value))
    name = ".".join(path)
    # the first wrong item is named, or the whole array where the spec bounds its length
    assert f"'{name}[0]'" in message or f"property '{name}' holds more than" in message, message
    assert validate_s < parse_s, f"validation {validate_s:.3f} s vs. JSON parse {parse_s:.3f} s"


@pytest.mark.socket
def test_wide_invalid_bodies_leave_the_server_memory_flat(limited_server: Server, tokens: Tokens) -> None:
    assert limited_server.process is not None
    raw = json.dumps(wide_body(("synchronizationJobSettings",), 500_000), separators=(",", ":")).encode()
    before = rss_kib(limited_server.process.pid)
    with httpx.Client(base_url=limited_server.origin, headers=tokens.header(), timeout=30) as http:
        for _ in range(3):
            response = http.post(JOBS, content=raw, headers={"Content-Type": "application/json"})
            assert response.status_code == 400
            assert "synchronizationJobSettings[0]" in response.json()["error"]["message"]
    growth_mib = (rss_kib(limited_server.process.pid) - before) / 1024
    assert growth_mib < 100, f"RSS grew by {growth_mib:.0f} MiB"  # it grew by 1.2 GB per body


# --- 3. response size and clients that do not read ----------------------------------------------------------

EMOJI_VALUE = "\U0001f600" * 60_000  # 240,000 bytes in UTF-8, 60,000 characters


def create_large_jobs(http: httpx.Client | InProcess, count: int) -> None:
    body = {
        "templateId": "BoxOutDelta",
        "synchronizationJobSettings": [{"name": "big", "value": EMOJI_VALUE}],
    }
    for _ in range(count):
        assert http.post(JOBS, json=body).status_code == 201


def test_pages_are_capped_in_bytes_not_characters(api: InProcess) -> None:
    create_large_jobs(api, 40)
    page = api.get(f"{JOBS}?$top=100")
    assert page.status_code == 200
    assert len(page.content) <= 4 * 1024 * 1024 + 4096, len(page.content)  # it was 9.6 MB of 2.4 M characters
    jobs = page.json()["value"]
    assert 10 <= len(jobs) < 40 and "@odata.nextLink" in page.json()


def silent_clients(server: Server, token: str, count: int) -> list[socket.socket]:
    """`count` connections that ask for a page and read nothing (a small receive buffer fills at once)."""
    clients = []
    for _ in range(count):
        sock = socket.create_connection(server.address, timeout=10)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.sendall(request_bytes("GET", f"{JOBS}?$top=100", token))
        clients.append(sock)
    return clients


@pytest.mark.socket
def test_clients_that_never_read_are_reset_and_hold_one_page_at_most(
    limited_server: Server, tokens: Tokens
) -> None:
    """Rounds of 40 clients that ask for a 4 MiB page and read nothing. Each used to pin ~17 MB (a 16.6 MB
    page, whole in the transport's buffer) until it closed. Now each holds at most its page while it
    is sent piece by piece, is reset after the send deadline, and later rounds reuse the same memory."""
    assert limited_server.process is not None
    pid = limited_server.process.pid
    with httpx.Client(base_url=limited_server.origin, headers=tokens.header(), timeout=30) as http:
        create_large_jobs(http, 20)
        assert len(http.get(f"{JOBS}?$top=100").content) > 4_000_000
    before = rss_kib(pid)
    during_mib, after_mib = [], []
    for _ in range(3):
        clients = silent_clients(limited_server, tokens(), 40)
        try:
            time.sleep(DEADLINE_S / 2)
            during_mib.append((rss_kib(pid) - before) / 1024)
            time.sleep(DEADLINE_S + 1)
            after_mib.append((lowest_rss_kib(pid, within_s=10.0) - before) / 1024)
            assert all(closed_by_server(sock, 2.0) for sock in clients)
        finally:
            for sock in clients:
                sock.close()
    assert max(during_mib) < 40 * 6, f"RSS growth while 40 clients wait: {during_mib} MiB"
    assert after_mib[2] - after_mib[0] < 40, f"RSS growth after each round: {after_mib} MiB"
    assert httpx.get(f"{limited_server.origin}/openapi.yaml", timeout=5).status_code == 200


# --- 4. database failures ------------------------------------------------------------------------------------


def corrupt_page_of(db: Path, marker: bytes) -> None:
    """Overwrite the database page that holds `marker` (a later page of the jobs table) with garbage."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = db.read_bytes()
    page = data.index(marker) // 4096
    with db.open("r+b") as file:
        file.seek(page * 4096)
        file.write(b"\xff" * 4096)


def test_a_corrupt_page_found_while_listing_is_503_logged_once(
    sqlite_settings: Settings, tokens: Tokens, key_set: KeySet, caplog: pytest.LogCaptureFixture
) -> None:
    """Only the cursor's later steps meet the broken page (the first rows read fine): that used to be a 500."""
    api = InProcess(create_app(sqlite_settings, keys=key_set), tokens)
    padding = [{"name": "pad", "value": "p" * 3000}]
    ids = [
        api.post(JOBS, json={"templateId": "BoxOutDelta", "synchronizationJobSettings": padding}).json()["id"]
        for _ in range(40)
    ]
    api.close()
    corrupt_page_of(Path(sqlite_settings.db.removeprefix("sqlite:///")), f'{{"id":"{ids[30]}"'.encode())
    api = InProcess(create_app(sqlite_settings, keys=key_set), tokens)
    try:
        caplog.set_level(logging.ERROR)
        for url in (f"{JOBS}?$top=100", f"{JOBS}/{ids[30]}"):
            caplog.clear()
            response = api.get(url)
            assert_graph_error(response, 503, "serviceNotAvailable")
            assert response.headers["retry-after"] == "1"
            errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
            assert len(errors) == 1 and "storage failure" in errors[0].getMessage(), errors
            assert errors[0].exc_info is None  # a line, not a traceback
        assert api.get(f"{JOBS}/{ids[0]}").status_code == 200
    finally:
        api.close()


# --- 5. the seed loader --------------------------------------------------------------------------------------

DEMO_TENANT = f"version: 1\ntenants:\n- id: {CONTOSO}\n  displayName: Contoso\n"


def billion_laughs(levels: int) -> str:
    """A tenant whose display name is an alias that expands to 9**levels items (9 levels: 387 million)."""
    lines = [f"version: 1\ntenants:\n- id: {CONTOSO}", "  xa: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        name, previous = chr(97 + level), chr(96 + level)
        lines.append(f"  x{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join([*lines, f"  displayName: *{chr(96 + levels)}", ""])


UNREADABLE_SEEDS = {
    "a list as a mapping key": (
        "version: 1\ntenants:\n  - {[a]: 1}\n",
        "line 3, column 6: a mapping key must",
    ),
    "a mapping as a mapping key": ("version: 1\n? {a: 1}\n: x\n", "a mapping key must be a plain value"),
    "an alias bomb": (billion_laughs(7), "aliases (*name) are not supported"),
    "one harmless alias": (
        f"x: &t {CONTOSO}\n{DEMO_TENANT}  extra: *t\n",
        "aliases (*name) are not supported",
    ),
    "deep nesting": ("version: 1\ntenants: " + "[" * 100 + "]" * 100 + "\n", "nested more than 32 levels"),
    "very deep nesting": ("version: 1\ntenants: " + "[" * 5000 + "]" * 5000 + "\n", "maximum nesting depth"),
    "deep block nesting": (
        "x:\n" + "".join(" " * i + "- \n" for i in range(1, 60)),
        "nested more than 32 levels",
    ),
}


@pytest.mark.parametrize("name", list(UNREADABLE_SEEDS))
def test_seeds_that_are_not_plain_yaml_data_are_refused_in_one_line(tmp_path: Path, name: str) -> None:
    text, expected = UNREADABLE_SEEDS[name]
    path = tmp_path / "seed.yaml"
    path.write_text(text)
    with pytest.raises(SeedUnreadable) as caught:
        load_seed(path)
    message = str(caught.value)
    assert expected in message and "\n" not in message and len(message) < 300, message
    result = cli("check-seed", str(path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and expected in result.stderr, (
        result.stderr
    )
    assert "Traceback" not in result.stderr and result.stdout == ""


INVALID_SEEDS = {
    "version true": (DEMO_TENANT.replace("version: 1", "version: true"), "unsupported seed version True"),
    "version 1.0": (DEMO_TENANT.replace("version: 1", "version: 1.0"), "unsupported seed version 1.0"),
    "version '1'": (DEMO_TENANT.replace("version: 1", "version: '1'"), "unsupported seed version '1'"),
    "personal accounts tenant": (
        DEMO_TENANT.replace(CONTOSO, "9188040d-6c67-4c5b-b112-36a304b66dad"),
        "tenants[0].id: 9188040d-6c67-4c5b-b112-36a304b66dad is the tenant of personal Microsoft accounts",
    ),
    "a megabyte-long value": (
        DEMO_TENANT.replace("displayName: Contoso", "displayName: [" + "x" * 1_000_000 + "]"),
        "tenants[0].displayName: expected a non-empty string, got ['xxxxxxxxxx",
    ),
}


@pytest.mark.parametrize("name", list(INVALID_SEEDS))
def test_invalid_seed_values_are_listed_briefly_and_stop_serve(tmp_path: Path, name: str) -> None:
    text, expected = INVALID_SEEDS[name]
    path = tmp_path / "seed.yaml"
    path.write_text(text)
    with pytest.raises(SeedError, match="invalid seed") as caught:
        load_seed(path)
    assert expected in str(caught.value) and len(str(caught.value)) < 1000, str(caught.value)[:2000]
    checked = cli("check-seed", str(path))
    assert checked.returncode == 1 and expected in checked.stderr and "Traceback" not in checked.stderr
    served = cli(
        "serve", "--port", "0", "--seed", str(path), "--db", f"sqlite:///{tmp_path}/x.db", cwd=tmp_path
    )
    assert served.returncode == 2 and expected in served.stderr and "Traceback" not in served.stderr


def test_the_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """486 bytes that expand to 387 million items: `check-seed` ran 99 s, used 10 GB and printed 2 GB."""
    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs(9))
    result = cli("check-seed", str(path))
    assert result.returncode == 2 and len(result.stderr) < 300 and "aliases" in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_seed_paths_that_would_read_for_ever_are_refused(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "seed.fifo"
        os.mkfifo(path)
        expected = "not a regular file"
    elif kind == "device":
        path, expected = Path("/dev/zero"), "not a regular file"
    else:
        path = tmp_path / "huge.yaml"
        with path.open("wb") as file:
            file.truncate(17 * 1024 * 1024)
        expected = "larger than 16777216 bytes"
    result = cli("check-seed", str(path))
    assert result.returncode == 2 and f"cannot read the seed file: {expected}" in result.stderr, result.stderr


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graphsync", *args],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=60,
        cwd=cwd,
    )


# --- 6. Host and repeated header fields -----------------------------------------------------------------------


def test_two_host_headers_are_400(api: InProcess) -> None:
    headers = [(b"host", b"graph.test"), (b"host", b"attacker.example"), bearer(api.tokens)]
    result = api.run(call_asgi(api.app, "GET", JOBS, headers=headers))
    assert "more than one Host header" in assert_graph_error(result, 400, "Request_BadRequest")["message"]


def test_two_authorization_headers_are_401_even_when_each_is_valid(api: InProcess) -> None:
    token = api.tokens()
    headers = [(b"authorization", f"Bearer {token}".encode())] * 2
    result = api.run(call_asgi(api.app, "GET", JOBS, headers=headers))
    assert_graph_error(result, 401, "InvalidAuthenticationToken")


def test_two_content_type_headers_are_415(api: InProcess) -> None:
    headers = [
        bearer(api.tokens),
        (b"content-type", b"application/json"),
        (b"content-type", b"application/json"),
    ]
    result = api.run(
        call_asgi(api.app, "POST", JOBS, headers=headers, chunks=[b'{"templateId":"BoxOutDelta"}'])
    )
    assert_graph_error(result, 415, "Request_UnsupportedMediaType")


@pytest.mark.socket
def test_host_rules_over_the_wire_and_links_from_the_listening_address(
    limited_server: Server, tokens: Tokens
) -> None:
    token = tokens()
    head = f"GET {JOBS} HTTP/1.1\r\nAuthorization: Bearer {token}\r\n"
    for request, status in [
        (head + "\r\n", 400),  # HTTP/1.1 without Host
        (head + "Host: a\r\nHost: attacker.example\r\n\r\n", 400),
        (head.replace("HTTP/1.1", "HTTP/1.0") + "\r\n", 200),  # HTTP/1.0 needs none
    ]:
        with socket.create_connection(limited_server.address, timeout=10) as sock:
            sock.sendall(request.encode())
            got, headers, body = read_response(sock)
            assert got == status, (request, body)
            if status == 400:
                assert "Host header" in assert_envelope(got, headers, body, 400)["message"]
    attacker = {"Host": "attacker.example", "Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=limited_server.origin, headers=attacker, timeout=10) as http:
        created = http.post(JOBS, json={"templateId": "BoxOutDelta"})
        http.post(JOBS, json={"templateId": "BoxOutDelta"})
        listed = http.get(f"{JOBS}?$top=1").json()
    assert created.headers["location"].startswith(f"{limited_server.origin}{JOBS}/")
    assert listed["@odata.nextLink"].startswith(f"{limited_server.origin}{JOBS}?")
    assert "attacker" not in created.text + json.dumps(listed)


@pytest.mark.socket
def test_links_follow_the_host_header_only_when_the_operator_asks(
    tmp_path: Path, signing_key: Path, tokens: Tokens
) -> None:
    server = start_server(tmp_path, signing_key, GRAPHSYNC_LINKS_FROM_HOST="on")
    try:
        headers = {"Host": "proxy.example:8443", "Authorization": f"Bearer {tokens()}"}
        created = httpx.post(f"{server.origin}{JOBS}", json={"templateId": "BoxOutDelta"}, headers=headers)
        assert created.headers["location"].startswith(
            f"http://proxy.example:8443/v1.0/servicePrincipals/{BOX_SP}/"
        )
    finally:
        server.stop()
