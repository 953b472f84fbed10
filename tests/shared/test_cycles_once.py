"""Provisioning cycles run exactly once per job when two emulator processes share one PostgreSQL database.

Each process has a clock of its own (a manual clock moves only when that process's control API
advances it). A cycle is applied inside one atomic write of its job, from the job's run record: a
process that reaches a time another already ran to finds nothing due. Two processes advanced to the
same times at once run, together, exactly the cycles one process runs alone; two real clocks racing
on their tickers run a started job's first cycle once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from support import JOBS
from support.postgres import PostgresServer
from support.shared import StartPair
from support.tokens import Tokens

pytestmark = [pytest.mark.socket, pytest.mark.slow]

JOB_COUNT = 6
STEPS = ["2026-01-05T12:00:00Z", "2026-01-06T09:00:00Z", "2026-01-08T00:00:00Z"]


def start_jobs(origins: list[str], token: str) -> list[str]:
    """JOB_COUNT jobs created and started, alternately through each origin."""
    ids = []
    for index in range(JOB_COUNT):
        with httpx.Client(
            base_url=origins[index % len(origins)], headers={"Authorization": f"Bearer {token}"}, timeout=20
        ) as http:
            created = http.post(JOBS, json={"templateId": "BoxOutDelta"})
            assert created.status_code == 201, created.text
            ids.append(created.json()["id"])
        with httpx.Client(
            base_url=origins[(index + 1) % len(origins)],
            headers={"Authorization": f"Bearer {token}"},
            timeout=20,
        ) as http:
            assert http.post(f"{JOBS}/{ids[-1]}/start").status_code == 204
    return ids


def control(origin: str, key: str) -> httpx.Client:
    return httpx.Client(
        base_url=f"{origin}/_graphsync", headers={"Authorization": f"Bearer {key}"}, timeout=60
    )


def advance(origin: str, key: str, to: str) -> dict[str, Any]:
    with control(origin, key) as http:
        response = http.post("/clock/advance", json={"to": to})
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result


def run_records(origin: str, key: str, ids: list[str]) -> list[tuple[Any, ...]]:
    """Per job, in `ids` order: cycles run, timeline outcomes, next due time, the last execution's
    begin time and counts (ids differ between databases; the rest does not)."""
    with control(origin, key) as http:
        listed = {entry["job"]["id"]: entry for entry in http.get("/jobs").json()["value"]}
    records = []
    for job_id in ids:
        entry = listed[job_id]
        last = entry["job"]["status"].get("lastExecution") or {}
        records.append(
            (
                entry["cycles"],
                [(item.get("state"), item["cycles"]) for item in entry["timeline"]],
                entry["due"],
                last.get("timeBegan"),
                last.get("countEntitled"),
                last.get("countExported"),
            )
        )
    return records


def test_two_processes_advanced_at_once_run_each_cycle_once(
    start_pair: StartPair,
    postgres_server: PostgresServer,
    tokens: Tokens,
    operator_key: Callable[[], str],
) -> None:
    # What one process runs alone: the reference
    alone, _ = start_pair(postgres_server.create_database())
    key = operator_key()
    reference_ids = start_jobs([alone.origin], tokens())
    reference_totals = [advance(alone.origin, key, to)["cycles"] for to in STEPS]
    reference = run_records(alone.origin, key, reference_ids)
    assert all(total > 0 for total in reference_totals)

    # The same through two processes on one database, both advanced to each time at once
    a, b = start_pair(postgres_server.create_database())
    ids = start_jobs([a.origin, b.origin], tokens())
    with ThreadPoolExecutor(max_workers=2) as executor:
        for to, expected in zip(STEPS, reference_totals, strict=True):
            futures = [executor.submit(advance, origin, key, to) for origin in (a.origin, b.origin)]
            results = [future.result() for future in futures]
            assert [result["now"] for result in results] == [to.replace("Z", ".0000000Z")] * 2
            assert sum(result["cycles"] for result in results) == expected, (to, results)
    assert run_records(a.origin, key, ids) == run_records(b.origin, key, ids) == reference


def test_two_real_clocks_run_a_started_jobs_first_cycle_once(
    start_pair: StartPair, postgres_url: str, tokens: Tokens, operator_key: Callable[[], str]
) -> None:
    # Real clocks at speed 1 from the wall clock agree; each ticker looks for due jobs twice a second.
    a, b = start_pair(postgres_url, clock="real", clock_start="")
    ids = start_jobs([a.origin, b.origin], tokens())
    deadline = time.monotonic() + 15
    while True:
        records = run_records(a.origin, operator_key(), ids)
        if all(record[0] >= 1 for record in records) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    time.sleep(1.5)  # three more ticks of each process: none may run the first cycle again
    records = run_records(b.origin, operator_key(), ids)
    assert [record[0] for record in records] == [1] * JOB_COUNT, records
