"""The PostgreSQL engine (`postgresql://user@host:port/dbname`): jobs in a server shared by processes.

Every call borrows a connection of an async psycopg 3 pool (bounded size; a bounded wait for a free
connection; each connection checked before it is lent, so one broken by a server restart is replaced)
and runs under a deadline, so that no call outlives a lost server: a failure of the database, wherever
it happens (connecting, waiting for the pool, a statement, the COMMIT), is a StorageError.

Each write is one transaction that returns only after its COMMIT. It first takes a transaction-level
advisory lock on the job (or document) it writes, then reads the row `FOR UPDATE`: concurrent writes
of one job, creations of one new id included, run one after the other, each seeing the last. Jobs are
numbered by a bigserial (`seq`), the position listings page by; the cursor is that number as text.
The schema and its migrations: postgresql_schema.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections.abc import AsyncIterator
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
from graphsync.storage.postgresql_schema import (
    CONNECT_TIMEOUT_S,
    error_text,
    open_pool,
    prepare,
    settings_of,
)

try:
    import psycopg
    from psycopg_pool import AsyncConnectionPool
except ImportError as exc:  # pragma: no cover (the development environment has them)
    raise StorageError(
        f"the postgresql:// engine needs psycopg 3 and psycopg-pool ({exc}): "
        "pip install 'graphsync[postgresql]'"
    ) from None

_OWNER = "SELECT id FROM owners WHERE tenant_id = %s AND owner_kind = %s AND owner_id = %s"
_NEW_OWNER = (
    "INSERT INTO owners (tenant_id, owner_kind, owner_id) VALUES (%s, %s, %s) "
    "ON CONFLICT (tenant_id, owner_kind, owner_id) DO NOTHING RETURNING id"
)
_OF = "JOIN owners o ON o.id = j.owner WHERE o.tenant_id = %s AND o.owner_kind = %s AND o.owner_id = %s"
_GET = f"SELECT j.document, j.annotation FROM jobs j {_OF} AND j.job_id = %s"
_LIST = (
    f"SELECT j.seq, j.document, octet_length(j.document) FROM jobs j {_OF} AND j.seq > %s "
    "ORDER BY j.seq LIMIT %s"
)
_COUNT = f"SELECT count(*) FROM jobs j {_OF}"
_DUE = (
    "SELECT o.tenant_id, o.owner_kind, o.owner_id, j.job_id FROM jobs j JOIN owners o ON o.id = j.owner "
    "WHERE j.due <= %s ORDER BY j.due, j.seq LIMIT %s"
)
_GET_DOCUMENT = (
    "SELECT d.document FROM owner_documents d JOIN owners o ON o.id = d.owner "
    "WHERE o.tenant_id = %s AND o.owner_kind = %s AND o.owner_id = %s AND d.name = %s"
)
_LOCK = "SELECT pg_advisory_xact_lock(%s)"
_JOB_FOR_UPDATE = "SELECT document, annotation FROM jobs WHERE owner = %s AND job_id = %s FOR UPDATE"
_JOB_FOR_SHARE = "SELECT 1 FROM jobs WHERE owner = %s AND job_id = %s FOR SHARE"
_INSERT = "INSERT INTO jobs (owner, job_id, document, annotation, due) VALUES (%s, %s, %s, %s, %s)"
_UPDATE = "UPDATE jobs SET document = %s, annotation = %s, due = %s WHERE owner = %s AND job_id = %s"
_DELETE = "DELETE FROM jobs WHERE owner = %s AND job_id = %s"
_DELETE_JOB_DOCUMENTS = "DELETE FROM owner_documents WHERE owner = %s AND name >= %s AND name < %s"
_DOCUMENT_FOR_UPDATE = "SELECT document FROM owner_documents WHERE owner = %s AND name = %s FOR UPDATE"
_PUT_DOCUMENT = (
    "INSERT INTO owner_documents (owner, name, document) VALUES (%s, %s, %s) "
    "ON CONFLICT (owner, name) DO UPDATE SET document = EXCLUDED.document"
)
_DELETE_DOCUMENT = "DELETE FROM owner_documents WHERE owner = %s AND name = %s"


class PostgreSQLJobStore:
    """`JobStore` on a PostgreSQL database (see the module docstring)."""

    def __init__(self, url: str) -> None:
        self.settings = settings_of(url)
        prepare(self.settings)  # synchronous, before serving: a bad URL or server fails the start
        # Longest life of one call: the wait for a connection, then its statements.
        self._deadline = self.settings.pool_timeout + 2 * self.settings.statement_timeout + CONNECT_TIMEOUT_S
        self._pool: AsyncConnectionPool[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._guard: asyncio.Task[None] | None = None
        self._owners: dict[OwnerKey, int] = {}  # committed owner keys (rows are never deleted)
        self._closed = False

    # Reads: one statement each, owners joined by their names.

    async def get(self, owner: OwnerKey, job_id: str, *, annotated: bool = False) -> str | None:
        """The job's committed document (see `JobStore.get`), or None."""
        if not _storable(*owner, job_id):
            self._refuse_if_closed()
            return None
        async with self._connection() as conn:
            row = await (await conn.execute(_GET, (*owner, job_id))).fetchone()
        if row is None:
            return None
        return _annotated(row[0], row[1]) if annotated else str(row[0])

    async def list_page(self, owner: OwnerKey, *, cursor: str | None, limit: int, max_bytes: int) -> Page:
        """See `JobStore.list_page`; the cursor is the position (`seq`) of the page's last job."""
        after = _position(cursor)
        if not _storable(*owner):
            self._refuse_if_closed()
            return Page(items=[], next_cursor=None)
        async with self._connection() as conn:
            rows = await (await conn.execute(_LIST, (*owner, after, limit + 1))).fetchall()
        items: list[str] = []
        size = 0
        for position, document, length in rows:  # one row more than the limit: is there a next page?
            if len(items) == limit or (items and size + length > max_bytes):
                return Page(items=items, next_cursor=str(after))
            items.append(document)
            after, size = position, size + length
        return Page(items=items, next_cursor=None)

    async def count(self, owner: OwnerKey) -> int:
        """Number of committed jobs in the collection."""
        if not _storable(*owner):
            self._refuse_if_closed()
            return 0
        async with self._connection() as conn:
            row = await (await conn.execute(_COUNT, tuple(owner))).fetchone()
        return 0 if row is None else int(row[0])

    async def due(self, until: str, limit: int) -> list[tuple[OwnerKey, str]]:
        """See `JobStore.due`: committed jobs, through the index of due times."""
        async with self._connection() as conn:
            rows = await (await conn.execute(_DUE, (until, limit))).fetchall()
        return [(OwnerKey(tenant, kind, owner), job_id) for tenant, kind, owner, job_id in rows]

    async def get_document(self, owner: OwnerKey, name: str) -> str | None:
        """The owner's committed document `name`, or None."""
        if not _storable(*owner, name):
            self._refuse_if_closed()
            return None
        async with self._connection() as conn:
            row = await (await conn.execute(_GET_DOCUMENT, (*owner, name))).fetchone()
        return None if row is None else str(row[0])

    # Writes: one transaction each, acknowledged after its COMMIT.

    async def write(self, owner: OwnerKey, job_id: str, change: Change) -> str | None:
        """Lock, read, change and write the job in one transaction; the document after it."""
        if not _storable(*owner, job_id):
            return self._unstorable(change)
        learnt: dict[OwnerKey, int] = {}
        async with self._transaction() as conn:
            await conn.execute(_LOCK, (_lock_key("job", owner, job_id),))
            key = await self._owner(conn, owner, learnt, add=False)
            row = None
            if key is not None:
                row = await (await conn.execute(_JOB_FOR_UPDATE, (key, job_id))).fetchone()
            before: str | None = None if row is None else _annotated(row[0], row[1])
            after = change(before)  # may raise: the transaction is rolled back, nothing written
            if after is before:
                return after
            document, annotation = split_annotated(after) if after is not None else ("", None)
            due = due_of(annotation)
            if before is None:
                key = await self._owner(conn, owner, learnt, add=True)
                await conn.execute(_INSERT, (key, job_id, document, annotation, due))
            elif after is None:
                await conn.execute(_DELETE, (key, job_id))
                prefix = job_document(job_id, "")  # ends in "/": the range is exactly the names under it
                await conn.execute(_DELETE_JOB_DOCUMENTS, (key, prefix, prefix[:-1] + "0"))
            else:
                await conn.execute(_UPDATE, (document, annotation, due, key, job_id))
        self._owners.update(learnt)  # committed
        return after

    async def write_document(
        self, owner: OwnerKey, name: str, change: Change, *, of_job: str | None = None
    ) -> str | None:
        """Lock, read, change and write the owner's document `name` in one transaction."""
        if not _storable(*owner, name, of_job or ""):
            if of_job is not None:
                self._refuse_if_closed()
                raise JobNotFound(of_job)
            return self._unstorable(change)
        learnt: dict[OwnerKey, int] = {}
        async with self._transaction() as conn:
            await conn.execute(_LOCK, (_lock_key("document", owner, name),))
            key = await self._owner(conn, owner, learnt, add=False)
            if of_job is not None:  # FOR SHARE: the job cannot be deleted until this commits
                found = (
                    None
                    if key is None
                    else await (await conn.execute(_JOB_FOR_SHARE, (key, of_job))).fetchone()
                )
                if found is None:
                    raise JobNotFound(of_job)
            row = (
                None
                if key is None
                else await (await conn.execute(_DOCUMENT_FOR_UPDATE, (key, name))).fetchone()
            )
            before: str | None = None if row is None else row[0]
            after = change(before)
            if after is before:
                return after
            if after is None:
                await conn.execute(_DELETE_DOCUMENT, (key, name))
            else:
                key = await self._owner(conn, owner, learnt, add=True)
                await conn.execute(_PUT_DOCUMENT, (key, name, after))
        self._owners.update(learnt)
        return after

    async def clear(self) -> None:
        """Delete every job and document in one transaction (owner keys stay: they are never reused)."""
        async with self._transaction() as conn:
            await conn.execute("DELETE FROM owner_documents")
            await conn.execute("DELETE FROM jobs")

    async def _owner(
        self, conn: Any, owner: OwnerKey, learnt: dict[OwnerKey, int], *, add: bool
    ) -> int | None:
        """The owner's key inside the transaction; with `add`, created when missing (kept once committed)."""
        key = self._owners.get(owner) or learnt.get(owner)
        if key is not None:
            return key
        row = await (await conn.execute(_OWNER, tuple(owner))).fetchone()
        if row is None and add:  # a concurrent creation of the owner: wait for it, then read its key
            row = await (await conn.execute(_NEW_OWNER, tuple(owner))).fetchone()
            row = row or await (await conn.execute(_OWNER, tuple(owner))).fetchone()
        if row is None:
            return None
        learnt[owner] = int(row[0])
        return learnt[owner]

    # Connections: borrowed from the pool of the running event loop, every failure a StorageError.

    @contextlib.asynccontextmanager
    async def _connection(self) -> AsyncIterator[Any]:
        deadline = asyncio.timeout(self._deadline)
        try:
            pool = await self._pool_of_loop()
            async with deadline, pool.connection() as conn:
                yield conn
        except psycopg.Error as exc:
            raise StorageError(f"database call failed: {error_text(exc)}") from None
        except TimeoutError:
            if not deadline.expired():
                raise
            raise StorageError(f"database call took more than {self._deadline:.0f}s") from None

    @contextlib.asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Any]:
        """A transaction committed on leaving; an exception (a change's own included) rolls it back."""
        async with self._connection() as conn, conn.transaction():
            yield conn

    async def _pool_of_loop(self) -> AsyncConnectionPool[Any]:
        """The pool of the running event loop, opened on first use (a pool's tasks live on one loop)."""
        self._refuse_if_closed()
        loop = asyncio.get_running_loop()
        if self._pool is None or self._loop is not loop:
            # A pool of an earlier loop (now gone) was closed when that loop ended (see `open_pool`,
            # which does not suspend: no other call can open a second pool meanwhile).
            self._pool, self._guard = await open_pool(self.settings)
            self._loop = loop
        return self._pool

    def _refuse_if_closed(self) -> None:
        if self._closed:
            raise StorageError("the job store is closed")

    def _unstorable(self, change: Change) -> str | None:
        """A write naming a text PostgreSQL cannot hold (a NUL character): no such row exists."""
        self._refuse_if_closed()
        after = change(None)
        if after is not None:
            raise StorageError("a name holding a NUL character cannot be stored")
        return after

    async def close(self) -> None:
        """Close the pool's connections (idempotent); every later call raises StorageError."""
        if self._closed:
            return
        self._closed = True
        pool, self._pool = self._pool, None
        if pool is not None and self._loop is asyncio.get_running_loop():
            assert self._guard is not None
            self._guard.cancel()  # it closes the pool
            with contextlib.suppress(asyncio.CancelledError):
                await self._guard


def _storable(*texts: str) -> bool:
    return not any("\x00" in text for text in texts)


def _lock_key(kind: str, owner: OwnerKey, name: str) -> int:
    """A 64-bit advisory lock key for one job or document (a collision only serialises two writes)."""
    digest = hashlib.blake2b(json.dumps([kind, *owner, name]).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _position(cursor: str | None) -> int:
    if cursor is None:
        return 0
    if not cursor.isdigit() or len(cursor) > 19:
        raise StorageError(f"not a cursor of the PostgreSQL engine: {cursor[:40]!r}")
    return int(cursor)
