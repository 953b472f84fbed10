"""The runner as a CI tool: its exit statuses (directly and through `make fuzz`) and `make fuzz-replay`.

The real runs fuzz one operation of a second emulator served on a loopback port, with a planted bug,
through `make fuzz`; the replay command the report prints is then run as printed, against the same server
(the failure occurs again) and against the emulator started again (a run of the emulator: it no longer
occurs).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
from support.asgi import RewriteJobs, null_job_settings

from fuzz.runner import main as runner_main
from fuzz.runner.cli import parse_args
from fuzz.runner.command import control_environment, st_environment
from fuzz.runner.errors import RunError
from fuzz.runner.hints import mentions_replay, replay_command, rewrite_hint
from fuzz.runner.options import CONTROL_KEY_VARIABLE
from fuzz.runner.paths import CACHE_VARIABLE, DEFAULT_REPORTS, ROOT, cache_dir
from fuzz.runner.plan import plan_for_url
from fuzz.runner.record import RECORD, read_record, write_record
from fuzz.runner.replay import _command, _headers
from fuzz.runner.replay import main as replay_main

TOKEN_VARIABLE = "GRAPHSYNC_FUZZ_TOKEN"
MAKE_ERROR = re.compile(r"make: \*\*\* \[mk/fuzz\.mk:\d+: (?P<target>[\w-]+)\] Error (?P<status>\d+)")
DEFAULT_SIGINT_EXEC = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp('make', sys.argv[1:])"
)
CREATE = r"^POST /servicePrincipals/\{servicePrincipal-id\}/synchronization/jobs$"


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    monkeypatch.delenv(CONTROL_KEY_VARIABLE, raising=False)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a make or runner subprocess: none of the caller's make or fuzz variables."""
    dropped = ("TOKEN", "CONTROL_KEY", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("GRAPHSYNC_")}
    return {**env, **extra}


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", "-s", *args], cwd=ROOT, env=env or clean_env(),
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def last_lines(text: str, count: int) -> list[str]:
    return text.strip().splitlines()[-count:]


# --- Exit statuses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "status", "line"),
    [
        (0, 0, "make fuzz: exit status 0 (passed)"),
        (1, 1, "make fuzz: exit status 1 (conformance failure)"),
        (
            RunError("the emulator did not start"),
            1,
            "make fuzz: exit status 1 (the target could not be fuzzed)",
        ),
        (KeyboardInterrupt(), 130, "make fuzz: exit status 130 (interrupted)"),
    ],
)
def test_the_runner_names_its_exit_status_on_its_last_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], outcome: Any, status: int, line: str
) -> None:
    def run(options: Any) -> int:
        if isinstance(outcome, BaseException):
            raise outcome
        return int(outcome)

    monkeypatch.setattr(runner_main, "run", run)
    assert runner_main.main([]) == status
    assert capsys.readouterr().err.splitlines()[-1] == line


