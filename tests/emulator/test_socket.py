"""The emulator as a real process (`python -m graphsync serve`) on a loopback port.

Restart on the same database, SIGKILL during a load of creates, transport-level garbage, slow
clients, concurrency and bounded memory. The catalogue of hostile requests, run both in-process and
over a socket, is tests/emulator/test_hostile.py.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import yaml
from support import APP_JOBS, JOBS, ROOT
from support.graph import assert_envelope
from support.sockets import Server, raw_exchange, read_response, request_bytes, rss_kib
from support.tokens import Tokens

from graphsync.demo import BOX_SP, FABRIKAM
from graphsync.settings import Settings

pytestmark = pytest.mark.socket
EXAMPLES = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["components"]["examples"]


@pytest.fixture
def tokens(signing_key: Path) -> Tokens:
    return Tokens(Settings(signing_key=signing_key))


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory, signing_key: Path) -> Iterator[Server]:
    """One server for the tests that only need it to survive what they send."""
    instance = Server(tmp_path_factory.mktemp("shared"), signing_key)
    instance.start()
    yield instance
    instance.stop()


@pytest.fixture
def client(server: Server, tokens: Tokens) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=server.origin, headers={"Authorization": f"Bearer {tokens()}"}, timeout=10
    ) as http:
        yield http


# --- behaviour over the wire -------------------------------------------------------------------------------


def test_documented_create_and_seed_example_over_the_socket(server: Server, client: httpx.Client) -> None:
    created = client.post(JOBS, json=EXAMPLES["createJobRequest"]["value"])
    assert created.status_code == 201
    job = created.json()
    assert (
        job["@odata.context"]
        == f"{server.base}/$metadata#servicePrincipals('{BOX_SP}')/synchronization/jobs/$entity"
    )
    assert created.headers["location"] == f"{server.origin}{JOBS}/{job['id']}"
    assert created.headers["request-id"]
    documented = EXAMPLES["createJobResponse"]["value"]
    assert {k: v for k, v in job.items() if k not in ("id", "@odata.context")} == {
        k: v for k, v in documented.items() if k not in ("id", "@odata.context")
    }
    seed_example = client.post(
        APP_JOBS.replace("/v1.0/", "/beta/"), json=EXAMPLES["seedPageCreateRequest"]["value"]
    )
    assert seed_example.status_code == 201, seed_example.text
    assert client.get(urlsplit(created.headers["location"]).path).json() == job
    assert client.get("/openapi.yaml").content == (ROOT / "openapi.yaml").read_bytes()
    not_allowed = client.request("PATCH", JOBS)
    assert not_allowed.status_code == 405 and not_allowed.headers["allow"] == "GET, POST"


def test_restart_on_the_same_database_loses_nothing(server: Server, tokens: Tokens) -> None:
    auth = {"Authorization": f"Bearer {tokens()}"}
    with httpx.Client(base_url=server.origin, headers=auth, timeout=10) as http:
        ids = [http.post(JOBS, json={"templateId": "BoxOutDelta"}).json()["id"] for _ in range(30)]
        for job_id in ids[:10]:
            assert http.post(f"{JOBS}/{job_id}/start").status_code == 204
        for job_id in ids[10:15]:
            assert http.delete(f"{JOBS}/{job_id}").status_code == 204
        assert (
            http.post(f"{JOBS}/{ids[15]}/restart", json={"criteria": {"resetScope": "Full"}}).status_code
            == 204
        )
        before = http.get(f"{JOBS}?$top=100").json()["value"]
    server.restart()
    with httpx.Client(base_url=server.origin, headers=auth, timeout=10) as http:
        after = http.get(f"{JOBS}?$top=100").json()["value"]
    assert after == before
    assert len(after) == 25
    assert [job["schedule"]["state"] for job in after[:10]] == ["Active"] * 10


def create_until_killed(server: Server, token: str, acked: list[str], stop: threading.Event) -> None:
    with httpx.Client(
        base_url=server.origin, headers={"Authorization": f"Bearer {token}"}, timeout=5
    ) as http:
        while not stop.is_set():
            try:
                response = http.post(JOBS, json={"templateId": "BoxOutDelta"})
            except httpx.TransportError:
                return
            if response.status_code == 201:
                acked.append(response.json()["id"])


def kill_during_creates(server: Server, tokens: Tokens) -> None:
    acked: list[str] = []
    stop = threading.Event()
    workers = [
        threading.Thread(target=create_until_killed, args=(server, tokens(), acked, stop)) for _ in range(8)
    ]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + 20
    while len(acked) < 150 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.process is not None
    os.kill(server.process.pid, signal.SIGKILL)
    server.stop()
    stop.set()
    for worker in workers:
        worker.join()
    assert len(acked) >= 150
    conn = sqlite3.connect(server.db.removeprefix("sqlite:///"))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = [json.loads(doc) for (doc,) in conn.execute("SELECT document FROM jobs")]
    conn.close()
    assert all(job["status"]["code"] == "NotConfigured" for job in stored)  # nothing half-written
    server.start()
    with httpx.Client(
        base_url=server.origin, headers={"Authorization": f"Bearer {tokens()}"}, timeout=10
    ) as http:
        listed: list[str] = []
        url: str | None = f"{JOBS}?$top=100"
        while url:
            page = http.get(url).json()
            listed += [job["id"] for job in page["value"]]
            url = page.get("@odata.nextLink")
    missing = set(acked) - set(listed)
    assert not missing, f"{len(missing)} acknowledged jobs lost"


def test_sigkill_during_concurrent_creates_loses_no_acknowledged_job(server: Server, tokens: Tokens) -> None:
    kill_during_creates(server, tokens)


@pytest.mark.slow
@pytest.mark.chaos
def test_sigkill_repeatedly(server: Server, tokens: Tokens) -> None:
    for _ in range(5):
        kill_during_creates(server, tokens)


def test_many_clients_creating_starting_pausing_and_deleting(server: Server, tokens: Tokens) -> None:
    token = tokens()

    def worker(index: int) -> tuple[list[str], list[int]]:
        kept, statuses = [], []
        with httpx.Client(
            base_url=server.origin, headers={"Authorization": f"Bearer {token}"}, timeout=10
        ) as http:
            for step in range(15):
                job_id = http.post(JOBS, json={"templateId": "SfSandboxOutDelta"}).json()["id"]
                statuses.append(http.post(f"{JOBS}/{job_id}/start").status_code)
                statuses.append(http.post(f"{JOBS}/{job_id}/pause").status_code)
                if step % 3 == 0:
                    statuses.append(http.delete(f"{JOBS}/{job_id}").status_code)
                else:
                    kept.append(job_id)
        return kept, statuses

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(worker, range(8)))
    kept = [job_id for ids, _ in results for job_id in ids]
    assert all(status == 204 for _, statuses in results for status in statuses)
    assert len(set(kept)) == len(kept) == 80
    with httpx.Client(
        base_url=server.origin, headers={"Authorization": f"Bearer {token}"}, timeout=10
    ) as http:
        listed = http.get(f"{JOBS}?$top=100").json()["value"]
    assert sorted(job["id"] for job in listed) == sorted(kept)
    assert all(job["status"]["code"] == "Paused" for job in listed)


# --- hostile input over the wire -----------------------------------------------------------------------------


def test_huge_headers_and_garbage_get_graph_errors(shared_server: Server, tokens: Tokens) -> None:
    server = shared_server
    big = request_bytes("GET", JOBS, tokens(), extra=b"X-Filler: " + b"y" * 200_000 + b"\r\n")
    error = assert_envelope(*raw_exchange(server, big), 431)
    assert error["code"] == "Request_HeaderFieldsTooLarge"
    long_token = request_bytes("GET", JOBS, "x" * 100_000)
    assert_envelope(*raw_exchange(server, long_token), 431)
    error = assert_envelope(*raw_exchange(server, b"NOT HTTP AT ALL\r\n\r\n"), 400)
    assert error["code"] == "Request_BadRequest"
    assert_envelope(*raw_exchange(server, b"GET /v1.0/x\x00 HTTP/1.1\r\nHost: a\r\n\r\n"), 400)
    smuggle = request_bytes("POST", JOBS, tokens(), b"0\r\n\r\n", extra=b"Transfer-Encoding: chunked\r\n")
    assert_envelope(*raw_exchange(server, smuggle), 400)
    assert server.alive()


def test_slow_clients_do_not_block_others(shared_server: Server, tokens: Tokens) -> None:
    server = shared_server
    host, port = urlsplit(server.origin).hostname, urlsplit(server.origin).port
    body = b'{"templateId": "BoxOutDelta"}'
    results: dict[str, Any] = {}

    def dribble() -> None:
        with socket.create_connection((host, port), timeout=10) as sock:
            sock.sendall(request_bytes("POST", JOBS, tokens(), body)[: -len(body)])
            for byte in body[:5]:
                sock.sendall(bytes([byte]))
                time.sleep(0.2)
            results["dribbler"] = read_response(sock)  # then stops sending: the body timeout (2 s) answers

    def silent_head() -> None:
        with socket.create_connection((host, port), timeout=15) as sock:
            sock.sendall(b"GET /v1.0/x HTTP/1.1\r\nHost: a\r\n")
            results["silent"] = read_response(sock)

    threads = [threading.Thread(target=dribble), threading.Thread(target=silent_head)]
    for thread in threads:
        thread.start()
    with httpx.Client(
        base_url=server.origin, headers={"Authorization": f"Bearer {tokens()}"}, timeout=5
    ) as http:
        for _ in range(20):
            started = time.monotonic()
            assert http.get(JOBS).status_code == 200
            assert time.monotonic() - started < 1.0
    for thread in threads:
        thread.join()
    error = assert_envelope(*results["dribbler"], 408)
    assert error["code"] == "Request_Timeout"
    assert_envelope(*results["silent"], 408)


def test_memory_stays_bounded_under_hostile_load(server: Server, tokens: Tokens) -> None:
    assert server.process is not None
    pid = server.process.pid
    token = tokens()
    warm = request_bytes("POST", JOBS, token, b'{"templateId": "BoxOutDelta"}')
    for _ in range(20):
        raw_exchange(server, warm)
    before = rss_kib(pid)
    deep = request_bytes("POST", JOBS, token, b"[" * 500_000 + b"]" * 500_000)
    wide = request_bytes("POST", JOBS, token, json.dumps({"templateId": "x" * 1_000_000}).encode())
    items = [{"name": "n", "value": "v"}] * 30_000 + [{"name": "n", "value": 5}]
    settings = json.dumps({"templateId": "BoxOutDelta", "synchronizationJobSettings": items})
    many = request_bytes("POST", JOBS, token, settings.encode())
    for _ in range(15):
        for request in (deep, wide, many):
            status, _, _ = raw_exchange(server, request)
            assert status in (400, 413)
        assert_envelope(
            *raw_exchange(server, request_bytes("GET", JOBS, token, extra=b"X: " + b"z" * 500_000 + b"\r\n")),
            431,
        )
    growth_mib = (rss_kib(pid) - before) / 1024
    assert growth_mib < 64, f"RSS grew by {growth_mib:.0f} MiB"
    assert httpx.get(f"{server.origin}/openapi.yaml").status_code == 200


def test_other_tenants_see_nothing_over_the_socket(shared_server: Server, tokens: Tokens) -> None:
    server = shared_server
    with httpx.Client(base_url=server.origin, timeout=10) as http:
        job = http.post(
            JOBS, json={"templateId": "BoxOutDelta"}, headers={"Authorization": f"Bearer {tokens()}"}
        ).json()
        other = {"Authorization": f"Bearer {tokens(tenant=FABRIKAM)}"}
        for response in (http.get(JOBS, headers=other), http.get(f"{JOBS}/{job['id']}", headers=other)):
            assert response.status_code == 404 and job["id"] not in response.text
