"""One whole run, in order: the server, preflight, schemathesis, the report; and its exit status."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from fuzz.identities import write_identities
from fuzz.runner.cli import parse_args
from fuzz.runner.command import run_schemathesis, st_command, st_environment
from fuzz.runner.emulator import Emulator
from fuzz.runner.errors import RunError, UsageError
from fuzz.runner.events import read_events
from fuzz.runner.options import Options
from fuzz.runner.paths import rel
from fuzz.runner.plan import Plan, plan_for_emulator, plan_for_url
from fuzz.runner.preflight import preflight
from fuzz.runner.report import verdict_for, write_report

REPORT_FILES = ("junit.xml", "events.ndjson", "report.md", "st-output.txt", "stats.json", "server.log")


@dataclass(frozen=True)
class Fuzzed:
    """What the schemathesis run left: its exit status and wall time, and the command that was run."""

    st_status: int
    st_seconds: float
    command: list[str]


def main(argv: Sequence[str] | None = None) -> int:
    """Run from the command line; exit status 0 passed, 1 failed, 2 usage error, 130 interrupted."""
    try:
        options = parse_args(sys.argv[1:] if argv is None else argv)
        with _terminate_as_interrupt():
            return run(options)
    except UsageError as exc:
        print(f"make fuzz: error: {exc}", file=sys.stderr)
        return 2
    except RunError as exc:
        print(f"make fuzz: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("make fuzz: interrupted", file=sys.stderr)
        return 130


def run(options: Options) -> int:
    """One whole run: the emulator unless --url, preflight, schemathesis, then the report; 0 if it passed."""
    wall_start = time.monotonic()
    reports = options.reports.resolve()
    reports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="graphsync-fuzz-") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o700)  # tokens and the signing key live here
        plan = plan_for_url(options) if options.url else plan_for_emulator(options, workdir)
        fuzzed = _fuzz(options, plan, workdir, reports)
    return _report(options, plan, fuzzed, reports, time.monotonic() - wall_start)


def _fuzz(options: Options, plan: Plan, workdir: Path, reports: Path) -> Fuzzed:
    """Start the emulator if there is one, check the target, run schemathesis; always stop the emulator."""
    try:
        if plan.emulator is not None:
            print(
                f"==> starting the emulator (temporary database, seed {plan.emulator.seed_name})", flush=True
            )
            plan.base_url = plan.emulator.start()
        preflight(plan.base_url, plan.main.token, plan.owners(options.exclude), options.tls_verify)
        # Only now are the last run's reports replaced: a run that cannot start (a target that does
        # not answer, a refused token) leaves them, and another run's, as they are.
        for name in REPORT_FILES:
            with contextlib.suppress(FileNotFoundError):
                (reports / name).unlink()
        identities_file = workdir / "identities.json"
        write_identities(identities_file, plan.others)
        env = st_environment(plan, identities_file, options.probe_share, reports / "stats.json")
        command = st_command(options, plan.base_url, reports)
        print(f"==> schemathesis: {options.phases}, {options.max_examples} examples per operation, "
              f"{len(plan.others)} more identities, against {plan.base_url}", flush=True)  # fmt: skip
        st_status, st_seconds = run_schemathesis(command, env, reports / "st-output.txt")
    finally:
        if plan.emulator is not None:
            _stop(plan.emulator, reports)
    return Fuzzed(st_status, st_seconds, command)


def _stop(emulator: Emulator, reports: Path) -> None:
    """Stop the emulator and keep its log with the reports."""
    server_status = emulator.stop()
    with contextlib.suppress(OSError):
        (reports / "server.log").write_bytes(emulator.log_path.read_bytes())
    how = "stopped" if server_status in (0, -signal.SIGTERM) else f"exit status {server_status}"
    print(f"==> emulator {how} (log {rel(reports / 'server.log')})", flush=True)


def _report(options: Options, plan: Plan, fuzzed: Fuzzed, reports: Path, wall_seconds: float) -> int:
    """Write report.md, print its head; the run's exit status."""
    results = read_events(reports / "events.ndjson")
    verdict, status = verdict_for(fuzzed.st_status, results)
    text = write_report(
        reports / "report.md", options=options, target=plan.target(), main=plan.main, others=plan.others,
        results=results, st_status=fuzzed.st_status, st_seconds=fuzzed.st_seconds, wall_seconds=wall_seconds,
        verdict=verdict, output=(reports / "st-output.txt").read_text(encoding="utf-8", errors="replace"),
        stats=_read_stats(reports / "stats.json"), command=fuzzed.command,
    )  # fmt: skip
    head = text.split("## Identities", 1)[0].strip().splitlines()[2:]
    print("\n==> " + "\n    ".join(line for line in head if line))
    print(f"    Reports: {rel(reports / 'report.md')}, {rel(reports / 'junit.xml')}")
    return status


def _read_stats(path: Path) -> dict[str, int]:
    """The checks' request counts (hooks.py writes them when `st` exits); empty if there are none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM (e.g. a CI timeout) like Ctrl-C, so that the `finally` blocks stop the server."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = (
        signal.signal(signal.SIGTERM, handler)
        if threading.current_thread() is threading.main_thread()
        else None
    )
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
