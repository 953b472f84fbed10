"""Concurrent writes to one job (and to one owner's secrets) through two emulator processes on one
PostgreSQL database: every read is a whole document in a state some write left, and the final
state is what one of the last acknowledged writes said (a write no other write was sent after the
acknowledgement of). Writes of one job are serialized across processes by the engine's lock.
"""

from __future__ import annotations

import dataclasses
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from support import JOBS
from support.shared import StartPair
from support.tokens import Tokens

from graphsync import demo

pytestmark = pytest.mark.socket

SECRETS = f"/v1.0/servicePrincipals/{demo.BOX_SP}/synchronization/secrets"
# (schedule.state, status.code) each write leaves on a job that never ran a cycle (a manual clock)
EFFECT = {
    "create": ("Disabled", "NotConfigured"),
    "start": ("Active", "NotRun"),
    "restart": ("Active", "NotRun"),
    "pause": ("Paused", "Paused"),
}
# the secrets a worker's PUT saves: each a different set of keys
KEY_SETS = [
    ("SecretToken",),
    ("SecretToken", "BaseAddress"),
    ("BaseAddress", "SyncNotificationSettings"),
    ("SecretToken", "BaseAddress", "SyncNotificationSettings"),
]


@dataclasses.dataclass
class Call:
    kind: str
    through: str
    sent: float
    acked: float = 0.0
    status: int = 0
    seen: tuple[str, ...] = ()  # a read's state, or the key set a PUT saved or a GET showed


def last_writes(writes: list[Call]) -> list[Call]:
    """The acknowledged writes that no other write was sent after the acknowledgement of."""
    return [w for w in writes if not any(other.sent > w.acked for other in writes if other is not w)]


def test_concurrent_actions_on_one_job_through_two_processes(
    start_pair: StartPair, postgres_url: str, tokens: Tokens
) -> None:
    a, b = start_pair(postgres_url)
    auth = {"Authorization": f"Bearer {tokens()}"}
    with httpx.Client(base_url=a.origin, headers=auth, timeout=20) as http:
        created = http.post(JOBS, json={"templateId": "BoxOutDelta"})
        assert created.status_code == 201
    job = f"{JOBS}/{created.json()['id']}"
    calls: list[Call] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        rng = random.Random(index)
        origin, name = (a.origin, "a") if index % 2 == 0 else (b.origin, "b")
        mine = []
        with httpx.Client(base_url=origin, headers=auth, timeout=20) as http:
            for _ in range(40):
                kind = rng.choice(["start", "pause", "restart", "get", "secrets", "read-secrets"])
                call = Call(kind, name, time.monotonic())
                if kind in ("start", "pause"):
                    response = http.post(f"{job}/{kind}")
                elif kind == "restart":
                    response = http.post(f"{job}/restart", json={"criteria": {"resetScope": "Full"}})
                elif kind == "get":
                    response = http.get(job)
                    if response.status_code == 200:
                        body = response.json()
                        call.seen = (body["schedule"]["state"], body["status"]["code"])
                elif kind == "secrets":
                    call.seen = rng.choice(KEY_SETS)
                    values = [{"key": key, "value": f"{key}-{index}"} for key in call.seen]
                    response = http.put(SECRETS, json={"value": values})
                else:
                    response = http.get(SECRETS)
                    if response.status_code == 200:
                        call.seen = tuple(sorted(item["key"] for item in response.json()["value"]))
                call.acked, call.status = time.monotonic(), response.status_code
                mine.append(call)
        with lock:
            calls.extend(mine)

    with ThreadPoolExecutor(max_workers=8) as executor:
        for future in [executor.submit(worker, index) for index in range(8)]:
            future.result()

    expected_status = {
        "start": 204,
        "pause": 204,
        "restart": 204,
        "get": 200,
        "secrets": 204,
        "read-secrets": 200,
    }
    for call in calls:
        assert call.status == expected_status[call.kind], call
    assert {call.through for call in calls} == {"a", "b"}
    valid_states = set(EFFECT.values())
    valid_key_sets = {tuple(sorted(keys)) for keys in KEY_SETS} | {()}
    for call in calls:  # every read is a state some write leaves: never a mix of two
        if call.kind == "get":
            assert call.seen in valid_states, call
        if call.kind == "read-secrets":
            assert call.seen in valid_key_sets, call

    job_writes = [call for call in calls if call.kind in EFFECT]
    secret_writes = [call for call in calls if call.kind == "secrets"]
    assert len(job_writes) > 50 and len(secret_writes) > 10
    for origin in (a.origin, b.origin):
        with httpx.Client(base_url=origin, headers=auth, timeout=20) as http:
            final = http.get(job).json()
            state = (final["schedule"]["state"], final["status"]["code"])
            assert state in {EFFECT[w.kind] for w in last_writes(job_writes)}, (state, origin)
            assert final["schedule"]["interval"] == "PT40M"  # started: the template's interval
            secrets = tuple(sorted(item["key"] for item in http.get(SECRETS).json()["value"]))
            assert secrets in {tuple(sorted(w.seen)) for w in last_writes(secret_writes)}, secrets
