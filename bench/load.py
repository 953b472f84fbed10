"""Load generation: wrk with bench/wrk/graph.lua, its figures as typed results, and the runs of one
operation against one running server (a warm-up, then one run per connection count, measured again
when other processes took the CPUs meanwhile)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from api import API, COLLECTION, CONNECTIONS, CREATE_BODY, first_path
from host import BENCH, WRK_PIN, log
from probes import children_cpu_seconds, machine_busy_seconds
from results import Run

WRK_SCRIPT = BENCH / "wrk" / "graph.lua"
OTHER_LOAD_WARN = 0.15  # cores used by other processes during a run before it is measured again


class Measured(Protocol):
    """A running server under load: where it listens, and its CPU time so far."""

    @property
    def origin(self) -> str:
        """http://host:port"""
        ...

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of its process so far; None when unknown."""
        ...


@dataclass(frozen=True)
class WrkErrors:
    """wrk's error counts: socket errors by kind, and responses with a status of 400 or more."""

    connect: int
    read: int
    write: int
    status: int
    timeout: int

    @property
    def total(self) -> int:
        """All errors together."""
        return self.connect + self.read + self.write + self.status + self.timeout


@dataclass(frozen=True)
class WrkLatency:
    """Latency percentiles of one wrk run, in microseconds."""

    min: int
    mean: float
    max: int
    p50: int
    p90: int
    p99: int


@dataclass(frozen=True)
class WrkFigures:
    """What bench/wrk/graph.lua writes at the end of a run."""

    requests: int
    duration_us: int
    bytes: int
    errors: WrkErrors
    latency_us: WrkLatency

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WrkFigures:
        """The figures from the script's JSON."""
        return cls(
            requests=int(data["requests"]),
            duration_us=int(data["duration_us"]),
            bytes=int(data["bytes"]),
            errors=WrkErrors(**data["errors"]),
            latency_us=WrkLatency(**data["latency_us"]),
        )

    @property
    def seconds(self) -> float:
        """The run's duration."""
        return self.duration_us / 1e6


@dataclass(frozen=True)
class Workload:
    """What wrk sends: one URL, or with `paths` the job paths of a file in turn, with a method and body."""

    url: str
    method: str = "GET"
    body: str | None = None
    paths: Path | None = None


@dataclass(frozen=True)
class LoadSettings:
    """How every run is driven: the bearer token, durations, retries, and a folder for wrk's output."""

    token: str
    workdir: Path
    duration_s: float
    warmup_s: float
    retries: int = 0
    wrk_pin: tuple[str, ...] | None = None  # a taskset prefix for wrk; None: host.WRK_PIN


def workload(origin: str, op: str, *, base: str = API, job_paths: Path | None = None) -> Workload:
    """The workload of an operation against the server at `origin` whose API is under `base`."""
    if op == "create":
        return Workload(f"{origin}{base}{COLLECTION}", method="POST", body=CREATE_BODY)
    if op == "get":
        if job_paths is None:
            raise ValueError("a get run needs the paths of stored jobs")
        return Workload(f"{origin}{first_path(job_paths)}", paths=job_paths)
    return Workload(f"{origin}{base}{COLLECTION}")


def wrk_command(url: str, connections: int, duration_s: float, pin: Sequence[str] | None = None) -> list[str]:
    """The wrk command line of one run: one thread, the Lua script, pinned to the load generator's CPU
    (or by `pin`: `()` for not at all)."""
    return [
        *(WRK_PIN if pin is None else pin),
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(duration_s))}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(WRK_SCRIPT),
        url,
    ]


def wrk(
    load: Workload,
    *,
    connections: int,
    duration_s: float,
    token: str,
    workdir: Path,
    pin: Sequence[str] | None = None,
) -> WrkFigures:
    """One wrk run of `load`; the figures the script writes."""
    out = workdir / "wrk-out.json"
    out.unlink(missing_ok=True)
    env = {
        **os.environ,
        "BENCH_METHOD": load.method,
        "BENCH_BODY": load.body or "",
        "BENCH_TOKEN": token,
        "BENCH_PATHS": str(load.paths) if load.paths else "",
        "BENCH_OUT": str(out),
    }
    result = subprocess.run(
        wrk_command(load.url, connections, duration_s, pin),
        env=env,
        capture_output=True,
        text=True,
        timeout=duration_s + 60,
        check=False,
    )
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return WrkFigures.from_json(json.loads(out.read_text()))


