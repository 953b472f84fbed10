"""Job persistence: the `JobStore` interface and its engines, chosen by the scheme of the database URL.

| URL | Engine | Durable |
|---|---|---|
| `sqlite:///relative/path.db`, `sqlite:////absolute/path.db` | `sqlite.SQLiteJobStore`: one WAL file, group commit | yes |
| `postgresql://user@host:port/dbname` | `postgresql.PostgreSQLJobStore`: a server, through a pool of psycopg 3 connections (the `postgresql` extra) | yes |
| `memory:` | `memory.MemoryJobStore`: dictionaries, for throw-away runs | no |

An engine is a class taking the URL; it is imported only when its scheme is used.
"""

from __future__ import annotations

import importlib

from graphsync.storage.base import (
    Change,
    JobNotFound,
    JobStore,
    OwnerKey,
    Page,
    StorageError,
    annotated,
    job_document,
    split_annotated,
)

ENGINES = {
    "sqlite": "graphsync.storage.sqlite:SQLiteJobStore",
    "memory": "graphsync.storage.memory:MemoryJobStore",
    "postgresql": "graphsync.storage.postgresql:PostgreSQLJobStore",
}


def open_store(url: str) -> JobStore:
    """The store a database URL names; StorageError for an unknown scheme or an unusable database."""
    scheme = url.split(":", 1)[0] if ":" in url else ""
    target = ENGINES.get(scheme)
    if target is None:
        shown = f"{scheme!r}" if scheme else f"{url[:60]!r} (no scheme)"
        raise StorageError(
            f"unsupported database URL {shown}: use sqlite:///path/to/file.db, "
            "postgresql://user@host:port/dbname, or memory: for a throw-away database"
        )
    module, name = target.split(":")
    engine: type[JobStore] = getattr(importlib.import_module(module), name)
    return engine(url)  # type: ignore[call-arg]


__all__ = [
    "ENGINES",
    "Change",
    "JobNotFound",
    "JobStore",
    "OwnerKey",
    "Page",
    "StorageError",
    "annotated",
    "job_document",
    "open_store",
    "split_annotated",
]
