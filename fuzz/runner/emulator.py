"""The emulator of an emulator run: `graphsync serve` on a loopback port, started and stopped by the run."""

from __future__ import annotations

import signal
from pathlib import Path

from fuzz.runner.errors import RunError
from fuzz.runner.paths import rel
from graphsync.launch import EmulatorProcess, LaunchError

SERVER_START_TIMEOUT_S = 60.0
SERVER_STOP_TIMEOUT_S = 15.0


class Emulator:
    """`graphsync serve` on 127.0.0.1 and a free port, with a SQLite database in `workdir` and the run's key.

    The process (graphsync.launch.EmulatorProcess) gets none of the caller's GRAPHSYNC_* variables,
    runs in `workdir` and a session of its own (a Ctrl-C reaches the runner, which stops it), and
    writes its log there.
    """

    def __init__(self, workdir: Path, seed: Path | None, signing_key: Path) -> None:
        self.seed = seed
        self.process = EmulatorProcess(
            settings={
                "host": "127.0.0.1",
                "db": f"sqlite:///{workdir / 'fuzz.db'}",
                "signing_key": str(signing_key),
                "log_level": "warning",
            },
            args=["--seed", str(seed.resolve())] if seed is not None else [],
            workdir=workdir,
        )

    @property
    def seed_name(self) -> str:
        """The seed, for messages."""
        return rel(self.seed) if self.seed is not None else "built-in demo"

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
