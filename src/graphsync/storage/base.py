"""The storage interface: jobs as JSON documents, every call scoped to one collection of one tenant,
and the named documents the owner's synchronization holds besides its jobs (its secrets; a job's
schema, under a name from `job_document`, which goes when the job goes).

Every engine (graphsync/storage/*.py, chosen by URL scheme in graphsync/storage/__init__.py)
implements `JobStore` and passes the one contract suite (tests/storage/test_contract.py).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import NamedTuple, Protocol
from urllib.parse import quote


class StorageError(RuntimeError):
    """The database cannot be opened or read, is of an unsupported version, or a write was not committed.

    Whatever the engine and wherever it happens (opening, a query, a later step of a cursor, a
    commit), a failure of the storage itself is a StorageError; the service answers it with 503.
    """


class OwnerKey(NamedTuple):
    """The collection a job lives in: a tenant, an owner kind (servicePrincipals/applications) and its id.

    A named tuple: it keys the stores' and caches' dictionaries on every request, and a tuple hashes
    and compares in C.
    """

    tenant_id: str
    owner_kind: str
    owner_id: str


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing: job documents (JSON text) in creation order, and where the next page starts.

    `next_cursor` is the engine's own, opaque to the service (which only hands it back); None on
    the last page.
    """

    items: list[str]
    next_cursor: str | None


JOB_DOCUMENTS = "jobs/"  # prefix of the documents that belong to a job: jobs/{job id}/{name}


def job_document(job_id: str, name: str) -> str:
    """The name of an owner's document that belongs to one job (deleting the job deletes it).

    The job id is percent-encoded, so that no job's names start with another job's prefix.
    """
    return f"{JOB_DOCUMENTS}{quote(job_id, safe='')}/{name}"


ANNOTATION = "\n"  # between a job's document and its annotation (compact JSON has no raw newline)


def annotated(document: str, annotation: str | None) -> str:
    """What a change sees and returns: the job's document, then its annotation if it has one.

    A job's annotation is what the service keeps about a job besides what it serves (when its next
    provisioning cycle is due, its cycles' timeline): a JSON object, written atomically with the
    document, never returned by `get` or `list_page`. Its `due` member, a UTC time in one fixed-width
    ISO 8601 form (so that texts compare as times), is indexed: `JobStore.due` finds the jobs due.
    """
    return document if annotation is None else f"{document}{ANNOTATION}{annotation}"


def split_annotated(text: str) -> tuple[str, str | None]:
    """A change's text as (document, annotation or None)."""
    document, separator, annotation = text.partition(ANNOTATION)
    return (document, annotation) if separator else (document, None)


def due_of(annotation: str | None) -> str | None:
    """The indexed `due` time of an annotation (None: not due at all)."""
    if annotation is None:
        return None
    due = json.loads(annotation).get("due")
    return due if isinstance(due, str) else None


class JobNotFound(LookupError):
    """A document of a job was written after (or while) the job was deleted: nothing was written."""


Change = Callable[[str | None], str | None]
"""A write: the job's document now (None: no such job) to its document after (None: delete it).

For a job the texts are `annotated(document, annotation)`; for an owner's document, the document.

Returning the argument itself writes nothing. An exception raised by a change reaches the caller
unchanged, and nothing of that write happens.
"""


class JobStore(Protocol):
    """Durable (or, for the memory engine, merely atomic) storage of jobs and of owners' documents.

    Job documents cross this interface as compact JSON text, so that reads can be spliced into
    responses without decoding. Job ids compare exactly (case-sensitive, byte for byte). A write
    returns only once it is durable (the SQLite engine: committed and fsync'd).
    """

    async def get(self, owner: OwnerKey, job_id: str, *, annotated: bool = False) -> str | None:
        """The job's document, or None; with `annotated`, as a change sees it (`annotated(...)`)."""

    async def list_page(self, owner: OwnerKey, *, cursor: str | None, limit: int, max_bytes: int) -> Page:
        """Up to `limit` jobs, oldest first, from the start (`cursor` None) or from a page's `next_cursor`.

        The page ends early rather than hold more than `max_bytes` bytes of documents in UTF-8 (it
        always holds at least one job, however large), so that a page of large jobs stays bounded.
        A job created after a page was read is listed on a later page; one deleted is not.
        """

    async def count(self, owner: OwnerKey) -> int:
        """Number of jobs in the collection."""

    async def write(self, owner: OwnerKey, job_id: str, change: Change) -> str | None:
        """Apply `change` to the job atomically (create, update or delete); the document after it.

        Concurrent writes to one job are applied one after the other, each seeing the last. Deleting
        a job deletes, in the same atomic write, the owner's documents named `job_document(job_id, ...)`.
        """

    async def due(self, until: str, limit: int) -> list[tuple[OwnerKey, str]]:
        """Up to `limit` jobs of any owner whose annotation's `due` is at or before `until`, earliest first."""

    async def clear(self) -> None:
        """Delete every job and every document (a reset to the seed), atomically and durably."""

    async def get_document(self, owner: OwnerKey, name: str) -> str | None:
        """The owner's synchronization document `name` (e.g. `secrets`), or None."""

    async def write_document(
        self, owner: OwnerKey, name: str, change: Change, *, of_job: str | None = None
    ) -> str | None:
        """Apply `change` to the owner's document `name` atomically, like `write` does to a job.

        With `of_job` (for a name from `job_document(of_job, ...)`), the write happens only while that
        job exists, in the same atomic section; else JobNotFound, and nothing is written.
        """

    async def close(self) -> None:
        """Finish pending writes and release the database; every later call raises StorageError."""
