"""The SQLite engine beyond the contract: files, WAL and schema versions, durability order, group commit.

The contract every engine keeps (round trip, paging, concurrency, failures) is test_contract.py.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from support.stores import OTHER_TENANT, OWNER, doc, insert, run

from graphsync.storage import StorageError, open_store, sqlite_commit, sqlite_schema
from graphsync.storage.sqlite import SQLiteJobStore
from graphsync.storage.sqlite_schema import APPLICATION_ID, SCHEMA_VERSION, database_path


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/nested/dir/jobs.db"


def run_in_loop(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_url_forms() -> None:
    assert database_path("sqlite:///var/graphsync.db") == Path("var/graphsync.db")
    assert database_path("sqlite:////tmp/x.db") == Path("/tmp/x.db")
    for bad in (
        "sqlite://",
        "sqlite:///",
        "sqlite:///:memory:",
        "sqlite:///x.db?mode=ro",
        "postgres://x",
        "x.db",
    ):
        with pytest.raises(StorageError):
            open_store(bad)


def test_open_creates_the_folder_and_a_versioned_wal_database(db_url: str) -> None:
    store = open_store(db_url)
    path = database_path(db_url)
    try:
        assert path.is_file()
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        conn.close()
    finally:
        run(store.close())


def test_a_write_is_acknowledged_only_after_it_is_committed(db_url: str) -> None:
    """When `create` returns, an independent connection already sees the row: the COMMIT came first."""

    async def main() -> None:
        store = open_store(db_url)
        other = sqlite3.connect(database_path(db_url))
        for index in range(50):
            await store.write(OWNER, f"j{index}", insert(doc(f"j{index}")))
            assert other.execute("SELECT count(*) FROM jobs").fetchone()[0] == index + 1
        other.close()
        await store.close()

    run(main())


def test_concurrent_writes_share_commits(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    batches: list[int] = []
    original = sqlite_commit._apply_batch

    def counting(conn: sqlite3.Connection, batch: list[Any]) -> Any:
        batches.append(len(batch))
        return original(conn, batch)

    monkeypatch.setattr(sqlite_commit, "_apply_batch", counting)

    async def main() -> None:
        store = open_store(db_url)
        await asyncio.gather(*(store.write(OWNER, f"j{i}", insert(doc(f"j{i}"))) for i in range(500)))
        assert await store.count(OWNER) == 500
        page = await store.list_page(OWNER, cursor=None, limit=1000, max_bytes=10**8)
        assert len({json.loads(item)["id"] for item in page.items}) == 500
        await store.close()

    run(main())
    assert sum(batches) == 500
    assert len(batches) < 100  # group commit: far fewer transactions than writes


async def fail_a_batch_with(store: Any, write: Any) -> None:
    """Send `write` in the same batch as an update that hits a database I/O error: both must fail.

    Needs a job "x" of OWNER. The error is raised inside the open transaction, so the whole batch
    is rolled back, as after a failed COMMIT.
    """

    def io_error(current: str | None) -> str:
        raise sqlite3.OperationalError("disk I/O error")

    results = await asyncio.gather(write, store.write(OWNER, "x", io_error), return_exceptions=True)
    assert all(isinstance(r, StorageError) for r in results), results


def test_a_failed_commit_fails_every_write_of_the_batch_and_the_store_recovers(db_url: str) -> None:
    async def main() -> None:
        store = open_store(db_url)
        await store.write(OWNER, "x", insert(doc("x")))
        await fail_a_batch_with(store, store.write(OWNER, "y", insert(doc("y"))))
        assert await store.get(OWNER, "y") is None  # rolled back, never acknowledged
        await store.write(OWNER, "z", insert(doc("z")))
        assert await store.count(OWNER) == 2
        await store.close()

    run(main())


def test_an_owner_first_seen_in_a_failed_batch_is_not_remembered(db_url: str) -> None:
    """The owner row inserted by a rolled-back batch is gone; its key must not be reused from memory."""

    async def main() -> None:
        store = open_store(db_url)
        await store.write(OWNER, "x", insert(doc("x")))
        await fail_a_batch_with(store, store.write(OTHER_TENANT, "new", insert(doc("new"))))
        await store.write(OWNER, "y", insert(doc("y")))  # takes the key the rolled-back owner had been given
        await store.write(OTHER_TENANT, "new", insert(doc("new")))
        assert [await store.count(o) for o in (OWNER, OTHER_TENANT)] == [2, 1]
        assert await store.get(OTHER_TENANT, "new") == doc("new")
        assert await store.get(OWNER, "new") is None
        await store.close()

    run(main())
    conn = sqlite3.connect(database_path(db_url))
    owners = conn.execute("SELECT tenant_id FROM owners ORDER BY id").fetchall()
    assert owners == [(OWNER.tenant_id,), (OTHER_TENANT.tenant_id,)]
    conn.close()


def test_a_database_newer_than_the_code_is_refused(db_url: str) -> None:
    run(open_store(db_url).close())
    conn = sqlite3.connect(database_path(db_url))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageError, match=rf"schema version {SCHEMA_VERSION + 1}, newer than this release"):
        open_store(db_url)


def test_another_applications_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="another application"):
        open_store(f"sqlite:///{path}")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 7")
    conn.close()
    with pytest.raises(StorageError, match="another application"):
        open_store(f"sqlite:///{path}")


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="not a usable SQLite database"):
        open_store(f"sqlite:///{path}")


def test_pending_migrations_are_applied_in_order_at_open(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def seed_v1() -> None:
        store = open_store(db_url)
        await store.write(OWNER, "kept", insert(doc("kept")))
        await store.close()

    run(seed_v1())
    extra = ("ALTER TABLE jobs ADD COLUMN note TEXT", "UPDATE jobs SET note = 'migrated'")
    monkeypatch.setattr(sqlite_schema, "MIGRATIONS", (*sqlite_schema.MIGRATIONS, extra))
    monkeypatch.setattr(sqlite_schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    store = SQLiteJobStore(db_url)
    try:
        assert run_in_loop(store.get(OWNER, "kept")) == doc("kept")
    finally:
        store.close_sync()
    conn = sqlite3.connect(database_path(db_url))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert conn.execute("SELECT note FROM jobs").fetchall() == [("migrated",)]
    conn.close()


def test_a_version_1_database_migrates_to_integer_owner_keys(db_url: str) -> None:
    """Schema 1 kept three owner texts in every index row; schema 2 moves them to `owners`. Nothing is lost."""
    path = database_path(db_url)
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for statement in sqlite_schema.MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    rows = [(OWNER, "a"), (OTHER_TENANT, "b"), (OWNER, "c"), (OWNER, "gone"), (OWNER, "d")]
    for owner, job_id in rows:
        conn.execute(
            "INSERT INTO jobs (tenant_id, owner_kind, owner_id, job_id, document) VALUES (?, ?, ?, ?, ?)",
            (owner.tenant_id, owner.owner_kind, owner.owner_id, job_id, doc(job_id)),
        )
    conn.execute("DELETE FROM jobs WHERE job_id IN ('gone', 'd')")  # positions 4 and 5 stay used
    conn.close()

    async def main() -> None:
        store = open_store(db_url)
        assert await store.get(OWNER, "a") == doc("a")
        assert await store.get(OTHER_TENANT, "b") == doc("b")
        assert await store.get(OTHER_TENANT, "a") is None
        page = await store.list_page(OWNER, cursor=None, limit=10, max_bytes=10**6)
        assert page.items == [doc("a"), doc("c")]
        await store.write(OWNER, "e", insert(doc("e")))
        await store.write(OWNER, "a2", insert(doc("a2")))
        page = await store.list_page(OWNER, cursor=None, limit=10, max_bytes=10**6)
        assert page.items == [doc("a"), doc("c"), doc("e"), doc("a2")]
        await store.close()

    run(main())
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM owners").fetchone()[0] == 2
    seqs = dict(conn.execute("SELECT job_id, seq FROM jobs").fetchall())
    assert (seqs["a"], seqs["b"], seqs["c"]) == (1, 2, 3)
    assert seqs["e"] == 6 and seqs["a2"] == 7  # never a position a deleted job had
    conn.close()


def test_a_failing_migration_leaves_the_database_at_its_version(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(open_store(db_url).close())
    monkeypatch.setattr(
        sqlite_schema, "MIGRATIONS", (*sqlite_schema.MIGRATIONS, ("ALTER TABLE nowhere ADD COLUMN x",))
    )
    monkeypatch.setattr(sqlite_schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StorageError, match="cannot prepare"):
        SQLiteJobStore(db_url)
    conn = sqlite3.connect(database_path(db_url))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_the_store_follows_the_callers_event_loop_between_runs(db_url: str) -> None:
    store = open_store(db_url)
    run(store.write(OWNER, "a", insert(doc("a"))))  # one asyncio.run ...
    run(store.write(OWNER, "b", insert(doc("b"))))  # ... then another, with a new loop
    assert run(store.count(OWNER)) == 2
    run(store.close())


def test_a_corrupt_page_met_by_a_later_step_of_the_cursor_is_a_storage_error(db_url: str) -> None:
    """The first rows read fine and `execute` succeeds; only iterating meets the broken page."""

    async def fill() -> None:
        store = open_store(db_url)
        for i in range(40):
            await store.write(OWNER, f"j{i:02}", insert(doc(f"j{i:02}", pad="p" * 3000)))
        await store.close()

    run(fill())
    path = database_path(db_url)
    data = path.read_bytes()
    page = data.index(b'{"id":"j30"') // 4096
    with path.open("r+b") as file:
        file.seek(page * 4096)
        file.write(b"\xff" * 4096)

    async def read() -> None:
        store = open_store(db_url)
        assert json.loads(await store.get(OWNER, "j00") or "")["id"] == "j00"
        with pytest.raises(StorageError, match="database read failed"):
            await store.list_page(OWNER, cursor=None, limit=100, max_bytes=10**8)
        with pytest.raises(StorageError, match="database read failed"):
            await store.get(OWNER, "j30")
        await store.close()

    run(read())


def test_an_unreadable_stored_document_fails_its_write_only(db_url: str) -> None:
    """A row whose text is not the JSON the change expects: the change's error reaches its caller alone."""

    async def main() -> None:
        store = open_store(db_url)
        await store.write(OWNER, "x", insert(doc("x")))
        await store.write(OWNER, "y", insert(doc("y")))
        await store.close()
        conn = sqlite3.connect(database_path(db_url))
        conn.execute("UPDATE jobs SET document = '{not json' WHERE job_id = 'x'")
        conn.commit()
        conn.close()
        store = open_store(db_url)
        results = await asyncio.gather(
            store.write(OWNER, "x", lambda current: json.dumps(json.loads(current or ""))),
            store.write(OWNER, "y", lambda current: doc("y", n=1)),
            return_exceptions=True,
        )
        assert isinstance(results[0], ValueError) and results[1] == doc("y", n=1)
        await store.close()

    run(main())
