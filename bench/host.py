"""This machine as the benchmark sees it: the repository's paths, CPU pinning, progress lines, and the
description the report starts with."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from results import Machine

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"


def log(message: str) -> None:
    """Print a timestamped progress line on stderr."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pinning() -> tuple[list[str], list[str]]:
    """taskset prefixes for (server, load generator); empty when pinning is off or impossible.

    With two CPUs or more, every server gets the first and wrk the second, so each server under test
    has the same single core.
    """
    if os.environ.get("BENCH_PIN", "1") == "0" or shutil.which("taskset") is None:
        return [], []
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return [], []
    return ["taskset", "-c", str(cpus[0])], ["taskset", "-c", str(cpus[1])]


SERVER_PIN, WRK_PIN = pinning()


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as /proc/loadavg gives them."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _output(argv: list[str]) -> str:
    """A command's standard output, stripped; empty when it cannot be run."""
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False).stdout.strip()
    except OSError:
        return ""


def describe() -> Machine:
    """The machine, software versions, pinning and load average the report starts with."""
    lscpu = _output(["lscpu"])
    model = next(
        (line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name")), "?"
    )
    free = _output(["free", "-m"]).splitlines()
    mem = next((line.split()[1] for line in free if line.startswith("Mem:")), "?")
    versions = {name: importlib.metadata.version(name) for name in ("uvicorn", "httptools", "uvloop")}
    return Machine(
        date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        cpu=model,
        cpus=str(os.cpu_count()),
        memory_mib=mem,
        kernel=platform.release(),
        python=platform.python_version(),
        server_stack=", ".join(f"{k} {v}" for k, v in versions.items()),
        wrk=(_output(["wrk", "-v"]).splitlines() or ["wrk ?"])[0].split(" Copyright")[0],
        pinning=(
            f"HTTP rows: server {' '.join(SERVER_PIN) or 'unpinned'}, wrk {' '.join(WRK_PIN) or 'unpinned'} "
            "(the postgresql section's servers and PostgreSQL run unpinned: they need both cores)"
        ),
        load_before=load_average(),
    )