def one_run(server: Measured, label: str, op: str, load: Workload, count: int, settings: LoadSettings) -> Run:
    """One wrk run, with the server's CPU time and the CPU used meanwhile by everything else."""
    cpu_before = server.cpu_seconds()
    busy_before, children_before = machine_busy_seconds(), children_cpu_seconds()
    figures = wrk(
        load,
        connections=count,
        duration_s=settings.duration_s,
        token=settings.token,
        workdir=settings.workdir,
        pin=settings.wrk_pin,
    )
    cpu_after = server.cpu_seconds()
    busy_after, children_after = machine_busy_seconds(), children_cpu_seconds()
    requests, seconds = figures.requests, figures.seconds
    cpu = other = None
    if cpu_before is not None and cpu_after is not None and requests:
        cpu = (cpu_after - cpu_before) / requests * 1e6
        if busy_before is not None and busy_after is not None and seconds:
            ours = (cpu_after - cpu_before) + (children_after - children_before)
            other = max(0.0, (busy_after - busy_before) - ours) / seconds
    run = Run(
        server=label,
        op=op,
        connections=count,
        requests=requests,
        seconds=seconds,
        rps=requests / seconds if seconds else 0.0,
        p50_ms=figures.latency_us.p50 / 1e3,
        p99_ms=figures.latency_us.p99 / 1e3,
        bytes_per_response=figures.bytes / requests if requests else 0.0,
        errors=figures.errors.total,
        cpu_us_per_request=cpu,
        other_load_cores=other,
    )
    log(
        f"{label:16} {op:6} c={count:<3} {run.rps:9.0f} req/s  p50 {run.p50_ms:7.2f} ms  "
        f"p99 {run.p99_ms:7.2f} ms  {run.bytes_per_response:7.0f} B/resp  errors {run.errors}"
        + (f"  cpu {cpu:5.0f} µs/req" if cpu is not None else "")
        + (f"  other load {other:.2f} cores" if other is not None else "")
    )
    return run


def measure(
    server: Measured,
    label: str,
    op: str,
    settings: LoadSettings,
    *,
    base: str = API,
    connections: Sequence[int] = CONNECTIONS,
    job_paths: Path | None = None,
) -> list[Run]:
    """wrk runs of one operation against a running server: a short warm-up, then one run per connection count.

    A run during which other processes used more than OTHER_LOAD_WARN cores is repeated, up to
    `settings.retries` more times, and the least disturbed attempt is kept.
    """
    load = workload(server.origin, op, base=base, job_paths=job_paths)
    if settings.warmup_s > 0:
        wrk(
            load,
            connections=connections[0],
            duration_s=settings.warmup_s,
            token=settings.token,
            workdir=settings.workdir,
            pin=settings.wrk_pin,
        )
    runs = []
    for count in connections:
        run = None
        for attempt in range(1, settings.retries + 2):
            candidate = one_run(server, label, op, load, count, settings)
            if run is None or (candidate.other_load_cores or 0) < (run.other_load_cores or 0):
                run = candidate
            if (candidate.other_load_cores or 0) <= OTHER_LOAD_WARN:
                break
            if attempt <= settings.retries:
                log(f"  other processes used {candidate.other_load_cores:.2f} cores: measuring again")
        assert run is not None
        run.attempts = attempt
        runs.append(run)
    return runs


@dataclass
class Contender:
    """A server of the interleaved HTTP runs: its label, the running server get and list are measured
    on, the job paths its get runs cycle through, and, where each create run gets a server of its own
    (the emulator, on an empty database), how to start one for a connection count."""

    label: str
    server: Measured
    paths: Path
    base: str = API
    fresh_writer: Callable[[int], contextlib.AbstractContextManager[Measured]] | None = None

    def measure(self, op: str, count: int, settings: LoadSettings) -> list[Run]:
        """The runs of `op` at `count` connections."""
        if op == "create" and self.fresh_writer is not None:
            with self.fresh_writer(count) as server:
                return measure(server, self.label, op, settings, base=self.base, connections=(count,))
        return measure(
            self.server, self.label, op, settings, base=self.base, connections=(count,), job_paths=self.paths
        )
