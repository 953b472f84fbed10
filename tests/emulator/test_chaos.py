"""Concurrency and crashes against a real `graphsync serve`.

Many clients create, start, pause, restart, delete and page through one collection at once; every
request is timed on the client, so that the final state of each job can be held to the writes the
server acknowledged (a linearizable register: the last write is one that no other write started
after). SIGKILL lands in the middle of such a load, again and again on the same database.

The short variants run with the suite; the long ones are marked `chaos` (`make chaos`, docs/security.md).
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import sqlite3
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator
from support import JOBS, ROOT
from support.sockets import Server
from support.tokens import Tokens

from graphsync.settings import Settings

pytestmark = pytest.mark.socket

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
JOB_SCHEMA = Draft202012Validator(
    {"$ref": "#/components/schemas/synchronizationJob", "components": SPEC["components"]},
    format_checker=Draft202012Validator.FORMAT_CHECKER,
)
NEVER_INTERVAL = "P10675199DT2H48M5.4775807S"
# (schedule.state, status.code) after each write, for a job that never ran (no lastExecution)
EFFECT = {
    "create": ("Disabled", "NotConfigured"),
    "start": ("Active", "NotRun"),
    "restart": ("Active", "NotRun"),
    "pause": ("Paused", "Paused"),
}


@pytest.fixture
def tokens(signing_key: Path) -> Tokens:
    return Tokens(Settings(signing_key=signing_key))


@dataclasses.dataclass
class Call:
    """One request as the client saw it: what, on which job, when sent, when answered, and the answer."""

    kind: str
    job: str | None
    sent: float
    acked: float = 0.0
    status: int = 0  # 0: no answer (the connection failed)
    body: str = ""


def read_all(http: httpx.Client, top: int = 100) -> list[dict[str, Any]]:
    """Every job of the collection, following nextLinks; fails on a repeated job."""
    jobs: list[dict[str, Any]] = []
    url: str | None = f"{JOBS}?$top={top}"
    while url is not None:
        response = http.get(url)
        assert response.status_code == 200, response.text
        page = response.json()
        jobs += page["value"]
        url = page.get("@odata.nextLink")
    ids = [job["id"] for job in jobs]
    assert len(ids) == len(set(ids)), "a job was listed twice"
    return jobs


def assert_clean_log(server: Server) -> None:
    log = server.output()
    for bad in ("database is locked", "Traceback", "ERROR"):
        assert bad not in log, f"{bad!r} in the server log:\n{log[-3000:]}"


# --- many clients, shared jobs ------------------------------------------------------------------


def contend(server: Server, token: str, *, workers: int, duration_s: float, max_calls: int) -> None:
    """`workers` clients on one collection for `duration_s` (at most `max_calls` calls each), then every check."""
    pool: list[str] = []
    pool_lock = threading.Lock()
    calls: list[Call] = []
    calls_lock = threading.Lock()
    deadline = time.monotonic() + duration_s

    def client(seed: int) -> None:
        rng = random.Random(seed)
        mine: list[Call] = []
        with httpx.Client(
            base_url=server.origin, headers={"Authorization": f"Bearer {token}"}, timeout=20
        ) as http:
            for _ in range(max_calls):
                if time.monotonic() > deadline:
                    break
                with pool_lock:
                    job = rng.choice(pool) if pool else None
                kind = rng.choices(
                    ["create", "start", "pause", "restart", "delete", "get", "list"],
                    weights=[3, 4, 4, 1, 1, 2, 1],
                )[0]
                if job is None or len(pool) < 8:
                    kind = "create"
                call = Call(kind, None if kind in ("create", "list") else job, time.monotonic())
                if kind == "create":
                    response = http.post(JOBS, json={"templateId": "BoxOutDelta"})
                elif kind == "start" or kind == "pause":
                    response = http.post(f"{JOBS}/{job}/{kind}")
                elif kind == "restart":
                    response = http.post(
                        f"{JOBS}/{job}/restart", json={"criteria": {"resetScope": "Escrows"}}
                    )
                elif kind == "delete":
                    response = http.delete(f"{JOBS}/{job}")
                elif kind == "get":
                    response = http.get(f"{JOBS}/{job}")
                else:
                    response = http.get(f"{JOBS}?$top=7")
                    if response.status_code == 200:
                        read_all(http, top=7)
                call.acked, call.status, call.body = time.monotonic(), response.status_code, response.text
                if kind == "create" and response.status_code == 201:
                    call.job = response.json()["id"]
                    with pool_lock:
                        pool.append(call.job)
                        if len(pool) > 24:
                            pool.pop(rng.randrange(len(pool)))  # leave it alone from now on
                mine.append(call)
        with calls_lock:
            calls.extend(mine)

    with ThreadPoolExecutor(max_workers=workers) as executor:
        for future in [executor.submit(client, seed) for seed in range(workers)]:
            future.result()

    # Nothing but the expected statuses reached a client, and never a locked database.
    for call in calls:
        assert call.status < 500 and "database is locked" not in call.body, (
            call.kind,
            call.status,
            call.body,
        )
    created = [c for c in calls if c.kind == "create"]
    assert all(c.status == 201 for c in created)
    ids = [c.job for c in created]
    assert len(ids) == len(set(ids)), "a job id was handed out twice"

    by_job: dict[str, list[Call]] = defaultdict(list)
    for call in calls:
        if call.job is not None and call.kind != "create":
            by_job[call.job].append(call)
    deleted: set[str] = set()
    for job, job_calls in by_job.items():
        deletes = [c for c in job_calls if c.kind == "delete" and c.status == 204]
        assert len(deletes) <= 1, f"{job} deleted twice"
        first_delete_sent = min((c.sent for c in job_calls if c.kind == "delete"), default=float("inf"))
        for call in job_calls:
            if call.status == 404:  # only possible once a delete was on its way
                assert call.acked >= first_delete_sent, (job, call)
            else:
                assert call.status in (200, 204), (job, call)
        if deletes:
            deleted.add(job)
            for call in job_calls:
                if call.sent > deletes[0].acked:
                    assert call.status == 404, (job, call)

    with httpx.Client(
        base_url=server.origin, headers={"Authorization": f"Bearer {token}"}, timeout=20
    ) as http:
        final = {job["id"]: job for job in read_all(http)}
    assert set(final) == set(ids) - deleted  # acknowledged creates minus acknowledged deletes
    assert len(final) == len(created) - len(deleted)

    for job_id, job in final.items():
        writes = [c for c in by_job.get(job_id, []) if c.kind in EFFECT and c.status == 204]
        last = [w for w in writes if not any(other.sent > w.acked for other in writes)]
        allowed = {EFFECT[w.kind] for w in last} or {EFFECT["create"]}
        state = (job["schedule"]["state"], job["status"]["code"])
        assert state in allowed, (job_id, state, allowed)
        started = any(w.kind in ("start", "restart") for w in writes)
        expected_interval = "PT40M" if started else NEVER_INTERVAL
        assert job["schedule"]["interval"] == expected_interval, (job_id, "an acknowledged start was lost")
    assert_clean_log(server)


def test_concurrent_clients_on_shared_jobs(server: Server, tokens: Tokens) -> None:
    contend(server, tokens(), workers=12, duration_s=3.0, max_calls=400)


@pytest.mark.chaos
def test_concurrent_clients_soak(server: Server, tokens: Tokens) -> None:
    contend(server, tokens(), workers=32, duration_s=40.0, max_calls=100_000)


# --- SIGKILL in the middle of a mixed load, on the same database ------------------------------


@dataclasses.dataclass
class Tracked:
    """What a client knows of one of its jobs: the state after its last acknowledged write, and the write
    in flight when the server died (which may or may not have been committed)."""

    state: tuple[str, str]
    started: bool
    pending: str | None = None
    exists: bool = True


def mixed_load_until_killed(
    server: Server, token: str, jobs: dict[str, Tracked], *, kill_after: int, seed: int
) -> int:
    """Clients own disjoint jobs and write to them until SIGKILL; returns how many creates got no answer."""
    lock = threading.Lock()
    acked = [0]
    unanswered_creates = [0]
    stop = threading.Event()
    existing = [job_id for job_id, job in jobs.items() if job.exists]
    workers = 8
    shares = [existing[i::workers] for i in range(workers)]

    def client(index: int) -> None:
        rng = random.Random(seed * 100 + index)
        own = list(shares[index])
        with httpx.Client(
            base_url=server.origin, headers={"Authorization": f"Bearer {token}"}, timeout=10
        ) as http:
            while not stop.is_set():
                kind = (
                    "create"
                    if not own or rng.random() < 0.3
                    else rng.choice(["start", "pause", "restart", "delete"])
                )
                job_id = None if kind == "create" else rng.choice(own)
                if job_id is not None:
                    jobs[job_id].pending = kind
                try:
                    if kind == "create":
                        response = http.post(JOBS, json={"templateId": "BoxOutDelta"})
                    elif kind == "delete":
                        response = http.delete(f"{JOBS}/{job_id}")
                    elif kind == "restart":
                        response = http.post(
                            f"{JOBS}/{job_id}/restart", json={"criteria": {"resetScope": "Full"}}
                        )
                    else:
                        response = http.post(f"{JOBS}/{job_id}/{kind}")
                except httpx.TransportError:
                    if kind == "create":
                        with lock:
                            unanswered_creates[0] += 1
                    return  # the server is gone; `pending` records the write in flight
                assert response.status_code < 500, response.text
                if kind == "create":
                    assert response.status_code == 201, response.text
                    new_id = response.json()["id"]
                    jobs[new_id] = Tracked(EFFECT["create"], False)
                    own.append(new_id)
                else:
                    assert job_id is not None and response.status_code == 204, (kind, response.text)
                    job = jobs[job_id]
                    job.pending = None
                    if kind == "delete":
                        job.exists = False
                        own.remove(job_id)
                    else:
                        job.state = EFFECT[kind]
                        job.started = job.started or kind in ("start", "restart")
                with lock:
                    acked[0] += 1

    with ThreadPoolExecutor(max_workers=workers) as executor:
        futures = [executor.submit(client, index) for index in range(workers)]
        deadline = time.monotonic() + 20
        while acked[0] < kill_after and time.monotonic() < deadline and not any(f.done() for f in futures):
            time.sleep(0.002)  # a client that returns before the kill has failed: stop and report it
        assert server.process is not None
        os.kill(server.process.pid, signal.SIGKILL)
        server.stop()
        stop.set()
        for future in futures:
            future.result(timeout=30)
    assert acked[0] >= kill_after, f"only {acked[0]} writes acknowledged before the deadline"
    return unanswered_creates[0]


def check_database_file(server: Server) -> dict[str, dict[str, Any]]:
    """integrity_check, and every row a whole, valid job of this collection."""
    conn = sqlite3.connect(server.db.removeprefix("sqlite:///"))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []  # no job without its owner row
        rows = conn.execute(
            "SELECT tenant_id, owner_kind, owner_id, job_id, document FROM jobs JOIN owners ON owners.id = jobs.owner"
        ).fetchall()
        assert len(rows) == conn.execute("SELECT count(*) FROM jobs").fetchone()[0]
    finally:
        conn.close()
    stored: dict[str, dict[str, Any]] = {}
    for tenant_id, _kind, _owner, job_id, document in rows:
        job = json.loads(document)
        errors = [e.message for e in JOB_SCHEMA.iter_errors(job)]
        assert not errors, (job_id, errors)
        assert job["id"] == job_id and job_id.endswith(tenant_id)
        stored[job_id] = job
    return stored


def reconcile(server: Server, token: str, jobs: dict[str, Tracked], unanswered_creates: int) -> None:
    """After the restart: every acknowledged job is there in an acknowledged (or the in-flight) state."""
    stored = check_database_file(server)
    server.start()
    with httpx.Client(
        base_url=server.origin, headers={"Authorization": f"Bearer {token}"}, timeout=10
    ) as http:
        listed = {job["id"]: job for job in read_all(http)}
    assert set(listed) == set(stored)
    unknown = set(listed) - set(jobs)
    assert len(unknown) <= unanswered_creates, "jobs appeared that nobody created"
    for job_id in unknown:  # created, committed, never answered: adopt them
        state = (listed[job_id]["schedule"]["state"], listed[job_id]["status"]["code"])
        assert state == EFFECT["create"]
        jobs[job_id] = Tracked(state, False)
    for job_id, job in jobs.items():
        present = job_id in listed
        if job.pending == "delete":
            job.exists = present
        assert present == job.exists, (job_id, job, "lost" if job.exists else "resurrected")
        if not present:
            job.pending = None
            continue
        found = listed[job_id]
        state = (found["schedule"]["state"], found["status"]["code"])
        allowed = {job.state} | ({EFFECT[job.pending]} if job.pending in EFFECT else set())
        assert state in allowed, (job_id, state, job)
        started = job.started or (
            found["schedule"]["interval"] == "PT40M" and job.pending in ("start", "restart")
        )
        assert found["schedule"]["interval"] == ("PT40M" if started else NEVER_INTERVAL), (job_id, found, job)
        job.state, job.started, job.pending = state, started, None


def kill_rounds(server: Server, token: str, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    jobs: dict[str, Tracked] = {}
    for round_ in range(rounds):
        unanswered = mixed_load_until_killed(
            server, token, jobs, kill_after=rng.randrange(60, 400), seed=seed * 1000 + round_
        )
        reconcile(server, token, jobs, unanswered)
    assert sum(job.exists for job in jobs.values()) > 0
    assert all(not job.exists or job.pending is None for job in jobs.values())


def test_sigkill_during_mixed_writes_then_restart(server: Server, tokens: Tokens) -> None:
    kill_rounds(server, tokens(), rounds=2, seed=1)


@pytest.mark.chaos
def test_sigkill_during_mixed_writes_repeatedly(server: Server, tokens: Tokens) -> None:
    """12 kills at random moments; GRAPHSYNC_CHAOS_SEED (`make chaos CHAOS_SEED=n`) picks another schedule."""
    kill_rounds(server, tokens(), rounds=12, seed=int(os.environ.get("GRAPHSYNC_CHAOS_SEED", "2")))
