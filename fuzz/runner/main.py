"""One whole run, in order: the server, preflight, schemathesis on the Graph API and then on the control
API, the report; and its exit status.

The control API (/_graphsync/) is fuzzed after the Graph API's run has ended, on the same emulator: its
reset, replaceSeed, faults, lag and clock change what every Graph request sees, and cannot reach a
Graph run that is over (a separate schemathesis process, started once the Graph one has exited). On the
emulator, the runner first starts a job of each fuzzed template, so that the control API has jobs with
cycles to list and a journal to read.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fuzz.identities import write_identities
from fuzz.runner.cli import parse_args
from fuzz.runner.command import (
    control_command,
    control_environment,
    run_schemathesis,
    st_command,
    st_environment,
)
from fuzz.runner.emulator import Emulator
from fuzz.runner.errors import RunError, UsageError
from fuzz.runner.events import read_events
from fuzz.runner.exit import FAILED, INTERRUPTED, USAGE, finish, terminate_as_interrupt
from fuzz.runner.hints import rewrite_hint
from fuzz.runner.options import Options
from fuzz.runner.paths import cache_dir, rel
from fuzz.runner.plan import Plan, plan_for_emulator, plan_for_url
from fuzz.runner.preflight import control_preflight, preflight, start_jobs
from fuzz.runner.record import RECORD, write_record
from fuzz.runner.report import Run, overall_verdict, write_report

GRAPH_FILES = ("junit.xml", "st-output.txt", "events.ndjson")
CONTROL_FILES = ("control-junit.xml", "control-st-output.txt", "control-events.ndjson")
REPORT_FILES = (*GRAPH_FILES, *CONTROL_FILES, "report.md", "stats.json", "server.log", RECORD)


@dataclass(frozen=True)
class Fuzzed:
    """What a schemathesis run left: its exit status and wall time, the command that was run, its files."""

    st_status: int
    st_seconds: float
    command: list[str]
    files: tuple[str, ...]  # JUnit, console output, events, in the report folder


@dataclass(frozen=True)
class Runs:
    """The schemathesis runs of a whole run: the Graph API's and the control API's (None when not fuzzed)."""

    graph: Fuzzed | None
    control: Fuzzed | None


def main(argv: Sequence[str] | None = None) -> int:
    """Run from the command line (`fuzz/run.py replay ...`: replay a failure, fuzz/runner/replay.py); exit
    status 0 passed, 1 failed, 2 usage error, 130 interrupted, named on the last line (fuzz/runner/exit.py)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["replay"]:
        from fuzz.runner.replay import main as replay_main

        return replay_main(args[1:])
    try:
        options = parse_args(args)
        with terminate_as_interrupt():
            status = run(options)
    except UsageError as exc:
        print(f"make fuzz: error: {exc}", file=sys.stderr)
        return finish("make fuzz", USAGE, "usage error")
    except RunError as exc:
        print(f"make fuzz: error: {exc}", file=sys.stderr)
        return finish("make fuzz", FAILED, "the target could not be fuzzed")
    except KeyboardInterrupt:
        print("make fuzz: interrupted", file=sys.stderr)
        return finish("make fuzz", INTERRUPTED, "interrupted")
    return finish("make fuzz", status, "passed" if status == 0 else "conformance failure")


def run(options: Options) -> int:
    """One whole run: the emulator unless --url, preflight, schemathesis, then the report; 0 if it passed."""
    wall_start = time.monotonic()
    reports = options.reports.resolve()
    reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="graphsync-fuzz-") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o700)  # tokens and the signing key live here
        plan = plan_for_url(options) if options.url else plan_for_emulator(options, workdir)
        runs = _fuzz(options, plan, workdir, reports)
    return _report(options, plan, runs, reports, time.monotonic() - wall_start)


def _fuzz(options: Options, plan: Plan, workdir: Path, reports: Path) -> Runs:
    """Start the emulator if there is one, check the targets, run schemathesis on the Graph API, then on the
    control API; always stop the emulator."""
    graph = control = None
    try:
        plan.start_emulator("on a temporary database")
        if options.graph:
            preflight(plan.base_url, plan.main.token, plan.owners(options.exclude), options.tls_verify)
        if options.fuzz_control:
            control_preflight(plan.control_url, plan.control_key, options.tls_verify)
        # Only now are the last run's reports replaced: a run that cannot start (a target that does
        # not answer, a refused token) leaves them, and another run's, as they are.
        for name in REPORT_FILES:
            with contextlib.suppress(FileNotFoundError):
                (reports / name).unlink()
        write_record(reports, options)  # what `make fuzz-replay` needs to repeat a failure of this run
        if options.graph:
            graph = _fuzz_graph(options, plan, workdir, reports)
        if options.fuzz_control:
            control = _fuzz_control(options, plan, reports)
    finally:
        if plan.emulator is not None:
            _stop(plan.emulator, reports)
    return Runs(graph, control)


