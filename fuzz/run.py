"""`make fuzz`: conformance fuzzing of the emulator, or of any implementation, with schemathesis.

Without --url: starts `graphsync serve` on a free loopback port with a temporary SQLite database
and the demo seed, mints a token for each identity, fuzzes it, and stops it (also on failure and
on Ctrl-C). With --url: fuzzes that implementation with the token in $GRAPHSYNC_FUZZ_TOKEN.

Either way it runs the pinned schemathesis on openapi.yaml with every check (the built-in ones and
fuzz/checks.py) and the phases examples, coverage, fuzzing and stateful, configured by
schemathesis.toml, and writes under reports/fuzz/: junit.xml, report.md (human-readable, with
wall time, cases and cases per second), st-output.txt and events.ndjson. Exit status: 0 only when
schemathesis found no failure and raised no warning; 1 otherwise; 2 for bad arguments; 130 when
interrupted. docs/fuzzing.md is the manual.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import platform
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python fuzz/run.py` puts fuzz/, not the root, on sys.path: for fuzz.checks
    sys.path.insert(0, str(ROOT))
SPEC = ROOT / "openapi.yaml"
DEFAULT_REPORTS = ROOT / "reports" / "fuzz"
PHASES = ("examples", "coverage", "fuzzing", "stateful")

# The demo seed (src/graphsync/seeds/demo.yaml): the tenant, the service principal and application
# fuzzed, the automation app that calls, and a second tenant where the same app also has permissions.
DEMO_TENANT = "8442fd39-2183-419c-8732-74b6ce866bd5"
OTHER_TENANT = "0b3c6a8e-64c4-4f0e-9d4f-6a4cf1a1f4aa"
DEMO_SP_ID = "60443998-8cf7-4e61-b05c-a53b658cb5e1"
DEMO_APP_OBJECT_ID = "2d99cbd6-c369-41ba-b2c7-58a1325248a5"
AUTOMATION_APP_ID = "5c12dc7f-4013-4cd9-81c7-d199d7301263"  # its service principal owns both objects above
STRANGER_APP_ID = (
    "eb5b1974-ec10-4db3-ab96-76725ab483b0"  # has a service principal in the tenant, owns neither
)
APPLICATION_ADMINISTRATOR = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
READ_WRITE = "Synchronization.ReadWrite.All"
READ = "Synchronization.Read.All"
OWNED_BY = "Application.ReadWrite.OwnedBy"
TOKEN_LIFETIME_S = 6 * 3600
SERVER_START_TIMEOUT_S = 60.0
SERVER_STOP_TIMEOUT_S = 15.0


class UsageError(Exception):
    """Bad arguments or environment: printed as one readable message, exit status 2."""


class RunError(Exception):
    """The run could not be carried out (server did not start, token refused, ...): exit status 1."""


# --- Identities ---------------------------------------------------------------------------------


@dataclass
class Identity:
    """One caller of the run; see fuzz/checks.py `Identity` for the meaning of the fields."""

    name: str
    description: str
    tenant: str = "home"
    kind: str = "application"
    permissions: list[str] = field(default_factory=list)
    directory_roles: list[str] = field(default_factory=list)
    owns: bool | None = None
    token: str = ""
    # Only for minting (emulator mode).
    tenant_id: str = DEMO_TENANT
    app_id: str = AUTOMATION_APP_ID

    def as_json(self) -> dict[str, Any]:
        """The identity as an entry of the identities file that fuzz/checks.py reads."""
        return {
            "name": self.name,
            "token": self.token,
            "tenant": self.tenant,
            "kind": self.kind,
            "permissions": self.permissions,
            "directoryRoles": self.directory_roles,
            "owns": self.owns,
        }


def emulator_identities() -> tuple[Identity, list[Identity]]:
    """The main identity and the others the emulator run replays every case as."""
    main = Identity(
        "owner-app",
        "demo tenant, automation app, application permission " + READ_WRITE,
        permissions=[READ_WRITE],
    )
    others = [
        Identity("reader-app", f"demo tenant, application permission {READ} only", permissions=[READ]),
        Identity("no-permission-app", "demo tenant, a token without any permission"),
        Identity(
            "owned-by-owner-app",
            f"demo tenant, {OWNED_BY}; its service principal owns the fuzzed objects",
            permissions=[OWNED_BY],
            owns=True,
        ),
        Identity(
            "owned-by-stranger-app",
            f"demo tenant, {OWNED_BY}, another app that owns neither fuzzed object",
            permissions=[OWNED_BY],
            owns=False,
            app_id=STRANGER_APP_ID,
        ),
        Identity(
            "delegated-admin",
            f"demo tenant, delegated {READ_WRITE}, user is Application Administrator",
            kind="delegated",
            permissions=[READ_WRITE],
            directory_roles=[APPLICATION_ADMINISTRATOR],
        ),
        Identity(
            "delegated-no-role",
            f"demo tenant, delegated {READ_WRITE}, user without a directory role",
            kind="delegated",
            permissions=[READ_WRITE],
        ),
        Identity(
            "other-tenant-app",
            f"second tenant (Fabrikam), same automation app with {READ_WRITE}",
            tenant="other",
            permissions=[READ_WRITE],
            tenant_id=OTHER_TENANT,
        ),
    ]
    return main, others


def mint_tokens(identities: Sequence[Identity], signing_key: Path) -> None:
    """Sign a token for each identity with the key the emulator of this run trusts."""
    from graphsync.auth import load_key_set, mint_token
    from graphsync.settings import Settings

    settings = Settings(signing_key=signing_key)
    keys = load_key_set(settings)
    for identity in identities:
        delegated = identity.kind == "delegated"
        identity.token = mint_token(
            settings,
            tenant=identity.tenant_id,
            app_id=identity.app_id,
            roles=[] if delegated else identity.permissions,
            scopes=identity.permissions if delegated else (),
            directory_roles=identity.directory_roles,
            expires_in=TOKEN_LIFETIME_S,
            keys=keys,
        )


# --- The emulator -------------------------------------------------------------------------------


class Emulator:
    """`graphsync serve` on 127.0.0.1 and a free port, in a process (and session) of its own."""

    def __init__(self, workdir: Path, seed: Path | None, signing_key: Path) -> None:
        self.log_path = workdir / "server.log"
        self.db = workdir / "fuzz.db"
        self.seed = seed
        self.signing_key = signing_key
        self.process: subprocess.Popen[bytes] | None = None
        self.base_url = ""

    def start(self) -> str:
        """Start the server and wait until it serves /openapi.yaml; return its base URL (ending in /v1.0)."""
        env = emulator_environment(os.environ, self.signing_key)
        command = [
            sys.executable, "-m", "graphsync", "serve", "--host", "127.0.0.1", "--port", "0",
            "--db", f"sqlite:///{self.db}", "--log-level", "warning",
        ]  # fmt: skip
        if self.seed is not None:
            command += ["--seed", str(self.seed)]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches the runner, which stops the server itself
            )  # fmt: skip
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        pattern = re.compile(r"serving (http://\S+)/v1\.0 ")
        while time.monotonic() < deadline:
            match = pattern.search(self.log_path.read_text(encoding="utf-8", errors="replace"))
            if match:
                origin = match.group(1)
                self.base_url = f"{origin}/v1.0"
                if _wait_http(f"{origin}/openapi.yaml", deadline):
                    return self.base_url
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        tail = self.log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RunError(f"the emulator did not start (graphsync serve; log {self.log_path}):\n{tail}")

    def stop(self) -> int | None:
        """SIGTERM (uvicorn shuts down gracefully), SIGKILL if it is still running after 15 s."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.terminate()
        try:
            return self.process.wait(SERVER_STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


def emulator_environment(environ: Mapping[str, str], signing_key: Path) -> dict[str, str]:
    """The caller's environment without its GRAPHSYNC_* settings (they would change the fuzzed server), plus the run's key."""
    env = {name: value for name, value in environ.items() if not name.startswith("GRAPHSYNC_")}
    env["GRAPHSYNC_SIGNING_KEY"] = str(signing_key)
    return env


def _wait_http(url: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    return False


# --- Preflight: fail fast, with a readable message, on a wrong URL, token or owner id -----------


def preflight(base_url: str, token: str, owners: Sequence[tuple[str, str]], tls_verify: bool) -> None:
    """List the jobs of each fuzzed owner once; anything but 200 stops the run before it starts."""
    import ssl

    context = None if tls_verify else ssl._create_unverified_context()
    for kind, object_id in owners:
        url = f"{base_url.rstrip('/')}/{kind}/{object_id}/synchronization/jobs?$top=1"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=30, context=context) as response:
                status, body = response.status, response.read(2000)
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read(2000)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise RunError(f"cannot reach {url}: {getattr(exc, 'reason', exc)}") from None
        if status == 200:
            continue
        text = body.decode("utf-8", "replace")
        hint = {
            401: "the token was refused: check that TOKEN is a current access token for this server "
            "(not expired, right audience and issuer), without the 'Bearer ' prefix",
            403: "the token lacks a permission: the main identity needs Synchronization.ReadWrite.All "
            "(application) or an equivalent delegated permission and role",
            404: f"no such {kind[:-1]} in the token's tenant: pass its object id "
            f"({'SP_ID' if kind == 'servicePrincipals' else 'APP_ID'}=...), or exclude its operations "
            f"(EXCLUDE=/{kind}/)",
        }.get(status, "is URL the API's base URL, ending in /v1.0 (or /beta)?")
        raise RunError(f"GET {url} answered {status}: {hint}.\nResponse: {text[:600]}")


# --- Running schemathesis -----------------------------------------------------------------------


def st_command(args: argparse.Namespace, base_url: str, reports: Path) -> list[str]:
    """The schemathesis command line for this run's options, base URL and report folder."""
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", str(SPEC.relative_to(ROOT)),
        "--url", base_url,
        "--checks", "all",
        "--phases", args.phases,
        "--max-examples", str(args.max_examples),
        "--report", "junit,ndjson",
        "--report-junit-path", str(reports / "junit.xml"),
        "--report-ndjson-path", str(reports / "events.ndjson"),
        "--no-color",
    ]  # fmt: skip
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    if args.rate_limit:
        command += ["--rate-limit", args.rate_limit]
    if args.max_time:
        command += ["--max-time", str(args.max_time)]
    for pattern in args.include:
        command += ["--include-name-regex", pattern]
    for pattern in args.exclude:
        command += ["--exclude-name-regex", pattern]
    if not args.tls_verify:
        command += ["--tls-verify", "false"]
    return command + list(args.st_options) + list(args.st_args)


