"""Job persistence: the `JobStore` interface and its engines (SQLite today), chosen by URL."""

from __future__ import annotations

from graphsync.storage.base import JobStore, OwnerKey, Page, StorageError


def open_store(url: str) -> JobStore:
    """The store a database URL names; StorageError for an unknown scheme or an unusable database."""
    if url.startswith("sqlite:"):
        from graphsync.storage.sqlite import SQLiteJobStore

        return SQLiteJobStore(url)
    scheme = url.split(":", 1)[0] if ":" in url else url
    raise StorageError(f"unsupported database URL {scheme!r}: use sqlite:///path/to/file.db")


__all__ = ["JobStore", "OwnerKey", "Page", "StorageError", "open_store"]
