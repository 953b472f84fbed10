"""The storage interface: jobs as JSON documents, every call scoped to one owner in one tenant."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Protocol


class StorageError(RuntimeError):
    """The database cannot be opened, is of an unsupported version, or a write could not be committed."""


@dataclasses.dataclass(frozen=True, slots=True)
class OwnerKey:
    """The collection a job lives in: a tenant, an owner kind (servicePrincipals/applications) and its id."""

    tenant_id: str
    owner_kind: str
    owner_id: str


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing: job documents (JSON text) in creation order, and where the next page starts."""

    items: list[str]
    next_after: int | None  # pass as `after` for the next page; None on the last page


Mutation = Callable[[dict[str, Any]], dict[str, Any]]


class JobStore(Protocol):
    """Durable job storage. Writes return only after the change is committed durably (fsync'd).

    Job documents cross this interface as compact JSON text so that reads can be spliced into
    responses without decoding. Job ids compare exactly (case-sensitive, byte for byte).
    """

    async def create(self, owner: OwnerKey, job_id: str, document: str) -> None:
        """Insert a new job; StorageError if the id already exists in this collection."""

    async def get(self, owner: OwnerKey, job_id: str) -> str | None:
        """The job's document, or None."""

    async def list_page(self, owner: OwnerKey, *, after: int, limit: int, max_bytes: int) -> Page:
        """Up to `limit` jobs created after position `after` (0 for the first page), oldest first.

        The page ends early rather than hold more than `max_bytes` bytes of documents in UTF-8 (it
        always holds at least one job, however large), so that a page of large jobs stays bounded.
        """

    async def update(self, owner: OwnerKey, job_id: str, mutate: Mutation) -> str | None:
        """Atomically read, change and write one job; the new document, or None if there is no such job."""

    async def delete(self, owner: OwnerKey, job_id: str) -> bool:
        """Remove a job; False if there was none."""

    async def count(self, owner: OwnerKey) -> int:
        """Number of jobs in the collection."""

    async def close(self) -> None:
        """Finish pending writes and release the database."""
