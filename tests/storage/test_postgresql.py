"""The PostgreSQL engine's own behaviour: its URL, migrations, commits, and a server that goes away.

The storage contract (test_contract*.py) runs on it too; these tests need a throw-away server
(support/postgres.py) and are skipped with one message where PostgreSQL's binaries are absent.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
from support.postgres import PostgresServer, started_server
from support.stores import OWNER, doc, insert, put, run

from graphsync.storage import StorageError, open_store
from graphsync.storage.postgresql import PostgreSQLJobStore
from graphsync.storage.postgresql_schema import CONNECT_TIMEOUT_S, MIGRATION_LOCK, SCHEMA_VERSION, settings_of


def test_url_forms() -> None:
    plain = settings_of("postgresql://me@db.example:5433/jobs")
    assert plain.conninfo == f"postgresql://me@db.example:5433/jobs?connect_timeout={CONNECT_TIMEOUT_S}"
    assert (plain.pool_size, plain.pool_timeout, plain.statement_timeout) == (10, 5.0, 10.0)
    tuned = settings_of(
        "postgresql://me:secret@%2Ftmp%2Fsock/jobs?pool_size=3&sslmode=disable&pool_timeout=0.5"
        "&statement_timeout=2&connect_timeout=1"
    )
    assert tuned.conninfo == "postgresql://me:secret@%2Ftmp%2Fsock/jobs?sslmode=disable&connect_timeout=1"
    assert (tuned.pool_size, tuned.pool_timeout, tuned.statement_timeout) == (3, 0.5, 2.0)
    assert "secret" not in tuned.shown
    for bad in (
        "postgres://me@host/db",
        "postgresql:/x",
        "postgresql://h/d?pool_size=0",
        "postgresql://h/d?pool_timeout=x",
    ):
        with pytest.raises(StorageError):
            settings_of(bad)


def test_an_unreachable_server_fails_the_open_with_a_storage_error(postgres_server: PostgresServer) -> None:
    started = time.monotonic()
    with pytest.raises(StorageError, match="cannot prepare the database"):
        open_store(postgres_server.url("no_such_database"))
    with pytest.raises(StorageError):
        open_store("postgresql://nobody@127.0.0.1:1/jobs?connect_timeout=2")
    assert time.monotonic() - started < 10


def _version(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT version FROM graphsync_schema").fetchone()
        assert row is not None
        return int(row[0])


def test_migrations_are_idempotent(postgres_url: str) -> None:
    async def main() -> None:
        store = PostgreSQLJobStore(postgres_url)
        await store.write(OWNER, "j", insert(doc("j")))
        await store.close()
        again = PostgreSQLJobStore(postgres_url)  # nothing left to apply; the data stays
        assert await again.get(OWNER, "j") == doc("j")
        await again.close()

    run(main())
    assert _version(postgres_url) == SCHEMA_VERSION


def test_migrations_are_serialised_between_processes(postgres_url: str) -> None:
    """Stores opening one empty database at once: one migrates while the others wait, then find it done."""
    with psycopg.connect(postgres_url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))  # as another process migrating
        outcomes: list[object] = []

        def open_one() -> None:
            try:
                outcomes.append(PostgreSQLJobStore(postgres_url))
            except Exception as exc:  # noqa: BLE001 (reported below)
                outcomes.append(exc)

        threads = [threading.Thread(target=open_one) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)
        assert outcomes == [], "a store opened while another process held the migration lock"
        holder.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
        for thread in threads:
            thread.join(30)
    assert all(isinstance(each, PostgreSQLJobStore) for each in outcomes), outcomes
    assert _version(postgres_url) == SCHEMA_VERSION
    for store in outcomes:
        assert isinstance(store, PostgreSQLJobStore)
        run(store.close())


def test_a_database_newer_than_the_code_is_refused(postgres_url: str) -> None:
    run(PostgreSQLJobStore(postgres_url).close())
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("UPDATE graphsync_schema SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(StorageError, match="newer than this release"):
        PostgreSQLJobStore(postgres_url)


def test_a_database_in_another_encoding_than_utf8_is_refused(postgres_server: PostgresServer) -> None:
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        conn.execute(
            "CREATE DATABASE latin1 ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"
        )
    with pytest.raises(StorageError, match="needs a UTF8 database"):
        PostgreSQLJobStore(postgres_server.url("latin1"))


def test_a_write_returns_only_once_committed(postgres_url: str) -> None:
    """What a write acknowledged, another connection (another process) already sees."""

    async def main() -> None:
        store = PostgreSQLJobStore(postgres_url)
        with psycopg.connect(postgres_url, autocommit=True) as other:
            for i in range(20):
                await store.write(OWNER, "j", put(doc("j", n=i)))
                row = other.execute("SELECT document FROM jobs WHERE job_id = 'j'").fetchone()
                assert row == (doc("j", n=i),)
            await store.write_document(OWNER, "secrets", put("[1]"))
            assert other.execute("SELECT document FROM owner_documents").fetchall() == [("[1]",)]
        await store.close()

    run(main())


def test_names_holding_a_nul_character_are_absent(postgres_url: str) -> None:
    """PostgreSQL's text cannot hold NUL: such a job or owner cannot exist, as on the other engines' reads."""

    async def main() -> None:
        store = PostgreSQLJobStore(postgres_url)
        assert await store.get(OWNER, "a\x00b") is None
        assert await store.count(OWNER._replace(owner_id="\x00")) == 0
        assert await store.get_document(OWNER, "x\x00") is None
        assert await store.write(OWNER, "a\x00b", lambda current: current) is None
        with pytest.raises(StorageError):
            await store.write(OWNER, "a\x00b", insert(doc("a")))
        await store.close()

    run(main())


def test_the_store_follows_the_callers_event_loop_between_runs(postgres_url: str) -> None:
    """Each run ends with the store's pool open (asyncio.run cancels its tasks): none hangs the loop's end."""
    store = PostgreSQLJobStore(postgres_url)
    run(store.write(OWNER, "j", insert(doc("j", n=0))))
    for n in range(1, 20):
        run(store.write(OWNER, "j", put(doc("j", n=n))))
    assert run(store.get(OWNER, "j")) == doc("j", n=19)
    run(store.close())


def test_an_exhausted_pool_is_a_storage_error_after_the_bounded_wait(postgres_url: str) -> None:
    async def main() -> None:
        store = PostgreSQLJobStore(f"{postgres_url}?pool_size=1&pool_timeout=0.5")
        await store.write(OWNER, "j", insert(doc("j")))
        async with store._connection():  # the pool's only connection, held
            started = time.monotonic()
            with pytest.raises(StorageError, match="database call failed"):
                await store.get(OWNER, "j")
            assert 0.4 < time.monotonic() - started < 3
        assert await store.get(OWNER, "j") == doc("j")  # released: served again
        await store.close()

    run(main())


@pytest.fixture(scope="module")
def own_server() -> Iterator[PostgresServer]:
    """A server of these tests alone, to stop and start again under a store."""
    with started_server() as server:
        yield server


@pytest.mark.parametrize("mode", ["fast", "immediate"])
def test_a_server_gone_under_the_store_is_a_storage_error_and_its_return_is_used(
    own_server: PostgresServer, mode: str
) -> None:
    url = f"{own_server.create_database()}?pool_size=4&pool_timeout=1"

    async def main() -> None:
        store = PostgreSQLJobStore(url)
        await store.write(OWNER, "j", insert(doc("j")))
        await asyncio.to_thread(own_server.stop, mode)
        try:
            for call in (
                store.get(OWNER, "j"),
                store.write(OWNER, "k", insert(doc("k"))),
                store.count(OWNER),
            ):
                started = time.monotonic()
                with pytest.raises(StorageError):
                    await call
                assert time.monotonic() - started < 5, "a call outlived its bounded wait"
        finally:
            await asyncio.to_thread(own_server.start)
        assert await store.get(OWNER, "j") == doc("j")  # the pool connects again
        await store.write(OWNER, "k", insert(doc("k")))
        assert await store.count(OWNER) == 2
        await store.close()

    run(main())


def test_the_throwaway_server_flushes_its_wal_only_when_asked_to(postgres_server: PostgresServer) -> None:
    """The tests' server runs with fsync off; the benchmark's (fsync=True) keeps PostgreSQL's defaults."""
    with psycopg.connect(postgres_server.url(), autocommit=True, connect_timeout=10) as conn:
        assert [conn.execute(f"SHOW {name}").fetchone() for name in ("fsync", "full_page_writes")] == [
            ("off",),
            ("off",),
        ]
    durable = PostgresServer(fsync=True, max_connections=30)
    try:
        durable.start()
        url = durable.create_database()
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            shown = [
                conn.execute(f"SHOW {name}").fetchone()
                for name in ("fsync", "full_page_writes", "max_connections")
            ]
        assert shown == [("on",), ("on",), ("30",)]
        assert durable.postmaster_pid() is not None
    finally:
        durable.close()
    assert durable.postmaster_pid() is None
