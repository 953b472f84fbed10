"""The SQLite job store: durability order, group commit, atomic updates, schema versions and migrations."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from graphsync.storage import OwnerKey, StorageError, open_store
from graphsync.storage import sqlite as sqlite_store
from graphsync.storage.sqlite import APPLICATION_ID, SCHEMA_VERSION, SQLiteJobStore, database_path

OWNER = OwnerKey(
    "8442fd39-2183-419c-8732-74b6ce866bd5", "servicePrincipals", "60443998-8cf7-4e61-b05c-a53b658cb5e1"
)
OTHER_TENANT = OwnerKey("0b3c6a8e-64c4-4f0e-9d4f-6a4cf1a1f4aa", OWNER.owner_kind, OWNER.owner_id)


def doc(job_id: str, **extra: Any) -> str:
    return json.dumps({"id": job_id, **extra}, separators=(",", ":"))


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/nested/dir/jobs.db"


def run(coroutine: Any) -> Any:
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


def test_crud_round_trip_and_reopen(db_url: str) -> None:
    async def first() -> None:
        store = open_store(db_url)
        await store.create(OWNER, "a.1", doc("a.1"))
        await store.create(OWNER, "A.1", doc("A.1"))
        await store.create(OTHER_TENANT, "a.1", doc("a.1", tenant="other"))
        assert await store.get(OWNER, "a.1") == doc("a.1")
        assert await store.get(OWNER, "A.1") == doc("A.1")  # ids are case-sensitive
        assert await store.get(OWNER, "a.2") is None
        assert await store.count(OWNER) == 2 and await store.count(OTHER_TENANT) == 1
        updated = await store.update(OWNER, "a.1", lambda job: {**job, "state": "Active"})
        assert json.loads(updated or "") == {"id": "a.1", "state": "Active"}
        assert await store.update(OWNER, "missing", lambda job: job) is None
        assert await store.delete(OWNER, "A.1") is True
        assert await store.delete(OWNER, "A.1") is False
        await store.close()

    async def second() -> None:
        store = open_store(db_url)
        page = await store.list_page(OWNER, after=0, limit=10, max_bytes=10**6)
        assert page.items == [doc("a.1", state="Active")] and page.next_after is None
        assert (await store.list_page(OTHER_TENANT, after=0, limit=10, max_bytes=10**6)).items == [
            doc("a.1", tenant="other")
        ]
        await store.close()

    run(first())
    run(second())


def test_duplicate_id_in_one_collection_is_refused(db_url: str) -> None:
    async def main() -> None:
        store = open_store(db_url)
        await store.create(OWNER, "x", doc("x"))
        with pytest.raises(StorageError):
            await store.create(OWNER, "x", doc("x"))
        assert await store.count(OWNER) == 1
        await store.close()

    run(main())


def test_a_write_is_acknowledged_only_after_it_is_committed(db_url: str) -> None:
    """When `create` returns, an independent connection already sees the row: the COMMIT came first."""

    async def main() -> None:
        store = open_store(db_url)
        other = sqlite3.connect(database_path(db_url))
        for index in range(50):
            await store.create(OWNER, f"j{index}", doc(f"j{index}"))
            assert other.execute("SELECT count(*) FROM jobs").fetchone()[0] == index + 1
        other.close()
        await store.close()

    run(main())


def test_concurrent_writes_share_commits(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    batches: list[int] = []
    original = sqlite_store._apply_batch

    def counting(conn: sqlite3.Connection, batch: list[Any]) -> Any:
        batches.append(len(batch))
        return original(conn, batch)

    monkeypatch.setattr(sqlite_store, "_apply_batch", counting)

    async def main() -> None:
        store = open_store(db_url)
        await asyncio.gather(*(store.create(OWNER, f"j{i}", doc(f"j{i}")) for i in range(500)))
        assert await store.count(OWNER) == 500
        page = await store.list_page(OWNER, after=0, limit=1000, max_bytes=10**8)
        assert len({json.loads(item)["id"] for item in page.items}) == 500
        await store.close()

    run(main())
    assert sum(batches) == 500
    assert len(batches) < 100  # group commit: far fewer transactions than writes


def test_concurrent_updates_lose_nothing(db_url: str) -> None:
    async def main() -> None:
        store = open_store(db_url)
        await store.create(OWNER, "counter", json.dumps({"n": 0}))

        def increment(job: dict[str, Any]) -> dict[str, Any]:
            job["n"] += 1
            return job

        await asyncio.gather(*(store.update(OWNER, "counter", increment) for _ in range(300)))
        assert json.loads(await store.get(OWNER, "counter") or "")["n"] == 300
        await store.close()

    run(main())


def test_a_failing_mutation_fails_only_its_own_write(db_url: str) -> None:
    async def main() -> None:
        store = open_store(db_url)
        await store.create(OWNER, "x", doc("x"))

        def broken(job: dict[str, Any]) -> dict[str, Any]:
            raise ValueError("bug")

        results = await asyncio.gather(
            store.create(OWNER, "y", doc("y")),
            store.update(OWNER, "x", broken),
            store.create(OWNER, "z", doc("z")),
            return_exceptions=True,
        )
        assert results[0] is None and isinstance(results[1], ValueError) and results[2] is None
        assert await store.count(OWNER) == 3
        await store.close()

    run(main())


async def fail_a_batch_with(store: Any, write: Any) -> None:
    """Send `write` in the same batch as an update that hits a database I/O error: both must fail.

    Needs a job "x" of OWNER. The error is raised inside the open transaction, so the whole batch
    is rolled back, as after a failed COMMIT.
    """

    def io_error(job: dict[str, Any]) -> dict[str, Any]:
        raise sqlite3.OperationalError("disk I/O error")

    results = await asyncio.gather(write, store.update(OWNER, "x", io_error), return_exceptions=True)
    assert all(isinstance(r, StorageError) for r in results), results


def test_a_failed_commit_fails_every_write_of_the_batch_and_the_store_recovers(db_url: str) -> None:
    async def main() -> None:
        store = open_store(db_url)
        await store.create(OWNER, "x", doc("x"))
        await fail_a_batch_with(store, store.create(OWNER, "y", doc("y")))
        assert await store.get(OWNER, "y") is None  # rolled back, never acknowledged
        await store.create(OWNER, "z", doc("z"))
        assert await store.count(OWNER) == 2
        await store.close()

    run(main())


def test_an_owner_first_seen_in_a_failed_batch_is_not_remembered(db_url: str) -> None:
    """The owner row inserted by a rolled-back batch is gone; its key must not be reused from memory."""

    async def main() -> None:
        store = open_store(db_url)
        await store.create(OWNER, "x", doc("x"))
        await fail_a_batch_with(store, store.create(OTHER_TENANT, "new", doc("new")))
        await store.create(OWNER, "y", doc("y"))  # takes the key the rolled-back owner had been given
        await store.create(OTHER_TENANT, "new", doc("new"))
        assert [await store.count(o) for o in (OWNER, OTHER_TENANT)] == [2, 1]
        assert await store.get(OTHER_TENANT, "new") == doc("new")
        assert await store.get(OWNER, "new") is None
        await store.close()

    run(main())
    conn = sqlite3.connect(database_path(db_url))
    owners = conn.execute("SELECT tenant_id FROM owners ORDER BY id").fetchall()
    assert owners == [(OWNER.tenant_id,), (OTHER_TENANT.tenant_id,)]
    conn.close()


def test_writes_after_close_are_refused_and_close_is_idempotent(db_url: str) -> None:
    async def main() -> None:
        store = open_store(db_url)
        await store.close()
        await store.close()
        with pytest.raises(StorageError):
            await store.create(OWNER, "x", doc("x"))

    run(main())


def test_paging_positions(db_url: str) -> None:
    async def main() -> None:
        store = open_store(db_url)
        for i in range(7):
            await store.create(OWNER, f"j{i}", doc(f"j{i}"))
        seen, after = [], 0
        while True:
            page = await store.list_page(OWNER, after=after, limit=3, max_bytes=10**6)
            seen += [json.loads(item)["id"] for item in page.items]
            if page.next_after is None:
                break
            after = page.next_after
        assert seen == [f"j{i}" for i in range(7)]
        exact = await store.list_page(OWNER, after=0, limit=7, max_bytes=10**6)
        assert exact.next_after is None
        await store.close()

    run(main())


def test_pages_end_early_when_documents_are_large(db_url: str) -> None:
    async def main() -> None:
        store = open_store(db_url)
        for i in range(5):
            await store.create(OWNER, f"j{i}", doc(f"j{i}", pad="x" * 1000))
        first = await store.list_page(OWNER, after=0, limit=5, max_bytes=2500)
        assert len(first.items) == 2 and first.next_after is not None
        rest = await store.list_page(OWNER, after=first.next_after, limit=5, max_bytes=2500)
        assert [json.loads(d)["id"] for d in rest.items] == ["j2", "j3"]
        tiny = await store.list_page(OWNER, after=0, limit=5, max_bytes=10)
        assert len(tiny.items) == 1  # never an empty page while jobs remain
        await store.close()

    run(main())


# --- versions and migrations ---------------------------------------------------------------------------


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
        await store.create(OWNER, "kept", doc("kept"))
        await store.close()

    run(seed_v1())
    extra = ("ALTER TABLE jobs ADD COLUMN note TEXT", "UPDATE jobs SET note = 'migrated'")
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", (*sqlite_store.MIGRATIONS, extra))
    monkeypatch.setattr(sqlite_store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
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
    for statement in sqlite_store.MIGRATIONS[0]:
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
        page = await store.list_page(OWNER, after=0, limit=10, max_bytes=10**6)
        assert page.items == [doc("a"), doc("c")]
        await store.create(OWNER, "e", doc("e"))
        await store.create(OWNER, "a2", doc("a2"))
        page = await store.list_page(OWNER, after=0, limit=10, max_bytes=10**6)
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
        sqlite_store, "MIGRATIONS", (*sqlite_store.MIGRATIONS, ("ALTER TABLE nowhere ADD COLUMN x",))
    )
    monkeypatch.setattr(sqlite_store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StorageError, match="cannot prepare"):
        SQLiteJobStore(db_url)
    conn = sqlite3.connect(database_path(db_url))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def run_in_loop(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_the_store_follows_the_callers_event_loop_between_runs(db_url: str) -> None:
    store = open_store(db_url)
    run(store.create(OWNER, "a", doc("a")))  # one asyncio.run ...
    run(store.create(OWNER, "b", doc("b")))  # ... then another, with a new loop
    assert run(store.count(OWNER)) == 2
    run(store.close())
