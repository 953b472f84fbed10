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
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench

ROOT = bench.ROOT


EMULATOR_MODULES = tuple(
    f"graphsync/{name}"
    for name in (
        "app.py",
        "jobs.py",
        "http.py",
        "auth/",
        "routes.py",
        "validation.py",
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


def thread_cpu(pid: int) -> dict[str, tuple[float, float]]:
    """{thread name (tid): (user s, system s)} of every thread of a process, from /proc."""
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


def main() -> int:
    """Profile one operation under wrk load; write OUT.txt, OUT.log and the profile (module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--py-spy", default=os.environ.get("PY_SPY") or shutil.which("py-spy"))
    parser.add_argument(
        "--profiler",
        choices=["auto", "none"],
        default="auto",
        help="none: only the CPU time per request of each thread (no sampling profiler)",
    )
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--op", choices=bench.OPERATIONS, default="create")
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
    out = args.out or ROOT / "reports" / f"profile-{args.op}{'-ceiling' if args.target == 'ceiling' else ''}"
    out.parent.mkdir(parents=True, exist_ok=True)
    use_pyspy = args.profiler == "auto" and bool(args.py_spy) and Path(args.py_spy).exists()

    with tempfile.TemporaryDirectory(prefix="graphsync-profile-") as tmp, contextlib.ExitStack() as stack:
        workdir = Path(tmp)
        emu = bench.Emulator(workdir)
        emulator = emu.server("emulator-profile", workdir / "profile.db")
        if not use_pyspy and args.profiler == "auto" and args.target == "emulator":
            # pyinstrument wraps the server process itself; it writes its report when uvicorn exits.
            emulator.argv = [
                sys.executable,
                "-m",
                "pyinstrument",
                "--renderer",
                "html",
                "-o",
                str(out.with_suffix(".html")),
                "-m",
                "graphsync",
                *emulator.argv[1:],
            ]
        stack.enter_context(bench.running(emulator))
        client = bench.Client(emulator.port, emu.token)
        ids = bench.create_jobs_http(client, bench.PAGE_JOBS)
        paths = bench.write_paths(workdir / "paths.txt", ids)
        first = paths.read_text().split("\n", 1)[0]
        server = emulator
        if args.target == "ceiling":
            collection = f"/v1.0{bench.COLLECTION}"
            captured = [
                bench.capture(client.request("POST", collection, bench.CREATE_BODY), "POST", collection),
                bench.capture(client.request("GET", first), "GET", first),
                bench.capture(client.request("GET", collection), "GET", collection),
            ]
            responses = workdir / "responses.json"
            responses.write_text(json.dumps({**bench.ceiling_settings(), "routes": captured}))
            port = bench.free_port()
            argv = [
                sys.executable,
                str(bench.BENCH / "ceiling.py"),
                "--responses",
                str(responses),
                "--port",
                str(port),
            ]
            server = bench.Server("ceiling-profile", argv, port, workdir)
            stack.enter_context(bench.running(server))
        client.close()
        url = f"http://127.0.0.1:{server.port}/v1.0{bench.COLLECTION}"
        kwargs: dict[str, Any] = {"token": emu.token, "workdir": workdir}
        if args.op == "create":
            kwargs.update(method="POST", body=bench.CREATE_BODY)
        elif args.op == "get":
            url = f"http://127.0.0.1:{server.port}{first}"
            kwargs.update(paths=paths)
        bench.wrk(url, connections=args.connections, duration_s=1, **kwargs)  # warm-up
        assert server.process is not None
        spy = None
        raw = out.with_suffix(".raw")
        if use_pyspy:
            spy = subprocess.Popen(
                [
                    args.py_spy,
                    "record",
                    "-p",
                    str(server.process.pid),
                    "-d",
                    str(args.seconds + 2),
                    "-r",
                    str(args.rate),
                    "-f",
                    "raw",
                    "-o",
                    str(raw),
                    "--threads",
                    *args.py_spy_flags,
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            time.sleep(1)
        cpu_before = thread_cpu(server.process.pid)
        start = time.perf_counter()
        figures = bench.wrk(url, connections=args.connections, duration_s=args.seconds, **kwargs)
        seconds = time.perf_counter() - start
        cpu, cpu_us = cpu_table(cpu_before, thread_cpu(server.process.pid), max(figures["requests"], 1))
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            _, err = spy.communicate(timeout=30)
            if not raw.exists():
                sys.exit(f"py-spy wrote no profile: {err.decode(errors='replace')}")
        stack.close()  # stop the servers, so that their logs are complete
        shutil.copyfile(server.logfile, out.with_suffix(".log"))
    rps = figures["requests"] / (figures["duration_us"] / 1e6)
    header = (
        f"# profile of {args.target} {args.op} (c={args.connections}, {args.seconds} s): {rps:,.0f} req/s, "
        f"p50 {figures['latency_us']['p50'] / 1e3:.2f} ms, errors {sum(figures['errors'].values())}\n"
    )
    header += cpu + "\n"
    if use_pyspy:
        text = header + summarize(out.with_suffix(".raw"), figures["requests"], seconds, cpu_us)
    elif args.profiler == "auto":
        text = header + f"pyinstrument report: {out.with_suffix('.html')}\n"
    else:
        text = header
    out.with_suffix(".txt").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
