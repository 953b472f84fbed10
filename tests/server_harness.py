"""Shared fixtures and helpers of the emulator tests (tests/test_server_*.py import from here).

`api` drives the ASGI app in-process through httpx; `raw_asgi` sends hand-built ASGI messages (chunked
or slow bodies, disconnects); `server` starts `python -m graphsync serve` on a free loopback port, and
`raw_exchange` / `read_response` talk raw HTTP/1.1 bytes to it; `RewriteJobs` plants a bug in the
app's responses (for tests that prove a check or a fuzz run fails).
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import json
import os
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from graphsync.app import GraphSyncApp, create_app
from graphsync.auth import KeySet, load_key_set, mint_token
from graphsync.launch import EmulatorProcess
from graphsync.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

CONTOSO = "8442fd39-2183-419c-8732-74b6ce866bd5"
FABRIKAM = "0b3c6a8e-64c4-4f0e-9d4f-6a4cf1a1f4aa"
AUTOMATION_APP = "5c12dc7f-4013-4cd9-81c7-d199d7301263"  # has a service principal in both tenants
AUTOMATION_SP = "a0530b89-3683-47a5-9e35-5151641c7163"  # ... in Contoso
BOX_SP = "60443998-8cf7-4e61-b05c-a53b658cb5e1"  # Contoso; BoxOutDelta + SfSandboxOutDelta; owned by the automation app
BOX_APP = "2d99cbd6-c369-41ba-b2c7-58a1325248a5"  # Contoso application object; BoxOutDelta
SALESFORCE_SP = "c62c1093-aae4-45b5-8fbb-d01761c82c0f"  # Contoso; not owned by the automation app
FABRIKAM_BOX_SP = "59074f46-50a8-4728-9aaa-5869a183e3ad"
ALL = "Synchronization.ReadWrite.All"
JOBS = f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/jobs"
APP_JOBS = f"/v1.0/applications/{BOX_APP}/synchronization/jobs"

ENVELOPE_KEYS = {"code", "message", "innerError"}


@pytest.fixture(scope="session")
def signing_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One development key for the whole session (creating an RSA key takes a while)."""
    path = tmp_path_factory.mktemp("keys") / "dev-signing-key.pem"
    mint_token(Settings(signing_key=path), tenant=CONTOSO, app_id=AUTOMATION_APP)
    return path


@pytest.fixture
def settings(tmp_path: Path, signing_key: Path) -> Settings:
    return Settings(db=f"sqlite:///{tmp_path}/db/jobs.db", signing_key=signing_key, body_timeout_s=0.5)


