"""The SQLite engine (`sqlite:///path`): one WAL file, durable commits shared by concurrent writes.

Writes go through group commit (sqlite_commit.py): applied on the event loop's thread in one open
transaction per batch, committed (and fsync'd) on a committer thread, acknowledged after that.
Reads use a second connection, on the caller's thread: short indexed queries that WAL lets run
while a commit is in flight. With a single writing connection, "database is locked" cannot occur
between the server's own connections. The file and its schema: sqlite_schema.py.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

from graphsync.storage.base import (
    Change,
    JobNotFound,
    OwnerKey,
    Page,
    StorageError,
    due_of,
    job_document,
    split_annotated,
)
from graphsync.storage.base import annotated as _annotated
from graphsync.storage.sqlite_commit import GroupCommitter
from graphsync.storage.sqlite_schema import connect, database_path, prepare

READ_MMAP_BYTES = 256 * 1024 * 1024

_OWNER = "SELECT id FROM owners WHERE tenant_id = ? AND owner_kind = ? AND owner_id = ?"
_NEW_OWNER = "INSERT INTO owners (tenant_id, owner_kind, owner_id) VALUES (?, ?, ?) RETURNING id"
_GET = "SELECT document FROM jobs WHERE owner = ? AND job_id = ?"
_LIST = "SELECT seq, document, length(CAST(document AS BLOB)) FROM jobs WHERE owner = ? AND seq > ? ORDER BY seq LIMIT ?"
_COUNT = "SELECT count(*) FROM jobs WHERE owner = ?"
_GET_ANNOTATED = "SELECT document, annotation FROM jobs WHERE owner = ? AND job_id = ?"
_INSERT = "INSERT INTO jobs (owner, job_id, document, annotation, due) VALUES (?, ?, ?, ?, ?)"
_UPDATE = "UPDATE jobs SET document = ?, annotation = ?, due = ? WHERE owner = ? AND job_id = ?"
_DUE = (
    "SELECT owners.tenant_id, owners.owner_kind, owners.owner_id, jobs.job_id FROM jobs "
    "JOIN owners ON owners.id = jobs.owner WHERE jobs.due <= ? ORDER BY jobs.due LIMIT ?"
)
_DELETE = "DELETE FROM jobs WHERE owner = ? AND job_id = ?"
_GET_DOCUMENT = "SELECT document FROM owner_documents WHERE owner = ? AND name = ?"
_PUT_DOCUMENT = "INSERT OR REPLACE INTO owner_documents (owner, name, document) VALUES (?, ?, ?)"
_DELETE_DOCUMENT = "DELETE FROM owner_documents WHERE owner = ? AND name = ?"
_DELETE_JOB_DOCUMENTS = "DELETE FROM owner_documents WHERE owner = ? AND name >= ? AND name < ?"


class SQLiteJobStore:
    """`JobStore` on one SQLite file (see the module docstring)."""

    def __init__(self, url: str) -> None:
        self.path = database_path(url)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"cannot create the folder of the database {self.path}: {exc.strerror or exc}"
            ) from None
        self._writer = connect(self.path)
        try:
            prepare(self._writer, self.path)
            self._reader = connect(self.path)
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
        self._closed = False
        self._committer = GroupCommitter(self._writer, self._batch_ended)

    # Reads: on the caller's thread, short indexed queries.

    async def get(self, owner: OwnerKey, job_id: str, *, annotated: bool = False) -> str | None:
        """The job's committed document (see `JobStore.get`), or None."""
        key = self._committed_owner(owner)
        if annotated:
            row = None if key is None else self._one(_GET_ANNOTATED, (key, job_id))
            return None if row is None else _annotated(row[0], row[1])
        row = None if key is None else self._one(_GET, (key, job_id))
        return None if row is None else str(row[0])

    async def list_page(self, owner: OwnerKey, *, cursor: str | None, limit: int, max_bytes: int) -> Page:
        """See `JobStore.list_page`; the cursor is the position (`seq`) of the page's last job."""
        key = self._committed_owner(owner)
        if key is None:
            return Page(items=[], next_cursor=None)
        after = _position(cursor)
        items: list[str] = []
        size = 0
        with self._rows(_LIST, (key, after, limit + 1)) as rows:  # one row more: is there a next page?
            for position, document, length in rows:
                if len(items) == limit or (items and size + length > max_bytes):
                    return Page(items=items, next_cursor=str(after))
                items.append(document)
                after, size = position, size + length
        return Page(items=items, next_cursor=None)

    async def count(self, owner: OwnerKey) -> int:
        """Number of committed jobs in the collection."""
        key = self._committed_owner(owner)
        row = None if key is None else self._one(_COUNT, (key,))
        return 0 if row is None else int(row[0])

    async def due(self, until: str, limit: int) -> list[tuple[OwnerKey, str]]:
        """See `JobStore.due`: committed jobs, through the index of due times."""
        with self._rows(_DUE, (until, limit)) as rows:
            return [(OwnerKey(tenant, kind, owner), job_id) for tenant, kind, owner, job_id in rows]

    async def get_document(self, owner: OwnerKey, name: str) -> str | None:
        """The owner's committed document `name`, or None."""
        key = self._committed_owner(owner)
        row = None if key is None else self._one(_GET_DOCUMENT, (key, name))
        return None if row is None else str(row[0])

    def _committed_owner(self, owner: OwnerKey) -> int | None:
        """The owner's key as committed (None: nothing stored for it yet); cached once seen."""
        key = self._owners.get(owner)
        if key is None:
            row = self._one(_OWNER, (owner.tenant_id, owner.owner_kind, owner.owner_id))
            if row is not None:
                key = self._owners[owner] = int(row[0])
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

    async def write(self, owner: OwnerKey, job_id: str, change: Change) -> str | None:
        """Read, change and write the job inside the next write batch; the document after it."""

        def apply(conn: sqlite3.Connection) -> str | None:
            key = self._writer_owner(conn, owner, add=False)
            row = None if key is None else conn.execute(_GET_ANNOTATED, (key, job_id)).fetchone()
            before: str | None = None if row is None else _annotated(row[0], row[1])
            after = change(before)  # may raise: nothing has been written for this job yet
            if after is before:
                return after
            document, annotation = split_annotated(after) if after is not None else ("", None)
            due = due_of(annotation)
            if before is None:
                row = (self._writer_owner(conn, owner, add=True), job_id, document, annotation, due)
                conn.execute(_INSERT, row)
            elif after is None:
                conn.execute(_DELETE, (key, job_id))
                prefix = job_document(job_id, "")  # ends in "/": the range is exactly the names under it
                conn.execute(_DELETE_JOB_DOCUMENTS, (key, prefix, prefix[:-1] + "0"))
            else:
                conn.execute(_UPDATE, (document, annotation, due, key, job_id))
            return after

        if self._closed:
            raise StorageError("the job store is closed")
        result: str | None = await self._committer.submit(apply)
        return result

    async def write_document(
        self, owner: OwnerKey, name: str, change: Change, *, of_job: str | None = None
    ) -> str | None:
        """Read, change and write the owner's document `name` inside the next write batch."""

        def apply(conn: sqlite3.Connection) -> str | None:
            key = self._writer_owner(conn, owner, add=False)
            if of_job is not None and (key is None or conn.execute(_GET, (key, of_job)).fetchone() is None):
                raise JobNotFound(of_job)
            row = None if key is None else conn.execute(_GET_DOCUMENT, (key, name)).fetchone()
            before: str | None = None if row is None else row[0]
            after = change(before)
            if after is before:
                return after
            if after is None:
                conn.execute(_DELETE_DOCUMENT, (key, name))
            else:
                conn.execute(_PUT_DOCUMENT, (self._writer_owner(conn, owner, add=True), name, after))
            return after

        if self._closed:
            raise StorageError("the job store is closed")
        result: str | None = await self._committer.submit(apply)
        return result

    async def clear(self) -> None:
        """Delete every job and document in one committed write (owner keys stay: they are never reused)."""

        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM jobs")
            conn.execute("DELETE FROM owner_documents")

        if self._closed:
            raise StorageError("the job store is closed")
        await self._committer.submit(apply)

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

    def _batch_ended(self, committed: bool) -> None:
        """Owner keys inserted by a batch are kept once it is committed, forgotten when it is rolled back."""
        if committed:
            self._owners.update(self._new_owners)
        self._new_owners.clear()

    async def close(self) -> None:
        """Commit what is queued, stop the committer and close both connections (idempotent)."""
        if not self._closed:
            await self._committer.drain()
            self.close_sync()

    def close_sync(self) -> None:
        """Release the database; writes still queued (none after `close`) are abandoned, never acknowledged."""
        if self._closed:
            return
        self._closed = True
        self._committer.close()
        self._reader.close()
        self._writer.close()


def _position(cursor: str | None) -> int:
    if cursor is None:
        return 0
    if not cursor.isdigit():
        raise StorageError(f"not a cursor of the SQLite engine: {cursor[:40]!r}")
    return int(cursor)
