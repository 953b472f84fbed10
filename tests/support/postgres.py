"""A throw-away PostgreSQL server for the tests: graphsync.pgcluster, which the benchmark uses too.

The tests run it with fsync off (the default): faster, and a commit is still acknowledged only once
written. `missing()` is the one skip message where PostgreSQL's binaries are absent.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

from graphsync.pgcluster import BIN, PORT, SUPERUSER, PostgresServer, missing

__all__ = ["BIN", "PORT", "SUPERUSER", "PostgresServer", "missing", "started_server"]


@contextlib.contextmanager
def started_server() -> Iterator[PostgresServer]:
    """A server started for the block (the test skipped where the binaries are absent), then removed."""
    reason = missing()
    if reason is not None:
        pytest.skip(reason)
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.close()