def b64(data: bytes) -> str:
    """Base64url without padding, as JWT segments are written."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token_claims(*, tenant: str, app_id: str, **changes: Any) -> dict[str, Any]:
    """A valid v1 Graph application token's claims (no roles yet), for hand-built tokens.

    `changes` add or replace claims (e.g. `roles=[...]`); a change to None removes the claim.
    """
    now = int(time.time())
    claims: dict[str, Any] = {
        "aud": "https://graph.microsoft.com",
        "iss": f"https://sts.windows.net/{tenant}/",
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "appid": app_id,
        "tid": tenant,
        "ver": "1.0",
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


@pytest.fixture(scope="session")
def key_set(signing_key: Path) -> KeySet:
    """The session key, loaded once: loading checks the RSA key (tens of milliseconds)."""
    return load_key_set(Settings(signing_key=signing_key))


class Tokens:
    """Mints tokens for the test settings; the default is the automation app in Contoso with full rights."""

    def __init__(self, settings: Settings, keys: KeySet | None = None) -> None:
        self._settings = settings
        self._keys = keys
        self._cache: dict[tuple[Any, ...], str] = {}

    def __call__(
        self,
        *,
        tenant: str = CONTOSO,
        app_id: str = AUTOMATION_APP,
        roles: Sequence[str] = (ALL,),
        scopes: Sequence[str] = (),
        directory_roles: Sequence[str] = (),
        expires_in: int = 3600,
    ) -> str:
        key = (tenant, app_id, tuple(roles), tuple(scopes), tuple(directory_roles), expires_in)
        if key not in self._cache:
            self._cache[key] = mint_token(
                self._settings,
                tenant=tenant,
                app_id=app_id,
                roles=roles,
                scopes=scopes,
                directory_roles=directory_roles,
                expires_in=expires_in,
                keys=self._keys,
            )
        return self._cache[key]

    def header(self, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self(**kwargs)}"}


@pytest.fixture
def tokens(settings: Settings, key_set: KeySet) -> Tokens:
    return Tokens(settings, key_set)  # `settings` signs with the session key


class InProcess:
    """A synchronous client for one app instance, on a private event loop."""

    def __init__(self, app: GraphSyncApp, tokens: Tokens) -> None:
        self.app = app
        self.tokens = tokens
        self.loop = asyncio.new_event_loop()
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://graph.test")

    def request(self, method: str, url: str, *, auth: bool | str = True, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if auth is True:
            headers.setdefault("Authorization", f"Bearer {self.tokens()}")
        elif isinstance(auth, str):
            headers["Authorization"] = f"Bearer {auth}"
        return self.run(self.client.request(method, url, headers=headers, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)

    def create(self, url: str = JOBS, template: str = "BoxOutDelta", **kwargs: Any) -> dict[str, Any]:
        response = self.post(url, json={"templateId": template}, **kwargs)
        assert response.status_code == 201, response.text
        job: dict[str, Any] = response.json()
        return job

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    def close(self) -> None:
        self.run(self.client.aclose())
        self.run(self.app.aclose())
        self.loop.close()


@pytest.fixture
def api(settings: Settings, tokens: Tokens, key_set: KeySet) -> Iterator[InProcess]:
    client = InProcess(create_app(settings, keys=key_set), tokens)
    yield client
    client.close()


@dataclasses.dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    header_list: list[tuple[str, str]]
    body: bytes

    def json(self) -> Any:
        import json

        return json.loads(self.body)


async def call_asgi(
    app: Any,
    method: str,
    path: bytes | str,
    *,
    headers: Sequence[tuple[bytes, bytes]] = (),
    chunks: Sequence[bytes] = (b"",),
    delay_s: float = 0.0,
    hang_after: int | None = None,
    disconnect_after: int | None = None,
    query: bytes = b"",
) -> RawResponse | None:
    """Drive the app with hand-built ASGI messages. The body arrives as `chunks` (with `delay_s` between
    them); after `hang_after` chunks the client stops sending, after `disconnect_after` it disconnects.
    Returns None when the app sent nothing."""
    raw_path = path.encode() if isinstance(path, str) else path
    if not any(name == b"host" for name, _ in headers):
        headers = [(b"host", b"graph.test"), *headers]  # as every HTTP/1.1 client sends
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": raw_path.decode("latin-1"),
        "raw_path": raw_path,
        "query_string": query,
        "headers": list(headers),
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
    }
    sent = 0
    responded = asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if disconnect_after is not None and sent >= disconnect_after:
            return {"type": "http.disconnect"}
        if hang_after is not None and sent >= hang_after or sent >= len(chunks):
            await responded.wait()
            return {"type": "http.disconnect"}
        if sent and delay_s:
            await asyncio.sleep(delay_s)
        chunk = chunks[sent]
        sent += 1
        return {
            "type": "http.request",
            "body": chunk,
            "more_body": sent < len(chunks) or hang_after is not None,
        }

    messages: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body"):
            responded.set()

    await app(scope, receive, send)
    if not messages:
        return None
    start = messages[0]
    header_list = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in start["headers"]]
    body = b"".join(m.get("body", b"") for m in messages[1:])
    return RawResponse(start["status"], dict(header_list), header_list, body)


@pytest.fixture
def raw_asgi(api: InProcess) -> Callable[..., RawResponse | None]:
    """Synchronous `call_asgi` against the `api` app (same loop, same database)."""

    def call(method: str, path: bytes | str, **kwargs: Any) -> RawResponse | None:
        result: RawResponse | None = api.run(call_asgi(api.app, method, path, **kwargs))
        return result

    return call


def bearer(tokens: Tokens, **kwargs: Any) -> tuple[bytes, bytes]:
    return (b"authorization", f"Bearer {tokens(**kwargs)}".encode())


def assert_graph_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is Graph's error envelope with this status (and code), carrying a request-id."""
    actual = response.status_code if hasattr(response, "status_code") else response.status
    assert actual == status, getattr(response, "text", None) or response.body
    assert response.headers["content-type"] == "application/json"
    request_id = response.headers["request-id"]
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == ENVELOPE_KEYS
    assert isinstance(error["message"], str)
    assert error["innerError"]["request-id"] == request_id
    assert set(error["innerError"]) == {"date", "request-id", "client-request-id"}
    if code is not None:
        assert error["code"] == code, error
    return dict(error)


# --- a real server process --------------------------------------------------------------------


class Server(EmulatorProcess):
    """`graphsync serve` (graphsync.launch) for the tests: the session key, 2 s head and body time-outs, a
    SQLite file under `tmp_path`; `env` holds more GRAPHSYNC_* variables, `args` more `serve` options."""

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


@pytest.fixture
def server(tmp_path: Path, signing_key: Path) -> Iterator[Server]:
    instance = Server(tmp_path, signing_key)
    instance.start()
    yield instance
    instance.stop()


# --- raw HTTP/1.1 over a socket ----------------------------------------------------------------


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


def assert_envelope(status: int, headers: dict[str, str], body: bytes, expected: int) -> dict[str, Any]:
    """`assert_graph_error` for a raw response from `raw_exchange` / `read_response`."""
    assert status == expected, body
    assert headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert set(error) == ENVELOPE_KEYS
    assert error["innerError"]["request-id"] == headers["request-id"]
    return dict(error)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


class RewriteJobs:
    """Wraps an ASGI app; `change(job)` is applied to every job in a JSON response body.

    A way to plant one bug in an otherwise correct emulator, e.g. a non-nullable field answered as
    null, to show that the fuzz run catches it.
    """

    def __init__(self, app: Any, change: Callable[[dict[str, Any]], None]) -> None:
        self.app, self.change = app, change

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            try:
                document = json.loads(body)
            except ValueError:
                document = None
            if isinstance(document, dict):
                for job in document["value"] if isinstance(document.get("value"), list) else [document]:
                    if isinstance(job, dict) and "id" in job:
                        self.change(job)
                body = json.dumps(document).encode()
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": start["status"], "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)


def null_job_settings(job: dict[str, Any]) -> None:
    """The planted bug of the fuzz tests: `synchronizationJobSettings`, a non-nullable array, answered as null."""
    job["synchronizationJobSettings"] = None