def run_schemathesis(command: list[str], env: dict[str, str], log_path: Path) -> tuple[int, float]:
    """Run st, copying its output to the terminal and to log_path; (exit status, wall time)."""
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
                sys.stdout.write(line)
                sys.stdout.flush()
                log.write(line)
            status = process.wait()
        except BaseException:
            # Interrupted: stop st (it prints what it has) and wait for it, then re-raise.
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGINT)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            raise
    return status, time.monotonic() - start


# --- The report ---------------------------------------------------------------------------------


@dataclass
class Results:
    """What the report tells about the run, read from schemathesis' NDJSON events."""

    phases: dict[str, dict[str, Any]] = field(default_factory=dict)
    cases: int = 0
    requests: int = 0
    statuses: dict[str, collections.Counter[int]] = field(default_factory=dict)
    phases_by_operation: dict[str, collections.Counter[str]] = field(default_factory=dict)
    positive_2xx: int = 0
    running_time: float | None = None
    seed: str | None = None
    version: str | None = None
    failures: list[str] = field(default_factory=list)


def read_events(path: Path) -> Results:
    """Cases, requests and statuses per operation and phase from schemathesis' NDJSON events."""
    results = Results()
    if not path.is_file():
        return results
    seen: set[str] = set()
    started: dict[str, float] = {}
    with open(path, encoding="utf-8") as file:
        for line in file:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            kind, data = next(iter(event.items()))
            if kind == "Initialize":
                results.seed = str(data.get("seed"))
                results.version = data.get("schemathesis_version")
            elif kind == "PhaseStarted":
                started[data["phase"]["name"]] = data["timestamp"]
            elif kind == "PhaseFinished" and data["phase"]["name"] in PHASES:
                name = data["phase"]["name"]
                entry = results.phases.setdefault(name, {"cases": 0})
                entry["status"] = data.get("status")
                entry["seconds"] = data["timestamp"] - started.get(name, data["timestamp"])
            elif kind == "EngineFinished":
                results.running_time = data.get("running_time")
            elif kind == "ScenarioFinished":
                phase = data.get("phase")
                recorder = data.get("recorder") or {}
                for case_id, interaction in (recorder.get("interactions") or {}).items():
                    response = interaction.get("response")
                    if response is None or case_id in seen:
                        continue
                    seen.add(case_id)
                    case = (recorder.get("cases") or {}).get(case_id, {}).get("value", {})
                    label = f"{case.get('method', '?')} {case.get('path', '?')}"
                    status = int(response.get("status_code", 0))
                    results.statuses.setdefault(label, collections.Counter())[status] += 1
                    results.phases_by_operation.setdefault(label, collections.Counter())[str(phase)] += 1
                    results.phases.setdefault(phase, {"cases": 0})["cases"] += 1
                    results.requests += 1
                    if 200 <= status < 300:
                        results.positive_2xx += 1
    results.cases = len(seen)
    return results