def test_a_usage_error_exits_2_from_the_runner_itself() -> None:
    result = subprocess.run(
        [sys.executable, "fuzz/run.py", "--url", "notaurl"], cwd=ROOT, env=clean_env(),
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert last_lines(result.stderr, 2) == [
        (
            "make fuzz: error: URL='notaurl' is not an http(s) URL without spaces; give the API's base URL, "
            "e.g. https://host/v1.0"
        ),
        "make fuzz: exit status 2 (usage error)",
    ]


def test_make_fuzz_exits_2_for_any_failure_after_naming_the_runners_status() -> None:
    result = make("fuzz", "URL=notaurl")
    assert result.returncode == 2
    runner_line, make_line = last_lines(result.stderr, 2)
    assert runner_line == "make fuzz: exit status 2 (usage error)"
    match = MAKE_ERROR.fullmatch(make_line)
    assert match is not None and match["target"] == "fuzz" and match["status"] == "2", make_line


def test_make_n_fuzz_prints_the_runner_command_ci_can_run_for_its_own_status() -> None:
    result = make("-n", "fuzz", "URL=https://graph.example/v1.0", "MAX_EXAMPLES=5", "REPORTS=/tmp/r s")
    command = shlex.split(result.stdout.strip().splitlines()[-1])
    assert command[1:2] == ["fuzz/run.py"] and "--url" in command
    assert command[command.index("--reports") + 1] == "/tmp/r s"
    assert command[command.index("--max-examples") + 1] == "5"


@pytest.mark.socket
@pytest.mark.slow
def test_ctrl_c_interrupts_make_fuzz_and_the_runner_says_130(tmp_path: Path) -> None:
    """Ctrl-C reaches make and the runner: the runner stops the emulator and exits 130, make dies of SIGINT."""
    process = subprocess.Popen(
        # make with Ctrl-C's default action, as at a terminal: a test run started in the background
        # (`cmd &`) ignores SIGINT, and its children would inherit that
        [sys.executable, "-c", DEFAULT_SIGINT_EXEC,
         "make", "--no-print-directory", "-s", "fuzz", "CONTROL=only", f"REPORTS={tmp_path}"],
        cwd=ROOT, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("==> starting the emulator"), first
        time.sleep(0.5)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == -signal.SIGINT, stderr  # 130 in a shell
    assert "make fuzz: exit status 130 (interrupted)" in stderr, stderr


# --- Replay: its command, its record, its usage errors ------------------------------------------


def test_the_replay_command_replaces_schemathesis_hint(tmp_path: Path) -> None:
    assert rewrite_hint("    st replay DRh1Wc\n", DEFAULT_REPORTS) == "    make fuzz-replay ID=DRh1Wc\n"
    other = tmp_path / "my reports"
    assert replay_command("a_b-1", other) == f"make fuzz-replay ID=a_b-1 REPORTS='{other}'"
    assert rewrite_hint("Reproduce with:\n", other) == "Reproduce with:\n"
    assert mentions_replay("x\n    make fuzz-replay ID=abc REPORTS=r\n", "abc")
    assert mentions_replay("    st replay abc\n", "abc") and not mentions_replay(
        "    st replay abcd\n", "abc"
    )


def test_the_record_keeps_the_runs_options_without_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "secret-token")
    identities = tmp_path / "identities.json"
    identities.write_text('{"identities": []}')
    monkeypatch.chdir(tmp_path)
    options = parse_args(
        ["--url", "http://h/v1.0", "--identities", "identities.json", "--exclude", "^DELETE "]
    )
    write_record(tmp_path, options)
    assert "secret-token" not in (tmp_path / RECORD).read_text()
    again = read_record(tmp_path)
    assert (
        again.identities == str(identities)
        and again.exclude == ("^DELETE ",)
        and again.url == "http://h/v1.0"
    )


def replay(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    status = replay_main(list(argv))
    return status, capsys.readouterr().err.strip().splitlines()


def test_replay_usage_errors_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, lines = replay(capsys, "--reports", str(tmp_path))
    assert status == 2 and lines[-1] == "make fuzz-replay: exit status 2 (usage error)"
    assert lines[0].startswith("make fuzz-replay: error: ID is missing: `make fuzz-replay ID=<case id>`")
    assert "is not a schemathesis case id" in replay(capsys, "a b")[1][0]
    assert "run.json does not exist" in replay(capsys, "abc", "--reports", str(tmp_path))[1][0]
    write_record(tmp_path, parse_args([]))
    (tmp_path / "st-output.txt").write_text("    make fuzz-replay ID=other\n")
    status, lines = replay(capsys, "abc", "--reports", str(tmp_path))
    assert status == 2 and "ID=abc is not a failure of the run in" in lines[0], lines


def test_replaying_a_url_run_needs_its_token_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "t")
    write_record(tmp_path, parse_args(["--url", "http://127.0.0.1:9/v1.0"]))
    monkeypatch.delenv(TOKEN_VARIABLE)
    (tmp_path / "st-output.txt").write_text("    st replay abc\n")
    status, lines = replay(capsys, "abc", "--reports", str(tmp_path))
    assert status == 2 and "its replay needs the TOKEN again (`TOKEN=... make fuzz-replay ID=abc" in lines[0]
    monkeypatch.setenv(TOKEN_VARIABLE, "t")
    status, lines = replay(capsys, "nocrashfile0", "--reports", str(tmp_path))
    assert status == 2  # not offered by the run
    (tmp_path / "st-output.txt").write_text("    st replay nocrashfile0\n")
    status, lines = replay(capsys, "nocrashfile0", "--reports", str(tmp_path))
    assert status == 1 and "no crash file of case nocrashfile0" in lines[0], lines


def test_each_run_keeps_its_crash_files_in_its_own_report_folder_where_the_replay_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for config in ("schemathesis.toml", "fuzz/control.toml"):
        assert tomllib.loads((ROOT / config).read_text())["cache"]["directory"] == f"${{{CACHE_VARIABLE}}}"
    monkeypatch.setenv(TOKEN_VARIABLE, "t")
    options = parse_args(["--url", "http://127.0.0.1:9/v1.0"])
    plan = plan_for_url(options)
    folders: set[str] = set()
    for reports in (tmp_path / "one", tmp_path / "two"):  # e.g. two runs at once, as make test's workers do
        graph = st_environment(
            plan, tmp_path / "i.json", 1.0, tmp_path / "s.json", cache_dir(reports, "graph")
        )
        control = control_environment("key", cache_dir(reports, "control"))
        for run, env in (("graph", graph), ("control", control)):
            assert Path(env[CACHE_VARIABLE]).parent.parent == reports.resolve()
            replayed = _command("abc", run, options, plan, tmp_path, cache_dir(reports, run))[1]
            assert replayed[CACHE_VARIABLE] == env[CACHE_VARIABLE]
            folders.add(env[CACHE_VARIABLE])
    assert len(folders) == 4


def test_the_runs_headers_are_sent_by_the_replay_too() -> None:
    options = ["--request-timeout", "60", "-H", "X-A: 1", "--header=X-B: 2", "--header", "X-C: 3"]
    assert _headers(options) == ["--header", "X-A: 1", "--header", "X-B: 2", "--header", "X-C: 3"]


def test_a_control_api_case_is_replayed_with_its_runs_configuration_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, "graph-token")
    monkeypatch.setenv(CONTROL_KEY_VARIABLE, "the-operator-key")
    options = parse_args(["--url", "http://127.0.0.1:9/v1.0", "--st-options", "-H 'X-A: 1'"])
    plan = plan_for_url(options)
    command, env = _command("abc", "control", options, plan, tmp_path, tmp_path / "cache")
    assert command[3:] == [
        "--config-file", "fuzz/control.toml", "replay", "abc", "--keep", "--url", "http://127.0.0.1:9",
    ]  # fmt: skip
    assert env[CONTROL_KEY_VARIABLE] == "the-operator-key" and TOKEN_VARIABLE not in env
    command, env = _command("abc", "graph", options, plan, tmp_path, tmp_path / "cache")
    assert command[3:] == [
        "replay",
        "abc",
        "--keep",
        "--url",
        "http://127.0.0.1:9/v1.0",
        "--header",
        "X-A: 1",
    ]
    assert env[TOKEN_VARIABLE] == "graph-token" and env["GRAPHSYNC_FUZZ_PROBE_SHARE"] == "1.0"


