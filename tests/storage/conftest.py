"""Fixtures of the storage tests: a store of each engine, and ways to make an engine fail.

The postgresql engine runs on a throw-away server (support/postgres.py) started once per test
process, with a fresh database for each test (support/fixtures.py: `postgres_url`); without the
server's binaries its tests are skipped.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support.stores import run

from graphsync.storage import ENGINES, JobStore, open_store


def url_of(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if engine == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return {"sqlite": f"sqlite:///{tmp_path}/nested/dir/jobs.db", "memory": "memory:"}[engine]


@pytest.fixture(params=sorted(ENGINES))
def engine(request: pytest.FixtureRequest) -> str:
    """The name of each registered engine in turn: a new engine runs the whole contract suite."""
    return str(request.param)


@pytest.fixture
def make_store(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], JobStore]]:
    """Opens a store of the engine; a second call opens the same database again (where it survives)."""
    opened: list[JobStore] = []
    url = url_of(engine, tmp_path, request)

    def make() -> JobStore:
        store = open_store(url)
        opened.append(store)
        return store

    yield make
    for store in opened:
        with contextlib.suppress(Exception):
            run(store.close())


class SQLiteFaults:
    """Database errors of the SQLite engine: on the reading connection, or inside the write transaction."""

    def __init__(self, store: Any) -> None:
        self.store = store

    @contextlib.contextmanager
    def reads(self) -> Iterator[None]:
        reader = self.store._reader
        self.store._reader = _Failing(reader)
        try:
            yield
        finally:
            self.store._reader = reader

    @staticmethod
    def write_change() -> Callable[[str | None], str]:
        def change(current: str | None) -> str:
            raise sqlite3.OperationalError("disk I/O error")

        return change


class _Failing:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, *args: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")


class PostgresFaults:
    """Database errors of the PostgreSQL engine: statements the server refuses (its jobs table renamed
    away under the store), or a connection lost inside the write transaction."""

    def __init__(self, store: Any) -> None:
        self.store = store

    @contextlib.contextmanager
    def reads(self) -> Iterator[None]:
        import psycopg

        with psycopg.connect(self.store.settings.conninfo, autocommit=True) as conn:
            conn.execute("ALTER TABLE jobs RENAME TO jobs_away")
            try:
                yield
            finally:
                conn.execute("ALTER TABLE jobs_away RENAME TO jobs")

    @staticmethod
    def write_change() -> Callable[[str | None], str]:
        def change(current: str | None) -> str:
            import psycopg

            raise psycopg.OperationalError("server closed the connection unexpectedly")

        return change


FAULTS: dict[str, Callable[[Any], Any]] = {"sqlite": SQLiteFaults, "postgresql": PostgresFaults}


@pytest.fixture(params=sorted(FAULTS))
def store_and_faults(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[JobStore, Any]]:
    """A store of each engine that has failures of its own, and the means to cause them."""
    store = open_store(url_of(str(request.param), tmp_path, request))
    yield store, FAULTS[str(request.param)](store)
    with contextlib.suppress(Exception):
        run(store.close())