def _fuzz_graph(options: Options, plan: Plan, workdir: Path, reports: Path) -> Fuzzed:
    """schemathesis on openapi.yaml, with the identities' replays (schemathesis.toml)."""
    identities_file = workdir / "identities.json"
    write_identities(identities_file, plan.others)
    env = st_environment(
        plan, identities_file, options.probe_share, reports / "stats.json", cache_dir(reports, "graph")
    )
    command = st_command(options, plan.base_url, reports)
    print(f"==> schemathesis: {options.phases}, {options.max_examples} examples per operation, "
          f"{len(plan.others)} more identities, against {plan.base_url}", flush=True)  # fmt: skip
    st_status, st_seconds = run_schemathesis(command, env, reports / "st-output.txt", _hints(reports))
    return Fuzzed(st_status, st_seconds, command, GRAPH_FILES)


def _fuzz_control(options: Options, plan: Plan, reports: Path) -> Fuzzed:
    """schemathesis on the control API's document, with the operator key (fuzz/control.toml); on the
    emulator, after starting a job of each of the fuzzed objects' templates (the Graph run may have deleted
    every job it made)."""
    if plan.emulator is not None:
        start_jobs(plan.base_url, plan.main.token, plan.jobs())
    command = control_command(options, plan.control_url, reports)
    print(f"\n==> schemathesis, control API: {options.phases}, {options.control_max_examples} examples per "
          f"operation, against {plan.control_url}/_graphsync/", flush=True)  # fmt: skip
    env = control_environment(plan.control_key, cache_dir(reports, "control"))
    st_status, st_seconds = run_schemathesis(command, env, reports / "control-st-output.txt", _hints(reports))
    return Fuzzed(st_status, st_seconds, command, CONTROL_FILES)


def _stop(emulator: Emulator, reports: Path) -> None:
    """Stop the emulator and keep its log with the reports."""
    server_status = emulator.stop()
    with contextlib.suppress(OSError):
        (reports / "server.log").write_bytes(emulator.log_path.read_bytes())
    how = "stopped" if server_status in (0, -signal.SIGTERM) else f"exit status {server_status}"
    print(f"==> emulator {how} (log {rel(reports / 'server.log')})", flush=True)


def _report(options: Options, plan: Plan, runs: Runs, reports: Path, wall_seconds: float) -> int:
    """Write report.md, print its head; the run's exit status."""
    graph, control = _read_run(runs.graph, reports), _read_run(runs.control, reports)
    _, status = overall_verdict(graph, control)
    text = write_report(
        reports / "report.md", options=options, target=plan.target(), main=plan.main, others=plan.others,
        wall_seconds=wall_seconds, stats=_read_stats(reports / "stats.json"), graph=graph, control=control,
        control_target=plan.control_target(),
    )  # fmt: skip
    head = text.split("\n## ", 1)[0].strip().splitlines()[2:]
    print("\n==> " + "\n    ".join(line for line in head if line))
    junit = [rel(reports / run.files[0]) for run in (runs.graph, runs.control) if run is not None]
    print(f"    Reports: {', '.join([rel(reports / 'report.md'), *junit])}")
    return status


def _read_run(fuzzed: Fuzzed | None, reports: Path) -> Run | None:
    """A schemathesis run's results, from its events and console output."""
    if fuzzed is None:
        return None
    junit, output, events = (reports / name for name in fuzzed.files)
    return Run(
        results=read_events(events),
        st_status=fuzzed.st_status,
        st_seconds=fuzzed.st_seconds,
        output=output.read_text(encoding="utf-8", errors="replace") if output.is_file() else "",
        command=fuzzed.command,
        files=(junit, output, events),
    )


def _read_stats(path: Path) -> dict[str, int]:
    """The checks' request counts (hooks.py writes them when `st` exits); empty if there are none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _hints(reports: Path) -> Callable[[str], str]:
    """schemathesis' `st replay <id>` lines, as the command that replays the case (fuzz/runner/hints.py)."""
    return lambda line: rewrite_hint(line, reports)
