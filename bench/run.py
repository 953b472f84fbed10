"""`make bench`: the emulator, its ceiling and Prism side by side; scale; models and client; codegen.

    python bench/run.py [--duration 5] [--warmup 1] [--only http,scale,models,codegen,cycles,client,postgresql]
                        [--scale-jobs 100000] [--retries 2] [--no-protocol-ceiling] [--no-memory]
                        [--pg-settings '-c name=value ...'] [--out reports/bench.md]

Everything runs on this machine, on loopback, with one load generator (wrk, one thread, the Lua
script bench/wrk/graph.lua) for every server. Each server is one process; when `taskset` exists
and there are at least two CPUs, servers are pinned to the first CPU and wrk to the second, so
every server has the same single core. Every run is bounded in time (wrk -d) and every server is
stopped at the end, also on errors.

Sections (docs/benchmarks.md explains each and records the figures):
1. http (scenarios/http.py): for each operation (create, get, list) and connection count (16, 64),
   one run each of
   - the emulator, `graphsync serve`, on a fresh SQLite database (create: an empty one per run;
     get and list: one page of jobs);
   - the same emulator on the in-memory engine (`--db memory:`), likewise (`--no-memory`: not);
   - the ceiling, bench/ceiling.py: a bare ASGI app on the same uvicorn settings replaying the
     emulator's responses byte for byte; and the same app behind graphsync's own HTTP protocol
     class ("ceiling+protocol");
   - Prism, pinned in bench/package.json, mocking the same openapi.yaml;
   measured back to back so that they share whatever else the machine is doing.
2. scale (scenarios/scale.py): the emulator with 100,000 jobs already stored (pre-filled through
   its storage layer): create, get and list, and the latency of list pages across the collection.
3. models: bench/models_bench.py (parse + re-serialise the documented job; import times).
4. codegen: `make generate` into a scratch folder (a full run) and again (a no-op).
5. cycles (scenarios/cycles.py): a manual clock advanced 30 days for a job with 1,000 users in
   scope, and the CPU per request of the journal and the fault check when no fault is set.
6. client (scenarios/client.py): graphsync's generated client facade against Microsoft's msgraph-sdk
   (in .venv-sdk): import time, the client process's CPU per call against one emulator, the installed
   size of each dependency closure, and what each keeps of Graph's durations and timestamps.
7. postgresql (scenarios/postgresql.py): a throw-away PostgreSQL server (graphsync.pgcluster, fsync
   on); create and get through `graphsync serve --db postgresql://... --workers 1` and `--workers 2`,
   and the ceiling run with 1 and 2 processes, unpinned; CPU per request of the server and of
   PostgreSQL; skipped where PostgreSQL's binaries are absent.
The table and ratios are printed and written to --out (Markdown, report.py), the raw figures beside
it (.json). Each HTTP run also records the server's CPU time per request and the CPU used meanwhile
by other processes; the report warns when other load may have distorted the figures.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from host import ROOT, describe, load_average, log
from load import LoadSettings
from report import render
from results import Results, Skipped
from scenarios import client, codegen, cycles, models
from scenarios import http as http_section
from scenarios import postgresql as postgresql_section
from scenarios.scale import SCALE_JOBS
from servers import Emulators

SECTIONS = ("http", "scale", "models", "codegen", "cycles", "client", "postgresql")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The options; defaults from BENCH_* variables where they exist."""
    env = os.environ.get
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--duration", type=float, default=float(env("BENCH_DURATION", "5")))
    parser.add_argument("--warmup", type=float, default=float(env("BENCH_WARMUP", "1")))
    parser.add_argument("--scale-jobs", type=int, default=int(env("BENCH_SCALE_JOBS", str(SCALE_JOBS))))
    parser.add_argument(
        "--retries",
        type=int,
        default=int(env("BENCH_RETRIES", "2")),
        help="measure a run again (up to N more times) when other processes used the CPUs meanwhile",
    )
    parser.add_argument("--only", default=env("BENCH_ONLY", ",".join(SECTIONS)))
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "bench.md")
    parser.add_argument(
        "--protocol-ceiling",
        action=argparse.BooleanOptionalAction,
        default=env("BENCH_PROTOCOL_CEILING", "1") != "0",
        help="also measure the bare app behind graphsync's own HTTP protocol class (default: on)",
    )
    parser.add_argument(
        "--memory",
        action=argparse.BooleanOptionalAction,
        default=env("BENCH_MEMORY", "1") != "0",
        help="also measure the emulator on the in-memory storage engine, --db memory: (default: on)",
    )
    parser.add_argument(
        "--pg-settings",
        default=env("BENCH_PG_SETTINGS", ""),
        help="more PostgreSQL settings for the postgresql section, e.g. '-c synchronous_commit=off'",
    )
    args = parser.parse_args(argv)
    args.sections = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = args.sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {sorted(unknown)}")
    if "scale" in args.sections and "http" not in args.sections:
        parser.error("scale compares with the fresh-database figures: run it with http")
    return args


