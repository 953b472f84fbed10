"""The app in-process: through httpx (`InProcess`) or with hand-built ASGI messages (`call_asgi`).

`RewriteJobs` wraps an app to plant one bug in its responses, for tests that prove a check or a
fuzz run catches it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from graphsync.app import GraphSyncApp
from support import JOBS
from support.tokens import Tokens


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


@dataclass
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
