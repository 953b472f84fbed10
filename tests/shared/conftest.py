"""Fixtures of the shared-emulator tests: two `graphsync serve` processes on one PostgreSQL database.

Both processes get the session's signing key (one token works on both), the same operator key file,
a manual clock starting at the same time, and a new database on the throw-away PostgreSQL server of
support/postgres.py (skipped where its binaries are absent); `own_postgres` (support/fixtures.py) is a
server of the test's own, for the tests that stop it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import SRC
from support.shared import CLOCK_START, StartPair
from support.tokens import Tokens

from graphsync.launch import EmulatorProcess
from graphsync.settings import Settings


@pytest.fixture
def tokens(signing_key: Path) -> Tokens:
    return Tokens(Settings(signing_key=signing_key))


@pytest.fixture
def start_pair(tmp_path: Path, signing_key: Path) -> Iterator[StartPair]:
    """`start_pair(url, **settings)`: emulators A and B started on the database `url`, stopped at the end."""
    started: list[EmulatorProcess] = []

    def start(url: str, **settings: str) -> tuple[EmulatorProcess, EmulatorProcess]:
        pair = []
        for name in ("a", "b"):
            emulator = EmulatorProcess(
                settings={
                    "signing_key": str(signing_key),
                    "operator_key_file": str(tmp_path / "operator-key"),
                    "db": url,
                    "clock": "manual",
                    "clock_start": CLOCK_START,
                    **settings,
                },
                workdir=tmp_path / name,
                env={"PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))},
            )
            started.append(emulator)
            emulator.start()
            pair.append(emulator)
        return pair[0], pair[1]

    yield start
    for emulator in started:
        emulator.stop()


@pytest.fixture
def operator_key(tmp_path: Path) -> Callable[[], str]:
    """The operator key both emulators read (their first start creates the file)."""
    return lambda: (tmp_path / "operator-key").read_text(encoding="utf-8").strip()
