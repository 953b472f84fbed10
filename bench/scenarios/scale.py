"""The scale runs of the http section: the emulator with SCALE_JOBS (or --scale-jobs) jobs stored.

The jobs are stored before the server starts, through the emulator's own storage layer, all in the
collection the benchmark addresses. get and list run against one emulator on that database; each
create run gets a copy of it. Before the load runs, list-page latency one request at a time: the
first page, then every page by following `@odata.nextLink`.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from api import API, COLLECTION, PAGE_JOBS, SERVICE_PRINCIPAL, TEMPLATE, TENANT, write_paths
from host import log
from load import Contender, Measured
from probes import Client, latency_summary, sequential, walk_pages
from results import SCALED_LABEL, Results, ScaleInfo
from servers import Emulators, running, sqlite_url

SCALE_JOBS = 100_000
# Distinct jobs a get run cycles through at scale: as many as on the fresh database, so that the two
# differ in the stored count only, not in how many documents the run keeps warm.
GET_PATHS = PAGE_JOBS
BATCH = 5000  # writes in flight at once while storing


def prefill(db: Path, count: int) -> list[str]:
    """Store `count` jobs in the benchmark's collection through the emulator's own storage layer; their ids.

    Ids and documents are made as a create request makes them (graphsync.ids, and
    graphsync.domain.jobs.new_job_document); the writes go through the SQLite engine's `write`,
    which commits concurrent writes in batches (group commit), so 100,000 jobs take seconds
    instead of the minutes of one request each.
    """
    from graphsync.domain.jobs import new_job_document
    from graphsync.ids import RandomIds
    from graphsync.storage import OwnerKey, StorageError, open_store

    random_ids = RandomIds()

    def insert(job_id: str, document: str) -> Callable[[str | None], str]:
        def change(current: str | None) -> str:
            if current is not None:
                raise StorageError(f"job id {job_id} is taken")
            return document

        return change

    async def fill() -> list[str]:
        store = open_store(sqlite_url(db))
        owner = OwnerKey(TENANT, "servicePrincipals", SERVICE_PRINCIPAL)
        ids: list[str] = []
        try:
            for start in range(0, count, BATCH):
                writes = []
                for _ in range(min(BATCH, count - start)):
                    job_id = f"{TEMPLATE}.{random_ids.hex32()}.{TENANT}"
                    ids.append(job_id)
                    document = new_job_document(job_id, TEMPLATE, [])
                    writes.append(store.write(owner, job_id, insert(job_id, document)))
                await asyncio.gather(*writes)
            stored = await store.count(owner)
            if stored != count:
                raise RuntimeError(f"prefill stored {stored} jobs, expected {count}")
        finally:
            await store.close()
        return ids

    return asyncio.run(fill())


def page_latencies(client: Client, jobs: int, results: Results) -> int:
    """List-page latency one request at a time with `jobs` stored; the number of pages walked."""
    collection = f"{API}{COLLECTION}"
    first_pages = sequential(client, collection, 200)
    walk = walk_pages(client, collection, max_pages=jobs)
    results.list_sequential[f"{jobs:,} stored: first page"] = latency_summary(first_pages)
    results.list_sequential[f"{jobs:,} stored: every page (walk)"] = latency_summary(walk)
    results.list_sequential[f"{jobs:,} stored: last 100 pages"] = latency_summary(walk[-100:])
    return len(walk)


def start(emus: Emulators, jobs: int, stack: contextlib.ExitStack, results: Results) -> Contender:
    """Store `jobs` jobs, start the emulator get and list are measured on, and probe its list pages."""
    workdir = emus.workdir
    master = workdir / "scale-master.db"
    log(f"scale: storing {jobs:,} jobs")
    began = time.perf_counter()
    ids = prefill(master, jobs)
    seconds = time.perf_counter() - began
    size = master.stat().st_size
    results.scale = ScaleInfo(jobs=jobs, prefill_s=seconds, db_bytes=size)
    log(f"prefilled {jobs:,} jobs in {seconds:.1f} s ({size / 1e6:.0f} MB)")
    rng = random.Random(6)
    paths = write_paths(workdir / "scale-get-paths.txt", rng.sample(ids, min(GET_PATHS, len(ids))))
    shutil.copyfile(master, workdir / "scale-read.db")
    reader = stack.enter_context(
        running(emus.process("emulator-100k-read", sqlite_url(workdir / "scale-read.db")))
    )
    with Client(reader.origin, emus.token) as client:
        results.scale.pages = page_latencies(client, jobs, results)

    def writer(count: int) -> contextlib.AbstractContextManager[Measured]:
        return emus.fresh(
            f"emulator-100k-create-{count}", workdir / f"scale-create-{count}.db", template=master
        )

    return Contender(SCALED_LABEL, reader, paths, fresh_writer=writer)
