"""SQLite job store: one WAL file, durable commits, group commit with the fsync off the event loop.

Writes are applied on the event loop's thread, inside one open transaction per batch: every write
requested while the previous batch was being committed joins the next one. The COMMIT (where
synchronous=FULL fsyncs the WAL) runs on a dedicated committer thread, and only after it returned are
the batch's futures resolved, so no acknowledgement precedes its commit. The committer touches the
GIL twice per batch; a writer thread that ran each statement itself would have to win the GIL back
from the busy event loop after every statement (the sqlite3 module releases it around each step).
Reads use a second connection; WAL lets them run while a commit is in flight. With a single writing
connection, "database is locked" cannot occur between the server's own connections.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from graphsync.storage.base import Mutation, OwnerKey, Page, StorageError

log = logging.getLogger("graphsync.storage")

APPLICATION_ID = 0x47535943  # "GSYC": marks the file as a graphsync database
BUSY_TIMEOUT_MS = 10_000
MAX_BATCH = 1024
READ_MMAP_BYTES = 256 * 1024 * 1024

# Ordered schema migrations. Entry N (0-based) takes the schema from user_version N to N+1. Never
# edit a released entry: append a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE jobs (
            seq        INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant_id  TEXT NOT NULL,
            owner_kind TEXT NOT NULL,
            owner_id   TEXT NOT NULL,
            job_id     TEXT NOT NULL,
            document   TEXT NOT NULL,
            UNIQUE (tenant_id, owner_kind, owner_id, job_id)
        )
        """,
        "CREATE INDEX jobs_by_owner ON jobs (tenant_id, owner_kind, owner_id, seq)",
    ),
    # 2: owners get an integer key, so both job indexes hold (integer, ...) instead of three texts:
    # smaller index pages (94 instead of 115 MB for 100,000 jobs) and fewer of them written per commit.
    (
        """
        CREATE TABLE owners (
            id         INTEGER PRIMARY KEY,
            tenant_id  TEXT NOT NULL,
            owner_kind TEXT NOT NULL,
            owner_id   TEXT NOT NULL,
            UNIQUE (tenant_id, owner_kind, owner_id)
        )
        """,
        (
            "INSERT INTO owners (tenant_id, owner_kind, owner_id) "
            "SELECT DISTINCT tenant_id, owner_kind, owner_id FROM jobs ORDER BY 1, 2, 3"
        ),
        """
        CREATE TABLE jobs_v2 (
            seq      INTEGER PRIMARY KEY AUTOINCREMENT,
            owner    INTEGER NOT NULL REFERENCES owners (id),
            job_id   TEXT NOT NULL,
            document TEXT NOT NULL,
            UNIQUE (owner, job_id)
        )
        """,
        (
            "INSERT INTO jobs_v2 (seq, owner, job_id, document) "
            "SELECT jobs.seq, owners.id, jobs.job_id, jobs.document "
            "FROM jobs JOIN owners USING (tenant_id, owner_kind, owner_id) ORDER BY jobs.seq"
        ),
        # Positions are never reused, also those of jobs deleted before the migration (paging relies on it).
        "DELETE FROM sqlite_sequence WHERE name = 'jobs_v2'",
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'jobs_v2', seq FROM sqlite_sequence WHERE name = 'jobs'",
        "DROP TABLE jobs",
        "ALTER TABLE jobs_v2 RENAME TO jobs",
        "CREATE INDEX jobs_by_owner ON jobs (owner, seq)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_OWNER = "SELECT id FROM owners WHERE tenant_id = ? AND owner_kind = ? AND owner_id = ?"
_NEW_OWNER = "INSERT INTO owners (tenant_id, owner_kind, owner_id) VALUES (?, ?, ?) RETURNING id"
_GET = "SELECT document FROM jobs WHERE owner = ? AND job_id = ?"
_LIST = "SELECT seq, document, length(CAST(document AS BLOB)) FROM jobs WHERE owner = ? AND seq > ? ORDER BY seq LIMIT ?"
_COUNT = "SELECT count(*) FROM jobs WHERE owner = ?"
_INSERT = "INSERT INTO jobs (owner, job_id, document) VALUES (?, ?, ?)"
_UPDATE = "UPDATE jobs SET document = ? WHERE owner = ? AND job_id = ?"
_DELETE = "DELETE FROM jobs WHERE owner = ? AND job_id = ?"


def database_path(url: str) -> Path:
    """The file of a `sqlite:///relative/path` or `sqlite:////absolute/path` URL."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix) or "?" in url:
        raise StorageError(
            f"invalid SQLite URL {url!r}: use sqlite:///relative/path.db or sqlite:////absolute/path.db"
        )
    rest = url[len(prefix) :]
    if rest == ":memory:":
        raise StorageError("an in-memory database cannot be durable: use sqlite:///path/to/file.db")
    return Path(rest)


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open the database {path}: {exc}") from None


class SQLiteJobStore:
    """`JobStore` on one SQLite file (see the module docstring for the durability design)."""

    def __init__(self, url: str) -> None:
        self.path = database_path(url)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"cannot create the folder of the database {self.path}: {exc.strerror or exc}"
            ) from None
        self._writer = _connect(self.path)
        try:
            _prepare(self._writer, self.path)
            self._reader = _connect(self.path)
            self._reader.execute("PRAGMA query_only = ON")
            # Reads through a memory map skip a copy per page: a lookup among 100,000 jobs costs
            # what it costs in a fresh database (docs/benchmarks.md).
            self._reader.execute(f"PRAGMA mmap_size = {READ_MMAP_BYTES}")
        except BaseException:
            self._writer.close()
            raise
        # Owner keys: committed ones (rows are never deleted, so this never goes stale), and those
        # inserted by the batch being applied or committed, kept apart until its COMMIT succeeds.
        self._owners: dict[OwnerKey, int] = {}
        self._new_owners: dict[OwnerKey, int] = {}
        self._pending: list[_Write] = []
        self._flush_scheduled = False
        self._in_flight = False
        self._idle: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self._commits: queue.SimpleQueue[_Batch | None] = queue.SimpleQueue()
        self._committer = threading.Thread(
            target=self._commit_loop, name="graphsync-sqlite-commit", daemon=True
        )
        self._committer.start()

    # Reads: on the caller's thread, short indexed queries.

    async def get(self, owner: OwnerKey, job_id: str) -> str | None:
        """The job's committed document, or None."""
        key = self._committed_owner(owner)
        if key is None:
            return None
        row = self._one(_GET, (key, job_id))
        return None if row is None else str(row[0])

    async def list_page(self, owner: OwnerKey, *, after: int, limit: int, max_bytes: int) -> Page:
        """See `JobStore.list_page`; one row past `limit` is read to tell whether another page follows."""
        key = self._committed_owner(owner)
        if key is None:
            return Page(items=[], next_after=None)
        items: list[str] = []
        last, size = after, 0
        with self._rows(_LIST, (key, after, limit + 1)) as rows:
            for position, document, length in rows:
                if len(items) == limit or (items and size + length > max_bytes):
                    return Page(items=items, next_after=last)
                items.append(document)
                last, size = position, size + length
        return Page(items=items, next_after=None)

    async def count(self, owner: OwnerKey) -> int:
        """Number of committed jobs in the collection."""
        key = self._committed_owner(owner)
        row = None if key is None else self._one(_COUNT, (key,))
        return 0 if row is None else int(row[0])

    def _committed_owner(self, owner: OwnerKey) -> int | None:
        """The owner's key as committed (None: it has no jobs yet); cached once seen."""
        key = self._owners.get(owner)
        if key is None:
            row = self._one(_OWNER, (owner.tenant_id, owner.owner_kind, owner.owner_id))
            if row is not None:
                key = self._owners[owner] = row[0]
        return key

    def _one(self, sql: str, args: Sequence[Any]) -> tuple[Any, ...] | None:
        """The first row of a query, or None; every database error (also while fetching) is a StorageError."""
        with self._rows(sql, args) as rows:
            return next(rows, None)

    @contextlib.contextmanager
    def _rows(self, sql: str, args: Sequence[Any]) -> Iterator[Iterator[tuple[Any, ...]]]:
        """The rows of a query, read as they are iterated. A database error is a StorageError wherever it
        surfaces: in `execute`, or in any later step of the cursor (a corrupt page is found only there)."""
        if self._closed:
            raise StorageError("the job store is closed")
        cursor: sqlite3.Cursor | None = None
        try:
            cursor = self._reader.execute(sql, args)
            yield iter(cursor)
        except sqlite3.Error as exc:
            raise StorageError(f"database read failed: {exc}") from None
        finally:
            if cursor is not None:
                cursor.close()

    # Writes: each returns once the batch holding it has been committed.

    async def create(self, owner: OwnerKey, job_id: str, document: str) -> None:
        """Insert the job in the next write batch, committed on return (StorageError on a conflict)."""

        def apply(conn: sqlite3.Connection) -> None:
            conn.execute(_INSERT, (self._writer_owner(conn, owner, add=True), job_id, document))

        await self._submit(apply)

    async def update(self, owner: OwnerKey, job_id: str, mutate: Mutation) -> str | None:
        """Read, change and rewrite the job inside the write batch; the new document, or None if absent."""

        def apply(conn: sqlite3.Connection) -> str | None:
            key = self._writer_owner(conn, owner, add=False)
            row = None if key is None else conn.execute(_GET, (key, job_id)).fetchone()
            if row is None:
                return None
            try:
                stored = json.loads(row[0])
            except ValueError:
                raise StorageError(f"the stored document of job {job_id!r} is not valid JSON") from None
            document = json.dumps(mutate(stored), ensure_ascii=False, separators=(",", ":"))
            conn.execute(_UPDATE, (document, key, job_id))
            return document

        result: str | None = await self._submit(apply)
        return result

    async def delete(self, owner: OwnerKey, job_id: str) -> bool:
        """Delete the job in the next write batch; False if there was none."""

        def apply(conn: sqlite3.Connection) -> bool:
            key = self._writer_owner(conn, owner, add=False)
            return key is not None and conn.execute(_DELETE, (key, job_id)).rowcount > 0

        result: bool = await self._submit(apply)
        return result

    def _writer_owner(self, conn: sqlite3.Connection, owner: OwnerKey, *, add: bool) -> int | None:
        """The owner's key inside the open write transaction; with `add`, created when missing."""
        key = self._owners.get(owner) or self._new_owners.get(owner)
        if key is not None:
            return key
        names = (owner.tenant_id, owner.owner_kind, owner.owner_id)
        row = conn.execute(_OWNER, names).fetchone()
        if row is not None:
            return int(row[0])
        if not add:
            return None
        key = self._new_owners[owner] = int(conn.execute(_NEW_OWNER, names).fetchone()[0])
        return key

    async def close(self) -> None:
        """Commit what is queued, stop the committer and close both connections (idempotent)."""
        if self._closed:
            return
        while self._in_flight or self._pending:
            assert self._idle is not None
            self._idle.clear()
            if self._pending and not self._in_flight and not self._flush_scheduled:
                self._flush()
            await self._idle.wait()
        self.close_sync()

    def close_sync(self) -> None:
        """Release the database; writes still queued (none after `close`) are abandoned, never acknowledged."""
        if self._closed:
            return
        self._closed = True
        self._commits.put(None)
        self._committer.join()
        self._reader.close()
        self._writer.close()

    async def _submit(self, apply: Callable[[sqlite3.Connection], Any]) -> Any:
        if self._closed:
            raise StorageError("the job store is closed")
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            if self._in_flight or self._pending:
                raise StorageError("the job store is busy with writes from another event loop")
            self._loop, self._idle = loop, asyncio.Event()  # idle: follow the caller's loop
        future: asyncio.Future[Any] = loop.create_future()
        self._pending.append(_Write(apply, future))
        if not self._in_flight and not self._flush_scheduled:
            self._flush_scheduled = True
            loop.call_soon(self._flush)  # writes requested in this loop iteration join the batch
        return await future

    def _flush(self) -> None:
        """Apply the pending writes in one transaction and hand its COMMIT to the committer thread."""
        self._flush_scheduled = False
        if self._in_flight or not self._pending:
            return
        batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
        outcomes = (
            StorageError("the job store is closed") if self._closed else _apply_batch(self._writer, batch)
        )
        if isinstance(outcomes, StorageError):
            self._new_owners.clear()  # rolled back
            self._resolve(batch, None, outcomes)
            self._after_batch()
            return
        self._in_flight = True
        self._commits.put(_Batch(batch, outcomes))

    def _commit_loop(self) -> None:
        """Committer thread: COMMIT each batch (the fsync), then resolve it on the event loop."""
        while True:
            batch = self._commits.get()
            if batch is None:
                return
            failure: StorageError | None = None
            try:
                self._writer.execute("COMMIT")
            except sqlite3.Error as exc:  # every caller gets it and logs it once with its request id
                _rollback(self._writer)
                failure = StorageError(f"database commit failed, {len(batch.writes)} write(s) refused: {exc}")
            assert self._loop is not None
            try:
                self._loop.call_soon_threadsafe(self._committed, batch, failure)
            except RuntimeError:  # the loop is closed: nobody is waiting; the store is idle again
                self._new_owners.clear()  # committed or not, the next write looks them up again
                self._in_flight = False

    def _committed(self, batch: _Batch, failure: StorageError | None) -> None:
        self._in_flight = False
        if failure is None:
            self._owners.update(self._new_owners)
        self._new_owners.clear()
        self._resolve(batch.writes, batch.outcomes, failure)
        self._after_batch()

    def _after_batch(self) -> None:
        """Start the next batch with what queued up meanwhile, or signal that the store is idle."""
        if self._pending:
            self._flush()
        elif self._idle is not None:
            self._idle.set()

    @staticmethod
    def _resolve(
        writes: list[_Write], outcomes: list[tuple[bool, Any]] | None, failure: Exception | None
    ) -> None:
        for index, write in enumerate(writes):
            if write.future.done():  # the request was cancelled (client gone); the write itself stands
                continue
            if failure is not None or outcomes is None:
                write.future.set_exception(failure or StorageError("database write failed"))
                continue
            ok, value = outcomes[index]
            if ok:
                write.future.set_result(value)
            else:
                write.future.set_exception(value)


class _Write:
    __slots__ = ("apply", "future")

    def __init__(self, apply: Callable[[sqlite3.Connection], Any], future: asyncio.Future[Any]) -> None:
        self.apply = apply
        self.future = future


class _Batch:
    __slots__ = ("outcomes", "writes")

    def __init__(self, writes: list[_Write], outcomes: list[tuple[bool, Any]]) -> None:
        self.writes = writes
        self.outcomes = outcomes


def _apply_batch(conn: sqlite3.Connection, batch: list[_Write]) -> list[tuple[bool, Any]] | StorageError:
    """Open a transaction and apply each write (each statement-atomic); the failure if the transaction failed.

    A write whose own step fails (a duplicate id, a bug in a mutation) fails alone. A database error
    (I/O, corruption) rolls everything back and fails the batch.
    """
    outcomes: list[tuple[bool, Any]] = []
    try:
        conn.execute("BEGIN IMMEDIATE")
        for write in batch:
            try:
                outcomes.append((True, write.apply(conn)))
            except sqlite3.IntegrityError as exc:
                outcomes.append((False, StorageError(f"conflicting write: {exc}")))
            except sqlite3.Error:
                raise
            except Exception as exc:  # noqa: BLE001 (it reaches its caller, which logs it: a bug in a mutation is a 500)
                outcomes.append((False, exc))
        return outcomes
    except sqlite3.Error as exc:
        _rollback(conn)
        return StorageError(f"database write failed, {len(batch)} write(s) refused: {exc}")


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Check the file is ours and not newer than this code, switch to WAL, apply pending migrations."""
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} is not a usable SQLite database: {exc}") from None
    if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables and version == 0):
        raise StorageError(f"{path} is a SQLite database of another application; refusing to use it")
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{path} has schema version {version}, newer than this release understands ({SCHEMA_VERSION}); "
            "upgrade graphsync or use another database file"
        )
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(f"{path}: cannot switch the database to WAL mode (got {mode!r})")
        conn.execute("PRAGMA synchronous = FULL")
        for index in range(version, SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[index]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {index + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            log.info("database %s migrated to schema version %d", path, index + 1)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot prepare the database {path}: {exc}") from None
