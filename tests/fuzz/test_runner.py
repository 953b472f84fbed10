"""Tests of `make fuzz` (fuzz/run.py, fuzz/runner/): its arguments, messages and report, and three real runs.

Two real runs fuzz one operation over a socket, in URL mode: against the emulator (must pass) and
against a variant with a planted bug (must fail, and the report must say why). The third starts the
emulator and fuzzes only its control API, a few examples per operation. The full run is `make fuzz`
itself.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.asgi import RewriteJobs, null_job_settings

from fuzz.runner.callers import emulator_identities, mint_tokens
from fuzz.runner.cli import parse_args
from fuzz.runner.command import control_command, control_environment, st_command
from fuzz.runner.emulator import Emulator, write_operator_key
from fuzz.runner.errors import RunError, UsageError
from fuzz.runner.events import Results, read_events
from fuzz.runner.main import main as fuzz_main
from fuzz.runner.options import CONTROL_KEY_VARIABLE
from fuzz.runner.plan import control_url
from fuzz.runner.preflight import control_preflight, preflight
from fuzz.runner.report import Run, overall_verdict, verdict_for, write_report
from graphsync import demo

ROOT = Path(__file__).resolve().parents[2]

TOKEN_VARIABLE = "GRAPHSYNC_FUZZ_TOKEN"


@pytest.fixture(autouse=True)
def _no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    monkeypatch.delenv(CONTROL_KEY_VARIABLE, raising=False)


def usage_error(*argv: str) -> str:
    with pytest.raises(UsageError) as error:
        parse_args(list(argv))
    return str(error.value)


# --- Arguments ----------------------------------------------------------------------------------


def test_url_without_token_is_a_readable_error() -> None:
    message = usage_error("--url", "https://graph.example/v1.0")
    assert "URL is given but no TOKEN" in message
    assert "make fuzz URL=https://host/v1.0 TOKEN=" in message


def test_bad_arguments_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert "not an http(s) URL" in usage_error("--url", "graph.example")
    assert "unknown phase(s) fuzz" in usage_error("--phases", "examples,fuzz")
    assert "RATE='fast'" in usage_error("--rate-limit", "fast")
    assert "not a valid regular expression" in usage_error("--exclude", "(")
    assert "IDENTITIES only applies with URL" in usage_error("--identities", str(tmp_path))
    monkeypatch.setenv(TOKEN_VARIABLE, "abc")
    assert "TOKEN is only used with URL" in usage_error()
    assert "IDENTITIES='nope.json': no such file" in usage_error(
        "--url", "http://127.0.0.1:1/v1.0", "--identities", "nope.json"
    )


def test_a_bad_option_is_one_line_not_the_usage() -> None:
    assert usage_error("--max-examples", "abc") == (
        "argument --max-examples: not a whole number: 'abc' (fuzz/run.py --help lists the options)"
    )
    assert "cannot be split into options: No closing quotation" in usage_error("--st-options", "--x 'a")


def test_url_with_spaces_is_refused_and_values_are_stripped(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "not an http(s) URL without spaces" in usage_error("--url", "http://h/v1.0' || touch x || '")
    monkeypatch.setenv(TOKEN_VARIABLE, "t")
    args = parse_args(["--url", " http://h/v1.0 ", "--sp-id", " x ", "--st-options", "--header 'A: b c'"])
    assert (args.url, args.sp_id) == ("http://h/v1.0", "x")
    assert st_command(args, args.url, Path("r"))[-2:] == ["--header", "A: b c"]


@pytest.mark.parametrize("value", ["abc", "0", "2.5"])
def test_max_pages_is_checked_before_the_run(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("GRAPHSYNC_FUZZ_MAX_PAGES", value)
    assert usage_error() == f"GRAPHSYNC_FUZZ_MAX_PAGES={value!r}: expected a whole number of at least 1"


def test_the_callers_probe_share_variable_is_replaced_not_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHSYNC_FUZZ_PROBE_SHARE", "abc")  # the runner sets it from --probe-share
    assert parse_args([]).probe_share == 1.0
    assert "--probe-share must be between 0 and 1" in usage_error("--probe-share", "nan")


def test_main_prints_one_line_and_exits_2_for_a_bad_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GRAPHSYNC_FUZZ_MAX_PAGES", "many")
    assert fuzz_main([]) == 2
    assert capsys.readouterr().err == (
        "make fuzz: error: GRAPHSYNC_FUZZ_MAX_PAGES='many': expected a whole number of at least 1\n"
        "make fuzz: exit status 2 (usage error)\n"
    )


def test_defaults() -> None:
    args = parse_args([])
    assert args.max_examples == 200
    assert args.phases == "examples,coverage,fuzzing,stateful"
    assert args.url == "" and args.tls_verify
    assert args.control == "on" and args.control_max_examples == 100


# --- The control API ----------------------------------------------------------------------------


def test_the_control_api_is_fuzzed_with_the_emulator_and_with_a_url_only_when_its_key_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert parse_args(["--control", "only"]).control == "only"
    assert parse_args(["--control", "off"]).control == "off"
    monkeypatch.setenv(TOKEN_VARIABLE, "t")
    url = ["--url", "http://127.0.0.1:1/v1.0"]
    assert parse_args(url).control == "off"  # another implementation has no control plane
    assert "CONTROL=on with URL needs CONTROL_KEY" in usage_error(*url, "--control", "on")
    monkeypatch.setenv(CONTROL_KEY_VARIABLE, "k" * 20)
    assert parse_args(url).control == "on"
    assert parse_args([*url, "--control", "off"]).control == "off"
    monkeypatch.delenv(TOKEN_VARIABLE)
    assert parse_args([*url, "--control", "only"]).control == "only"  # no Graph run: no TOKEN needed
    assert "URL is given but no TOKEN" in usage_error(*url)
    assert "CONTROL_KEY is only used with URL" in usage_error()
    assert "invalid choice: 'sometimes'" in usage_error("--control", "sometimes")


def test_the_control_api_is_beside_the_urls_api_version() -> None:
    assert control_url("http://127.0.0.1:8000/v1.0") == "http://127.0.0.1:8000"
    assert control_url("https://host/graph/beta/") == "https://host/graph"
    assert control_url("https://host") == "https://host"


def test_the_control_run_has_its_own_document_configuration_and_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = parse_args(
        ["--control-max-examples", "7", "--seed", "3", "--exclude", "^DELETE ", "--st-options", "--x y"]
    )
    command = control_command(args, "http://127.0.0.1:9", Path("r"))
    assert command[3:7] == ["--config-file", "fuzz/control.toml", "run", "src/graphsync/control/openapi.yaml"]
    assert command[command.index("--max-examples") + 1] == "7" and "--seed" in command
    assert "--exclude-name-regex" not in command and "--x" not in command  # the Graph run's options
    monkeypatch.setenv(TOKEN_VARIABLE, "graph-token")
    env = control_environment("the-key", Path("r/cache/control"))
    assert env[CONTROL_KEY_VARIABLE] == "the-key" and TOKEN_VARIABLE not in env


def test_the_emulator_gets_the_runs_operator_key_file(tmp_path: Path) -> None:
    key = write_operator_key(tmp_path / "operator-key")
    assert (tmp_path / "operator-key").read_text() == key + "\n" and len(key) >= 40
    assert (tmp_path / "operator-key").stat().st_mode & 0o077 == 0
    args = Emulator(tmp_path, None, tmp_path / "key.pem", tmp_path / "operator-key").process.args
    assert args == ["--operator-key-file", str(tmp_path / "operator-key")]


def test_make_fuzz_with_url_and_no_token_exits_2_with_the_usage() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("TOKEN", TOKEN_VARIABLE, "MAKEFLAGS", "MFLAGS")}
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "fuzz", "URL=http://127.0.0.1:9/v1.0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "make fuzz: error: URL is given but no TOKEN" in result.stderr


# --- The emulator -------------------------------------------------------------------------------


def test_the_emulator_gets_none_of_the_callers_graphsync_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    caller = {
        "PATH": "/usr/bin",
        "GRAPHSYNC_JWKS": "/etc/jwks.json",
        "GRAPHSYNC_AUDIENCES": "api://elsewhere",
        "GRAPHSYNC_SIGNING_KEY": "/home/me/key.pem",
        "GRAPHSYNC_FUZZ_TOKEN": "t",
    }
    for name, value in caller.items():
        monkeypatch.setenv(name, value)
    env = Emulator(Path("/tmp/run"), None, Path("/tmp/run/key.pem")).process.environment()
    assert env["PATH"] == "/usr/bin"
    assert {name: value for name, value in env.items() if name.startswith("GRAPHSYNC_")} == {
        "GRAPHSYNC_HOST": "127.0.0.1",
        "GRAPHSYNC_DB": "sqlite:////tmp/run/fuzz.db",
        "GRAPHSYNC_SIGNING_KEY": "/tmp/run/key.pem",
        "GRAPHSYNC_LOG_LEVEL": "warning",
    }


@pytest.mark.socket
def test_the_emulator_accepts_its_tokens_whatever_graphsync_variables_the_caller_has(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    hostile = {
        "GRAPHSYNC_AUDIENCES": "api://elsewhere",
        "GRAPHSYNC_JWKS": str(tmp_path / "missing-jwks.json"),
        "GRAPHSYNC_SPEC": str(tmp_path / "missing-openapi.yaml"),
        "GRAPHSYNC_RATE_LIMIT_PER_S": "abc",
        "GRAPHSYNC_PUBLIC_URL": "https://elsewhere.example",
    }
    for name, value in hostile.items():
        monkeypatch.setenv(name, value)
    main, _ = emulator_identities()
    mint_tokens([main], tmp_path / "key.pem")
    demo_seed = tmp_path / "demo.yaml"
    demo_seed.write_text(yaml.safe_dump(demo.SEED))
    emulator = Emulator(tmp_path, demo_seed, tmp_path / "key.pem")
    try:
        base_url = emulator.start()
        preflight(base_url, main.token, [("servicePrincipals", demo.BOX_SP)], tls_verify=True)
    finally:
        emulator.stop()


# --- Preflight ----------------------------------------------------------------------------------


@contextlib.contextmanager
def answering(status: int, body: dict[str, Any]) -> Iterator[str]:
    """An HTTP server answering every request with `status` and `body`; yields its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1.0"
    finally:
        server.shutdown()
        server.server_close()


