"""The in-memory engine (`memory:`): jobs in dictionaries, gone when the process ends.

For throw-away runs (tests, CI, a quick look): every write is atomic and immediately visible, but
nothing is durable. Each call runs to its end without awaiting, so on one event loop no two calls
interleave. Positions come from one counter, so pages behave exactly as on the SQLite engine.
"""

from __future__ import annotations

import bisect
import dataclasses
from urllib.parse import unquote

from graphsync.storage.base import (
    JOB_DOCUMENTS,
    Change,
    JobNotFound,
    OwnerKey,
    Page,
    StorageError,
    due_of,
    split_annotated,
)
from graphsync.storage.base import annotated as _annotated

URL = "memory:"


@dataclasses.dataclass(slots=True)
class _Collection:
    # job id -> (position, document, its length in UTF-8 bytes, annotation)
    jobs: dict[str, tuple[int, str, int, str | None]] = dataclasses.field(default_factory=dict)
    positions: list[int] = dataclasses.field(default_factory=list)  # sorted
    ids: dict[int, str] = dataclasses.field(default_factory=dict)  # position -> job id


class MemoryJobStore:
    """`JobStore` in memory; see the module docstring."""

    def __init__(self, url: str = URL) -> None:
        if url != URL:
            raise StorageError(f"invalid in-memory database URL {url!r}: use {URL}")
        self._collections: dict[OwnerKey, _Collection] = {}
        self._documents: dict[OwnerKey, dict[str, str]] = {}
        self._of_jobs: dict[OwnerKey, dict[str, set[str]]] = {}  # job id -> names of its documents
        self._due: dict[tuple[OwnerKey, str], str] = {}  # (owner, job id) -> its annotation's due time
        self._last_position = 0
        self._closed = False

    async def get(self, owner: OwnerKey, job_id: str, *, annotated: bool = False) -> str | None:
        """The job's document (see `JobStore.get`), or None."""
        found = self._collection(owner).jobs.get(job_id)
        if found is None:
            return None
        return _annotated(found[1], found[3]) if annotated else found[1]

    async def list_page(self, owner: OwnerKey, *, cursor: str | None, limit: int, max_bytes: int) -> Page:
        """See `JobStore.list_page`; the cursor is the position of the page's last job."""
        collection = self._collection(owner)
        start = bisect.bisect_right(collection.positions, _position(cursor))
        items: list[str] = []
        size = 0
        for index in range(start, len(collection.positions)):
            _, document, length, _ = collection.jobs[collection.ids[collection.positions[index]]]
            if len(items) == limit or (items and size + length > max_bytes):
                return Page(items=items, next_cursor=str(collection.positions[index - 1]))
            items.append(document)
            size += length
        return Page(items=items, next_cursor=None)

    async def count(self, owner: OwnerKey) -> int:
        """Number of jobs in the collection."""
        return len(self._collection(owner).jobs)

    async def write(self, owner: OwnerKey, job_id: str, change: Change) -> str | None:
        """Apply `change` to the job (see `JobStore.write`)."""
        collection = self._collection(owner)
        found = collection.jobs.get(job_id)
        before = None if found is None else _annotated(found[1], found[3])
        after = change(before)
        if after is before:
            return after
        document, annotation = split_annotated(after) if after is not None else ("", None)
        due = due_of(annotation)
        if due is None:
            self._due.pop((owner, job_id), None)
        else:
            self._due[(owner, job_id)] = due
        if found is None:
            assert after is not None
            self._last_position += 1
            position = self._last_position
            collection.positions.append(position)  # the largest position so far: the list stays sorted
            collection.ids[position] = job_id
            collection.jobs[job_id] = (position, document, _size(document), annotation)
        elif after is None:
            position = found[0]
            del collection.jobs[job_id], collection.ids[position]
            del collection.positions[bisect.bisect_left(collection.positions, position)]
            documents = self._documents.get(owner, {})
            for name in self._of_jobs.get(owner, {}).pop(job_id, ()):
                documents.pop(name, None)
        else:
            collection.jobs[job_id] = (found[0], document, _size(document), annotation)
        if owner not in self._collections:
            self._collections[owner] = collection
        return after

    async def due(self, until: str, limit: int) -> list[tuple[OwnerKey, str]]:
        """See `JobStore.due` (a scan of the jobs that have a due time)."""
        self._collection(OwnerKey("", "", ""))  # refuses when closed
        found = sorted((due, key) for key, due in self._due.items() if due <= until)
        return [key for _, key in found[:limit]]

    async def clear(self) -> None:
        """Delete every job and document."""
        self._collection(OwnerKey("", "", ""))  # refuses when closed
        self._collections.clear()
        self._documents.clear()
        self._of_jobs.clear()
        self._due.clear()

    async def get_document(self, owner: OwnerKey, name: str) -> str | None:
        """The owner's document `name`, or None."""
        self._collection(owner)  # refuses when closed
        return self._documents.get(owner, {}).get(name)

    async def write_document(
        self, owner: OwnerKey, name: str, change: Change, *, of_job: str | None = None
    ) -> str | None:
        """Apply `change` to the owner's document `name` (see `JobStore.write_document`)."""
        collection = self._collection(owner)
        if of_job is not None and of_job not in collection.jobs:
            raise JobNotFound(of_job)
        if name.startswith(JOB_DOCUMENTS):  # a document of a job: indexed, to go with the job
            job_id = unquote(name[len(JOB_DOCUMENTS) :].split("/", 1)[0])
            self._of_jobs.setdefault(owner, {}).setdefault(job_id, set()).add(name)
        documents = self._documents.get(owner, {})
        before = documents.get(name)
        after = change(before)
        if after is None:
            documents.pop(name, None)
        elif after is not before:
            self._documents.setdefault(owner, documents)[name] = after
        return after

    async def close(self) -> None:
        """Drop everything (idempotent); later calls raise StorageError."""
        self._closed = True
        self._collections.clear()
        self._documents.clear()
        self._of_jobs.clear()
        self._due.clear()

    def _collection(self, owner: OwnerKey) -> _Collection:
        if self._closed:
            raise StorageError("the job store is closed")
        return self._collections.get(owner) or _Collection()


def _size(document: str) -> int:
    return len(document) if document.isascii() else len(document.encode("utf-8"))


def _position(cursor: str | None) -> int:
    if cursor is None:
        return 0
    if not cursor.isdigit():
        raise StorageError(f"not a cursor of the memory engine: {cursor[:40]!r}")
    return int(cursor)
