"""bulkUpload: SCIM user records staged for an inbound provisioning job's next cycle (D35)."""

from __future__ import annotations

import json
from urllib.parse import quote

from graphsync.errors import BAD_REQUEST, GraphError, resource_not_found
from graphsync.handlers.base import Call, Reply
from graphsync.storage import JobStore, job_document
from graphsync.throttle import RateWindow

DOCUMENT = "staged"  # the job's document: the records not yet processed, by externalId
MAX_STAGED = 2_000  # records a job holds before a cycle processes them (the emulator's bound)


class BulkUploadHandlers:
    """POST `.../jobs/{id}/bulkUpload`: at most 40 requests per 5 seconds per job."""

    def __init__(self, store: JobStore) -> None:
        self._store = store
        self._window = RateWindow(40, 5.0)

    async def upload(self, call: Call) -> Reply:
        """202 once every record is durably staged (a later record with the same externalId replaces an
        earlier one); none is when the job would hold more than `MAX_STAGED`."""
        if await self._store.get(call.owner, call.job) is None:
            raise resource_not_found(call.job)
        self._window.check((call.owner, call.job))
        records = {
            operation["data"]["externalId"]: operation["data"] for operation in call.body["Operations"]
        }

        def stage(current: str | None) -> str:
            staged = json.loads(current or "{}")
            held = len(staged)
            staged.update(records)
            if len(staged) > MAX_STAGED:
                raise GraphError(
                    400,
                    BAD_REQUEST,
                    f"The job already holds {held} records not yet provisioned; "
                    f"the emulator keeps at most {MAX_STAGED} per job. Let a cycle process them first.",
                )
            return json.dumps(staged, ensure_ascii=False, separators=(",", ":"))

        await self._store.write_document(call.owner, job_document(call.job, DOCUMENT), stage)
        logs = f"{call.base_url}/auditLogs/provisioning/?$filter=jobid%20eq%20'{quote(call.job, safe='')}'"
        return Reply(202, b"", [(b"location", logs.encode())])


async def staged_count(store: JobStore, call: Call) -> int:
    """How many records the job holds for its next cycle."""
    return len(json.loads(await store.get_document(call.owner, job_document(call.job, DOCUMENT)) or "{}"))