def test_control_preflight_explains_a_refused_key_and_a_server_without_control_api() -> None:
    refused = {"error": {"code": "InvalidAuthenticationToken", "message": "no"}}
    with answering(401, refused) as url, pytest.raises(RunError) as error:
        control_preflight(url.removesuffix("/v1.0"), "k", tls_verify=True)
    assert "the operator key was refused" in str(error.value)
    with answering(404, {}) as url, pytest.raises(RunError) as error:
        control_preflight(url.removesuffix("/v1.0"), "k", tls_verify=True)
    assert "CONTROL=off" in str(error.value)


def test_preflight_explains_a_refused_token_and_a_missing_owner() -> None:
    owners = [("servicePrincipals", demo.BOX_SP)]
    expired = {"error": {"code": "InvalidAuthenticationToken", "message": "Access token has expired."}}
    with answering(401, expired) as url, pytest.raises(RunError) as error:
        preflight(url, "t", owners, tls_verify=True)
    assert "answered 401: the token was refused" in str(error.value)
    assert "Access token has expired." in str(error.value)
    with answering(404, {}) as url, pytest.raises(RunError) as error:
        preflight(url, "t", owners, tls_verify=True)
    assert "SP_ID=" in str(error.value)
    with pytest.raises(RunError) as error:
        preflight("http://127.0.0.1:9/v1.0", "t", owners, tls_verify=True)
    assert "cannot reach" in str(error.value)