def failures_from_output(text: str) -> tuple[str, str]:
    """The FAILURES and WARNINGS sections of st's console output."""

    def section(name: str) -> str:
        match = re.search(rf"^=+ {name} =+$\n(.*?)(?=^=+ [A-Z]+ =+$|\Z)", text, re.DOTALL | re.MULTILINE)
        return match.group(1).strip() if match else ""

    return section("FAILURES"), section("WARNINGS")


def write_report(
    path: Path,
    *,
    args: argparse.Namespace,
    target: str,
    main: Identity,
    others: Sequence[Identity],
    results: Results,
    st_status: int,
    st_seconds: float,
    wall_seconds: float,
    verdict: str,
    output: str,
    stats: dict[str, int],
    command: list[str],
) -> str:
    """Write the Markdown report to `path` and return its text."""
    failures, warnings = failures_from_output(output)
    rate = results.cases / st_seconds if st_seconds > 0 else 0.0
    summary_line = re.findall(r"^\s*(\d+ generated.*)$", output, re.MULTILINE)
    lines = [
        "# graphsync conformance fuzzing report",
        "",
        f"**Result: {verdict}**",
        "",
        f"- Target: {target}",
        f"- Wall time: {wall_seconds:.1f} s (schemathesis: {st_seconds:.1f} s)",
        (
            f"- Cases run: {results.cases} ({rate:.1f} cases/s)"
            + (f"; schemathesis summary: {summary_line[-1].strip()}" if summary_line else "")
        ),
        (
            f"- Requests: {results.cases} cases, {stats.get('identity_probes', 0)} identity replays, "
            f"{stats.get('pages_followed', 0)} `@odata.nextLink` pages followed"
        ),
        (
            f"- schemathesis {results.version or '?'} (exit status {st_status}), seed {results.seed} "
            f"(repeat with FUZZ_SEED={results.seed})"
            if results.seed
            else f"- schemathesis exit status {st_status}"
        ),
        (
            f"- Phases: {args.phases}; max examples per operation: {args.max_examples}; checks: all built-in "
            "plus fuzz/checks.py; warnings fail the run (schemathesis.toml)"
        ),
        f"- Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs",
        "",
        "## Identities",
        "",
        f"- `{main.name}` (main identity: every case is sent with it): {main.description}",
    ]
    for identity in others:
        lines.append(f"- `{identity.name}` (every case is replayed as it): {identity.description}")
    if not others:
        lines.append("- no other identities (authorization and tenant isolation are not replayed)")
    lines += ["", "## Phases", "", "| Phase | Cases | Time | Result |", "|---|---:|---:|---|"]
    for name in PHASES:
        entry = results.phases.get(name)
        if entry is None:
            continue
        lines.append(
            f"| {name} | {entry['cases']} | {entry.get('seconds', 0):.1f} s | {entry.get('status', '?')} |"
        )
    lines += [
        "",
        "## Cases by operation",
        "",
        "| Operation | " + " | ".join(PHASES) + " | Responses (status: count) |",
        "|---|" + "---:|" * len(PHASES) + "---|",
    ]
    declared = declared_operations()
    undeclared: collections.Counter[int] = collections.Counter()
    for label in sorted(results.statuses):
        if label not in declared:
            undeclared.update(results.statuses[label])
            continue
        per_phase = results.phases_by_operation.get(label, collections.Counter())
        counts = ", ".join(f"{status}: {n}" for status, n in sorted(results.statuses[label].items()))
        lines.append(f"| `{label}` | " + " | ".join(str(per_phase[p]) for p in PHASES) + f" | {counts} |")
    if undeclared:
        counts = ", ".join(f"{status}: {n}" for status, n in sorted(undeclared.items()))
        cells = " | ".join("" for _ in PHASES)
        lines.append(
            f"| other methods on the declared paths | {cells} | {counts} ({sum(undeclared.values())}) |"
        )
    lines += [
        "",
        "## Failures",
        "",
        "```",
        failures or "none",
        "```",
        "",
        "## Warnings",
        "",
        "```",
        warnings or "none",
        "```",
    ]
    lines += [
        "",
        "## Files",
        "",
        f"- JUnit: {_rel(path.parent / 'junit.xml')}",
        f"- schemathesis output: {_rel(path.parent / 'st-output.txt')}",
        f"- events (NDJSON, every request and response): {_rel(path.parent / 'events.ndjson')}",
        "",
        "Command: `" + shlex.join(["st", *command[3:]]).replace(str(ROOT) + "/", "") + "`",
        "",
    ]
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