# --- A real failure, through make, and its replay as printed ------------------------------------


@pytest.mark.socket
@pytest.mark.slow
def test_a_conformance_failure_through_make_and_its_replay_as_printed(
    emulator: tuple[Any, str], serving: Any, tmp_path: Path
) -> None:
    app, token = emulator
    reports = tmp_path / "reports"
    env = clean_env(TOKEN=token)  # exported, as docs/fuzzing.md says, off make's command line
    with serving(RewriteJobs(app, null_job_settings)) as url:
        result = make(
            "fuzz", f"URL={url}", f"REPORTS={reports}", f"INCLUDE={CREATE}", "PHASES=examples,fuzzing",
            "MAX_EXAMPLES=10", "FUZZ_SEED=1", env=env,
        )  # fmt: skip
        assert result.returncode == 2, result.stdout[-3000:] + result.stderr[-2000:]
        runner_line, make_line = last_lines(result.stderr, 2)
        assert runner_line == "make fuzz: exit status 1 (conformance failure)"
        assert MAKE_ERROR.fullmatch(make_line) and make_line.endswith("Error 1"), make_line

        report = (reports / "report.md").read_text(encoding="utf-8")
        assert "st replay" not in report and "st replay" not in result.stdout
        printed = re.findall(r"^\s*(make fuzz-replay ID=\S+ REPORTS=\S+)$", report, re.MULTILINE)
        assert printed and "## Replaying a failure" in report, report
        case_id = re.search(r"ID=(\S+)", printed[0]).group(1)  # type: ignore[union-attr]
        assert json.loads((reports / RECORD).read_text())["url"] == url

        # The command as printed: st replay against the same server, which fails again.
        again = subprocess.run(
            shlex.split(printed[0]),
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert again.returncode == 2, again.stdout[-3000:] + again.stderr[-2000:]
        assert last_lines(again.stderr, 2)[0] == "make fuzz-replay: exit status 1 (the failure occurs again)"
        assert f"st replay {case_id} --keep --url {url}" in again.stdout
        assert "synchronizationJobSettings" in again.stdout, again.stdout[-3000:]

    # Recorded as a run of the emulator: the replay starts one, which has no such bug.
    record = json.loads((reports / RECORD).read_text())
    (reports / RECORD).write_text(json.dumps({**record, "url": ""}))
    fixed = subprocess.run(
        [sys.executable, "fuzz/run.py", "replay", case_id, "--reports", str(reports)],
        cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert fixed.returncode == 0, fixed.stdout[-3000:] + fixed.stderr[-2000:]
    assert "==> starting the emulator as the run did" in fixed.stdout
    assert (
        fixed.stderr.strip().splitlines()[-1]
        == "make fuzz-replay: exit status 0 (the failure no longer occurs)"
    )


class CreatedAs200:
    """Wraps an ASGI app: a 201 is answered as 200, a status openapi.yaml does not document for create."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def relabel(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and message["status"] == 201:
                message = {**message, "status": 200}
            await send(message)

        await self.app(scope, receive, relabel if scope["type"] == "http" else send)


@pytest.mark.socket
@pytest.mark.slow
def test_the_report_names_an_undocumented_success_and_what_its_body_breaks(
    emulator: tuple[Any, str], serving: Any, tmp_path: Path
) -> None:
    app, token = emulator
    with serving(CreatedAs200(RewriteJobs(app, null_job_settings))) as url:
        command = [
            sys.executable, "fuzz/run.py", "--url", url, "--reports", str(tmp_path), "--include", CREATE,
            "--phases", "examples", "--max-examples", "5", "--seed", "1",
        ]  # fmt: skip
        result = subprocess.run(
            command, cwd=ROOT, env=clean_env(**{TOKEN_VARIABLE: token}), capture_output=True, text=True,
            timeout=300, check=False,
        )  # fmt: skip
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert result.returncode == 1, result.stdout[-3000:]
    assert "Undocumented status code" in report and "Received: 200" in report, (
        report
    )  # schemathesis: the status
    assert "is not a documented status (documented success: 201)" in report, report  # the check: the body
    assert 'null is not of type "array"' in report.split("is not a documented status", 1)[1]
