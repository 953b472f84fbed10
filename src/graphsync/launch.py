"""`EmulatorProcess`: `graphsync serve` in a process of its own, started, awaited and stopped one way.

The fuzz runner, the benchmark and the tests start the emulator with it. It imports nothing but the
standard library, so that any of them may use it without loading the emulator itself.

- **Readiness.** The server is started on port 0 with `--ready-file`: `graphsync serve` writes its
  origin (`http://127.0.0.1:PORT`) there once it accepts requests, and `start` returns it. Nothing
  parses log lines, and no port is picked (and possibly taken) before the server binds it.
- **Environment.** The child gets the caller's environment without any `GRAPHSYNC_*` variable
  (a setting left in a shell must not change the server under test), then `settings` as
  `GRAPHSYNC_*` variables.
- **Stopping.** SIGTERM (a graceful shutdown: requests finish, queued writes commit), SIGKILL after
  `stop_timeout_s`; `stop(signal.SIGKILL)` kills at once. The process runs in a session of its own,
  so a Ctrl-C in the caller's terminal reaches the caller, which stops it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit


class LaunchError(RuntimeError):
    """The emulator exited or did not become ready in time; the message ends with its log's last lines."""


class EmulatorProcess:
    """One `python -m graphsync serve` process; `start` again after `stop` reuses the same settings."""

    def __init__(
        self,
        *,
        settings: Mapping[str, str] | None = None,
        args: Sequence[str] = (),
        workdir: Path | None = None,
        env: Mapping[str, str] | None = None,
        python: str = sys.executable,
        prefix: Sequence[str] = (),
    ) -> None:
        """`settings`: GRAPHSYNC_* values by setting name (`{"db": "memory:"}`); `args`: more `serve` options;
        `workdir`: the process's working folder, where its log is written (a temporary folder if None);
        `env`: more environment variables; `prefix`: a command to run it under (e.g. `taskset -c 0`)."""
        self.settings = dict(settings or {})
        self.args = list(args)
        self._own_workdir = workdir is None
        self.workdir = Path(tempfile.mkdtemp(prefix="graphsync-")) if workdir is None else workdir
        self.extra_env = dict(env or {})
        self.python = python
        self.prefix = list(prefix)
        self.log_path = self.workdir / "emulator.log"
        self.origin = ""  # http://host:port once started
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        """The v1.0 base URL, e.g. `http://127.0.0.1:41234/v1.0`."""
        return f"{self.origin}/v1.0"

    @property
    def address(self) -> tuple[str, int]:
        """(host, port) to connect a raw socket to."""
        parts = urlsplit(self.origin)
        if parts.hostname is None or parts.port is None:
            raise LaunchError("the emulator is not started")
        return parts.hostname, parts.port

    @property
    def pid(self) -> int:
        """The server's process id."""
        if self.process is None:
            raise LaunchError("the emulator is not started")
        return self.process.pid

    def environment(self) -> dict[str, str]:
        """The child's environment: the caller's without GRAPHSYNC_*, then the settings and `env`."""
        env = {name: value for name, value in os.environ.items() if not name.startswith("GRAPHSYNC_")}
        env.update({f"GRAPHSYNC_{name.upper()}": value for name, value in self.settings.items()})
        env.update(self.extra_env)
        return env

    def start(self, timeout_s: float = 60.0) -> str:
        """Start the server and wait until its ready file names its origin; return the origin."""
        if self.alive():
            raise LaunchError("the emulator is already running")
        self.workdir.mkdir(parents=True, exist_ok=True)
        ready = self.workdir / f"ready-{os.getpid()}-{time.monotonic_ns()}"
        command = [*self.prefix, self.python, "-m", "graphsync", "serve", "--port", "0"]
        command += ["--ready-file", str(ready), *self.args]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.workdir,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout_s
        try:
            while time.monotonic() < deadline:
                if ready.exists():
                    self.origin = ready.read_text(encoding="utf-8").strip()
                    return self.origin
                if self.process.poll() is not None:
                    raise LaunchError(
                        f"graphsync serve exited with {self.process.returncode}:\n{self.tail()}"
                    )
                time.sleep(0.02)
            self.stop(signal.SIGKILL)
            raise LaunchError(f"graphsync serve was not ready within {timeout_s:g} s:\n{self.tail()}")
        finally:
            ready.unlink(missing_ok=True)

    def stop(self, sig: int = signal.SIGTERM, timeout_s: float = 15.0) -> int | None:
        """Send `sig` (SIGTERM: graceful), SIGKILL after `timeout_s`; the exit status, None if never started."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode

    def restart(self, sig: int = signal.SIGTERM) -> str:
        """Stop (with `sig`) and start again on the same settings and database; the new origin."""
        self.stop(sig)
        return self.start()

    def alive(self) -> bool:
        """Whether the process is running."""
        return self.process is not None and self.process.poll() is None

    def output(self) -> str:
        """Everything the process wrote (its log, and with `--access-log` the access log)."""
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def tail(self, lines: int = 30) -> str:
        """The last lines of the output."""
        return "\n".join(self.output().splitlines()[-lines:])

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the process so far (Linux /proc), None when unknown."""
        if self.process is None:
            return None
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        """Stop the process and remove the temporary working folder, if this object made it."""
        self.stop()
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
