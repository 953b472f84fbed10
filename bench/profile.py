"""Profile the emulator's create path under load: where the microseconds of a durable create go.

    python bench/profile.py [--py-spy PATH] [--seconds 8] [--connections 16] [--op create|get|list]
                            [--out reports/profile-create]

Starts `graphsync serve` on a fresh database (pinned to one CPU like `make bench`), drives the
operation with wrk, and samples the server with py-spy (all threads, including the SQLite writer
thread) when it is available, else with pyinstrument (the event-loop thread only). Writes:

- OUT.txt      the summary: samples by thread, the top functions by own time and by inclusive
               time (request thread), and the time per request of each top-level step
- OUT.log      the server's output
- OUT.raw      py-spy's collapsed stacks (load into speedscope or flamegraph.pl), or
  OUT.html     pyinstrument's report
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from api import API, COLLECTION, CREATE_BODY, OPERATIONS, PAGE_JOBS, first_path, write_paths
from host import ROOT
from load import Workload, WrkFigures, workload, wrk
from probes import Client, create_jobs, thread_cpu_seconds
from scenarios.http import Captured, write_responses
from servers import Emulators, Server, ceiling, running, sqlite_url

EMULATOR_MODULES = tuple(
    f"graphsync/{name}"
    for name in (
        "app.py",
        "handlers/",
        "domain/",
        "http.py",
        "auth/",
        "routes.py",
        "odata.py",
        "validation.py",
        "throttle.py",
        "ids.py",
        "errors.py",
        "seed.py",
    )
)
# Where a main-thread sample belongs: walking from the executing frame towards the root, the first
# frame that matches a rule decides (the innermost component), e.g. json.dumps called by jobs.py
# counts as the emulator, a SQLite call made by the app as storage.
CATEGORIES = (
    (("make_app.<locals>.app (",), "ceiling app (replaying a recorded response)"),
    (("graphsync/storage/",), "storage: SQLite statements, hand-off to the commit thread"),
    (("RequestResponseCycle.send ",), "response: uvicorn's send (headers, socket write)"),
    (EMULATOR_MODULES, "emulator: routing, auth, body checks, job document, headers"),
    (("GraphHttpProtocol.",), "graphsync HTTP protocol layer (head limits, timers)"),
    (("httptools_impl.py",), "uvicorn: HTTP parsing, ASGI cycle, receive"),
)
EVENT_LOOP = "event loop: uvloop's C code (socket reads, polling), task steps"


def categorize(frames: list[str]) -> str:
    """The category of a main-thread sample: the first rule matched, from the innermost frame out."""
    for frame in reversed(frames):
        for markers, label in CATEGORIES:
            if any(marker in frame for marker in markers):
                return label
    return EVENT_LOOP


def summarize(
    raw: Path, requests: int, seconds: float, thread_cpu_us: dict[str, float], top: int = 25
) -> str:
    """py-spy's collapsed stacks: the main thread's samples by category, then by function.

    Samples are spread over the CPU time /proc measured for each thread, so the figures read as
    CPU µs per request (py-spy samples a thread while it runs or waits for the GIL, not while idle).
    """
    own: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    categories: collections.Counter[str] = collections.Counter()
    threads: collections.Counter[str] = collections.Counter()
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        frames = stack.split(";")
        thread = frames[0]
        threads[thread] += count
        if "MainThread" not in thread:
            continue
        own[_short(frames[-1])] += count
        for frame in dict.fromkeys(_short(f) for f in frames[1:]):
            inclusive[frame] += count
        categories[categorize(frames[1:])] += count
    main = sum(categories.values())
    if not main:
        return "no samples of the main thread\n"
    main_cpu = next((us for name, us in thread_cpu_us.items() if name.endswith("(main)")), None)

    def us(count: int) -> str:
        return f"{count / main * main_cpu:7.1f} µs" if main_cpu is not None else ""

    lines = [
        f"py-spy: {sum(threads.values())} samples in {seconds:.1f} s "
        + ", ".join(f"{thread.split(': ')[-1]} {count}" for thread, count in threads.most_common())
        + ". Below: the main (event loop) thread; share of its samples and CPU µs per request.",
        "",
        "Main thread by category:",
    ]
    for label, count in categories.most_common():
        lines.append(f"  {count / main:6.1%} {us(count)}  {label}")
    lines += ["", f"Top {top} functions by own time (the frame executing):"]
    for name, count in own.most_common(top):
        lines.append(f"  {count / main:6.1%} {us(count)}  {name}")
    lines += ["", f"Top {top} functions by inclusive time (the frame or anything it called):"]
    for name, count in inclusive.most_common(top):
        lines.append(f"  {count / main:6.1%} {us(count)}  {name}")
    return "\n".join(lines) + "\n"


def cpu_table(
    before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]], requests: int
) -> tuple[str, dict[str, float]]:
    """The CPU time per request of each thread (text), and {thread: total µs per request}."""
    lines = ["CPU per request by thread (from /proc; user + system = total), µs:"]
    totals: dict[str, float] = {}
    total_user = total_sys = 0.0
    for name, (user, system) in sorted(after.items()):
        user0, sys0 = before.get(name, (0.0, 0.0))
        du, ds = (user - user0) / requests * 1e6, (system - sys0) / requests * 1e6
        total_user += du
        total_sys += ds
        totals[name] = du + ds
        if du + ds >= 0.5:
            lines.append(f"  {du:7.1f} user + {ds:7.1f} sys = {du + ds:7.1f}  {name}")
    lines.append(
        f"  {total_user:7.1f} user + {total_sys:7.1f} sys = {total_user + total_sys:7.1f}  whole process"
    )
    return "\n".join(lines) + "\n", totals


def _short(frame: str) -> str:
    """`func (path/to/file.py:123)` -> `func (file.py)`; py-spy idle frames kept as they are."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")")
    path = where.rsplit(":", 1)[0]
    for marker in ("/site-packages/", "/src/", "/lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{name} ({path})" if where else name


@dataclass(frozen=True)
class Measurement:
    """One profiled wrk run: wrk's figures, its wall time, and the CPU time per request by thread."""

    figures: WrkFigures
    seconds: float
    cpu_text: str
    cpu_us: dict[str, float]


def parse_args() -> argparse.Namespace:
    """The options (module docstring)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--py-spy", default=os.environ.get("PY_SPY") or shutil.which("py-spy"))
    parser.add_argument(
        "--profiler",
        choices=["auto", "none"],
        default="auto",
        help="none: only the CPU time per request of each thread (no sampling profiler)",
    )
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--op", choices=OPERATIONS, default="create")
    parser.add_argument("--rate", type=int, default=499, help="py-spy samples per second")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--py-spy-flags",
        nargs="*",
        default=["--nonblocking"],
        help="extra py-spy record flags, e.g. --idle (count waiting too) or --native (C frames)",
    )
    parser.add_argument(
        "--target",
        choices=["emulator", "ceiling"],
        default="emulator",
        help="ceiling: profile bench/ceiling.py replaying the emulator's responses (the stack alone)",
    )
    args = parser.parse_args()
    suffix = "-ceiling" if args.target == "ceiling" else ""
    args.out = args.out or ROOT / "reports" / f"profile-{args.op}{suffix}"
    args.use_pyspy = args.profiler == "auto" and bool(args.py_spy) and Path(args.py_spy).exists()
    return args


def pyinstrument_python(workdir: Path, html: Path) -> str:
    """An interpreter command that runs its arguments under pyinstrument, writing `html` at exit.

    The emulator is started as `PYTHON -m graphsync serve ...`; this script execs
    `python -m pyinstrument ... -m graphsync serve ...` in its place (the same process id).
    """
    script = workdir / "pyinstrument-python"
    command = [sys.executable, "-m", "pyinstrument", "--renderer", "html", "-o", str(html)]
    script.write_text("#!/bin/sh\nexec " + " ".join(shlex.quote(part) for part in command) + ' "$@"\n')
    script.chmod(0o755)
    return str(script)


def start_target(
    args: argparse.Namespace, emus: Emulators, stack: contextlib.ExitStack
) -> tuple[Server, Path, Path]:
    """Start the emulator (and, with --target ceiling, the ceiling replaying its responses), with
    one page of jobs stored; the server to profile, the job paths and the server's log."""
    workdir = emus.workdir
    python = sys.executable
    if not args.use_pyspy and args.profiler == "auto" and args.target == "emulator":
        python = pyinstrument_python(workdir, args.out.with_suffix(".html"))
    emulator = emus.process("emulator-profile", sqlite_url(workdir / "profile.db"), python=python)
    stack.enter_context(running(emulator))
    collection = f"{API}{COLLECTION}"
    with Client(emulator.origin, emus.token) as client:
        paths = write_paths(workdir / "paths.txt", create_jobs(client, PAGE_JOBS))
        if args.target == "emulator":
            return emulator, paths, emulator.log_path
        first = first_path(paths)
        captured = [
            Captured.of(client.request("POST", collection, CREATE_BODY), "POST", collection),
            Captured.of(client.request("GET", first), "GET", first),
            Captured.of(client.request("GET", collection), "GET", collection),
        ]
    responses = write_responses(workdir / "responses.json", captured)
    server = stack.enter_context(running(ceiling("ceiling-profile", responses, workdir)))
    return server, paths, server.log_path


def start_py_spy(args: argparse.Namespace, pid: int, raw: Path) -> subprocess.Popen[bytes]:
    """py-spy recording every thread of `pid` into `raw` (collapsed stacks) for the run and a margin."""
    command = [args.py_spy, "record", "-p", str(pid), "-d", str(args.seconds + 2), "-r", str(args.rate)]
    command += ["-f", "raw", "-o", str(raw), "--threads", *args.py_spy_flags]
    spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1)
    return spy


