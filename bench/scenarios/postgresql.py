"""The postgresql section: the emulator on one PostgreSQL server with 1 and 2 worker processes, and the
ceiling with 1 and 2 processes, measured in turn.

PostgreSQL is a throw-away cluster (graphsync.pgcluster) with fsync on and its default settings
otherwise: a create returns only after its COMMIT is flushed to the WAL on disk. Each create run gets
an emulator of its own (`graphsync serve --db postgresql://... --workers N`) on a new empty database;
get runs against one long-lived emulator per worker count holding one page of jobs. The ceiling
(bench/ceiling.py --processes N) replays the responses of the emulator on PostgreSQL.

Unlike the http section, nothing is pinned: N server processes, PostgreSQL's backends and wrk share
the machine's CPUs, which is what `--workers N` is for. Every run records the CPU time per request of
the server's processes (the workers with their parent) and of PostgreSQL's (postmaster and backends).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
from pathlib import Path

from api import API, CONNECTIONS, PAGE_JOBS, first_path, requests, write_paths
from host import log
from load import OTHER_LOAD_WARN, LoadSettings, Workload, one_run, workload, wrk
from probes import Client, create_jobs, expect, tree_cpu_seconds
from results import PostgresResult, Results, Run, Skipped
from servers import Emulators, PortServer, ceiling, running, version_of

from graphsync.launch import EmulatorProcess
from graphsync.pgcluster import BIN, PostgresServer, missing
from scenarios.http import Captured, write_responses

WORKERS = (1, 2)
OPERATIONS = ("create", "get")
MAX_CONNECTIONS = 100  # PostgreSQL's default
SETTINGS = f"fsync=on, synchronous_commit=on, full_page_writes=on, max_connections={MAX_CONNECTIONS}"


def emulator_label(workers: int) -> str:
    """The label of the emulator with `workers` worker processes."""
    return f"postgresql-{workers}w"


def ceiling_label(processes: int) -> str:
    """The label of the ceiling with `processes` processes."""
    return f"ceiling-{processes}p"


@dataclasses.dataclass
class Tree:
    """A running server measured with all its processes: a parent and the workers it forked."""

    origin: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the process and its descendants so far."""
        return tree_cpu_seconds(self.pid)


def emulator(emus: Emulators, name: str, db: str, workers: int) -> EmulatorProcess:
    """`graphsync serve --workers N` on the database URL `db`, unpinned; not started."""
    return EmulatorProcess(
        settings={"db": db, "signing_key": str(emus.key), "log_level": "warning"},
        args=["--workers", str(workers)],
        workdir=emus.workdir / name,
    )


def measured(
    server: Tree, pg: PostgresServer, label: str, op: str, count: int, load: LoadSettings, job: Workload
) -> Run:
    """A warm-up, then one run with the server's CPU and PostgreSQL's (taken out of 'other load')."""
    wrk(job, connections=count, duration_s=load.warmup_s, token=load.token, workdir=load.workdir, pin=())
    pid = pg.postmaster_pid()
    best = None
    for attempt in range(1, load.retries + 2):
        before = tree_cpu_seconds(pid) if pid else None
        run = one_run(server, label, op, job, count, load)
        after = tree_cpu_seconds(pid) if pid else None
        if before is not None and after is not None and run.requests:
            run.db_cpu_us_per_request = (after - before) / run.requests * 1e6
            if run.other_load_cores is not None and run.seconds:
                run.other_load_cores = max(0.0, run.other_load_cores - (after - before) / run.seconds)
        run.attempts = attempt
        if best is None or (run.other_load_cores or 0) < (best.other_load_cores or 0):
            best = run
        if (run.other_load_cores or 0) <= OTHER_LOAD_WARN:
            break
        if attempt <= load.retries:
            log(f"  other processes used {run.other_load_cores:.2f} cores: measuring again")
    assert best is not None
    return best


