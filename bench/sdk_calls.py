# mypy: disallow-subclassing-any=False
"""CPU per call of Microsoft's msgraph-sdk against a running emulator: bench/client_calls.py's operations,
as the SDK's users call them; run by the client section (bench/scenarios/client.py) with .venv-sdk's
Python. Nothing here imports graphsync.

    .venv-sdk/bin/python bench/sdk_calls.py BASE_URL TOKEN SERVICE_PRINCIPAL_ID JOB_ID CALLS WARMUP

Prints one JSON object, in client_calls.py's shape.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import sys

from cputime import cpu_us_async
from kiota_serialization_json.json_parse_node_factory import JsonParseNodeFactory  # type: ignore[import-not-found, unused-ignore]
from kiota_serialization_json.json_serialization_writer_factory import JsonSerializationWriterFactory  # type: ignore[import-not-found, unused-ignore]
from msgraph.generated.models.synchronization_job import SynchronizationJob  # type: ignore[import-not-found, unused-ignore]
from msgraph.generated.models.synchronization_schedule import SynchronizationSchedule  # type: ignore[import-not-found, unused-ignore]
from sdk_quickstart import client

TEMPLATE = "BoxOutDelta"
INTERVAL = "P10675199DT2H48M5.4775807S"
TIMESTAMP = "2026-01-02T03:04:05.1234567Z"


async def run(base_url: str, token: str, sp: str, job_id: str, calls: int, warmup: int) -> dict[str, float]:
    jobs = client(base_url, token).service_principals.by_service_principal_id(sp).synchronization.jobs

    async def get() -> object:
        return await jobs.by_synchronization_job_id(job_id).get()

    async def create_delete() -> None:
        job = await jobs.post(SynchronizationJob(template_id=TEMPLATE))
        await jobs.by_synchronization_job_id(job.id).delete()

    return {
        "get": await cpu_us_async(get, calls, warmup),
        "list": await cpu_us_async(jobs.get, calls, warmup),
        "create+delete": await cpu_us_async(create_delete, calls, warmup),
    }


def precision() -> dict[str, str]:
    """What a schedule with Graph's longest interval and a 7-digit timestamp parses into (through the
    SDK's JSON parse node, as a response is), and is written back as."""
    doc = {"interval": INTERVAL, "expiration": TIMESTAMP, "state": "Active"}
    node = JsonParseNodeFactory().get_root_parse_node("application/json", json.dumps(doc).encode())
    schedule = node.get_object_value(SynchronizationSchedule)
    writer = JsonSerializationWriterFactory().get_serialization_writer("application/json")
    writer.write_object_value(None, schedule)
    written = json.loads(writer.get_serialized_content())
    return {
        "interval": repr(schedule.interval),
        "timestamp": repr(schedule.expiration),
        "interval_written": str(written["interval"]),
        "timestamp_written": str(written["expiration"]),
    }


def main(base_url: str, token: str, sp: str, job_id: str, calls: str, warmup: str) -> None:
    figures = asyncio.run(run(base_url, token, sp, job_id, int(calls), int(warmup)))
    versions = {name: importlib.metadata.version(name) for name in ("msgraph-sdk", "httpx")}
    print(json.dumps({"cpu_us": figures, "precision": precision(), "versions": versions}))


if __name__ == "__main__":
    main(*sys.argv[1:])
