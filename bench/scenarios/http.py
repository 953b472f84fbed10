"""The http section: the emulator (durable SQLite, and the in-memory engine), its ceilings and Prism.

For each operation and connection count the servers are measured one right after the other, so that
they share whatever else the machine is doing: every ratio, and the fresh/100k comparison, comes from
neighbouring runs. get and list run against one long-lived server per database (fresh: one page of
jobs); each create run gets an emulator of its own, on an empty database (a new SQLite file, or
`memory:`) or on a copy of the 100k one. The ceilings replay responses captured from the emulator,
and are checked to replay them exactly before they are measured.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import json
import time
from dataclasses import dataclass
from pathlib import Path

from api import (
    API,
    COLLECTION,
    CONNECTIONS,
    CREATE_BODY,
    EXPECTED_STATUS,
    OPERATIONS,
    PAGE_JOBS,
    first_path,
    requests,
    write_paths,
)
from host import ROOT, log
from load import Contender, LoadSettings, Measured
from probes import Client, Response, create_jobs, expect, latency_summary, sequential
from results import (
    CEILING_LABEL,
    MEMORY_LABEL,
    PRISM_LABEL,
    PROTOCOL_LABEL,
    SQLITE_LABEL,
    PrismInfo,
    Results,
    Skipped,
)
from servers import (
    MEMORY_DB,
    PRISM,
    Emulators,
    LaunchError,
    PortServer,
    ceiling,
    ceiling_settings,
    prism,
    running,
    sqlite_url,
    version_of,
)

from scenarios import scale as scale_section


@dataclass(frozen=True)
class HttpOptions:
    """What the section measures besides the durable emulator and the ceiling."""

    load: LoadSettings
    scale_jobs: int | None  # None: no scale runs
    protocol_ceiling: bool
    memory: bool


@dataclass(frozen=True)
class Captured:
    """An emulator response for the ceiling to replay (minus uvicorn's own date and server headers)."""

    method: str
    kind: int  # the number of `/` in the path: a collection (create, list) or a job (get)
    status: int
    headers: list[list[str]]
    body_b64: str

    @classmethod
    def of(cls, response: Response, method: str, path: str) -> Captured:
        """The capture of `response` to `method` `path`."""
        return cls(
            method=method,
            kind=path.split("?", 1)[0].rstrip("/").count("/"),
            status=response.status,
            headers=[[n, v] for n, v in response.headers if n.lower() not in ("date", "server")],
            body_b64=base64.b64encode(response.body).decode("ascii"),
        )


def write_responses(path: Path, captured: list[Captured]) -> Path:
    """The ceiling's input file (bench/ceiling.py): the uvicorn settings and the responses to replay."""
    routes = [dataclasses.asdict(c) for c in captured]
    path.write_text(json.dumps({**ceiling_settings(), "routes": routes}))
    return path


def capture_create(emus: Emulators) -> Captured:
    """One created job's response, from an emulator on a throwaway database."""
    with (
        running(emus.process("emulator-capture", sqlite_url(emus.workdir / "capture.db"))) as server,
        Client(server.origin, emus.token) as client,
    ):
        created = expect(client.request("POST", f"{API}{COLLECTION}", CREATE_BODY), 201, "create")
    return Captured.of(created, "POST", f"{API}{COLLECTION}")


def check_first_page(client: Client, label: str) -> Response:
    """The first list page, checked to hold the PAGE_JOBS jobs just created."""
    listing = expect(client.request("GET", f"{API}{COLLECTION}"), 200, "list")
    if len(listing.json()["value"]) != PAGE_JOBS:
        raise RuntimeError(f"{label}: the first list page does not hold the jobs just created")
    return listing


def start_sqlite(
    emus: Emulators, stack: contextlib.ExitStack, captured: dict[str, Captured], results: Results
) -> Contender:
    """The durable emulator: a reader holding one page of jobs, whose get and list responses are
    captured for the ceiling, and an empty database for each create run."""
    workdir = emus.workdir
    reader = stack.enter_context(
        running(emus.process("emulator-fresh-read", sqlite_url(workdir / "fresh-read.db")))
    )
    with Client(reader.origin, emus.token) as client:
        paths = write_paths(workdir / "fresh-get-paths.txt", create_jobs(client, PAGE_JOBS))
        first = first_path(paths)
        captured["get"] = Captured.of(expect(client.request("GET", first), 200, "get"), "GET", first)
        captured["list"] = Captured.of(check_first_page(client, "emulator"), "GET", f"{API}{COLLECTION}")
        results.list_sequential["fresh"] = latency_summary(sequential(client, f"{API}{COLLECTION}", 200))

    def writer(count: int) -> contextlib.AbstractContextManager[Measured]:
        return emus.fresh(f"emulator-fresh-create-{count}", workdir / f"fresh-create-{count}.db")

    return Contender(SQLITE_LABEL, reader, paths, fresh_writer=writer)


def start_memory(emus: Emulators, stack: contextlib.ExitStack, results: Results) -> Contender | None:
    """The emulator on the in-memory engine (`--db memory:`), like the durable one: a reader holding
    one page of jobs, and an emulator of its own for each create run. None (and the reason in
    `results.memory`) when `graphsync serve --db memory:` does not start."""
    reader = emus.process("emulator-memory-read", MEMORY_DB)
    try:
        reader.start()
    except LaunchError as exc:
        lines = [line for line in str(exc).splitlines() if line.strip()]
        results.memory = Skipped(
            f"`graphsync serve --db {MEMORY_DB}` did not start ({lines[-1] if lines else exc})"
        )
        log(f"{MEMORY_LABEL}: skipped: {results.memory.reason}")
        return None
    stack.callback(reader.stop)
    with Client(reader.origin, emus.token) as client:
        paths = write_paths(emus.workdir / "memory-get-paths.txt", create_jobs(client, PAGE_JOBS))
        check_first_page(client, MEMORY_LABEL)

    def writer(count: int) -> contextlib.AbstractContextManager[Measured]:
        return emus.fresh(f"emulator-memory-create-{count}", None)

    return Contender(MEMORY_LABEL, reader, paths, fresh_writer=writer)


def start_ceilings(
    emus: Emulators, stack: contextlib.ExitStack, captured: dict[str, Captured], protocol: bool
) -> list[Contender]:
    """The ceiling (and, with `protocol`, the same app behind graphsync's HTTP protocol class), each
    checked to replay the emulator's response to every operation byte for byte."""
    workdir = emus.workdir
    responses = write_responses(workdir / "ceiling-responses.json", list(captured.values()))
    stacks = [(CEILING_LABEL, "uvicorn")] + ([(PROTOCOL_LABEL, "graphsync")] if protocol else [])
    contenders = []
    for label, kind in stacks:
        server = stack.enter_context(running(ceiling(label, responses, workdir, kind)))
        paths = write_paths(workdir / f"{label}-paths.txt", ["x"])
        with Client(server.origin, emus.token) as client:
            for op, request in requests(API, first_path(paths)).items():
                got = client.request(request.method, request.path, request.body)
                if (
                    got.status != captured[op].status
                    or base64.b64encode(got.body).decode() != captured[op].body_b64
                ):
                    raise RuntimeError(f"{label} does not replay the emulator's {op} response")
        contenders.append(Contender(label, server, paths))
    return contenders


def start_prism(emus: Emulators, stack: contextlib.ExitStack, results: Results) -> Contender | None:
    """Prism mocking openapi.yaml, once it answers every operation as the spec says; None (and the
    reason in `results.prism`) when it is not installed."""
    if not PRISM.exists():
        results.prism = Skipped(f"{PRISM.relative_to(ROOT)} is missing (needs node and npm: make bench-node)")
        log(f"prism: skipped ({results.prism.reason})")
        return None
    results.prism = PrismInfo(
        version=version_of([str(PRISM), "--version"]), node=version_of(["node", "--version"])
    )
    server: PortServer = stack.enter_context(running(prism(emus.workdir)))
    # Prism serves the spec's paths without the server URL's /v1.0.
    paths = write_paths(emus.workdir / "prism-paths.txt", ["x"], base="")
    with Client(server.origin, emus.token) as client:
        for op, request in requests("", first_path(paths)).items():
            for _ in range(100):  # Prism listens before it has loaded the document: wait for a real answer
                got = client.request(request.method, request.path, request.body)
                if got.status == EXPECTED_STATUS[op]:
                    break
                time.sleep(0.2)
            expect(got, EXPECTED_STATUS[op], f"prism {op}")
    return Contender(PRISM_LABEL, server, paths, base="")


def section(emus: Emulators, options: HttpOptions, results: Results) -> None:
    """Start every server, then measure each operation and connection count on all of them in turn."""
    with contextlib.ExitStack() as stack:
        captured = {"create": capture_create(emus)}
        contenders = [start_sqlite(emus, stack, captured, results)]
        if options.scale_jobs is not None:
            contenders.append(scale_section.start(emus, options.scale_jobs, stack, results))
        memory = start_memory(emus, stack, results) if options.memory else None
        contenders += [memory] if memory is not None else []
        contenders += start_ceilings(emus, stack, captured, options.protocol_ceiling)
        peer = start_prism(emus, stack, results)
        contenders += [peer] if peer is not None else []
        log("measuring")
        for op in OPERATIONS:
            for count in CONNECTIONS:
                for contender in contenders:
                    results.runs += contender.measure(op, count, options.load)
