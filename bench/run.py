"""`make bench`: the emulator, its ceiling and Prism side by side; scale; models and client; codegen.

    python bench/run.py [--duration 5] [--warmup 1] [--only http,scale,models,codegen]
                        [--scale-jobs 100000] [--no-protocol-ceiling] [--out reports/bench.md]

Everything runs on this machine, on loopback, with one load generator (wrk, one thread, the Lua
script bench/wrk/graph.lua) for every server. Each server is one process; when `taskset` exists
and there are at least two CPUs, servers are pinned to the first CPU and wrk to the second, so
every server has the same single core. Every run is bounded in time (wrk -d) and every server is
stopped at the end, also on errors.

Sections (docs/benchmarks.md explains each and records the figures):
1. http: for each operation (create, get, list) and connection count (16, 64), one run each of
   - the emulator, `graphsync serve`, on a fresh database (create: an empty one per run; get and
     list: one page of jobs);
   - the ceiling, bench/ceiling.py: a bare ASGI app on the same uvicorn settings replaying the
     emulator's responses byte for byte; and the same app behind graphsync's own HTTP protocol
     class ("ceiling+protocol");
   - Prism, pinned in bench/package.json, mocking the same openapi.yaml;
   measured back to back so that they share whatever else the machine is doing.
2. scale: the emulator with 100,000 jobs already stored (pre-filled through its storage layer):
   create, get and list, and the latency of list pages across the whole collection.
3. models: bench/models_bench.py (parse + re-serialise the documented job; import times).
4. codegen: `make generate` into a scratch folder (a full run) and again (a no-op).
The table and ratios are printed and written to --out (Markdown), the raw figures beside it (.json).
Each HTTP run also records the server's CPU time per request and the CPU used meanwhile by other
processes; the report warns when other load may have distorted the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
WRK_SCRIPT = BENCH / "wrk" / "graph.lua"
PRISM = BENCH / "node_modules" / ".bin" / "prism"
VENV_BIN = Path(sys.executable).parent

# The demo seed's tenant, the calling app of `graphsync token`, and the service principal of
# openapi.yaml's examples (it has the BoxOutDelta template).
TENANT = "8442fd39-2183-419c-8732-74b6ce866bd5"
APP_ID = "5c12dc7f-4013-4cd9-81c7-d199d7301263"
SERVICE_PRINCIPAL = "60443998-8cf7-4e61-b05c-a53b658cb5e1"
TEMPLATE = "BoxOutDelta"
ROLES = ["Synchronization.ReadWrite.All"]
CREATE_BODY = '{"templateId":"BoxOutDelta"}'
COLLECTION = f"/servicePrincipals/{SERVICE_PRINCIPAL}/synchronization/jobs"

CONNECTIONS = (16, 64)
OPERATIONS = ("create", "get", "list")
SCALED = "emulator-100k"  # the label of the runs with SCALE_JOBS (or --scale-jobs) jobs stored
EXPECTED_STATUS = {"create": 201, "get": 200, "list": 200}
PAGE_JOBS = 100  # jobs stored before get/list on a "fresh" database: one full list page
SCALE_JOBS = 100_000
# Distinct jobs a get run cycles through at scale: as many as on the fresh database, so that the two
# differ in the stored count only, not in how many documents the run keeps warm.
GET_PATHS = PAGE_JOBS
OTHER_LOAD_WARN = 0.15  # cores used by other processes during a run before the report warns

TARGETS = {
    "create_vs_ceiling": 0.5,
    "create_vs_prism": 10.0,
    "get_vs_ceiling": 0.6,
    "scale_within": 0.10,
    "model_vs_floor": 3.0,
    "noop_generate_s": 0.2,
}


# --- processes ----------------------------------------------------------------------------------


def log(message: str) -> None:
    """Print a timestamped progress line on stderr."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pinning() -> tuple[list[str], list[str]]:
    """taskset prefixes for (server, load generator); empty when pinning is off or impossible."""
    if os.environ.get("BENCH_PIN", "1") == "0" or shutil.which("taskset") is None:
        return [], []
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return [], []
    return ["taskset", "-c", str(cpus[0])], ["taskset", "-c", str(cpus[1])]


SERVER_PIN, WRK_PIN = pinning()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at the time of the call."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A server process under benchmark: its command line, port, work folder and extra environment."""

    name: str
    argv: list[str]
    port: int
    workdir: Path
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def logfile(self) -> Path:
        """The server's output, appended to across starts."""
        return self.workdir / f"{self.name}.log"

    def start(self, ready_timeout_s: float = 60.0) -> None:
        """Start the process (pinned like every server) and wait until its port accepts connections."""
        # The caller's GRAPHSYNC_* settings would change the servers measured: only `self.env` counts.
        inherited = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHSYNC_")}
        env = {**inherited, **self.env}
        with open(self.logfile, "ab") as out:
            self.process = subprocess.Popen(
                [*SERVER_PIN, *self.argv],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + ready_timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.tail()}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(
            f"{self.name} did not listen on port {self.port} within {ready_timeout_s:g} s:\n{self.tail()}"
        )

    def stop(self) -> None:
        """SIGINT to its process group (a graceful shutdown), SIGKILL after 15 s; nothing if not running."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        # SIGINT: uvicorn shuts down gracefully (the emulator drains its write queue); then SIGKILL.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def tail(self, lines: int = 20) -> str:
        """The last `lines` lines of the server's log (empty if it cannot be read)."""
        try:
            return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server process so far (Linux /proc), for CPU per request."""
        if self.process is None:
            return None
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def running(server: Server) -> Iterator[Server]:
    """Run `server` for the duration of the `with` block, stopping it however the block ends."""
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --- HTTP probes (one request at a time, keep-alive) ---------------------------------------------


@dataclass
class Response:
    """One probe's response and how long it took."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    seconds: float


