"""The emulator of an emulator run: `graphsync serve` on a loopback port, started and stopped by the run."""

from __future__ import annotations

import os
import secrets
import signal
from pathlib import Path

from fuzz.runner.errors import RunError
from fuzz.runner.paths import rel
from graphsync.launch import EmulatorProcess, LaunchError

SERVER_START_TIMEOUT_S = 60.0
SERVER_STOP_TIMEOUT_S = 15.0


class Emulator:
    """`graphsync serve` on 127.0.0.1 and a free port, with a SQLite database in `workdir` and the run's keys
    (the signing key of its tokens, and the control API's operator key file when given).

    The process (graphsync.launch.EmulatorProcess) gets none of the caller's GRAPHSYNC_* variables,
    runs in `workdir` and a session of its own (a Ctrl-C reaches the runner, which stops it), and
    writes its log there.
    """

    def __init__(
        self, workdir: Path, seed: Path | None, signing_key: Path, operator_key_file: Path | None = None
    ) -> None:
        self.seed = seed
        args = ["--seed", str(seed.resolve())] if seed is not None else []
        if operator_key_file is not None:
            args += ["--operator-key-file", str(operator_key_file)]
        self.process = EmulatorProcess(
            settings={
                "host": "127.0.0.1",
                "db": f"sqlite:///{workdir / 'fuzz.db'}",
                "signing_key": str(signing_key),
                "log_level": "warning",
            },
            args=args,
            workdir=workdir,
        )

    @property
    def seed_name(self) -> str:
        """The seed, for messages."""
        return rel(self.seed) if self.seed is not None else "built-in demo"

    @property
    def origin(self) -> str:
        """`http://127.0.0.1:PORT` once started: where the control API (/_graphsync/) is."""
        return self.process.origin

    @property
    def log_path(self) -> Path:
        """The server's log."""
        return self.process.log_path

    def start(self) -> str:
        """Start the server and wait until it accepts requests; return its base URL (ending in /v1.0)."""
        try:
            self.process.start(timeout_s=SERVER_START_TIMEOUT_S)
        except LaunchError:
            tail = self.process.output()[-2000:]
            raise RunError(
                f"the emulator did not start (graphsync serve; log {self.log_path}):\n{tail}"
            ) from None
        return self.process.base_url

    def stop(self) -> int | None:
        """SIGTERM (a graceful shutdown), SIGKILL if it still runs after 15 s; its exit status."""
        return self.process.stop(signal.SIGTERM, timeout_s=SERVER_STOP_TIMEOUT_S)


def write_operator_key(path: Path) -> str:
    """A new random operator key for the emulator's control API, written to `path` readable by its owner only."""
    key = secrets.token_urlsafe(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(key + "\n")
    return key