def test_a_run_that_cannot_start_leaves_the_last_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run's reports (say a `make fuzz` in progress) survive a run whose target does not answer."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "st-output.txt").write_text("the last run", encoding="utf-8")
    monkeypatch.setenv(TOKEN_VARIABLE, "t")
    status = fuzz_main(["--url", "http://127.0.0.1:9/v1.0", "--reports", str(reports)])
    assert status != 0
    assert (reports / "st-output.txt").read_text(encoding="utf-8") == "the last run"


# --- Report -------------------------------------------------------------------------------------


def test_report_counts_cases_per_phase_and_operation(tmp_path: Path) -> None:
    events = tmp_path / "events.ndjson"

    def scenario(phase: str, label: str, statuses: list[int], offset: int) -> dict[str, Any]:
        method, path = label.split(" ", 1)
        ids = [f"c{offset + i}" for i in range(len(statuses))]
        return {"ScenarioFinished": {"phase": phase, "recorder": {
            "cases": {i: {"value": {"method": method, "path": path}} for i in ids},
            "interactions": {i: {"response": {"status_code": s}} for i, s in zip(ids, statuses, strict=True)},
        }}}  # fmt: skip

    lines = [
        {"Initialize": {"seed": 42, "schemathesis_version": "4.32.5"}},
        {"PhaseStarted": {"phase": {"name": "fuzzing"}, "timestamp": 10.0}},
        scenario(
            "fuzzing", "GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs", [200, 200, 400], 0
        ),
        scenario("fuzzing", "PUT /servicePrincipals/{servicePrincipal-id}/synchronization/jobs", [405], 10),
        {"PhaseFinished": {"phase": {"name": "fuzzing"}, "timestamp": 14.0, "status": "success"}},
    ]
    events.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    results = read_events(events)
    assert results.cases == 4 and results.positive_2xx == 2 and results.seed == "42"
    assert results.phases["fuzzing"] == {"cases": 4, "status": "success", "seconds": 4.0}
    args = parse_args(["--max-examples", "5"])
    main, others = emulator_identities()
    output = "=== FAILURES ===\nsomething broke\n=== SUMMARY ===\n  4 generated, 1 found 1 unique failures\n"
    files = (tmp_path / "junit.xml", tmp_path / "st-output.txt", events)
    graph = Run(results, 1, 2.0, output, ["python", "-m", "schemathesis.cli", "run", "openapi.yaml"], files)
    text = write_report(
        tmp_path / "report.md", options=args, target="t", main=main, others=others, wall_seconds=3.0,
        stats={"identity_probes": 7}, graph=graph,
    )  # fmt: skip
    assert "**Result: FAILED (schemathesis exit status 1" in text
    assert "Cases run: 4 (2.0 cases/s)" in text and "Wall time: 3.0 s" in text
    assert "something broke" in text and "7 identity replays" in text and "repeat with FUZZ_SEED=42" in text
    listing = "| `GET /servicePrincipals/{servicePrincipal-id}/synchronization/jobs` | 0 | 0 | 3 | 0 | 200: 2, 400: 1 |"
    assert listing in text, text
    assert "| other methods on the declared paths |  |  |  |  | 405: 1 (1) |" in text, text
    assert "## Control API" not in text
    assert verdict_for(0, results)[1] == 0
    assert verdict_for(0, Results(cases=3))[0].startswith("FAILED (no request succeeded")


