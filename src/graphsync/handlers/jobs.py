"""The job operations: create, get, list, count, delete, start, pause and restart, over a `JobStore`."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from graphsync.control.lag import Lag
from graphsync.directory import Directory, Template
from graphsync.domain import cycles, jobs
from graphsync.domain.schemas import template_schema
from graphsync.errors import BAD_REQUEST, GraphError, resource_not_found
from graphsync.handlers.base import JSON, TEXT, Call, Reply
from graphsync.handlers.listing import Listing
from graphsync.ids import RandomIds
from graphsync.odata import Collections, SkipTokens
from graphsync.odata_query import select
from graphsync.spec import Spec
from graphsync.storage import JobStore, StorageError, annotated, job_document, split_annotated
from graphsync.validation import invalid_documents

Transition = Callable[[jobs.Job, dict[str, Any]], dict[str, Any]]  # changes the job, returns its run record
STAGED = "staged"  # the job's document of records bulkUpload staged (handlers/bulk_upload.py)
OWNER_LABELS = {"servicePrincipals": "service principal", "applications": "application"}


def new_job(template: Template, job_id: str, posted: Sequence[Mapping[str, Any]]) -> str:
    """The document of a new job of `template`, with its defaults and the `posted` settings."""
    defaults = template.job
    return jobs.new_job_document(
        job_id,
        template.id,
        jobs.job_settings(defaults.settings, posted),
        interval=defaults.interval,
        state=defaults.state,
        status_code=defaults.status_code,
    )


def unavailable_template(template_id: str, owner_kind: str) -> GraphError:
    """400 for a template id the owner does not offer (create, validateCredentials)."""
    shown = json.dumps(template_id[:100], ensure_ascii=False)[1:-1]
    return GraphError(
        400,
        BAD_REQUEST,
        f"The synchronization template '{shown}' is not available for this {OWNER_LABELS[owner_kind]}. "
        "Use the id of one of its synchronization templates.",
    )


def template_problems(spec: Spec, directory: Directory) -> list[str]:
    """One line for each seeded template whose new job would not be a valid `synchronizationJob`, or
    whose schema is not a valid `synchronizationSchema`."""
    documents = {
        f"templates: {template.id}: jobDefaults": jobs.loads(
            new_job(template, f"{template.id}.{'0' * 32}", [])
        )
        for template in directory.templates.values()
    }
    problems = invalid_documents(spec, "synchronizationJob", documents)
    if "synchronizationSchema" in spec.components.get("schemas", {}):
        schemas_of = {
            f"templates: {template.id}: schema": template_schema(template.id, template.schema)
            for template in directory.templates.values()
        }
        problems += invalid_documents(spec, "synchronizationSchema", schemas_of)
    return problems


class JobHandlers:
    """The behaviour behind each job operation; `restart_members` maps restart scope names to flag values."""

    def __init__(
        self,
        store: JobStore,
        directory: Directory,
        *,
        max_page_size: int,
        ids: RandomIds,
        restart_members: Mapping[str, int],
        now: Callable[[], str],
        lag: Lag | None = None,
        skiptokens: SkipTokens | None = None,
    ) -> None:
        """`now` is the emulator's clock (handlers.cycles.CycleRunner.now): a start schedules a cycle at once.
        With `lag`, job reads are eventually consistent when the control API asks for it. `skiptokens`
        seals the lists' next links (default: a key of this handler's own)."""
        self._store = store
        self._now = now
        self._lag = lag or Lag()
        self._directory = directory
        self._ids = ids
        self._collections = Collections()
        self._listing = Listing(store, self._collections, page_size=max_page_size, skiptokens=skiptokens)
        self._restart_members = dict(restart_members)

    async def create(self, call: Call) -> Reply:
        """201 with a new job from one of the owner's templates (with the template's defaults), once durable."""
        template_id = call.body["templateId"]
        if template_id not in call.directory_object.templates:
            raise unavailable_template(template_id, call.owner.owner_kind)
        job_id = f"{template_id}.{self._ids.hex32()}.{call.owner.tenant_id}"
        posted = call.body.get("synchronizationJobSettings") or []
        document = new_job(self._directory.template(template_id), job_id, posted)

        def insert(current: str | None) -> str:
            if current is not None:  # 80 random bits collided: a retry gets another id
                raise StorageError(f"job id {job_id} is taken")
            return document

        await self._store.write(call.owner, job_id, insert)
        self._lag.created(call.owner, job_id)
        location = self._collections.member_url(call.base_url, call.owner, job_id).encode()
        return Reply(
            201,
            self._collections.entity(call.base_url, call.owner, document),
            [JSON, (b"location", location)],
        )

    async def get(self, call: Call) -> Reply:
        """200 with the stored job and its `@odata.context` (projected by `$select`), or 404."""
        document = await self._store.get(call.owner, call.job)
        if self._lag.enabled:
            document = self._lagging(call, document)
        if document is None:
            raise resource_not_found(call.job)
        chosen = call.query.get("$select")
        if chosen:
            document = jobs.dumps(select(jobs.loads(document), chosen))
        return Reply(200, self._collections.entity(call.base_url, call.owner, document, chosen), [JSON])

    async def list(self, call: Call) -> Reply:
        """One page of the collection (creation order, or as the query options ask); `@odata.nextLink`
        while more follow."""
        return Reply(200, await self._listing.page(call.owner, call.base_url, call.query), [JSON])

    async def count(self, call: Call) -> Reply:
        """The number of jobs (matching `$filter`), as plain text."""
        return Reply(200, str(await self._listing.count(call.owner, call.query)).encode(), [TEXT])

    async def delete(self, call: Call) -> Reply:
        """204 once the job is durably gone, or 404."""

        removed: list[str] = []

        def remove(current: str | None) -> None:
            if current is None:
                raise resource_not_found(call.job)
            removed.append(split_annotated(current)[0])

        await self._store.write(call.owner, call.job, remove)
        self._lag.deleted(call.owner, call.job, removed[0])
        return Reply(204)

    def _lagging(self, call: Call, document: str | None) -> str | None:
        """What an eventually consistent read answers: a new job not yet, a deleted one still."""
        if document is not None:
            return None if self._lag.hidden(call.owner, call.job) else document
        return self._lag.ghost(call.owner, call.job)

    async def start(self, call: Call) -> Reply:
        """204 after `jobs.start` on the stored job; its first cycle is due at once."""
        now = self._now()
        return await self._change(call, lambda job, run: cycles.started(jobs.start(job), run, now))

    async def pause(self, call: Call) -> Reply:
        """204 after `jobs.pause` on the stored job; no cycle is due until it starts again."""
        return await self._change(call, lambda job, run: cycles.paused(jobs.pause(job), run))

    async def restart(self, call: Call) -> Reply:
        """Reset what `criteria.resetScope` names, then start (docs/emulator.md)."""
        criteria = (call.body or {}).get("criteria") or {}
        reset = jobs.restart_scope(criteria.get("resetScope"), self._restart_members)
        now = self._now()
        reply = await self._change(
            call, lambda job, run: cycles.restarted(jobs.restart(job, reset), run, reset, now)
        )
        # A restart purges the records bulkUpload staged (entra-docs' inbound provisioning FAQ); only
        # a job that has some pays for the second write.
        staged = job_document(call.job, STAGED)
        if await self._store.get_document(call.owner, staged) is not None:
            await self._store.write_document(call.owner, staged, lambda _: None)
        return reply

    async def _change(self, call: Call, transition: Transition) -> Reply:
        """Apply `transition` to the stored job and its run record atomically; 204, or 404 without the job."""

        def apply(current: str | None) -> str:
            if current is None:
                raise resource_not_found(call.job)
            text, note = split_annotated(current)
            job = jobs.loads(text)
            run = transition(job, cycles.load_run(note))
            return annotated(jobs.dumps(job), cycles.dump_run(run))

        await self._store.write(call.owner, call.job, apply)
        return Reply(204)
