"""CPU per call of graphsync's client facade against a running emulator; run by the client section
(bench/scenarios/client.py) in an interpreter of its own, with generated/models and generated/client
first on sys.path.

    python bench/client_calls.py sync|async BASE_URL TOKEN SERVICE_PRINCIPAL_ID JOB_ID CALLS WARMUP

Prints one JSON object: the CPU time of this process (time.process_time) per call of each operation
(get a job; list the jobs, one page; create a job and delete it), after WARMUP untimed calls of each;
and what the models keep of Graph's longest duration and a 7-digit timestamp (`precision`).
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "generated" / "models"), str(ROOT / "generated" / "client")]

from cputime import cpu_us, cpu_us_async
from graphsync_client import AsyncGraphSync, GraphSync  # type: ignore[import-not-found, unused-ignore]
from graphsync_models import tolerant  # type: ignore[import-not-found, unused-ignore]

TEMPLATE = "BoxOutDelta"
INTERVAL = "P10675199DT2H48M5.4775807S"  # Graph's default interval, TimeSpan.MaxValue
TIMESTAMP = "2026-01-02T03:04:05.1234567Z"  # .NET's 7 fractional digits


def run_sync(base_url: str, token: str, sp: str, job_id: str, calls: int, warmup: int) -> dict[str, float]:
    with GraphSync(base_url, credential=token) as graph:
        jobs = graph.service_principals(sp).jobs

        def create_delete() -> None:
            jobs(jobs.create(template_id=TEMPLATE).id).delete()

        return {
            "get": cpu_us(lambda: jobs(job_id).get(), calls, warmup),
            "list": cpu_us(lambda: list(jobs.list()), calls, warmup),
            "create+delete": cpu_us(create_delete, calls, warmup),
        }


async def run_async(
    base_url: str, token: str, sp: str, job_id: str, calls: int, warmup: int
) -> dict[str, float]:
    async with AsyncGraphSync(base_url, credential=token) as graph:
        jobs = graph.service_principals(sp).jobs

        async def get() -> object:
            return await jobs(job_id).get()

        async def listed() -> list[Any]:
            return [job async for job in jobs.list()]

        async def create_delete() -> None:
            await jobs((await jobs.create(template_id=TEMPLATE)).id).delete()

        return {
            "get": await cpu_us_async(get, calls, warmup),
            "list": await cpu_us_async(listed, calls, warmup),
            "create+delete": await cpu_us_async(create_delete, calls, warmup),
        }


def precision() -> dict[str, str]:
    """What a schedule with Graph's longest interval and a 7-digit timestamp parses into, and is
    written back as."""
    doc = {"interval": INTERVAL, "expiration": TIMESTAMP, "state": "Active"}
    schedule = tolerant.SynchronizationSchedule.model_validate_json(json.dumps(doc))
    written = json.loads(schedule.model_dump_json(by_alias=True, exclude_unset=True))
    return {
        "interval": repr(schedule.interval),
        "timestamp": repr(schedule.expiration),
        "interval_written": str(written["interval"]),
        "timestamp_written": str(written["expiration"]),
    }


def main(mode: str, base_url: str, token: str, sp: str, job_id: str, calls: str, warmup: str) -> None:
    args = (base_url, token, sp, job_id, int(calls), int(warmup))
    figures = run_sync(*args) if mode == "sync" else asyncio.run(run_async(*args))
    version = importlib.metadata.version("httpx")
    print(json.dumps({"cpu_us": figures, "precision": precision(), "versions": {"httpx": version}}))


if __name__ == "__main__":
    main(*sys.argv[1:])