def test_report_has_a_section_for_the_control_api_and_fails_when_it_fails(tmp_path: Path) -> None:
    events = tmp_path / "control-events.ndjson"
    lines = [
        {"Initialize": {"seed": 7, "schemathesis_version": "4.32.5"}},
        {"ScenarioFinished": {"phase": "fuzzing", "recorder": {
            "cases": {"a": {"value": {"method": "GET", "path": "/_graphsync/clock"}}},
            "interactions": {"a": {"response": {"status_code": 200}}},
        }}},
    ]  # fmt: skip
    events.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    files = (tmp_path / "control-junit.xml", tmp_path / "control-st-output.txt", events)
    command = ["python", "-m", "schemathesis.cli", "--config-file", "fuzz/control.toml", "run", "x.yaml"]
    passed = Run(read_events(events), 0, 1.0, "", command, files)
    failed = Run(read_events(events), 1, 1.0, "=== FAILURES ===\nthe clock broke\n", command, files)
    assert overall_verdict(passed, passed) == ("PASSED (no failure, no warning)", 0)
    assert overall_verdict(passed, failed) == ("FAILED (control API: see below)", 1)
    assert overall_verdict(None, failed)[1] == 1
    main, others = emulator_identities()
    text = write_report(
        tmp_path / "report.md", options=parse_args([]), target="t", main=main, others=others, wall_seconds=3.0,
        stats={}, graph=passed, control=failed, control_target="http://h/_graphsync/",
    )  # fmt: skip
    assert "**Result: FAILED (control API: see below)**" in text
    assert "- Control API: FAILED (schemathesis exit status 1" in text
    assert "## Control API" in text and "| `GET /_graphsync/clock` | 0 | 0 | 1 | 0 | 200: 1 |" in text, text
    assert "the clock broke" in text.split("## Control API", 1)[1]
    assert "Command: `st --config-file fuzz/control.toml run x.yaml`" in text


