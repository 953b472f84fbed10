"""Graph's synchronization-job behaviour: the shape of a new job, the lifecycle actions, and their handlers.

Emulator choices where Graph documents nothing are listed in docs/emulator.md ("Job behaviour").
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import os
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import quote

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from graphsync.errors import BAD_REQUEST, GraphError
from graphsync.ids import RandomIds
from graphsync.seed import DirectoryObject
from graphsync.spec import Spec
from graphsync.storage import JobStore, OwnerKey

NEVER_INTERVAL = "P10675199DT2H48M5.4775807S"  # .NET TimeSpan.MaxValue: a job that was never scheduled
STARTED_INTERVAL = "PT40M"  # Entra's provisioning cycle
NEVER = "0001-01-01T00:00:00Z"
MAX_PAGE_BYTES = (
    4 * 1024 * 1024
)  # UTF-8 bytes of documents: a page of large jobs ends early (server-driven paging)
OWNER_LABELS = {"servicePrincipals": "service principal", "applications": "application"}


def default_schedule() -> dict[str, Any]:
    """The `schedule` of a job never started: Disabled, with the never-scheduled interval."""
    return {"expiration": None, "interval": NEVER_INTERVAL, "state": "Disabled"}


def default_status() -> dict[str, Any]:
    """The `status` of a new job: NotConfigured, never run, no progress and no quarantine."""
    return {
        "code": "NotConfigured",
        "countSuccessiveCompleteFailures": 0,
        "escrowsPruned": False,
        "lastExecution": None,
        "lastSuccessfulExecution": None,
        "lastSuccessfulExecutionWithExports": None,
        "progress": [],
        "quarantine": None,
        "steadyStateFirstAchievedTime": NEVER,
        "steadyStateLastAchievedTime": NEVER,
        "synchronizedEntryCountByType": [],
        "troubleshootingUrl": None,
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_NEW_JOB_STATE = _dumps({"schedule": default_schedule(), "status": default_status()})[1:-1]


def new_job_document(job_id: str, template_id: str, settings: list[Any]) -> str:
    """The JSON text of a freshly created job, exactly as Graph's documented create response.

    Template ids (seed-validated) and job ids are made of letters, digits, `_`, `-` and `.` only, so
    they need no JSON escaping.
    """
    return (
        f'{{"id":"{job_id}","templateId":"{template_id}",{_NEW_JOB_STATE},'
        f'"synchronizationJobSettings":{_dumps(settings) if settings else "[]"}}}'
    )


def start(job: dict[str, Any]) -> dict[str, Any]:
    """Schedule Active; status NotRun (Active once it has run); quarantine lifted; the 40-minute cycle if never set."""
    schedule = job.get("schedule") or default_schedule()
    status = job.get("status") or default_status()
    schedule["state"] = "Active"
    if schedule.get("interval") == NEVER_INTERVAL:
        schedule["interval"] = STARTED_INTERVAL
    status["code"] = "Active" if status.get("lastExecution") else "NotRun"
    status["quarantine"] = None
    job["schedule"], job["status"] = schedule, status
    return job


def pause(job: dict[str, Any]) -> dict[str, Any]:
    """Schedule Paused, status Paused; everything else is kept for the next start."""
    schedule = job.get("schedule") or default_schedule()
    status = job.get("status") or default_status()
    schedule["state"] = "Paused"
    status["code"] = "Paused"
    job["schedule"], job["status"] = schedule, status
    return job


class RestartScope:
    """Reads a `synchronizationJobRestartScope` flags value using the member values declared in the spec."""

    def __init__(self, spec: Spec) -> None:
        members = spec.components["schemas"]["synchronizationJobRestartScope"]["x-graph-flags-members"]
        self.values: Mapping[str, int] = dict(members)

    def mask(self, text: str | None) -> int:
        """The combined flag value of an already validated, comma-separated list ("" or None is 0)."""
        mask = 0
        for name in (text or "").split(","):
            name = name.strip()
            if name:
                mask |= self.values[name]
        return mask

    def restart(self, job: dict[str, Any], mask: int) -> dict[str, Any]:
        """Start the job after resetting the state the flags name (docs/emulator.md)."""
        status = job.get("status") or default_status()
        if mask & self.values["ConnectorDataStore"]:
            status["synchronizedEntryCountByType"] = []
        if mask & self.values["Escrows"]:
            status["countSuccessiveCompleteFailures"] = 0
            status["escrowsPruned"] = False
        if mask & self.values["Watermark"]:
            status["progress"] = []
            status["steadyStateLastAchievedTime"] = NEVER
        job["status"] = status
        start(job)
        if mask & self.values["Watermark"]:
            status["code"] = "NotRun"  # the next cycle is an initial cycle again
        return job


@dataclasses.dataclass(slots=True)
class Call:
    """What a handler needs from the routed, authenticated and validated request."""

    owner: OwnerKey
    directory_object: DirectoryObject
    base_url: str  # e.g. http://127.0.0.1:8000/v1.0
    job_id: str | None
    body: Any
    query: Mapping[str, Any]


@dataclasses.dataclass(slots=True)
class Reply:
    """A handler's answer: the status, the body bytes and any headers besides the defaults."""

    status: int
    body: bytes = b""
    headers: list[tuple[bytes, bytes]] = dataclasses.field(default_factory=list)


