"""Starting the servers under test, each pinned to the server CPU (host.SERVER_PIN).

- The emulator: `graphsync serve` through the project's launcher, `graphsync.launch.EmulatorProcess`
  (port 0 and a ready file; the caller's GRAPHSYNC_* variables are not passed on). `Emulators` makes
  them, all trusting one signing key, and mints the bearer token every request sends.
- The ceiling (bench/ceiling.py) and Prism: `PortServer`, a process given a free port up front and
  awaited until that port accepts connections.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from api import APP_ID, ROLES, TENANT
from host import BENCH, ROOT, SERVER_PIN
from load import Measured
from probes import process_cpu_seconds
from results import PRISM_LABEL

from graphsync.launch import EmulatorProcess, LaunchError

PRISM = BENCH / "node_modules" / ".bin" / "prism"
MEMORY_DB = "memory:"

__all__ = ["MEMORY_DB", "PRISM", "EmulatorProcess", "Emulators", "LaunchError", "PortServer", "running"]


class Server(Measured, Protocol):
    """A running server under test, with its process id (for a profiler to attach to)."""

    @property
    def pid(self) -> int:
        """The server's process id."""
        ...


class Startable(Protocol):
    """A server process that can be started and stopped."""

    def start(self) -> object:
        """Start it and wait until it accepts requests."""
        ...

    def stop(self) -> object:
        """Stop it (nothing if it is not running)."""
        ...


S = TypeVar("S", bound=Startable)


@contextlib.contextmanager
def running(server: S) -> Iterator[S]:
    """Run `server` for the duration of the `with` block, stopping it however the block ends."""
    server.start()
    try:
        yield server
    finally:
        server.stop()


def sqlite_url(path: Path) -> str:
    """The database URL of a SQLite file."""
    return f"sqlite:///{path}"


class Emulators:
    """Makes `graphsync serve` processes (not started) on given databases, trusting one signing key."""

    def __init__(self, workdir: Path) -> None:
        from graphsync.auth import mint_token
        from graphsync.settings import Settings

        self.workdir = workdir
        self.key = workdir / "signing-key.pem"
        settings = Settings.from_env(env={}, signing_key=self.key)
        self.token: str = mint_token(settings, tenant=TENANT, app_id=APP_ID, roles=ROLES, expires_in=6 * 3600)

    def process(self, name: str, db: str, python: str = sys.executable) -> EmulatorProcess:
        """An emulator on the database URL `db`, its log in a folder of its own named `name`; `python`
        is the interpreter command it runs under."""
        return EmulatorProcess(
            settings={"db": db, "signing_key": str(self.key), "log_level": "warning"},
            workdir=self.workdir / name,
            prefix=SERVER_PIN,
            python=python,
        )

    @contextlib.contextmanager
    def fresh(self, name: str, db: Path | None, template: Path | None = None) -> Iterator[EmulatorProcess]:
        """A running emulator of its own for one run: on the SQLite file `db` (a copy of `template` if
        given; deleted afterwards), or on the in-memory engine when `db` is None."""
        if db is not None and template is not None:
            shutil.copyfile(template, db)
        try:
            with running(self.process(name, MEMORY_DB if db is None else sqlite_url(db))) as server:
                yield server
        finally:
            if db is not None:
                db.unlink(missing_ok=True)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at the time of the call."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PortServer:
    """A server process other than the emulator: its command line, the port it was told, and a work folder."""

    name: str
    argv: list[str]
    port: int
    workdir: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def origin(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        """The server's output, appended to across starts."""
        return self.workdir / f"{self.name}.log"

    @property
    def pid(self) -> int:
        """The server's process id."""
        if self.process is None:
            raise RuntimeError(f"{self.name} is not started")
        return self.process.pid

    def start(self, ready_timeout_s: float = 60.0) -> None:
        """Start the process (pinned like every server) and wait until its port accepts connections."""
        # The caller's GRAPHSYNC_* settings would change the servers measured.
        env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHSYNC_")}
        with open(self.log_path, "ab") as out:
            self.process = subprocess.Popen(
                [*SERVER_PIN, *self.argv],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + ready_timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.tail()}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(
            f"{self.name} did not listen on port {self.port} within {ready_timeout_s:g} s:\n{self.tail()}"
        )

    def stop(self) -> None:
        """SIGINT to its process group (a graceful shutdown), SIGKILL after 15 s; nothing if not running."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def tail(self, lines: int = 20) -> str:
        """The last `lines` lines of the server's log (empty if it cannot be read)."""
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server process so far (Linux /proc), for CPU per request."""
        return None if self.process is None else process_cpu_seconds(self.process.pid)


def ceiling_settings() -> dict[str, Any]:
    """The uvicorn settings `graphsync serve` runs with (graphsync.server.serve and the defaults of
    graphsync.settings), minus the app and the protocol class, for bench/ceiling.py."""
    import graphsync.server as gserver
    from graphsync.settings import Settings

    defaults = Settings()
    return {
        "uvicorn": {
            "http": "httptools",
            "loop": "uvloop",
            "ws": "none",
            "lifespan": "on",
            "access_log": False,
            "log_level": "warning",
            "timeout_keep_alive": max(1, round(defaults.idle_timeout_s)),
            "timeout_graceful_shutdown": gserver.GRACEFUL_SHUTDOWN_S,
            "limit_concurrency": defaults.limit_concurrency,
            "proxy_headers": False,
            "server_header": False,
            "backlog": 2048,
        },
        "head_timeout_s": defaults.header_timeout_s,
    }


def ceiling(label: str, responses: Path, workdir: Path, stack: str = "uvicorn") -> PortServer:
    """bench/ceiling.py replaying the responses in `responses` on `stack` (uvicorn or graphsync); not started."""
    port = free_port()
    argv = [sys.executable, str(BENCH / "ceiling.py"), "--responses", str(responses), "--port", str(port)]
    return PortServer(label, [*argv, "--stack", stack], port, workdir)


def prism(workdir: Path) -> PortServer:
    """Prism mocking openapi.yaml at its fastest (static examples, no request log); not started."""
    port = free_port()
    argv = [
        str(PRISM),
        "mock",
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
        "-v",
        "silent",
        str(ROOT / "openapi.yaml"),
    ]
    return PortServer(PRISM_LABEL, argv, port, workdir)


def version_of(argv: list[str]) -> str:
    """What `argv` (e.g. `node --version`) prints, stripped."""
    return subprocess.run(argv, capture_output=True, text=True, check=False).stdout.strip()