def declared_operations() -> set[str]:
    """'METHOD /path' of every operation openapi.yaml declares."""
    import yaml

    paths = yaml.safe_load(SPEC.read_text(encoding="utf-8")).get("paths", {})
    methods = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
    return {f"{m.upper()} {path}" for path, item in paths.items() for m in methods if m in item}


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# --- Command line -------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are UsageErrors: one line and exit status 2, not the whole usage."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (fuzz/run.py --help lists the options)")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The command line, checked against itself and the environment; UsageError for anything unusable."""
    parser = _Parser(
        prog="fuzz/run.py",
        description="Conformance fuzzing with schemathesis (docs/fuzzing.md). The bearer token for --url "
        "is read from $GRAPHSYNC_FUZZ_TOKEN (make fuzz TOKEN=...), never from the command line.",
    )
    parser.add_argument("--url", default="", help="base URL of the implementation (e.g. https://host/v1.0); "
                        "default: start the emulator")  # fmt: skip
    parser.add_argument(
        "--sp-id", default="", help=f"object id of the fuzzed service principal (default {DEMO_SP_ID})"
    )
    parser.add_argument(
        "--app-id", default="", help=f"object id of the fuzzed application (default {DEMO_APP_OBJECT_ID})"
    )
    parser.add_argument("--sp-templates", default="", help="its synchronization templates, comma-separated "
                        "(default: from the seed, or BoxOutDelta,SfSandboxOutDelta with --url)")  # fmt: skip
    parser.add_argument(
        "--app-templates",
        default="",
        help="the application's templates (default: from the seed, or BoxOutDelta)",
    )
    parser.add_argument(
        "--identities", default="", help="JSON file of more identities to replay every case as (--url only)"
    )
    parser.add_argument("--seed-file", default="", help="emulator seed (default: the built-in demo seed)")
    parser.add_argument(
        "--max-examples", type=_positive, default=200, help="examples per operation and phase (default 200)"
    )
    parser.add_argument(
        "--phases", default=",".join(PHASES), help="comma-separated phases (default: all four)"
    )
    parser.add_argument(
        "--include",
        action="append",
        default=[],
        help="only operations whose 'METHOD /path' matches this regex",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        help="skip operations whose 'METHOD /path' matches this regex",
    )
    parser.add_argument(
        "--rate-limit",
        default="",
        help="at most this many requests, e.g. 10/s or 300/m (schemathesis syntax)",
    )
    parser.add_argument(
        "--workers", type=_positive, default=None, help="concurrent schemathesis workers (default 1)"
    )
    parser.add_argument("--seed", type=int, default=None, help="schemathesis random seed, to repeat a run")
    parser.add_argument(
        "--max-time", type=_positive, default=None, help="time budget in seconds for the whole run"
    )
    parser.add_argument(
        "--probe-share",
        type=float,
        default=1.0,
        help="share of cases replayed as the other identities (0-1, default 1)",
    )
    parser.add_argument(
        "--no-tls-verify",
        dest="tls_verify",
        action="store_false",
        help="do not verify the server's TLS certificate",
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=DEFAULT_REPORTS,
        help=f"report folder (default {_rel(DEFAULT_REPORTS)})",
    )
    parser.add_argument(
        "--st-options",
        default="",
        help="more `st run` options in one string, split like a shell line but nothing expanded (FUZZ_ARGS)",
    )
    parser.add_argument("st_args", nargs="*", help="more `st run` options, after --")
    args = parser.parse_args(argv)
    for name in ("url", "sp_id", "app_id", "sp_templates", "app_templates", "identities", "rate_limit"):
        setattr(args, name, getattr(args, name).strip())
    try:
        args.st_options = shlex.split(args.st_options)
    except ValueError as exc:
        raise UsageError(f"FUZZ_ARGS={args.st_options!r} cannot be split into options: {exc}") from None
    check_fuzz_environment(os.environ)
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = [p for p in phases if p not in PHASES]
    if unknown or not phases:
        raise UsageError(
            f"unknown phase(s) {', '.join(unknown) or '(none given)'}; use some of {', '.join(PHASES)}"
        )
    args.phases = ",".join(phases)
    if not 0.0 <= args.probe_share <= 1.0:
        raise UsageError(f"--probe-share must be between 0 and 1, got {args.probe_share}")
    if args.rate_limit and not re.fullmatch(r"\d+/\d*[smhd]|auto", args.rate_limit):
        raise UsageError(
            f"RATE={args.rate_limit!r}: use <requests>/<period> such as 10/s, 300/m or 1000/h, or 'auto'"
        )
    for pattern in [*args.include, *args.exclude]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise UsageError(
                f"INCLUDE/EXCLUDE {pattern!r} is not a valid regular expression: {exc}"
            ) from None
    if args.url:
        if not re.fullmatch(r"https?://[^/\x00-\x20\x7f]+[^\x00-\x20\x7f]*", args.url):
            raise UsageError(
                f"URL={args.url!r} is not an http(s) URL without spaces; give the API's base URL, "
                "e.g. https://host/v1.0"
            )
        if not os.environ.get("GRAPHSYNC_FUZZ_TOKEN", "").strip():
            raise UsageError(
                "URL is given but no TOKEN: `make fuzz URL=https://host/v1.0 TOKEN=<access token> "
                "[SP_ID=<service principal object id>] [APP_ID=<application object id>]`. The token is the "
                "bearer token of a caller allowed to manage synchronization jobs (Synchronization.ReadWrite.All)."
            )
        if args.seed_file:
            raise UsageError("--seed-file only applies to the emulator; it cannot be combined with URL")
    else:
        if args.identities:
            raise UsageError("IDENTITIES only applies with URL: the emulator run mints its own identities")
        if os.environ.get("GRAPHSYNC_FUZZ_TOKEN"):
            raise UsageError("TOKEN is only used with URL: the emulator run mints its own tokens")
    if args.identities and not Path(args.identities).is_file():
        raise UsageError(f"IDENTITIES={args.identities!r}: no such file")
    return args


