"""A throw-away PostgreSQL server for the tests and the benchmark, from Debian's postgresql-15 binaries.

`initdb` and `pg_ctl` make and start a cluster in a temporary folder; it listens only on a Unix
socket in that folder (no TCP port to collide with), trusts local connections, and is stopped and
removed at the end. PostgreSQL refuses to run as root: when the tests run as root, the server's
commands run as an unprivileged user (`postgres` if it exists, else `nobody`), who owns the folder.
`GRAPHSYNC_PG_BIN` names another folder of binaries.

The standard library only (checked), like graphsync.launch: tests/support/postgres.py re-exports it and
bench/ starts its PostgreSQL rows with it. `fsync=False` (the tests) trades durability across a crash of
the machine for speed; the benchmark keeps fsync on, since a durable create is what it measures.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

BIN = Path(os.environ.get("GRAPHSYNC_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "graphsync"
PORT = 5432  # only names the socket file: every server has its own folder
START_TIMEOUT_S = 60


def missing() -> str | None:
    """Why no server can be started here (the one skip message), or None."""
    absent = [name for name in ("initdb", "pg_ctl", "postgres") if not (BIN / name).is_file()]
    if absent:
        return (
            f"PostgreSQL binaries not found in {BIN} ({', '.join(absent)}): install Debian's "
            "postgresql-15, or set GRAPHSYNC_PG_BIN; the postgresql engine's tests are skipped"
        )
    return None


def _account() -> pwd.struct_passwd | None:
    """The unprivileged account the server runs as when we are root; None: run as ourselves."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise RuntimeError("running as root, and neither a postgres nor a nobody account exists")


class PostgresServer:
    """One cluster in its own folder: `start`, `stop` (also abruptly), `start` again, `close`."""

    def __init__(self, *, fsync: bool = False, max_connections: int = 200, settings: str = "") -> None:
        """`fsync`: flush the WAL on commit (off: faster, and a commit is still acknowledged only once
        written); `settings`: more `-c name=value` options for the server."""
        self.fsync = fsync
        self.max_connections = max_connections
        self.settings = settings
        self.account = _account()
        # /tmp itself, not pytest's tmp_path: the server's user must reach the folder, and the
        # socket's path must stay under 107 bytes.
        self.folder = Path(tempfile.mkdtemp(prefix="gs-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        if self.account is not None:
            os.chown(self.folder, self.account.pw_uid, self.account.pw_gid)
        self._numbers = 0
        self._watcher: subprocess.Popen[bytes] | None = None
        self._run(
            [str(BIN / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
             "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]
        )  # fmt: skip

    def start(self) -> None:
        if self._watcher is None:
            self._watcher = self._watch()
        options = (
            f"-k {self.folder} -p {PORT} -c listen_addresses='' -c max_connections={self.max_connections}"
        )
        if (
            not self.fsync
        ):  # faster throw-away runs; a commit is still acknowledged only after it is committed
            options += " -c fsync=off -c full_page_writes=off"
        if self.settings:
            options += f" {self.settings}"
        self._run(
            [str(BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
             "-t", str(START_TIMEOUT_S), "-o", options, "start"]
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`immediate`: as abruptly as a crash); waits until it is gone."""
        self._run([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.stop("immediate")
        if self._watcher is not None:
            self._watcher.kill()
            self._watcher.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _watch(self) -> subprocess.Popen[bytes]:
        """A watcher that stops the server (SIGQUIT: immediate shutdown) and removes its folder if this
        process dies without `close` (a killed test run), so that no server outlives its tests."""
        pid_file = self.data / "postmaster.pid"
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
            f'[ -f "{pid_file}" ] && kill -QUIT "$(head -n 1 "{pid_file}")"; sleep 2; rm -rf "{self.folder}"'
        )
        return subprocess.Popen(
            ["sh", "-c", script], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip

    def url(self, database: str = "postgres") -> str:
        """The server's URL for `--db`: its socket folder as the host, percent-encoded."""
        return f"postgresql://{SUPERUSER}@{quote(str(self.folder), safe='')}:{PORT}/{database}"

    def create_database(self) -> str:
        """A new empty database (from template0); its URL."""
        self._numbers += 1
        name = f"test_{os.getpid()}_{self._numbers}"
        self._run(
            [str(BIN / "createdb"), "-h", str(self.folder), "-p", str(PORT), "-U", SUPERUSER,
             "-T", "template0", name]
        )  # fmt: skip
        return self.url(name)

    def postmaster_pid(self) -> int | None:
        """The server's main process id (its parent of every backend), None when it is not running."""
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def _run(self, command: list[str]) -> None:
        extra: dict[str, Any] = {}
        if self.account is not None:
            extra = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        started = time.monotonic()
        result = subprocess.run(
            command,
            check=False,
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S + 30,
            **extra,
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}) after {time.monotonic() - started:.1f}s:\n"
                f"{result.stdout}{result.stderr}{log}"
            )
