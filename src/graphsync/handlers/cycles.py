"""Provisioning cycles on the emulator's clock: which jobs are due, what their cycles see, and the
clock itself, kept in the store so that a restarted emulator resumes its time (D37)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from graphsync.clock import Clock
from graphsync.directory import Directory
from graphsync.domain import cycles, jobs
from graphsync.handlers.credentials import CredentialHandlers
from graphsync.handlers.jobs import STAGED
from graphsync.handlers.schemas import SchemaHandlers
from graphsync.storage import JobStore, OwnerKey, annotated, job_document, split_annotated

EMULATOR = OwnerKey("", "graphsync", "")  # the owner of the emulator's own documents
CLOCK_DOCUMENT = "clock"
BATCH = 256  # due jobs taken from the store at a time
SCIM_ERROR = {  # a SCIM app's job without its tenant URL (a captured quarantined job)
    "code": "SystemForCrossDomainIdentityManagementInvalidCredentials",
    "message": "Please provide a valid tenant URL for your application.",
    "tenantActionable": True,
}

CycleFault = Callable[[OwnerKey, str], "dict[str, Any] | None"]  # an injected error for a job's cycle


class CycleRunner:
    """Runs the cycles that are due, on `clock`; `fault` gives an injected error for a job's cycles."""

    def __init__(
        self,
        store: JobStore,
        directory: Directory,
        clock: Clock,
        *,
        schemas: SchemaHandlers,
        credentials: CredentialHandlers,
        fault: CycleFault = lambda owner, job_id: None,
    ) -> None:
        self._store = store
        self._directory = directory
        self.clock = clock
        self._schemas = schemas
        self._credentials = credentials
        self._fault = fault

    def now(self) -> str:
        """The clock's time as Graph writes it."""
        return cycles.timestamp(self.clock.now())

    async def resume(self) -> None:
        """Continue the clock from the time the store says it reached (before a restart)."""
        saved = await self._store.get_document(EMULATOR, CLOCK_DOCUMENT)
        if saved is not None:
            self.clock.resume(cycles.parse_timestamp(json.loads(saved)["now"]))

    async def advance(self, by: dt.timedelta) -> tuple[str, int, int]:
        """Move the clock forward, keep its time, run what fell due; (new time, jobs run, cycles run)."""
        self.clock.advance(by)
        now = self.now()
        await self.save_clock()
        ran_jobs, ran_cycles = await self.run_due(now)
        return now, ran_jobs, ran_cycles

    async def save_clock(self) -> None:
        """Keep the clock's time in the store (it never moves back, also across restarts)."""
        text = json.dumps({"now": self.now()})
        await self._store.write_document(EMULATOR, CLOCK_DOCUMENT, lambda _: text)

    async def run_due(self, now: str | None = None) -> tuple[int, int]:
        """Run every cycle due at or before `now` (default: the clock's time); (jobs run, cycles run)."""
        now = now or self.now()
        ran_jobs = ran_cycles = 0
        while True:
            due = await self._store.due(now, BATCH)
            if not due:
                return ran_jobs, ran_cycles
            for owner, job_id in due:
                ran_cycles += await self.run_job(owner, job_id, now)
                ran_jobs += 1

    async def run_job(self, owner: OwnerKey, job_id: str, now: str) -> int:
        """Run the job's cycles due at or before `now`, in one atomic write; how many ran."""
        document = await self._store.get(owner, job_id)
        if document is None:
            return 0
        world = await self.world(owner, jobs.loads(document))
        ran = 0

        def run(current: str | None) -> str | None:
            nonlocal ran
            if current is None:
                return None
            text, note = split_annotated(current)
            job, run_record, ran = cycles.run_until(jobs.loads(text), cycles.load_run(note), world, now)
            return annotated(jobs.dumps(job), cycles.dump_run(run_record))

        await self._store.write(owner, job_id, run)
        return ran

    async def world(self, owner: OwnerKey, job: Mapping[str, Any]) -> cycles.World:
        """What the job's cycles see now: its entries in scope, and its credentials' error if any."""
        failure = self._fault(owner, str(job["id"])) or await self._credential_error(
            owner, str(job["templateId"])
        )
        schema = await self._schemas.of_job(owner, str(job["id"]))
        staged = await self._store.get_document(owner, job_document(str(job["id"]), STAGED))
        return cycles.World(entries=self._entries(owner, schema, staged), failure=failure)

    async def _credential_error(self, owner: OwnerKey, template_id: str) -> dict[str, Any] | None:
        absent = await self._credentials.missing_saved(owner, template_id)
        if not absent:
            return None
        if "BaseAddress" in absent:
            return dict(SCIM_ERROR)
        return {
            "code": "CredentialsMissing",
            "message": f"Please configure provisioning: the credentials have no value for {', '.join(absent)}.",
            "tenantActionable": True,
        }

    def _entries(
        self, owner: OwnerKey, schema: Mapping[str, Any], staged: str | None
    ) -> tuple[tuple[str, int], ...]:
        """Counts by `"<source object> to <target object>"` of the enabled mappings of the schema's rules:
        the tenant's users and groups, and the records bulkUpload staged (as users)."""
        tenant = self._directory.tenants.get(owner.tenant_id)
        sources = {
            "user": len(tenant.users) if tenant else 0,
            "group": len(tenant.groups) if tenant else 0,
        }
        counts: dict[str, int] = {}
        for rule in schema.get("synchronizationRules") or ():
            for mapping in (rule or {}).get("objectMappings") or ():
                source = str((mapping or {}).get("sourceObjectName") or "").lower()
                if mapping.get("enabled") is not False and source in sources:
                    key = f"{source} to {mapping.get('targetObjectName') or source}"
                    counts[key] = sources[source]
        if staged:
            records = len(json.loads(staged))
            key = next((key for key in counts if key.startswith("user to ")), "user to User")
            counts[key] = counts.get(key, 0) + records
        return tuple(sorted((key, count) for key, count in counts.items() if count))