def check_fuzz_environment(environ: Mapping[str, str]) -> None:
    """Refuse a GRAPHSYNC_FUZZ_* number the checks could not read, before anything starts."""
    from fuzz.checks import ENV_PROBE_SHARE, SettingsError, check_environment

    # The runner sets the probe share itself, from --probe-share (PROBE_SHARE=).
    env = {name: value for name, value in environ.items() if name != ENV_PROBE_SHARE}
    try:
        check_environment(env)
    except SettingsError as exc:
        raise UsageError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _seed_templates(seed: Path | None, kind: str, object_id: str) -> list[str]:
    from graphsync.seed import load_seed

    directory = load_seed(seed)
    for tenant in directory.tenants.values():
        obj = tenant.objects.get((kind, object_id))
        if obj is not None:
            return list(obj.templates)
    raise UsageError(f"the seed {seed or '(built-in demo)'} has no {kind} object {object_id}")


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM (e.g. a CI timeout) like Ctrl-C, so that the `finally` blocks stop the server."""

    def handler(signum: int, frame: Any) -> None:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run from the command line; exit status 0 passed, 1 failed, 2 usage error, 130 interrupted."""
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        with _terminate_as_interrupt():
            return run(args)
    except UsageError as exc:
        print(f"make fuzz: error: {exc}", file=sys.stderr)
        return 2
    except RunError as exc:
        print(f"make fuzz: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("make fuzz: interrupted", file=sys.stderr)
        return 130


def run(args: argparse.Namespace) -> int:
    """One whole run: the emulator unless --url, preflight, schemathesis, then the report; 0 if it passed."""
    wall_start = time.monotonic()
    reports: Path = args.reports.resolve()
    reports.mkdir(parents=True, exist_ok=True)
    for name in ("junit.xml", "events.ndjson", "report.md", "st-output.txt", "stats.json", "server.log"):
        with contextlib.suppress(FileNotFoundError):
            (reports / name).unlink()
    sp_id = args.sp_id or DEMO_SP_ID
    app_id = args.app_id or DEMO_APP_OBJECT_ID
    with tempfile.TemporaryDirectory(prefix="graphsync-fuzz-") as tmp:
        workdir = Path(tmp)
        os.chmod(workdir, 0o700)  # tokens and the signing key live here
        emulator: Emulator | None = None
        if args.url:
            base_url = args.url.rstrip("/")
            main_identity = Identity(
                "main", "the TOKEN given to make fuzz", token=os.environ["GRAPHSYNC_FUZZ_TOKEN"].strip()
            )
            main_identity.token = main_identity.token.removeprefix("Bearer ").strip()
            others = (
                [_identity_from_json(entry) for entry in _load_identities(args.identities)]
                if args.identities
                else []
            )
            sp_templates = args.sp_templates or "BoxOutDelta,SfSandboxOutDelta"
            app_templates = args.app_templates or "BoxOutDelta"
            target = f"{base_url} (service principal {sp_id}, application {app_id})"
        else:
            seed = Path(args.seed_file) if args.seed_file else None
            sp_templates = args.sp_templates or ",".join(_seed_templates(seed, "servicePrincipals", sp_id))
            app_templates = args.app_templates or ",".join(_seed_templates(seed, "applications", app_id))
            main_identity, others = emulator_identities()
            signing_key = workdir / "signing-key.pem"
            mint_tokens([main_identity, *others], signing_key)
            emulator = Emulator(workdir, seed, signing_key)
        try:
            if emulator is not None:
                print(
                    f"==> starting the emulator (temporary database, seed "
                    f"{_rel(emulator.seed) if emulator.seed else 'built-in demo'})",
                    flush=True,
                )
                base_url = emulator.start()
                target = (
                    f"the emulator ({base_url}; graphsync serve, temporary SQLite database, seed "
                    f"{_rel(emulator.seed)}; service principal {sp_id}, application {app_id})"
                )
            owners = [("servicePrincipals", sp_id), ("applications", app_id)]
            owners = [o for o in owners if not any(re.search(p, f"GET /{o[0]}/") for p in args.exclude)]
            preflight(base_url, main_identity.token, owners, args.tls_verify)
            identities_file = workdir / "identities.json"
            identities_file.write_text(
                json.dumps({"identities": [i.as_json() for i in others]}), encoding="utf-8"
            )
            stats_file = reports / "stats.json"
            env = {
                **os.environ,
                "GRAPHSYNC_FUZZ_TOKEN": main_identity.token,
                "GRAPHSYNC_FUZZ_SP_ID": sp_id,
                "GRAPHSYNC_FUZZ_APP_ID": app_id,
                "GRAPHSYNC_FUZZ_SP_TEMPLATES": sp_templates,
                "GRAPHSYNC_FUZZ_APP_TEMPLATES": app_templates,
                "GRAPHSYNC_FUZZ_IDENTITIES": str(identities_file),
                "GRAPHSYNC_FUZZ_PROBE_SHARE": str(args.probe_share),
                "GRAPHSYNC_FUZZ_STATS": str(stats_file),
                "PYTHONUNBUFFERED": "1",
            }
            env.pop("SCHEMATHESIS_HOOKS", None)  # schemathesis.toml names fuzz.hooks
            command = st_command(args, base_url, reports)
            print(f"==> schemathesis: {args.phases}, {args.max_examples} examples per operation, "
                  f"{len(others)} more identities, against {base_url}", flush=True)  # fmt: skip
            st_status, st_seconds = run_schemathesis(command, env, reports / "st-output.txt")
        finally:
            if emulator is not None:
                server_status = emulator.stop()
                with contextlib.suppress(OSError):
                    (reports / "server.log").write_bytes(emulator.log_path.read_bytes())
                how = "stopped" if server_status in (0, -signal.SIGTERM) else f"exit status {server_status}"
                print(f"==> emulator {how} (log {_rel(reports / 'server.log')})", flush=True)
    results = read_events(reports / "events.ndjson")
    stats = _read_json(stats_file)
    output = (reports / "st-output.txt").read_text(encoding="utf-8", errors="replace")
    verdict, status = _verdict(st_status, results)
    text = write_report(
        reports / "report.md", args=args, target=target, main=main_identity, others=others, results=results,
        st_status=st_status, st_seconds=st_seconds, wall_seconds=time.monotonic() - wall_start, verdict=verdict,
        output=output, stats=stats, command=command,
    )  # fmt: skip
    head = text.split("## Identities", 1)[0].strip().splitlines()[2:]
    print("\n==> " + "\n    ".join(line for line in head if line))
    print(f"    Reports: {_rel(reports / 'report.md')}, {_rel(reports / 'junit.xml')}")
    return status


def _verdict(st_status: int, results: Results) -> tuple[str, int]:
    if st_status != 0:
        return f"FAILED (schemathesis exit status {st_status}: failures or warnings, see below)", 1
    if results.cases == 0:
        return "FAILED (no case was run)", 1
    if results.positive_2xx == 0:
        return "FAILED (no request succeeded: every response was an error, e.g. a refused token)", 1
    return "PASSED (no failure, no warning)", 0


def _load_identities(path: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = data["identities"]
        assert isinstance(entries, list)
        return entries
    except (OSError, ValueError, KeyError, AssertionError) as exc:
        raise UsageError(
            f'IDENTITIES={path!r}: expected {{"identities": [...]}} (docs/fuzzing.md): {exc}'
        ) from None


def _identity_from_json(entry: dict[str, Any]) -> Identity:
    try:
        return Identity(
            name=str(entry["name"]),
            description=str(entry.get("description", "from IDENTITIES")),
            tenant=str(entry.get("tenant", "home")),
            kind=str(entry.get("kind", "application")),
            permissions=list(entry.get("permissions") or []),
            directory_roles=list(entry.get("directoryRoles") or []),
            owns=entry.get("owns"),
            token=str(entry["token"]).removeprefix("Bearer ").strip(),
        )
    except KeyError as exc:
        raise UsageError(f"IDENTITIES: an entry lacks {exc}") from None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


if __name__ == "__main__":
    sys.exit(main())