class Client:
    """One keep-alive HTTP connection to a local server, sending the bench's bearer token."""

    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
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
        self.conn.close()


def expect(response: Response, status: int, what: str) -> Response:
    """The response if it has `status`, else RuntimeError naming `what`."""
    if response.status != status:
        raise RuntimeError(f"{what}: expected {status}, got {response.status}: {response.body[:300]!r}")
    return response


# --- wrk ----------------------------------------------------------------------------------------


@dataclass
class Run:
    """The figures of one wrk run: one server, one operation, one connection count."""

    server: str  # emulator, ceiling, prism, emulator-100k
    op: str
    connections: int
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p99_ms: float
    bytes_per_response: float
    errors: int
    cpu_us_per_request: float | None = None
    other_load_cores: float | None = None  # CPU used meanwhile by processes other than server and wrk
    attempts: int = 1

    def row(self) -> dict[str, Any]:
        """The run as a JSON-ready mapping (the instance's own `__dict__`, not a copy)."""
        return self.__dict__


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


def wrk(
    url: str,
    *,
    connections: int,
    duration_s: float,
    workdir: Path,
    method: str = "GET",
    body: str | None = None,
    token: str = "",
    paths: Path | None = None,
) -> dict[str, Any]:
    """One wrk run with bench/wrk/graph.lua against `url`; the figures the script writes as JSON."""
    out = workdir / "wrk-out.json"
    out.unlink(missing_ok=True)
    env = {
        **os.environ,
        "BENCH_METHOD": method,
        "BENCH_BODY": body or "",
        "BENCH_TOKEN": token,
        "BENCH_PATHS": str(paths) if paths else "",
        "BENCH_OUT": str(out),
    }
    argv = [
        *WRK_PIN,
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
    result = subprocess.run(
        argv, env=env, capture_output=True, text=True, timeout=duration_s + 60, check=False
    )
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"wrk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    figures: dict[str, Any] = json.loads(out.read_text())
    return figures


def one_run(
    server: Server, label: str, op: str, url: str, count: int, duration_s: float, kwargs: dict[str, Any]
) -> Run:
    """One wrk run, with the server's CPU time and the CPU used meanwhile by everything else."""
    cpu_before = server.cpu_seconds()
    busy_before, children_before = machine_busy_seconds(), children_cpu_seconds()
    figures = wrk(url, connections=count, duration_s=duration_s, **kwargs)
    cpu_after = server.cpu_seconds()
    busy_after, children_after = machine_busy_seconds(), children_cpu_seconds()
    requests = figures["requests"]
    seconds = figures["duration_us"] / 1e6
    errors = sum(figures["errors"].values())
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
        p50_ms=figures["latency_us"]["p50"] / 1e3,
        p99_ms=figures["latency_us"]["p99"] / 1e3,
        bytes_per_response=figures["bytes"] / requests if requests else 0.0,
        errors=errors,
        cpu_us_per_request=cpu,
        other_load_cores=other,
    )
    log(
        f"{label:16} {op:6} c={count:<3} {run.rps:9.0f} req/s  p50 {run.p50_ms:7.2f} ms  "
        f"p99 {run.p99_ms:7.2f} ms  {run.bytes_per_response:7.0f} B/resp  errors {errors}"
        + (f"  cpu {cpu:5.0f} µs/req" if cpu is not None else "")
        + (f"  other load {other:.2f} cores" if other is not None else "")
    )
    return run


def measure(
    server: Server,
    label: str,
    op: str,
    *,
    base: str,
    token: str,
    duration_s: float,
    warmup_s: float,
    connections: tuple[int, ...] = CONNECTIONS,
    job_paths: Path | None = None,
    retries: int = 0,
) -> list[Run]:
    """wrk runs of one operation against a running server: a short warm-up, then one run per connection count.

    A run during which other processes used more than OTHER_LOAD_WARN cores is repeated, up to
    `retries` more times, and the least disturbed attempt is kept.
    """
    url = f"http://127.0.0.1:{server.port}{base}{COLLECTION}"
    kwargs: dict[str, Any] = {"token": token, "workdir": server.workdir}
    if op == "create":
        kwargs.update(method="POST", body=CREATE_BODY)
    elif op == "get":
        assert job_paths is not None
        first = job_paths.read_text().split("\n", 1)[0]
        url = f"http://127.0.0.1:{server.port}{first}"
        kwargs.update(paths=job_paths)
    runs = []
    if warmup_s > 0:
        wrk(url, connections=connections[0], duration_s=warmup_s, **kwargs)
    for count in connections:
        run = None
        for attempt in range(1, retries + 2):
            candidate = one_run(server, label, op, url, count, duration_s, kwargs)
            candidate.attempts = attempt
            if run is None or (candidate.other_load_cores or 0) < (run.other_load_cores or 0):
                run = candidate
            if (candidate.other_load_cores or 0) <= OTHER_LOAD_WARN:
                break
            if attempt <= retries:
                log(f"  other processes used {candidate.other_load_cores:.2f} cores: measuring again")
        assert run is not None
        run.attempts = attempt
        runs.append(run)
    return runs


