"""`make fuzz-replay ID=<case id>` (`fuzz/run.py replay <case id>`): one failure of the last run, sent again.

It reads the run's options from the report folder (run.json), finds which schemathesis run the case
belongs to (the Graph API's or the control API's, by the replay hint in its console output), and runs
`st replay <id> --keep --url <server>` from the repository root with that run's configuration
(schemathesis.toml or fuzz/control.toml) and variables. A run of the emulator is replayed against an
emulator started again as the run started it (a fresh database, the same seed and objects, new tokens and
operator key; on the control API, after starting a job of each template as the run did); a URL run
against its URL, with TOKEN (or CONTROL_KEY) given again through the environment.

Exit status: 0 the failure no longer occurs, 1 it occurs again (or the replay could not be carried out),
2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from fuzz.identities import write_identities
from fuzz.runner.command import control_environment, run_schemathesis, st_environment
from fuzz.runner.errors import RunError, UsageError
from fuzz.runner.exit import FAILED, INTERRUPTED, PASSED, USAGE, finish, terminate_as_interrupt
from fuzz.runner.hints import CASE_ID, mentions_replay, replay_command, rewrite_hint
from fuzz.runner.options import CONTROL_KEY_VARIABLE, Options
from fuzz.runner.paths import CONTROL_CONFIG, DEFAULT_REPORTS, ROOT, cache_dir, crashes_dir, rel
from fuzz.runner.plan import Plan, plan_for_emulator, plan_for_url
from fuzz.runner.preflight import start_jobs
from fuzz.runner.record import read_record

PROGRAM = "make fuzz-replay"
OUTPUTS = {"graph": "st-output.txt", "control": "control-st-output.txt"}
TOKEN_VARIABLE = "GRAPHSYNC_FUZZ_TOKEN"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (fuzz/run.py replay --help lists the options)")


def main(argv: Sequence[str]) -> int:
    """Replay one case; its exit status, named on the last line."""
    try:
        case_id, reports = parse_args(argv)
        with terminate_as_interrupt():
            status = replay(case_id, reports)
    except UsageError as exc:
        print(f"{PROGRAM}: error: {exc}", file=sys.stderr)
        return finish(PROGRAM, USAGE, "usage error")
    except RunError as exc:
        print(f"{PROGRAM}: error: {exc}", file=sys.stderr)
        return finish(PROGRAM, FAILED, "the replay could not be carried out")
    except KeyboardInterrupt:
        print(f"{PROGRAM}: interrupted", file=sys.stderr)
        return finish(PROGRAM, INTERRUPTED, "interrupted")
    if status == 0:
        return finish(PROGRAM, PASSED, "the failure no longer occurs")
    if status == INTERRUPTED:
        return finish(PROGRAM, INTERRUPTED, "interrupted")
    if status == 1:
        return finish(PROGRAM, FAILED, "the failure occurs again")
    return finish(PROGRAM, FAILED, f"the replay could not be carried out: st replay exit status {status}")


def parse_args(argv: Sequence[str]) -> tuple[str, Path]:
    """The case id and the report folder; UsageError for anything unusable."""
    parser = _Parser(
        prog="fuzz/run.py replay",
        description="Replay one failure of the last fuzz run (make fuzz-replay ID=...; docs/fuzzing.md).",
    )
    parser.add_argument("id", nargs="?", default="", help="the failure's case id, as the report prints it")
    parser.add_argument(
        "--reports",
        type=Path,
        default=DEFAULT_REPORTS,
        help=f"the run's report folder ({rel(DEFAULT_REPORTS)})",
    )
    args = parser.parse_args(argv)
    case_id = args.id.strip()
    if not case_id:
        raise UsageError(
            "ID is missing: `make fuzz-replay ID=<case id>`; the report prints the command of each failure"
        )
    if not CASE_ID.fullmatch(case_id):
        raise UsageError(f"ID={case_id!r} is not a schemathesis case id (letters, digits, '-' and '_')")
    return case_id, args.reports


def replay(case_id: str, reports: Path) -> int:
    """Replay `case_id` of the run recorded in `reports`; st replay's exit status."""
    options = read_record(reports)
    run = find_run(case_id, reports)
    _check_environment(options, run, replay_command(case_id, reports))
    if not _has_crash_file(crashes_dir(reports, run), case_id):
        raise RunError(
            f"no crash file of case {case_id} in {rel(crashes_dir(reports, run))}: schemathesis removes a case's "
            "files once its operation passes in a later run into this folder (make fuzz again to find the "
            "failure again)"
        )
    with tempfile.TemporaryDirectory(prefix="graphsync-fuzz-replay-") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o700)  # tokens and the signing key live here
        plan = plan_for_url(options) if options.url else plan_for_emulator(options, workdir)
        try:
            plan.start_emulator("as the run did")
            command, env = _command(case_id, run, options, plan, workdir, cache_dir(reports, run))
            print(f"==> {shlex.join(['st', *command[3:]])}", flush=True)
            status, _ = run_schemathesis(
                command, env, workdir / "replay-output.txt", lambda line: rewrite_hint(line, reports)
            )
        finally:
            if plan.emulator is not None:
                plan.emulator.stop()
    return status


