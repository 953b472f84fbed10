"""Crashes under load with two emulator processes on one PostgreSQL database.

SIGKILL of one emulator while clients create jobs through both: every create acknowledged (201) by
either is present afterwards, and the other keeps answering. Then PostgreSQL itself stops abruptly
under load: requests answer 503 with Retry-After within a bounded time (never 500, never a hang),
and once it is back both processes serve every acknowledged job again.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from support import JOBS
from support.postgres import PostgresServer
from support.shared import StartPair
from support.tokens import Tokens

pytestmark = [pytest.mark.socket, pytest.mark.slow]

WORKERS_EACH = 3
OUTAGE_DEADLINE_S = 8.0  # pool_timeout=1: a request without a database answers well within this
POOL = "?pool_timeout=1"


def listed(origin: str, token: str) -> set[str]:
    """Every job id of the collection through `origin`, following next links."""
    ids: list[str] = []
    with httpx.Client(base_url=origin, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
        url: str | None = f"{JOBS}?$top=50"
        while url is not None:
            response = http.get(url.removeprefix(origin))
            assert response.status_code == 200, response.text
            ids += [job["id"] for job in response.json()["value"]]
            url = response.json().get("@odata.nextLink")
    assert len(ids) == len(set(ids))
    return set(ids)


class Load:
    """Clients creating jobs through the given origins until stopped; what was acknowledged, what was not."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.acked: set[str] = set()
        self.unanswered = 0  # creates whose connection failed: committed or not
        self.statuses: list[tuple[int, float, dict[str, str]]] = []  # status, seconds, headers
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def client(self, origin: str) -> None:
        with httpx.Client(
            base_url=origin, headers={"Authorization": f"Bearer {self.token}"}, timeout=30
        ) as http:
            while not self.stop.is_set():
                sent = time.monotonic()
                try:
                    response = http.post(JOBS, json={"templateId": "BoxOutDelta"})
                except httpx.TransportError:
                    with self._lock:
                        self.unanswered += 1
                    return  # this emulator is gone
                with self._lock:
                    self.statuses.append(
                        (response.status_code, time.monotonic() - sent, dict(response.headers))
                    )
                    if response.status_code == 201:
                        self.acked.add(response.json()["id"])
                if response.status_code == 503:
                    time.sleep(0.05)

    def wait_for(self, count: int, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while len(self.acked) < count:
            assert time.monotonic() < deadline, f"only {len(self.acked)} creates acknowledged"
            time.sleep(0.01)


def run_load(origins: list[str], load: Load, during: Any) -> None:
    """The load's clients on `origins` while `during()` runs; then stop them."""
    with ThreadPoolExecutor(max_workers=len(origins)) as executor:
        futures = [executor.submit(load.client, origin) for origin in origins]
        try:
            during()
        finally:
            load.stop.set()
            for future in futures:
                future.result(timeout=60)


def test_sigkill_of_one_emulator_then_of_postgresql_under_load(
    start_pair: StartPair, own_postgres: PostgresServer, tokens: Tokens
) -> None:
    token = tokens()
    a, b = start_pair(own_postgres.create_database() + POOL)

    # 1. SIGKILL of A while both take creates: B keeps answering, nothing acknowledged is lost
    load = Load(token)

    def kill_a() -> None:
        load.wait_for(150)
        os.kill(a.pid, signal.SIGKILL)
        a.stop()
        answered = len(load.statuses)
        time.sleep(0.5)
        assert len(load.statuses) > answered, "B stopped answering"

    run_load([a.origin] * WORKERS_EACH + [b.origin] * WORKERS_EACH, load, kill_a)
    assert {status for status, _, _ in load.statuses} == {201}
    present = listed(b.origin, token)
    assert load.acked <= present, f"{len(load.acked - present)} acknowledged jobs lost"
    assert len(present - load.acked) <= load.unanswered
    acked_before_outage = set(present)

    # 2. PostgreSQL stops abruptly under load: 503 with Retry-After, within a deadline; never 500
    a.start()
    outage = Load(token)

    def stop_postgres() -> None:
        outage.wait_for(50)
        own_postgres.stop("immediate")
        with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            for origin in (a.origin, b.origin):
                for method, path in (("GET", JOBS), ("POST", JOBS), ("GET", f"{JOBS}/{next(iter(present))}")):
                    sent = time.monotonic()
                    body = {"templateId": "BoxOutDelta"} if method == "POST" else None
                    response = http.request(method, f"{origin}{path}", json=body)
                    assert response.status_code == 503, response.text
                    assert response.headers["retry-after"] == "1"
                    assert response.json()["error"]["code"] == "serviceNotAvailable"
                    assert time.monotonic() - sent < OUTAGE_DEADLINE_S
        time.sleep(1.0)  # the load meets the outage too

    run_load([a.origin, b.origin] * 2, outage, stop_postgres)
    statuses = {status for status, _, _ in outage.statuses}
    assert statuses <= {201, 503} and 503 in statuses, statuses
    assert outage.unanswered == 0  # every request got an answer
    for status, seconds, headers in outage.statuses:
        assert seconds < OUTAGE_DEADLINE_S, (status, seconds)
        if status == 503:
            assert headers["retry-after"] == "1"

    # 3. PostgreSQL back: both processes serve every acknowledged job, and take new ones
    own_postgres.start()
    deadline = time.monotonic() + 20
    for origin in (a.origin, b.origin):
        with httpx.Client(base_url=origin, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            while (created := http.post(JOBS, json={"templateId": "BoxOutDelta"})).status_code == 503:
                assert time.monotonic() < deadline, "not serving again after PostgreSQL came back"
                time.sleep(0.2)
            assert created.status_code == 201, created.text
    for origin in (a.origin, b.origin):
        present = listed(origin, token)
        assert acked_before_outage | outage.acked <= present
    assert a.alive() and b.alive()
    for emulator in (a, b):
        log = emulator.output()
        assert "Traceback" not in log, log[-3000:]