# --- Real runs over a socket --------------------------------------------------------------------


def fuzz_url(url: str, token: str, reports: Path) -> subprocess.CompletedProcess[str]:
    """fuzz/run.py in URL mode, limited to creating jobs on the service principal (a few seconds)."""
    command = [
        sys.executable, str(ROOT / "fuzz" / "run.py"), "--url", url, "--reports", str(reports),
        "--include", r"^POST /servicePrincipals/\{servicePrincipal-id\}/synchronization/jobs$",
        "--phases", "examples,fuzzing", "--max-examples", "10", "--seed", "1",
    ]  # fmt: skip
    env = {**os.environ, TOKEN_VARIABLE: token}
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.socket
@pytest.mark.slow
def test_url_mode_passes_against_a_second_emulator(
    emulator: tuple[Any, str], serving: Any, tmp_path: Path
) -> None:
    app, token = emulator
    with serving(app) as url:
        result = fuzz_url(url, token, tmp_path)
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "**Result: PASSED" in report and f"- Target: {url}" in report
    assert (tmp_path / "junit.xml").is_file()


@pytest.mark.socket
@pytest.mark.slow
def test_url_mode_fails_when_a_non_nullable_field_is_null(
    emulator: tuple[Any, str], serving: Any, tmp_path: Path
) -> None:
    app, token = emulator
    with serving(RewriteJobs(app, null_job_settings)) as url:
        result = fuzz_url(url, token, tmp_path)
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert result.returncode == 1, result.stdout[-3000:]
    assert result.stderr.splitlines()[-1] == "make fuzz: exit status 1 (conformance failure)"
    assert "**Result: FAILED" in report
    assert "Response violates schema" in report and "synchronizationJobSettings" in report, report
    assert 'failures="0"' not in (tmp_path / "junit.xml").read_text(encoding="utf-8")


@pytest.mark.socket
@pytest.mark.slow
def test_control_only_run_starts_the_emulator_with_its_key_and_passes(tmp_path: Path) -> None:
    """`make fuzz CONTROL=only`, a few examples per operation: the emulator gets the run's operator key."""
    command = [
        sys.executable, str(ROOT / "fuzz" / "run.py"), "--control", "only", "--reports", str(tmp_path),
        "--phases", "examples,fuzzing", "--control-max-examples", "3", "--seed", "1",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHSYNC_")}
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "**Result: PASSED" in report and "- Control API: PASSED" in report, report
    assert "## Identities" not in report and "`POST /_graphsync/faults`" in report
    assert (tmp_path / "control-junit.xml").is_file() and not (tmp_path / "junit.xml").exists()