def preflight(sections: set[str]) -> None:
    """Exit with a message naming what the chosen sections need but is missing."""
    missing = []
    if sections & {"http", "scale", "postgresql"}:
        if shutil.which("wrk") is None:
            missing.append("wrk (Debian: apt-get update && apt-get install -y wrk)")
        if importlib.util.find_spec("graphsync") is None:
            missing.append(f"the graphsync package for {sys.executable} (make venv)")
    if missing:
        sys.exit("bench: missing: " + "; ".join(missing))


def run_sections(args: argparse.Namespace, workdir: Path, results: Results) -> None:
    """Run the chosen sections in order, each filling its part of `results`."""
    if args.sections & {"http", "scale"}:
        emus = Emulators(workdir)
        log(f"HTTP: emulator, ceiling, Prism (workdir {workdir})")
        load = LoadSettings(emus.token, workdir, args.duration, args.warmup, args.retries)
        scale_jobs = args.scale_jobs if "scale" in args.sections else None
        options = http_section.HttpOptions(load, scale_jobs, args.protocol_ceiling, args.memory)
        http_section.section(emus, options, results)
    if "models" in args.sections:
        log("models and client")
        results.models = models.section(workdir)
    if "codegen" in args.sections:
        log("codegen")
        results.codegen = codegen.section(workdir)
    if "cycles" in args.sections:
        log("provisioning cycles and the control plane")
        results.cycles = cycles.section(workdir)
    if "client" in args.sections:
        if client.SDK_PYTHON.exists():
            log("client: graphsync's facade and msgraph-sdk")
            results.client = client.section(workdir)
        else:
            results.client = Skipped(f"{client.SDK_PYTHON.relative_to(ROOT)} is missing (make sdk-venv)")
    if "postgresql" in args.sections:
        log("PostgreSQL: the emulator with 1 and 2 workers, the ceiling with 1 and 2 processes")
        emus = Emulators(workdir)
        load = LoadSettings(emus.token, workdir, args.duration, args.warmup, args.retries)
        postgresql_section.section(emus, load, results, args.pg_settings)


def print_logs(workdir: Path) -> None:
    """The last lines of every server log of the run, on stderr."""
    for logfile in sorted(workdir.rglob("*.log")):
        print(f"--- {logfile.relative_to(workdir)} (last lines)", file=sys.stderr)
        print("\n".join(logfile.read_text(errors="replace").splitlines()[-15:]), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the chosen sections, then print the report and write it to --out, the raw figures beside it."""
    args = parse_args(argv)
    preflight(args.sections)
    results = Results(machine=describe(), duration=args.duration, warmup=args.warmup)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="graphsync-bench-") as tmp:
        try:
            run_sections(args, Path(tmp), results)
        except Exception:
            print_logs(Path(tmp))
            raise
    results.machine.load_after = load_average()
    results.elapsed_s = time.perf_counter() - started
    report = render(results)
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(results.to_json(), indent=2) + "\n", encoding="utf-8")
    print(report)
    log(f"wrote {out} and {out.with_suffix('.json')} in {results.elapsed_s:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