# --- the emulator -------------------------------------------------------------------------------


class Emulator:
    """Starts `graphsync serve` processes on given database files, with one signing key and token."""

    def __init__(self, workdir: Path) -> None:
        from graphsync.auth import mint_token
        from graphsync.settings import Settings

        self.workdir = workdir
        self.key = workdir / "signing-key.pem"
        settings = Settings.from_env(env={}, signing_key=self.key)
        self.token = mint_token(settings, tenant=TENANT, app_id=APP_ID, roles=ROLES, expires_in=6 * 3600)
        self.executable = VENV_BIN / "graphsync"

    def server(self, name: str, db: Path) -> Server:
        """A `Server` for `graphsync serve` on `db` and a free port that trusts this emulator's key."""
        port = free_port()
        argv = [
            str(self.executable),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--db",
            f"sqlite:///{db}",
            "--log-level",
            "warning",
        ]
        return Server(name, argv, port, self.workdir, {"GRAPHSYNC_SIGNING_KEY": str(self.key)})


def capture(response: Response, method: str, path: str) -> dict[str, Any]:
    """A captured emulator response, for the ceiling to replay (minus uvicorn's own date header)."""
    headers = [[n, v] for n, v in response.headers if n.lower() not in ("date", "server")]
    return {
        "method": method,
        "kind": path.split("?", 1)[0].rstrip("/").count("/"),
        "status": response.status,
        "headers": headers,
        "body_b64": base64.b64encode(response.body).decode("ascii"),
    }


def write_paths(path: Path, job_ids: list[str], base: str = "/v1.0") -> Path:
    """Write each job's URL path, one a line, for wrk's get runs to cycle through; return the file."""
    from urllib.parse import quote

    path.write_text("".join(f"{base}{COLLECTION}/{quote(j, safe='')}\n" for j in job_ids))
    return path


def create_jobs_http(client: Client, count: int) -> list[str]:
    """Create `count` jobs through the API, one request at a time; their ids."""
    ids = []
    for _ in range(count):
        response = expect(client.request("POST", f"/v1.0{COLLECTION}", CREATE_BODY), 201, "create")
        ids.append(json.loads(response.body)["id"])
    return ids


def prefill(db: Path, count: int) -> list[str]:
    """Store `count` jobs in the benchmark's collection through the emulator's own storage layer.

    The documents are made by graphsync.jobs.new_job_document, exactly what a create request
    stores; the writes go through SQLiteJobStore.create, which commits them in batches (group
    commit), so 100,000 jobs take seconds instead of the minutes of one request each.
    """
    from graphsync.ids import RandomIds
    from graphsync.jobs import new_job_document
    from graphsync.storage import OwnerKey, open_store

    random_ids = RandomIds()  # the ids a create request gets

    async def fill() -> list[str]:
        store = open_store(f"sqlite:///{db}")
        owner = OwnerKey(TENANT, "servicePrincipals", SERVICE_PRINCIPAL)
        ids: list[str] = []
        try:
            for start in range(0, count, 5000):
                batch = []
                for _ in range(min(5000, count - start)):
                    job_id = f"{TEMPLATE}.{random_ids.hex32()}.{TENANT}"
                    ids.append(job_id)
                    batch.append(store.create(owner, job_id, new_job_document(job_id, TEMPLATE, [])))
                await asyncio.gather(*batch)
            stored = await store.count(owner)
            if stored != count:
                raise RuntimeError(f"prefill stored {stored} jobs, expected {count}")
        finally:
            await store.close()
        return ids

    return asyncio.run(fill())


def walk_pages(client: Client, first_path: str, max_pages: int) -> list[float]:
    """Follow @odata.nextLink from the first page; the latency of each page request, in seconds."""
    latencies: list[float] = []
    path: str | None = first_path
    while path is not None and len(latencies) < max_pages:
        response = expect(client.request("GET", path), 200, "list page")
        latencies.append(response.seconds)
        link = json.loads(response.body).get("@odata.nextLink")
        if link is None:
            path = None
        else:
            parts = urlsplit(link)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
    return latencies


def sequential(client: Client, path: str, count: int) -> list[float]:
    """The latency of `count` GETs of `path`, one at a time, in seconds."""
    return [expect(client.request("GET", path), 200, "list page").seconds for _ in range(count)]


def summary_ms(samples: list[float]) -> dict[str, float]:
    """Count, median and p99 of latencies given in seconds, in milliseconds."""
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "p50_ms": statistics.median(ordered) * 1e3,
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e3,
    }


# --- sections -----------------------------------------------------------------------------------


def ceiling_settings() -> dict[str, Any]:
    """The uvicorn settings of `graphsync serve` (graphsync.server.serve, graphsync.cli), minus the app."""
    import graphsync.server as gserver
    from graphsync import cli
    from graphsync.settings import Settings

    return {
        "uvicorn": {
            "http": "httptools",
            "loop": "uvloop",
            "ws": "none",
            "lifespan": "on",
            "access_log": False,
            "log_level": "warning",
            "timeout_keep_alive": round(Settings().idle_timeout_s),
            "timeout_graceful_shutdown": gserver.GRACEFUL_SHUTDOWN_S,
            "limit_concurrency": cli.DEFAULT_LIMIT_CONCURRENCY,
            "proxy_headers": False,
            "server_header": False,
            "backlog": 2048,
        },
        "head_timeout_s": Settings().header_timeout_s,
    }


