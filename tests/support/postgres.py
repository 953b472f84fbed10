"""A throw-away PostgreSQL server for the tests: graphsync.pgcluster, which the benchmark uses too.

The tests run it with fsync off (the default): faster, and a commit is still acknowledged only once
written. `missing()` is the one skip message where PostgreSQL's binaries are absent.
"""

from __future__ import annotations

from graphsync.pgcluster import BIN, PORT, SUPERUSER, PostgresServer, missing

__all__ = ["BIN", "PORT", "SUPERUSER", "PostgresServer", "missing"]