def profile_run(
    args: argparse.Namespace, server: Server, load: Workload, token: str, workdir: Path
) -> Measurement:
    """A warm-up, then the measured wrk run, sampled with py-spy when it is used."""
    wrk(load, connections=args.connections, duration_s=1, token=token, workdir=workdir)
    raw = args.out.with_suffix(".raw")
    spy = start_py_spy(args, server.pid, raw) if args.use_pyspy else None
    cpu_before = thread_cpu_seconds(server.pid)
    start = time.perf_counter()
    figures = wrk(load, connections=args.connections, duration_s=args.seconds, token=token, workdir=workdir)
    seconds = time.perf_counter() - start
    cpu_text, cpu_us = cpu_table(cpu_before, thread_cpu_seconds(server.pid), max(figures.requests, 1))
    if spy is not None:
        spy.send_signal(signal.SIGINT)
        _, err = spy.communicate(timeout=30)
        if not raw.exists():
            sys.exit(f"py-spy wrote no profile: {err.decode(errors='replace')}")
    return Measurement(figures, seconds, cpu_text, cpu_us)


def summary_text(args: argparse.Namespace, run: Measurement) -> str:
    """OUT.txt: throughput, the CPU per request by thread and, with py-spy, the profile's summary."""
    figures = run.figures
    rps = figures.requests / figures.seconds
    text = (
        f"# profile of {args.target} {args.op} (c={args.connections}, {args.seconds} s): {rps:,.0f} req/s, "
        f"p50 {figures.latency_us.p50 / 1e3:.2f} ms, errors {figures.errors.total}\n"
    )
    text += run.cpu_text + "\n"
    if args.use_pyspy:
        text += summarize(args.out.with_suffix(".raw"), figures.requests, run.seconds, run.cpu_us)
    elif args.profiler == "auto":
        text += f"pyinstrument report: {args.out.with_suffix('.html')}\n"
    return text


def main() -> int:
    """Profile one operation under wrk load; write OUT.txt, OUT.log and the profile (module docstring)."""
    args = parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="graphsync-profile-") as tmp, contextlib.ExitStack() as stack:
        emus = Emulators(Path(tmp))
        server, paths, log_path = start_target(args, emus, stack)
        load = workload(server.origin, args.op, job_paths=paths)
        run = profile_run(args, server, load, emus.token, emus.workdir)
        stack.close()  # stop the servers, so that their logs are complete
        shutil.copyfile(log_path, args.out.with_suffix(".log"))
    text = summary_text(args, run)
    args.out.with_suffix(".txt").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