@dataclass
class Peer:
    """A server measured beside the emulator: its label, process and path prefix."""

    label: str
    server: Server
    base: str
    paths: Path


def start_peers(
    emu: Emulator, captured: dict[str, Any], args: argparse.Namespace, results: dict[str, Any]
) -> list[Peer]:
    """Start the ceiling(s) and Prism; each is checked to answer every operation as expected."""
    workdir = emu.workdir
    responses = workdir / "ceiling-responses.json"
    responses.write_text(json.dumps({**ceiling_settings(), "routes": list(captured.values())}))
    stacks = [("ceiling", "uvicorn")] + ([("ceiling+protocol", "graphsync")] if args.protocol_ceiling else [])
    peers: list[Peer] = []
    try:
        for label, stack in stacks:
            port = free_port()
            argv = [
                sys.executable,
                str(BENCH / "ceiling.py"),
                "--responses",
                str(responses),
                "--port",
                str(port),
                "--stack",
                stack,
            ]
            server = Server(label, argv, port, workdir)
            server.start()
            peer = Peer(label, server, "/v1.0", write_paths(workdir / f"{label}-paths.txt", ["x"]))
            peers.append(peer)
            client = Client(port, emu.token)
            for op, (method, path, body) in peer_requests(peer).items():
                got = client.request(method, path, body)
                if (
                    got.status != captured[op]["status"]
                    or base64.b64encode(got.body).decode() != captured[op]["body_b64"]
                ):
                    raise RuntimeError(f"{label} does not replay the emulator's {op} response")
            client.close()
        if not PRISM.exists():
            results["prism"] = {
                "skipped": f"{PRISM.relative_to(ROOT)} is missing (needs node and npm: make bench-node)"
            }
            log(f"prism: skipped ({results['prism']['skipped']})")
            return peers
        version = subprocess.run(
            [str(PRISM), "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        node = subprocess.run(
            ["node", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        results["prism"] = {"version": version, "node": node}
        port = free_port()
        # Prism at its fastest: static examples, no request logging.
        argv = [
            str(PRISM),
            "mock",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-v",
            "silent",
            str(ROOT / "openapi.yaml"),
        ]
        server = Server("prism", argv, port, workdir)
        server.start()
        # Prism serves the spec's paths without the server URL's /v1.0.
        peer = Peer("prism", server, "", write_paths(workdir / "prism-paths.txt", ["x"], base=""))
        peers.append(peer)
        client = Client(port, emu.token)
        for op, (method, path, body) in peer_requests(peer).items():
            for _ in range(100):  # Prism listens before it has loaded the document: wait for a real answer
                got = client.request(method, path, body)
                if got.status == EXPECTED_STATUS[op]:
                    break
                time.sleep(0.2)
            expect(got, EXPECTED_STATUS[op], f"prism {op}")
        client.close()
        return peers
    except BaseException:
        for peer in peers:
            peer.server.stop()
        raise


def peer_requests(peer: Peer) -> dict[str, tuple[str, str, str | None]]:
    """The (method, path, body) of the create, get and list requests to a peer."""
    return {
        "create": ("POST", f"{peer.base}{COLLECTION}", CREATE_BODY),
        "get": ("GET", peer.paths.read_text().strip(), None),
        "list": ("GET", f"{peer.base}{COLLECTION}", None),
    }


def section_http(emu: Emulator, args: argparse.Namespace, results: dict[str, Any], *, scale: bool) -> None:
    """Emulator (fresh database; with `scale` also 100,000 stored jobs), ceilings and Prism, interleaved.

    For each operation and connection count the servers are measured one right after the other,
    so that they share whatever else the machine is doing: every ratio, and the fresh/100k
    comparison, comes from neighbouring runs. get and list run against one long-lived emulator
    per database (fresh: one page of jobs); each create run gets an emulator of its own, on an
    empty database or on a copy of the 100k one.
    """
    workdir = emu.workdir
    captured: dict[str, Any] = {}
    # One created job's response, for the ceiling to replay (a throwaway database).
    with running(emu.server("emulator-capture", workdir / "capture.db")) as server:
        client = Client(server.port, emu.token)
        created = expect(client.request("POST", f"/v1.0{COLLECTION}", CREATE_BODY), 201, "create")
        captured["create"] = capture(created, "POST", f"/v1.0{COLLECTION}")
        client.close()
    started: list[Server] = []
    try:
        reader = emu.server("emulator-fresh-read", workdir / "fresh-read.db")
        reader.start()
        started.append(reader)
        client = Client(reader.port, emu.token)
        ids = create_jobs_http(client, PAGE_JOBS)
        paths = write_paths(workdir / "fresh-get-paths.txt", ids)
        first = paths.read_text().split("\n", 1)[0]
        captured["get"] = capture(expect(client.request("GET", first), 200, "get"), "GET", first)
        listing = expect(client.request("GET", f"/v1.0{COLLECTION}"), 200, "list")
        if len(json.loads(listing.body)["value"]) != PAGE_JOBS:
            raise RuntimeError("the first list page does not hold the jobs just created")
        captured["list"] = capture(listing, "GET", f"/v1.0{COLLECTION}")
        results["list_sequential"] = {"fresh": summary_ms(sequential(client, f"/v1.0{COLLECTION}", 200))}
        client.close()

        master = workdir / "scale-master.db"
        big_reader = big_paths = None
        if scale:
            log(f"scale: storing {args.scale_jobs:,} jobs")
            start = time.perf_counter()
            big_ids = prefill(master, args.scale_jobs)
            seconds = time.perf_counter() - start
            size = master.stat().st_size
            results["scale"] = {"jobs": args.scale_jobs, "prefill_s": seconds, "db_bytes": size}
            log(f"prefilled {args.scale_jobs:,} jobs in {seconds:.1f} s ({size / 1e6:.0f} MB)")
            rng = random.Random(6)
            big_paths = write_paths(
                workdir / "scale-get-paths.txt", rng.sample(big_ids, min(GET_PATHS, len(big_ids)))
            )
            shutil.copyfile(master, workdir / "scale-read.db")
            big_reader = emu.server("emulator-100k-read", workdir / "scale-read.db")
            big_reader.start()
            started.append(big_reader)
            client = Client(big_reader.port, emu.token)
            first_pages = sequential(client, f"/v1.0{COLLECTION}", 200)
            walk = walk_pages(client, f"/v1.0{COLLECTION}", max_pages=args.scale_jobs)
            client.close()
            results["list_sequential"][f"{args.scale_jobs:,} stored: first page"] = summary_ms(first_pages)
            results["list_sequential"][f"{args.scale_jobs:,} stored: every page (walk)"] = summary_ms(walk)
            results["list_sequential"][f"{args.scale_jobs:,} stored: last 100 pages"] = summary_ms(
                walk[-100:]
            )
            results["scale"]["pages"] = len(walk)

        peers = start_peers(emu, captured, args, results)
        started += [peer.server for peer in peers]
        log("measuring")
        runs: list[Run] = []
        common = {
            "token": emu.token,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "retries": args.retries,
        }
        for op in OPERATIONS:
            for count in CONNECTIONS:
                if op == "create":
                    db = workdir / f"fresh-create-{count}.db"
                    with running(emu.server(f"emulator-fresh-create-{count}", db)) as server:
                        runs += measure(server, "emulator", op, base="/v1.0", connections=(count,), **common)
                    db.unlink(missing_ok=True)
                    if scale:
                        db = workdir / f"scale-create-{count}.db"
                        shutil.copyfile(master, db)
                        with running(emu.server(f"emulator-100k-create-{count}", db)) as server:
                            runs += measure(server, SCALED, op, base="/v1.0", connections=(count,), **common)
                        db.unlink(missing_ok=True)
                else:
                    runs += measure(
                        reader, "emulator", op, base="/v1.0", connections=(count,), job_paths=paths, **common
                    )
                    if big_reader is not None:
                        runs += measure(
                            big_reader,
                            SCALED,
                            op,
                            base="/v1.0",
                            connections=(count,),
                            job_paths=big_paths,
                            **common,
                        )
                for peer in peers:
                    runs += measure(
                        peer.server,
                        peer.label,
                        op,
                        base=peer.base,
                        connections=(count,),
                        job_paths=peer.paths,
                        **common,
                    )
        results["runs"] += [r.row() for r in runs]
    finally:
        for server in reversed(started):
            server.stop()


def section_models(args: argparse.Namespace, results: dict[str, Any]) -> None:
    """Run bench/models_bench.py and keep its figures."""
    out = args.workdir / "models.json"
    subprocess.run([sys.executable, str(BENCH / "models_bench.py"), "--json", str(out)], check=True, cwd=ROOT)
    results["models"] = json.loads(out.read_text())


def section_codegen(args: argparse.Namespace, results: dict[str, Any]) -> None:
    """`make generate` into a scratch folder (never the repository's generated/): full, then no-op."""
    target = args.workdir / "generated"
    shutil.rmtree(target, ignore_errors=True)
    make = ["make", "--no-print-directory", "generate", f"GENERATED={target}"]

    def timed() -> float:
        start = time.perf_counter()
        result = subprocess.run(make, cwd=ROOT, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            raise RuntimeError(f"make generate failed:\n{result.stdout}\n{result.stderr}")
        return seconds

    full = timed()
    noop = [timed() for _ in range(5)]
    # Where the full run's time goes: each recipe line timed by a wrapping shell (one more run).
    shutil.rmtree(target, ignore_errors=True)
    steps_log = args.workdir / "codegen-steps.tsv"
    steps_log.unlink(missing_ok=True)
    env = {**os.environ, "BENCH_SHELL_LOG": str(steps_log)}
    subprocess.run(
        [*make, f"SHELL={BENCH / 'timed-shell.sh'}"], cwd=ROOT, env=env, capture_output=True, check=True
    )
    steps = []
    for line in steps_log.read_text().splitlines() if steps_log.exists() else []:
        micros, command = line.split("\t", 1)
        if int(micros) >= 50_000:
            steps.append(
                {"seconds": int(micros) / 1e6, "command": command.replace(str(ROOT) + "/", "")[:160]}
            )
    results["codegen"] = {
        "full_s": full,
        "noop_s": min(noop),
        "noop_median_s": statistics.median(noop),
        "steps": steps,
    }
    log(f"codegen: full {full:.2f} s, no-op {min(noop) * 1e3:.0f} ms")
    shutil.rmtree(target, ignore_errors=True)


# --- the report ---------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    """The machine, software versions, pinning and load average the report starts with."""

    def run(argv: list[str]) -> str:
        try:
            return subprocess.run(
                argv, capture_output=True, text=True, timeout=10, check=False
            ).stdout.strip()
        except OSError:
            return ""

    lscpu = run(["lscpu"])
    model = next(
        (line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name")), "?"
    )
    mem = next((line.split()[1] for line in run(["free", "-m"]).splitlines() if line.startswith("Mem:")), "?")
    import importlib.metadata as md

    versions = {name: md.version(name) for name in ("uvicorn", "httptools", "uvloop")}
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": model,
        "cpus": str(os.cpu_count()),
        "memory_mib": mem,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "server_stack": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "wrk": (run(["wrk", "-v"]).splitlines() or ["wrk ?"])[0].split(" Copyright")[0],
        "pinning": f"server {' '.join(SERVER_PIN) or 'unpinned'}; wrk {' '.join(WRK_PIN) or 'unpinned'}",
        "load_before": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
    }


def find(results: dict[str, Any], server: str, op: str, connections: int) -> dict[str, Any] | None:
    """The run of `server` for `op` at `connections`, or None."""
    return next(
        (
            r
            for r in results["runs"]
            if r["server"] == server and r["op"] == op and r["connections"] == connections
        ),
        None,
    )


def cpu_change(fresh: dict[str, Any], big: dict[str, Any]) -> str:
    """Server CPU per request, fresh / at scale, and the change; '-' unless both were measured."""
    a, b = fresh.get("cpu_us_per_request"), big.get("cpu_us_per_request")
    return f"{a:.0f} / {b:.0f} ({b / a - 1:+.0%})" if a and b else "-"


def verdict(ok: bool | None) -> str:
    """'met', 'MISSED', or 'n/a' when the target could not be checked."""
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def render(results: dict[str, Any]) -> str:
    """The Markdown report of the sections that ran."""
    m = results["machine"]
    lines = [
        "# graphsync benchmark (`make bench`)",
        "",
        (
            f"{m['date']}; {m['cpu']}, {m['cpus']} CPUs, {m['memory_mib']} MiB; Linux {m['kernel']}; Python {m['python']}; "
            f"{m['server_stack']}; {m['wrk']}; {m['pinning']}; load average before: {m['load_before']}, "
            f"after: {m.get('load_after', '?')}. wrk: 1 thread, {results['duration']:g} s per run after a "
            f"{results['warmup']:g} s warm-up."
        ),
        "",
    ]
    busy = [r for r in results["runs"] if (r.get("other_load_cores") or 0) > OTHER_LOAD_WARN]
    if busy:
        worst = max(r["other_load_cores"] for r in busy)
        lines += [
            (
                f"**Warning: other processes used the CPUs during {len(busy)} of {len(results['runs'])} HTTP runs "
                f"(up to {worst:.2f} cores; see 'other load'). On a 2-core machine that takes CPU from the server "
                "or from wrk: those throughput figures are low and the ratios noisy. Re-run on an idle machine.**"
            ),
            "",
        ]
    if results["runs"]:
        lines += [
            "## HTTP: throughput and latency",
            "",
            (
                "| server | operation | connections | req/s | p50 ms | p99 ms | bytes/response | server CPU µs/request "
                "| other load (cores) | errors |"
            ),
            "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for r in results["runs"]:
            cpu = f"{r['cpu_us_per_request']:.0f}" if r.get("cpu_us_per_request") is not None else "-"
            other = f"{r['other_load_cores']:.2f}" if r.get("other_load_cores") is not None else "-"
            lines.append(
                f"| {r['server']} | {r['op']} | {r['connections']} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | "
                f"{r['p99_ms']:.2f} | {r['bytes_per_response']:,.0f} | {cpu} | {other} | {r['errors']} |"
            )
        lines += [
            "",
            "## Ratios (same run, same machine, same load generator)",
            "",
            (
                "CPU ratio: the ceiling's server CPU time per request / the emulator's: the throughput ratio the "
                "two would have if each had its core to itself (less sensitive to other load on the machine)."
            ),
            "",
            (
                "| operation | connections | emulator req/s | ceiling req/s | emulator / ceiling | CPU ratio | target "
                "| ceiling+protocol req/s | emulator / ceiling+protocol | Prism req/s | emulator / Prism | target |"
            ),
            "|---|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|---|",
        ]
        for op in OPERATIONS:
            for count in CONNECTIONS:
                emu = find(results, "emulator", op, count)
                if emu is None:
                    continue
                ceil, proto, prism = (
                    find(results, s_, op, count) for s_ in ("ceiling", "ceiling+protocol", "prism")
                )
                t_ceil = {"create": TARGETS["create_vs_ceiling"], "get": TARGETS["get_vs_ceiling"]}.get(op)
                t_prism = TARGETS["create_vs_prism"] if op == "create" else None
                cells = [op, str(count), f"{emu['rps']:,.0f}"]
                vs_ceil = emu["rps"] / ceil["rps"] if ceil else None
                cells += [f"{ceil['rps']:,.0f}" if ceil else "-", f"{vs_ceil:.2f}x" if vs_ceil else "-"]
                cpu_ratio = (
                    ceil["cpu_us_per_request"] / emu["cpu_us_per_request"]
                    if ceil and ceil.get("cpu_us_per_request") and emu.get("cpu_us_per_request")
                    else None
                )
                cells.append(f"{cpu_ratio:.2f}x" if cpu_ratio else "-")
                cells.append(f">= {t_ceil}x: {verdict(vs_ceil >= t_ceil)}" if t_ceil and vs_ceil else "-")
                cells += [
                    f"{proto['rps']:,.0f}" if proto else "-",
                    f"{emu['rps'] / proto['rps']:.2f}x" if proto else "-",
                ]
                vs_prism = emu["rps"] / prism["rps"] if prism and prism["rps"] else None
                cells += [f"{prism['rps']:,.0f}" if prism else "-", f"{vs_prism:.1f}x" if vs_prism else "-"]
                cells.append(
                    f">= {t_prism:g}x: {verdict(vs_prism >= t_prism)}" if t_prism and vs_prism else "-"
                )
                lines.append("| " + " | ".join(cells) + " |")
        if "skipped" in results.get("prism", {}):
            lines += ["", f"Prism was not measured: {results['prism']['skipped']}."]
        elif "version" in results.get("prism", {}):
            lines += [
                "",
                f"Prism {results['prism']['version']} on Node {results['prism']['node']} (static examples, `-v silent`).",
            ]
    if "scale" in results:
        s = results["scale"]
        lines += [
            "",
            f"## Scale: {s['jobs']:,} jobs stored (pre-filled in {s['prefill_s']:.1f} s; database {s['db_bytes'] / 1e6:.0f} MB)",
            "",
            (
                f"| operation | connections | fresh req/s | {s['jobs']:,} stored req/s | change | target (within 10 %) "
                f"| fresh p50 / p99 ms | {s['jobs']:,} stored p50 / p99 ms "
                "| server CPU µs/request: fresh / stored (change) |"
            ),
            "|---|--:|--:|--:|--:|---|--:|--:|--:|",
        ]
        for op in OPERATIONS:
            for count in CONNECTIONS:
                fresh, big = find(results, "emulator", op, count), find(results, SCALED, op, count)
                if fresh is None or big is None:
                    continue
                change = big["rps"] / fresh["rps"] - 1
                target = verdict(change >= -TARGETS["scale_within"]) if op in ("create", "get") else "-"
                lines.append(
                    f"| {op} | {count} | {fresh['rps']:,.0f} | {big['rps']:,.0f} | {change:+.1%} | {target} | "
                    f"{fresh['p50_ms']:.2f} / {fresh['p99_ms']:.2f} | {big['p50_ms']:.2f} / {big['p99_ms']:.2f} | "
                    f"{cpu_change(fresh, big)} |"
                )
        seq = results.get("list_sequential", {})
        if seq:
            lines += [
                "",
                (
                    f"List-page latency, one request at a time on one connection ({PAGE_JOBS} jobs per page; "
                    f"the walk follows `@odata.nextLink` through all {s.get('pages', '?')} pages):"
                ),
                "",
                "| list page | requests | p50 ms | p99 ms |",
                "|---|--:|--:|--:|",
            ]
            for name, fig in seq.items():
                lines.append(f"| {name} | {fig['n']} | {fig['p50_ms']:.2f} | {fig['p99_ms']:.2f} |")
    if "models" in results:
        mo = results["models"]
        lines += [
            "",
            f"## Models and client: parse + re-serialise the documented job (activeJob, {mo['job_bytes']:,} bytes of JSON)",
            "",
            "| variant | µs/operation | x JSON floor | lossless | target |",
            "|---|--:|--:|---|---|",
        ]
        for key, op in mo["operations"].items():
            target = (
                f"<= {TARGETS['model_vs_floor']:g}x: {verdict(op['x_floor'] <= TARGETS['model_vs_floor'])}"
                if key == "pydantic_json"
                else "-"
            )
            lines.append(
                f"| {op['label']} | {op['us_per_op']:.1f} | {op['x_floor']:.2f}x | {'yes' if op['lossless'] else 'NO'} | {target} |"
            )
        lines += [
            "",
            "| import (fresh interpreter) | bytecode cached: best / median ms | from source: best / median ms |",
            "|---|--:|--:|",
        ]
        for name, fig in mo["imports"].items():
            c, s_ = fig["bytecode_cached"], fig["from_source"]
            lines.append(
                f"| `{name}` | {c['best_ms']:.0f} / {c['median_ms']:.0f} | {s_['best_ms']:.0f} / {s_['median_ms']:.0f} |"
            )
    if "codegen" in results:
        c = results["codegen"]
        lines += [
            "",
            "## Codegen",
            "",
            "| run | seconds | target |",
            "|---|--:|---|",
            f"| `make generate`, full (empty output folder) | {c['full_s']:.2f} | - |",
            (
                f"| `make generate`, no-op (best of 5; median {c['noop_median_s']:.3f}) | {c['noop_s']:.3f} | "
                f"< {TARGETS['noop_generate_s']:g} s: {verdict(c['noop_s'] < TARGETS['noop_generate_s'])} |"
            ),
        ]
        if c["steps"]:
            lines += [
                "",
                "Steps of the full run (recipe lines and `$(shell)` calls of 50 ms or more):",
                "",
                "| seconds | command |",
                "|--:|---|",
            ]
            for step in c["steps"]:
                lines.append(f"| {step['seconds']:.2f} | `{step['command']}` |")
    lines += ["", "## Targets (issue 6)", ""] + [f"- {t}" for t in targets_summary(results)]
    return "\n".join(lines) + "\n"


def targets_summary(results: dict[str, Any]) -> list[str]:
    """One line per target measured: the figure and whether the target was met."""
    out = []

    def ratio(op: str, other: str, count: int) -> float | None:
        a, b = find(results, "emulator", op, count), find(results, other, op, count)
        return a["rps"] / b["rps"] if a and b and b["rps"] else None

    def cpu_ratio(op: str, other: str, count: int) -> str:
        a, b = find(results, "emulator", op, count), find(results, other, op, count)
        if a and b and a.get("cpu_us_per_request") and b.get("cpu_us_per_request"):
            return f"; by CPU time per request {b['cpu_us_per_request'] / a['cpu_us_per_request']:.2f}x"
        return ""

    for op, other, key, unit in (
        ("create", "ceiling", "create_vs_ceiling", "ceiling"),
        ("create", "prism", "create_vs_prism", "Prism"),
        ("get", "ceiling", "get_vs_ceiling", "ceiling"),
    ):
        for count in CONNECTIONS:
            value = ratio(op, other, count)
            if value is None:
                continue
            goal = TARGETS[key]
            state = (
                "met"
                if value >= goal
                else f"MISSED by {goal / value:.1f}x (needs {goal / value - 1:+.0%} throughput)"
            )
            out.append(
                f"{op} c={count}: {value:.2f}x {unit}{cpu_ratio(op, other, count)} (target >= {goal:g}x): {state}"
            )
    for op in ("create", "get"):
        for count in CONNECTIONS:
            fresh, big = find(results, "emulator", op, count), find(results, SCALED, op, count)
            if fresh and big:
                change = big["rps"] / fresh["rps"] - 1
                state = "met" if change >= -TARGETS["scale_within"] else "MISSED"
                out.append(
                    f"{op} c={count} with 100k stored: {change:+.1%} vs fresh (target within -10 %): {state}"
                )
    if "models" in results:
        x = results["models"]["operations"]["pydantic_json"]["x_floor"]
        out.append(
            f"model parse + serialise: {x:.2f}x JSON floor (target <= 3x): {'met' if x <= 3 else 'MISSED'}"
        )
    if "codegen" in results:
        s = results["codegen"]["noop_s"]
        out.append(f"no-op make generate: {s:.3f} s (target < 0.2 s): {'met' if s < 0.2 else 'MISSED'}")
    return out


# --- main ---------------------------------------------------------------------------------------


def preflight(sections: set[str]) -> None:
    """Exit with a message naming what the chosen sections need but is missing."""
    missing = []
    if sections & {"http", "scale"}:
        if shutil.which("wrk") is None:
            missing.append("wrk (Debian: apt-get update && apt-get install -y wrk)")
        if not (VENV_BIN / "graphsync").exists():
            missing.append(f"{VENV_BIN / 'graphsync'} (make venv)")
    if missing:
        sys.exit("bench: missing: " + "; ".join(missing))


def main() -> int:
    """Run the chosen sections, then print the report and write it to --out, the raw figures beside it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=float(os.environ.get("BENCH_DURATION", "5")))
    parser.add_argument("--warmup", type=float, default=float(os.environ.get("BENCH_WARMUP", "1")))
    parser.add_argument(
        "--scale-jobs", type=int, default=int(os.environ.get("BENCH_SCALE_JOBS", str(SCALE_JOBS)))
    )
    parser.add_argument(
        "--retries",
        type=int,
        default=int(os.environ.get("BENCH_RETRIES", "2")),
        help="measure a run again (up to N more times) when other processes used the CPUs meanwhile",
    )
    parser.add_argument("--only", default=os.environ.get("BENCH_ONLY", "http,scale,models,codegen"))
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "bench.md")
    parser.add_argument(
        "--protocol-ceiling",
        action=argparse.BooleanOptionalAction,
        default=os.environ.get("BENCH_PROTOCOL_CEILING", "1") != "0",
        help="also measure the bare app behind graphsync's own HTTP protocol class (default: on)",
    )
    args = parser.parse_args()
    sections = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = sections - {"http", "scale", "models", "codegen"}
    if unknown:
        parser.error(f"unknown sections: {sorted(unknown)}")
    if "scale" in sections and "http" not in sections:
        parser.error("scale compares with the fresh-database figures: run it with http")
    preflight(sections)

    results: dict[str, Any] = {
        "machine": machine(),
        "duration": args.duration,
        "warmup": args.warmup,
        "runs": [],
    }
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="graphsync-bench-") as tmp:
        args.workdir = Path(tmp)
        try:
            if sections & {"http", "scale"}:
                emu = Emulator(args.workdir)
                log(f"HTTP: emulator, ceiling, Prism (workdir {tmp})")
                section_http(emu, args, results, scale="scale" in sections)
            if "models" in sections:
                log("models and client")
                section_models(args, results)
            if "codegen" in sections:
                log("codegen")
                section_codegen(args, results)
        except Exception:
            for logfile in sorted(args.workdir.glob("*.log")):
                print(f"--- {logfile.name} (last lines)", file=sys.stderr)
                print("\n".join(logfile.read_text(errors="replace").splitlines()[-15:]), file=sys.stderr)
            raise
    results["machine"]["load_after"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    results["elapsed_s"] = time.perf_counter() - started
    report = render(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report)
    log(f"wrote {args.out} and {args.out.with_suffix('.json')} in {results['elapsed_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
