"""Group commit for the SQLite engine: writes share transactions, the fsync runs off the event loop.

Writes are applied on the event loop's thread, inside one open transaction per batch: every write
requested while the previous batch was being committed joins the next one. The COMMIT (where
synchronous=FULL fsyncs the WAL) runs on a dedicated committer thread, and only after it returned
are the batch's futures resolved, so no acknowledgement precedes its commit. The committer touches
the GIL twice per batch; a writer thread that ran each statement itself would have to win the GIL
back from the busy event loop after every statement (the sqlite3 module releases it around each
step).
"""

from __future__ import annotations

import asyncio
import queue
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from graphsync.storage.base import StorageError

MAX_BATCH = 1024
Apply = Callable[[sqlite3.Connection], Any]


class GroupCommitter:
    """Runs `Apply` callables in shared transactions on `conn`; `submit` returns once its batch is committed.

    `on_commit(ok)` is called on the event loop after each batch, with whether it was committed, so
    that the store can keep or drop what it learnt inside the transaction (new owner keys).
    """

    def __init__(self, conn: sqlite3.Connection, on_commit: Callable[[bool], None]) -> None:
        self._conn = conn
        self._on_commit = on_commit
        self._pending: list[_Write] = []
        self._flush_scheduled = False
        self._in_flight = False
        self._idle: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self._commits: queue.SimpleQueue[_Batch | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._commit_loop, name="graphsync-sqlite-commit", daemon=True)
        self._thread.start()

    async def submit(self, apply: Apply) -> Any:
        """Apply in the next batch; its result once committed, or its exception (StorageError if the batch failed)."""
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

    async def drain(self) -> None:
        """Wait until every queued write is committed (or failed)."""
        while self._in_flight or self._pending:
            assert self._idle is not None
            self._idle.clear()
            if self._pending and not self._in_flight and not self._flush_scheduled:
                self._flush()
            await self._idle.wait()

    def close(self) -> None:
        """Stop the committer thread; writes still queued (none after `drain`) are abandoned, never acknowledged."""
        if not self._closed:
            self._closed = True
            self._commits.put(None)
            self._thread.join()

    def _flush(self) -> None:
        """Apply the pending writes in one transaction and hand its COMMIT to the committer thread."""
        self._flush_scheduled = False
        if self._in_flight or not self._pending:
            return
        batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
        outcomes = (
            StorageError("the job store is closed") if self._closed else _apply_batch(self._conn, batch)
        )
        if isinstance(outcomes, StorageError):
            self._on_commit(False)  # rolled back
            _resolve(batch, None, outcomes)
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
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:  # every caller gets it and logs it once with its request id
                _rollback(self._conn)
                failure = StorageError(f"database commit failed, {len(batch.writes)} write(s) refused: {exc}")
            assert self._loop is not None
            try:
                self._loop.call_soon_threadsafe(self._committed, batch, failure)
            except RuntimeError:  # the loop is closed: nobody is waiting; the store is idle again
                self._on_commit(False)  # committed or not, what the batch learnt is looked up again
                self._in_flight = False

    def _committed(self, batch: _Batch, failure: StorageError | None) -> None:
        self._in_flight = False
        self._on_commit(failure is None)
        _resolve(batch.writes, batch.outcomes, failure)
        self._after_batch()

    def _after_batch(self) -> None:
        """Start the next batch with what queued up meanwhile, or signal that the store is idle."""
        if self._pending:
            self._flush()
        elif self._idle is not None:
            self._idle.set()


class _Write:
    __slots__ = ("apply", "future")

    def __init__(self, apply: Apply, future: asyncio.Future[Any]) -> None:
        self.apply = apply
        self.future = future


class _Batch:
    __slots__ = ("outcomes", "writes")

    def __init__(self, writes: list[_Write], outcomes: list[tuple[bool, Any]]) -> None:
        self.writes = writes
        self.outcomes = outcomes


def _apply_batch(conn: sqlite3.Connection, batch: list[_Write]) -> list[tuple[bool, Any]] | StorageError:
    """Open a transaction and apply each write; the failure if the transaction failed.

    A write whose own step fails fails alone: a change that raises (a domain error, or a bug) raises
    before its write executes anything that modifies the database, and a statement that violates a
    constraint changes nothing. A database error (I/O, corruption) rolls everything back and fails
    the batch.
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
            except Exception as exc:  # noqa: BLE001 (it reaches its caller, which answers or logs it)
                outcomes.append((False, exc))
        return outcomes
    except sqlite3.Error as exc:
        _rollback(conn)
        return StorageError(f"database write failed, {len(batch)} write(s) refused: {exc}")


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


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass
