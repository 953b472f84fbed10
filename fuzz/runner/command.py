"""The schemathesis run: its command line, its environment, and running it."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fuzz.runner.options import CONTROL_COOKIE_VARIABLE, CONTROL_KEY_VARIABLE, Options
from fuzz.runner.paths import CACHE_VARIABLE, CONTROL_CONFIG, CONTROL_SPEC, ROOT, SPEC
from graphsync.control.operator import session

if TYPE_CHECKING:
    from fuzz.runner.plan import Plan


def st_command(options: Options, base_url: str, reports: Path) -> list[str]:
    """The schemathesis command line for this run's options, base URL and report folder."""
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", str(SPEC.relative_to(ROOT)),
        "--url", base_url,
        "--checks", "all",
        "--phases", options.phases,
        "--max-examples", str(options.max_examples),
        "--report", "junit,ndjson",
        "--report-junit-path", str(reports / "junit.xml"),
        "--report-ndjson-path", str(reports / "events.ndjson"),
        "--no-color",
    ]  # fmt: skip
    if options.workers:
        command += ["--workers", str(options.workers)]
    if options.seed is not None:
        command += ["--seed", str(options.seed)]
    if options.rate_limit:
        command += ["--rate-limit", options.rate_limit]
    if options.max_time:
        command += ["--max-time", str(options.max_time)]
    for pattern in options.include:
        command += ["--include-name-regex", pattern]
    for pattern in options.exclude:
        command += ["--exclude-name-regex", pattern]
    if not options.tls_verify:
        command += ["--tls-verify", "false"]
    return command + list(options.st_options) + list(options.st_args)


def control_command(options: Options, origin: str, reports: Path) -> list[str]:
    """The schemathesis command line of the control API's run: its document and configuration
    (fuzz/control.toml), CONTROL_MAX_EXAMPLES, and of the run's options those that say how to talk to the
    server (phases, seed, rate limit, workers, TLS). INCLUDE, EXCLUDE, MAX_TIME and FUZZ_ARGS are the Graph
    run's only."""
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONTROL_CONFIG.relative_to(ROOT)),
        "run", str(CONTROL_SPEC.relative_to(ROOT)),
        "--url", origin,
        "--checks", "all",
        "--phases", options.phases,
        "--max-examples", str(options.control_max_examples),
        "--report", "junit,ndjson",
        "--report-junit-path", str(reports / "control-junit.xml"),
        "--report-ndjson-path", str(reports / "control-events.ndjson"),
        "--no-color",
    ]  # fmt: skip
    if options.workers:
        command += ["--workers", str(options.workers)]
    if options.seed is not None:
        command += ["--seed", str(options.seed)]
    if options.rate_limit:
        command += ["--rate-limit", options.rate_limit]
    if not options.tls_verify:
        command += ["--tls-verify", "false"]
    return command


def control_environment(key: str, cache: Path) -> dict[str, str]:
    """The environment of the control API's `st`: the operator key and the web view's cookie for it, its
    cache folder, and none of the Graph run's settings."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("GRAPHSYNC_FUZZ_")}
    env.pop("SCHEMATHESIS_HOOKS", None)  # fuzz/control.toml names fuzz.hooks
    return {
        **env,
        CONTROL_KEY_VARIABLE: key,
        CONTROL_COOKIE_VARIABLE: session(key),
        CACHE_VARIABLE: str(cache),
        "PYTHONUNBUFFERED": "1",
    }


def st_environment(
    plan: Plan, identities_file: Path, probe_share: float, stats_file: Path, cache: Path
) -> dict[str, str]:
    """The environment of `st`: schemathesis.toml's ${...} values, and what the hooks and checks read."""
    env = {
        **os.environ,
        "GRAPHSYNC_FUZZ_TOKEN": plan.main.token,
        "GRAPHSYNC_FUZZ_SP_ID": plan.sp_id,
        "GRAPHSYNC_FUZZ_APP_ID": plan.app_id,
        "GRAPHSYNC_FUZZ_SP_TEMPLATES": plan.sp_templates,
        "GRAPHSYNC_FUZZ_APP_TEMPLATES": plan.app_templates,
        **({"GRAPHSYNC_FUZZ_SUBJECTS": plan.subjects} if plan.subjects else {}),
        **({"GRAPHSYNC_FUZZ_DIRECTORIES": plan.directories} if plan.directories else {}),
        "GRAPHSYNC_FUZZ_IDENTITIES": str(identities_file),
        "GRAPHSYNC_FUZZ_PROBE_SHARE": str(probe_share),
        "GRAPHSYNC_FUZZ_STATS": str(stats_file),
        CACHE_VARIABLE: str(cache),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("SCHEMATHESIS_HOOKS", None)  # schemathesis.toml names fuzz.hooks
    return env


def run_schemathesis(
    command: list[str], env: dict[str, str], log_path: Path, rewrite: Callable[[str], str] = str
) -> tuple[int, float]:
    """Run st, copying its output, each line passed through `rewrite`, to the terminal and to log_path;
    (exit status, wall time)."""
    start = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        log.write("$ " + shlex.join(command[2:]).replace(str(ROOT) + "/", "") + "\n\n")
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace",
        )  # fmt: skip
        try:
            assert process.stdout is not None
            for line in process.stdout:
                line = rewrite(line)
                sys.stdout.write(line)
                sys.stdout.flush()
                log.write(line)
            status = process.wait()
        except BaseException:
            _interrupt(process)
            raise
    return status, time.monotonic() - start


def _interrupt(process: subprocess.Popen[str]) -> None:
    """Stop st as Ctrl-C would (it prints what it has) and wait for it; SIGKILL after 20 s."""
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGINT)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
