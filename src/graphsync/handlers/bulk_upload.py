"""bulkUpload: SCIM user records staged for an inbound provisioning job; a restart purges them (D35)."""

from __future__ import annotations

import json
from urllib.parse import quote

from graphsync.errors import BAD_REQUEST, GraphError, resource_not_found
from graphsync.handlers.base import Call, Reply
from graphsync.handlers.jobs import STAGED
from graphsync.storage import JobNotFound, JobStore, job_document
from graphsync.throttle import RateWindow

MAX_STAGED = 2_000  # records a job holds (the emulator's bound; a restart purges them)
MAX_STAGED_CHARS = 4 * 1024 * 1024  # and their size, as JSON text


class BulkUploadHandlers:
    """POST `.../jobs/{id}/bulkUpload`: at most 40 requests per 5 seconds per job."""

    def __init__(self, store: JobStore) -> None:
        self._store = store
        self._window = RateWindow(40, 5.0)

    async def upload(self, call: Call) -> Reply:
        """202 once every record is durably staged, by externalId (a later record replaces an earlier
        one); none is when the job would hold more than `MAX_STAGED` records or `MAX_STAGED_CHARS`."""
        if await self._store.get(call.owner, call.job) is None:
            raise resource_not_found(call.job)
        records = {
            operation["data"]["externalId"]: operation["data"] for operation in call.body["Operations"]
        }

        def stage(current: str | None) -> str:
            staged = json.loads(current or "{}")
            held = len(staged)
            staged.update(records)
            text = json.dumps(staged, ensure_ascii=False, separators=(",", ":"))
            if len(staged) > MAX_STAGED or len(text) > MAX_STAGED_CHARS:
                raise GraphError(
                    400,
                    BAD_REQUEST,
                    f"The job already holds {held} records not yet provisioned; the emulator keeps at most "
                    f"{MAX_STAGED} per job ({MAX_STAGED_CHARS // (1024 * 1024)} MiB). Restart the job to "
                    "purge them.",
                )
            return text

        self._window.check((call.owner, call.job))
        name = job_document(call.job, STAGED)
        try:
            await self._store.write_document(call.owner, name, stage, of_job=call.job)
        except JobNotFound:  # deleted meanwhile
            raise resource_not_found(call.job) from None
        logs = f"{call.base_url}/auditLogs/provisioning/?$filter=jobid%20eq%20'{quote(call.job, safe='')}'"
        return Reply(202, b"", [(b"location", logs.encode())])
