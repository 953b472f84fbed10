"""The job operations: create, get, list, delete, start, pause and restart, over a `JobStore`."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from graphsync.domain import jobs
from graphsync.errors import BAD_REQUEST, GraphError, resource_not_found
from graphsync.handlers.base import JSON, Call, Reply
from graphsync.ids import RandomIds
from graphsync.odata import Collections, SkipTokens
from graphsync.storage import JobStore, StorageError

MAX_PAGE_BYTES = (
    4 * 1024 * 1024
)  # UTF-8 bytes of documents: a page of large jobs ends early (server-driven paging)
OWNER_LABELS = {"servicePrincipals": "service principal", "applications": "application"}


class JobHandlers:
    """The behaviour behind each job operation; `restart_members` maps restart scope names to flag values."""

    def __init__(
        self, store: JobStore, *, max_page_size: int, ids: RandomIds, restart_members: Mapping[str, int]
    ) -> None:
        self._store = store
        self._ids = ids
        self._max_page_size = max_page_size
        self._collections = Collections()
        self._skiptokens = SkipTokens()
        self._restart_members = dict(restart_members)

    async def create(self, call: Call) -> Reply:
        """201 with a new Disabled/NotConfigured job from one of the owner's templates, once it is durable."""
        template_id = call.body["templateId"]
        if template_id not in call.directory_object.templates:
            label = OWNER_LABELS[call.owner.owner_kind]
            shown = json.dumps(template_id[:100], ensure_ascii=False)[1:-1]
            raise GraphError(
                400,
                BAD_REQUEST,
                f"The synchronization template '{shown}' is not available for this {label}. "
                "Use the id of one of its synchronization templates.",
            )
        job_id = f"{template_id}.{self._ids.hex32()}.{call.owner.tenant_id}"
        document = jobs.new_job_document(
            job_id, template_id, call.body.get("synchronizationJobSettings") or []
        )

        def insert(current: str | None) -> str:
            if current is not None:  # 80 random bits collided: a retry gets another id
                raise StorageError(f"job id {job_id} is taken")
            return document

        await self._store.write(call.owner, job_id, insert)
        location = self._collections.member_url(call.base_url, call.owner, job_id).encode()
        return Reply(
            201,
            self._collections.entity(call.base_url, call.owner, document),
            [JSON, (b"location", location)],
        )

    async def get(self, call: Call) -> Reply:
        """200 with the stored job and its `@odata.context`, or 404."""
        document = await self._store.get(call.owner, call.job)
        if document is None:
            raise resource_not_found(call.job)
        return Reply(200, self._collections.entity(call.base_url, call.owner, document), [JSON])

    async def list(self, call: Call) -> Reply:
        """One page of the collection in creation order; `@odata.nextLink` while more follow."""
        top = call.query.get("$top")
        size = self._max_page_size if top is None else min(top, self._max_page_size)
        token = call.query.get("$skiptoken")
        cursor = None if token is None else self._skiptokens.decode(call.owner, token)
        if size == 0:
            return Reply(200, self._collections.page(call.base_url, call.owner, [], None), [JSON])
        page = await self._store.list_page(call.owner, cursor=cursor, limit=size, max_bytes=MAX_PAGE_BYTES)
        link = None
        if page.next_cursor is not None:
            query = f"$top={top}&" if top is not None else ""
            next_token = self._skiptokens.encode(call.owner, page.next_cursor)
            link = f"{self._collections.url(call.base_url, call.owner)}?{query}$skiptoken={next_token}"
        return Reply(200, self._collections.page(call.base_url, call.owner, page.items, link), [JSON])

    async def delete(self, call: Call) -> Reply:
        """204 once the job is durably gone, or 404."""

        def remove(current: str | None) -> None:
            if current is None:
                raise resource_not_found(call.job)

        await self._store.write(call.owner, call.job, remove)
        return Reply(204)

    async def start(self, call: Call) -> Reply:
        """204 after `jobs.start` on the stored job."""
        return await self._change(call, jobs.start)

    async def pause(self, call: Call) -> Reply:
        """204 after `jobs.pause` on the stored job."""
        return await self._change(call, jobs.pause)

    async def restart(self, call: Call) -> Reply:
        """Reset what `criteria.resetScope` names, then start (docs/emulator.md)."""
        criteria = (call.body or {}).get("criteria") or {}
        reset = jobs.restart_scope(criteria.get("resetScope"), self._restart_members)
        return await self._change(call, lambda job: jobs.restart(job, reset))

    async def _change(self, call: Call, transition: Callable[[jobs.Job], jobs.Job]) -> Reply:
        """Apply `transition` to the stored job atomically; 204, or 404 if there is no such job."""

        def apply(current: str | None) -> str:
            if current is None:
                raise resource_not_found(call.job)
            return jobs.dumps(transition(jobs.loads(current)))

        await self._store.write(call.owner, call.job, apply)
        return Reply(204)
