"""Measuring one server from the outside: the CPU time of its process and of the machine, and
requests sent one at a time on a keep-alive connection (latency probes, and the set-up of a run)."""

from __future__ import annotations

import http.client
import json
import os
import resource
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

from api import API, COLLECTION, CREATE_BODY
from results import LatencySummary

# --- CPU time ------------------------------------------------------------------------------------


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux /proc), None when unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float | None:
    """User + system CPU time so far of a process and all its descendants, the children they have waited
    for included (Linux /proc): a forking server's workers, or PostgreSQL's postmaster and backends."""
    parents: dict[int, int] = {}
    own: dict[int, float] = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        own[int(entry.name)] = sum(int(f) for f in fields[11:15]) / ticks
    if pid not in own:
        return None
    total, wanted = 0.0, {pid}
    changed = True
    while changed:  # the descendants, whatever order /proc lists them in
        more = {p for p, parent in parents.items() if parent in wanted} - wanted
        changed = bool(more)
        wanted |= more
    for p in wanted:
        total += own[p]
    return total


def thread_cpu_seconds(pid: int) -> dict[str, tuple[float, float]]:
    """{thread name (role): (user s, system s)} of every thread of a process, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    result = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            text = (task / "stat").read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        fields = text.rsplit(")", 1)[1].split()
        role = "main" if task.name == str(pid) else f"thread {task.name}"
        result[f"{name} ({role})"] = (int(fields[11]) / ticks, int(fields[12]) / ticks)
    return result


def machine_busy_seconds() -> float | None:
    """CPU seconds spent by the whole machine so far (all CPUs, not idle or iowait), from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """CPU seconds of this process's finished children (wrk runs), user + system."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- requests one at a time ----------------------------------------------------------------------


@dataclass
class Response:
    """One probe's response and how long it took."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    seconds: float

    def json(self) -> Any:
        """The body, decoded as JSON."""
        return json.loads(self.body)


class Client:
    """One keep-alive HTTP connection to a local server (`origin`: http://host:port), with a bearer token."""

    def __init__(self, origin: str, token: str) -> None:
        parts = urlsplit(origin)
        self.conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        self.token = token

    def request(self, method: str, path: str, body: str | None = None) -> Response:
        """Send one request (a JSON body if given) and read the whole response, timed."""
        headers = {"Authorization": f"Bearer {self.token}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        self.conn.request(method, path, body=body.encode() if body is not None else None, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        seconds = time.perf_counter() - start
        return Response(response.status, response.getheaders(), data, seconds)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def expect(response: Response, status: int, what: str) -> Response:
    """The response if it has `status`, else RuntimeError naming `what`."""
    if response.status != status:
        raise RuntimeError(f"{what}: expected {status}, got {response.status}: {response.body[:300]!r}")
    return response


def create_jobs(client: Client, count: int) -> list[str]:
    """Create `count` jobs through the API, one request at a time; their ids."""
    ids = []
    for _ in range(count):
        response = expect(client.request("POST", f"{API}{COLLECTION}", CREATE_BODY), 201, "create")
        ids.append(str(response.json()["id"]))
    return ids


def sequential(client: Client, path: str, count: int) -> list[float]:
    """The latency of `count` GETs of `path`, one at a time, in seconds."""
    return [expect(client.request("GET", path), 200, "list page").seconds for _ in range(count)]


def walk_pages(client: Client, first_path: str, max_pages: int) -> list[float]:
    """Follow @odata.nextLink from the first page; the latency of each page request, in seconds."""
    latencies: list[float] = []
    path: str | None = first_path
    while path is not None and len(latencies) < max_pages:
        response = expect(client.request("GET", path), 200, "list page")
        latencies.append(response.seconds)
        link = response.json().get("@odata.nextLink")
        if link is None:
            path = None
        else:
            parts = urlsplit(link)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
    return latencies


def latency_summary(samples: list[float]) -> LatencySummary:
    """Count, median and p99 of latencies given in seconds, in milliseconds."""
    ordered = sorted(samples)
    return LatencySummary(
        n=len(ordered),
        p50_ms=statistics.median(ordered) * 1e3,
        p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e3,
    )
