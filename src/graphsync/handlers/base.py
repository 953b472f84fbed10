"""What a handler receives and returns: the routed, authenticated and validated request, and its answer."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from graphsync.directory import DirectoryObject
from graphsync.storage import OwnerKey

# Graph's content type of a successful JSON answer (errors are plain application/json).
JSON = (
    b"content-type",
    b"application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8",
)
TEXT = (b"content-type", b"text/plain")
TEMPLATE_PARAM = "synchronizationTemplate-id"  # the path parameter of one template


@dataclasses.dataclass(slots=True)
class Call:
    """What a handler needs from the request: the owning object, its collection, ids, body and query."""

    owner: OwnerKey
    directory_object: DirectoryObject
    base_url: str  # e.g. http://127.0.0.1:8000/v1.0
    job_id: str | None
    body: Any
    query: Mapping[str, Any]
    path: Mapping[str, str] = dataclasses.field(default_factory=dict)  # every path parameter, by name

    @property
    def job(self) -> str:
        """The job id of the path (for operations on one job)."""
        assert self.job_id is not None
        return self.job_id


@dataclasses.dataclass(slots=True)
class Reply:
    """A handler's answer: the status, the body bytes and any headers besides the defaults."""

    status: int
    body: bytes = b""
    headers: list[tuple[bytes, bytes]] = dataclasses.field(default_factory=list)


Handler = Callable[[Call], Awaitable[Reply]]