def find_run(case_id: str, reports: Path) -> str:
    """'graph' or 'control': the schemathesis run whose console output offers a replay of `case_id`."""
    for run, name in OUTPUTS.items():
        path = reports / name
        if path.is_file() and mentions_replay(path.read_text(encoding="utf-8", errors="replace"), case_id):
            return run
    raise UsageError(
        f"ID={case_id} is not a failure of the run in {rel(reports)}: its report "
        f"({rel(reports / 'report.md')}) prints the replay command of each failure"
    )


def _check_environment(options: Options, run: str, again: str) -> None:
    """A URL run's replay (the command `again`) needs its credentials again, through the environment."""
    if not options.url:
        return
    if run == "graph" and not os.environ.get(TOKEN_VARIABLE, "").strip():
        raise UsageError(
            f"the run fuzzed URL={options.url}: its replay needs the TOKEN again (`TOKEN=... {again}`, "
            "or export TOKEN)"
        )
    if run == "control" and not os.environ.get(CONTROL_KEY_VARIABLE, "").strip():
        raise UsageError(
            f"the run fuzzed the control API of URL={options.url}: its replay needs the CONTROL_KEY again "
            f"(`CONTROL_KEY=... {again}`, or export CONTROL_KEY)"
        )


def _has_crash_file(directory: Path, case_id: str) -> bool:
    """Whether `directory` holds a crash file of `case_id` (schemathesis names them by operation, not id)."""
    if not directory.is_dir():
        return False
    needle = f'"case_id": "{case_id}"'
    for path in directory.glob("*.json"):
        try:
            if needle in path.read_text(encoding="utf-8", errors="replace"):
                return True
        except OSError:
            continue
    return False


def _command(
    case_id: str, run: str, options: Options, plan: Plan, workdir: Path, cache: Path
) -> tuple[list[str], dict[str, str]]:
    """`st replay` of the case, with the configuration and variables of its run."""
    replay = ["replay", case_id, "--keep"]
    if run == "control":
        if plan.emulator is not None:
            start_jobs(plan.base_url, plan.main.token, plan.jobs())
        config = ["--config-file", str(CONTROL_CONFIG.relative_to(ROOT))]
        command = [sys.executable, "-m", "schemathesis.cli", *config, *replay, "--url", plan.control_url]
        return command, control_environment(plan.control_key, cache)
    identities_file = workdir / "identities.json"
    write_identities(identities_file, plan.others)
    env = st_environment(plan, identities_file, 1.0, workdir / "stats.json", cache)
    headers = _headers([*options.st_options, *options.st_args])
    return [sys.executable, "-m", "schemathesis.cli", *replay, "--url", plan.base_url, *headers], env


def _headers(st_options: Sequence[str]) -> list[str]:
    """The `-H`/`--header` options among the run's FUZZ_ARGS: st replay sends them too (it takes no others)."""
    headers: list[str] = []
    words = iter(st_options)
    for word in words:
        if word in ("-H", "--header"):
            value = next(words, None)
            if value is not None:
                headers += ["--header", value]
        elif word.startswith("--header="):
            headers += ["--header", word.removeprefix("--header=")]
    return headers