Handler = Callable[[Call], Awaitable[Reply]]
JSON = (b"content-type", b"application/json")


def resource_not_found(resource_id: str) -> GraphError:
    """Graph's 404 for a missing job; the id is clipped to 200 characters and JSON-escaped."""
    shown = json.dumps(resource_id[:200], ensure_ascii=False)[1:-1]
    return GraphError(
        404,
        "Request_ResourceNotFound",
        f"Resource '{shown}' does not exist or one of its queried reference-property objects are not present.",
    )


def _odata_key(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class JobHandlers:
    """The behaviour behind each operation of the spec, over a `JobStore`."""

    ACTIONS = frozenset({"ListJobs", "CreateJobs", "GetJobs", "DeleteJobs", "start", "pause", "restart"})

    def __init__(self, store: JobStore, spec: Spec, *, max_page_size: int, ids: RandomIds) -> None:
        self._store = store
        self._ids = ids
        self._contexts: dict[tuple[str, str, str], tuple[str, str]] = {}
        self._locations: dict[tuple[str, str, str], str] = {}
        self._max_page_size = max_page_size
        self._restart_scope = RestartScope(spec)
        self._skiptokens = SkipTokens()
        self.by_action: dict[str, Handler] = {
            "ListJobs": self.list,
            "CreateJobs": self.create,
            "GetJobs": self.get,
            "DeleteJobs": self.delete,
            "start": self.start,
            "pause": self.pause,
            "restart": self.restart,
        }

    def _collection_url(self, call: Call) -> str:
        return f"{call.base_url}/{call.owner.owner_kind}/{quote(call.owner.owner_id, safe='')}/synchronization/jobs"

    def _location(self, call: Call, job_id: str) -> bytes:
        """The URL of a new job (its id needs no percent-encoding: see `new_job_document`)."""
        owner = call.owner
        key = (call.base_url, owner.owner_kind, owner.owner_id)
        prefix = self._locations.get(key)
        if prefix is None:
            prefix = self._collection_url(call) + "/"
            if len(self._locations) >= 4096:
                self._locations.clear()
            self._locations[key] = prefix
        return (prefix + job_id).encode()

    def _contexts_of(self, call: Call) -> tuple[str, str]:
        """The JSON-encoded `@odata.context` of the collection and of one of its jobs (cached)."""
        owner = call.owner
        key = (call.base_url, owner.owner_kind, owner.owner_id)
        found = self._contexts.get(key)
        if found is None:
            collection = f"{call.base_url}/$metadata#{owner.owner_kind}({_odata_key(owner.owner_id)})/synchronization/jobs"
            found = (_dumps(collection), _dumps(collection + "/$entity"))
            if len(self._contexts) >= 4096:
                self._contexts.clear()
            self._contexts[key] = found
        return found

    def _entity(self, call: Call, document: str) -> bytes:
        return f'{{"@odata.context":{self._contexts_of(call)[1]},{document[1:]}'.encode()

    async def create(self, call: Call) -> Reply:
        """201 with a new Disabled/NotConfigured job from one of the owner's templates, once it is durable."""
        body = call.body
        template_id = body["templateId"]
        if template_id not in call.directory_object.templates:
            label = OWNER_LABELS[call.owner.owner_kind]
            shown = json.dumps(template_id[:100], ensure_ascii=False)[1:-1]
            raise GraphError(
                400,
                BAD_REQUEST,
                f"The synchronization template '{shown}' is not available for this {label}. "
                "Use the id of one of its synchronization templates.",
            )
        posted = body.get("synchronizationJobSettings")
        settings = (
            [{k: v for k, v in item.items() if k != "@odata.type"} for item in posted] if posted else []
        )
        job_id = f"{template_id}.{self._ids.hex32()}.{call.owner.tenant_id}"
        document = new_job_document(job_id, template_id, settings)
        await self._store.create(call.owner, job_id, document)
        return Reply(201, self._entity(call, document), [JSON, (b"location", self._location(call, job_id))])

    async def get(self, call: Call) -> Reply:
        """200 with the stored job and its `@odata.context`, or 404."""
        assert call.job_id is not None
        document = await self._store.get(call.owner, call.job_id)
        if document is None:
            raise resource_not_found(call.job_id)
        return Reply(200, self._entity(call, document), [JSON])

    async def list(self, call: Call) -> Reply:
        """One page of the collection in creation order; `@odata.nextLink` while more follow."""
        top = call.query.get("$top")
        size = self._max_page_size if top is None else min(top, self._max_page_size)
        after = self._skiptokens.decode(call.query["$skiptoken"]) if "$skiptoken" in call.query else 0
        context = self._contexts_of(call)[0]
        if size == 0:
            return Reply(200, f'{{"@odata.context":{context},"value":[]}}'.encode(), [JSON])
        page = await self._store.list_page(call.owner, after=after, limit=size, max_bytes=MAX_PAGE_BYTES)
        out = f'{{"@odata.context":{context},"value":[{",".join(page.items)}]'
        if page.next_after is not None:
            query = f"$top={top}&" if top is not None else ""
            link = (
                f"{self._collection_url(call)}?{query}$skiptoken={self._skiptokens.encode(page.next_after)}"
            )
            out += f',"@odata.nextLink":{_dumps(link)}'
        return Reply(200, (out + "}").encode(), [JSON])

    async def delete(self, call: Call) -> Reply:
        """204 once the job is durably gone, or 404."""
        assert call.job_id is not None
        if not await self._store.delete(call.owner, call.job_id):
            raise resource_not_found(call.job_id)
        return Reply(204)

    async def _mutate(self, call: Call, change: Callable[[dict[str, Any]], dict[str, Any]]) -> Reply:
        """Apply `change` to the stored job atomically; 204, or 404 if there is no such job."""
        assert call.job_id is not None
        if await self._store.update(call.owner, call.job_id, change) is None:
            raise resource_not_found(call.job_id)
        return Reply(204)

    async def start(self, call: Call) -> Reply:
        """204 after `start` (module function) on the stored job."""
        return await self._mutate(call, start)

    async def pause(self, call: Call) -> Reply:
        """204 after `pause` (module function) on the stored job."""
        return await self._mutate(call, pause)

    async def restart(self, call: Call) -> Reply:
        """Reset what `criteria.resetScope` names, then start (docs/emulator.md)."""
        criteria = (call.body or {}).get("criteria") or {}
        mask = self._restart_scope.mask(criteria.get("resetScope"))
        return await self._mutate(call, lambda job: self._restart_scope.restart(job, mask))


class SkipTokens:
    """`$skiptoken` values: the position of the last job of a page, encrypted with a key chosen at start-up.

    Positions come from one creation sequence shared by every tenant, so a readable position would
    tell a caller how many jobs others created between two of its own. One AES block (a keyed
    permutation) holds a fixed tag and the position: equal positions give equal tokens and nothing
    else can be learnt. Tokens stop being valid when the server restarts (400: list again).
    """

    _TAG = b"gsskip01"

    def __init__(self, key: bytes | None = None) -> None:
        self._cipher = Cipher(algorithms.AES(key if key is not None else os.urandom(16)), modes.ECB())

    def encode(self, after: int) -> str:
        """The token of position `after`: the tag and the position in one AES block, base64url unpadded."""
        encryptor = self._cipher.encryptor()
        block = encryptor.update(self._TAG + after.to_bytes(8, "big")) + encryptor.finalize()
        return base64.urlsafe_b64encode(block).decode().rstrip("=")

    def decode(self, token: str) -> int:
        """The position a token encodes; GraphError 400 for anything this server did not issue."""
        if _SKIPTOKEN.fullmatch(token):
            try:
                raw = base64.urlsafe_b64decode(token + "==")
            except (binascii.Error, ValueError):
                raw = b""
            if len(raw) == 16:
                decryptor = self._cipher.decryptor()
                block = decryptor.update(raw) + decryptor.finalize()
                if block[:8] == self._TAG:
                    return int.from_bytes(block[8:], "big")
        raise GraphError(
            400, BAD_REQUEST, "The $skiptoken is not valid; use the @odata.nextLink as returned."
        )


_SKIPTOKEN = re.compile(r"[A-Za-z0-9_-]{22}")
