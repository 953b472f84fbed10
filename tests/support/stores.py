"""The storage tests' collections, documents and changes (tests/storage/)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from graphsync import demo
from graphsync.storage import OwnerKey

T = TypeVar("T")
OWNER = OwnerKey(demo.CONTOSO, "servicePrincipals", demo.BOX_SP)
OTHER_TENANT = OwnerKey(demo.FABRIKAM, OWNER.owner_kind, OWNER.owner_id)
OTHER_KIND = OwnerKey(OWNER.tenant_id, "applications", OWNER.owner_id)


def doc(job_id: str, **extra: Any) -> str:
    """A compact job document."""
    return json.dumps({"id": job_id, **extra}, separators=(",", ":"), ensure_ascii=False)


def put(document: str) -> Callable[[str | None], str]:
    """A change that writes `document` whatever was there."""
    return lambda current: document


def insert(document: str) -> Callable[[str | None], str]:
    """A change that creates the job, or fails if it exists (as the create handler does)."""

    def change(current: str | None) -> str:
        if current is not None:
            raise KeyError("exists")
        return document

    return change


def remove(current: str | None) -> None:
    """A change that deletes the job."""
    return


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)