def start_ceilings(
    emus: Emulators, stack: contextlib.ExitStack, captured: dict[str, Captured], paths: Path
) -> dict[int, PortServer]:
    """The ceiling with 1 and 2 processes, each checked to replay the emulator's responses byte for byte."""
    responses = write_responses(emus.workdir / "pg-ceiling-responses.json", list(captured.values()))
    servers = {}
    for n in WORKERS:
        server = ceiling(ceiling_label(n), responses, emus.workdir)
        server.argv = [*server.argv, "--processes", str(n)]
        stack.enter_context(running(server))
        with Client(server.origin, emus.token) as client:
            for op, request in requests(API, first_path(paths)).items():
                if op not in captured:
                    continue
                got = client.request(request.method, request.path, request.body)
                if (
                    got.status != captured[op].status
                    or base64.b64encode(got.body).decode() != captured[op].body_b64
                ):
                    raise RuntimeError(f"{server.name} does not replay the emulator's {op} response")
        servers[n] = server
    return servers


def measure_all(
    emus: Emulators,
    pg: PostgresServer,
    load: LoadSettings,
    stack: contextlib.ExitStack,
    result: PostgresResult,
) -> None:
    """Start the readers and the ceilings, then measure each operation and connection count on all of them."""
    readers: dict[int, tuple[EmulatorProcess, Path]] = {}
    captured: dict[str, Captured] = {}
    for n in WORKERS:
        reader = stack.enter_context(running(emulator(emus, f"pg-read-{n}w", pg.create_database(), n)))
        with Client(reader.origin, emus.token) as client:
            paths = write_paths(emus.workdir / f"pg-get-paths-{n}.txt", create_jobs(client, PAGE_JOBS))
            first = first_path(paths)
            captured["get"] = Captured.of(expect(client.request("GET", first), 200, "get"), "GET", first)
            if n == WORKERS[0]:
                body = requests(API, first)["create"]
                made = expect(client.request("POST", body.path, body.body), 201, "create")
                captured["create"] = Captured.of(made, "POST", body.path)
        readers[n] = (reader, paths)
    ceiling_paths = write_paths(emus.workdir / "pg-ceiling-paths.txt", ["x"])
    ceilings = start_ceilings(emus, stack, captured, ceiling_paths)
    log("measuring")
    for op in OPERATIONS:
        for count in CONNECTIONS:
            for n in WORKERS:
                if op == "create":
                    fresh = emulator(emus, f"pg-create-{n}w-{count}", pg.create_database(), n)
                    with running(fresh):
                        server = Tree(fresh.origin, fresh.pid)
                        job = workload(server.origin, op)
                        result.runs.append(measured(server, pg, emulator_label(n), op, count, load, job))
                else:
                    reader, paths = readers[n]
                    server = Tree(reader.origin, reader.pid)
                    job = workload(server.origin, op, job_paths=paths)
                    result.runs.append(measured(server, pg, emulator_label(n), op, count, load, job))
                top = ceilings[n]
                server = Tree(top.origin, top.pid)
                job = workload(server.origin, op, job_paths=ceiling_paths)
                result.runs.append(measured(server, pg, ceiling_label(n), op, count, load, job))


def section(emus: Emulators, load: LoadSettings, results: Results, settings: str = "") -> None:
    """Start a throw-away PostgreSQL (fsync on; `settings`: more `-c name=value` options), run every
    measurement, stop it; Skipped where its binaries are absent."""
    reason = missing()
    if reason is not None:
        results.postgresql = Skipped(reason)
        log(f"postgresql: skipped ({reason})")
        return
    load = dataclasses.replace(load, wrk_pin=())
    pg = PostgresServer(fsync=True, max_connections=MAX_CONNECTIONS, settings=settings)
    try:
        pg.start()
        described = SETTINGS + (f"; {settings}" if settings else "")
        result = PostgresResult(version=version_of([str(BIN / "postgres"), "--version"]), settings=described)
        with contextlib.ExitStack() as stack:
            measure_all(emus, pg, load, stack, result)
        results.postgresql = result
    finally:
        pg.close()
