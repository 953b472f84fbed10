"""Synchronization jobs as Graph documents them: the shape of a new job and the lifecycle transitions.

Pure functions on the job document (no HTTP, no storage). Choices where Graph documents nothing
are listed in docs/emulator.md ("Job behaviour").
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any, TypedDict

NEVER_INTERVAL = "P10675199DT2H48M5.4775807S"  # .NET TimeSpan.MaxValue: a job that was never scheduled
STARTED_INTERVAL = "PT40M"  # Entra's provisioning cycle
NEVER = "0001-01-01T00:00:00Z"
# What a restart without a scope resets (no body, no criteria, "" or null): the portal's "Restart provisioning".
EMPTY_SCOPE_RESETS = ("QuarantineState", "Watermark", "Escrows")


class Schedule(TypedDict):
    """`synchronizationSchedule`."""

    expiration: str | None
    interval: str
    state: str


class Status(TypedDict):
    """`synchronizationStatus` (the members the emulator sets; execution details stay null)."""

    code: str
    countSuccessiveCompleteFailures: int
    escrowsPruned: bool
    lastExecution: dict[str, Any] | None
    lastSuccessfulExecution: dict[str, Any] | None
    lastSuccessfulExecutionWithExports: dict[str, Any] | None
    progress: list[dict[str, Any]]
    quarantine: dict[str, Any] | None
    steadyStateFirstAchievedTime: str
    steadyStateLastAchievedTime: str
    synchronizedEntryCountByType: list[dict[str, Any]]
    troubleshootingUrl: str | None


class Job(TypedDict):
    """`synchronizationJob` as stored and served."""

    id: str
    templateId: str
    schedule: Schedule
    status: Status
    synchronizationJobSettings: list[dict[str, Any]]


def default_schedule() -> Schedule:
    """The `schedule` of a job never started: Disabled, with the never-scheduled interval."""
    return {"expiration": None, "interval": NEVER_INTERVAL, "state": "Disabled"}


def default_status() -> Status:
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


def dumps(value: Any) -> str:
    """Compact JSON as stored and sent (non-ASCII unescaped)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(document: str) -> Job:
    """A stored job document."""
    job: Job = json.loads(document)
    return job


_DOCUMENTED_STATE = (NEVER_INTERVAL, "Disabled", "NotConfigured")
_STATES: dict[tuple[str, str, str], str] = {}


def _state_text(interval: str, state: str, status_code: str) -> str:
    """`"schedule":{...},"status":{...}` of a new job, computed once per combination (the create hot path)."""
    key = (interval, state, status_code)
    text = _STATES.get(key)
    if text is None:
        schedule = default_schedule() | {"interval": interval, "state": state}
        status = default_status() | {"code": status_code}
        text = dumps({"schedule": schedule, "status": status})[1:-1]
        if len(_STATES) < 1024:
            _STATES[key] = text
    return text


def job_settings(
    template: Sequence[tuple[str, str | None]], posted: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The settings of a new job: the template's, each replaced by a posted setting of the same name, then
    the other posted settings in their order (`@odata.type` annotations dropped)."""
    kept = [{k: v for k, v in item.items() if k != "@odata.type"} for item in posted]
    if not template:
        return kept
    replacing = {item.get("name"): item for item in reversed(kept)}  # the first posted setting of a name
    merged = [replacing.get(name) or {"name": name, "value": value} for name, value in template]
    names = {name for name, _ in template}
    replaced = {id(replacing[name]) for name in names if name in replacing}
    return merged + [item for item in kept if id(item) not in replaced]


def new_job_document(
    job_id: str,
    template_id: str,
    settings: list[dict[str, Any]],
    *,
    interval: str = NEVER_INTERVAL,
    state: str = "Disabled",
    status_code: str = "NotConfigured",
) -> str:
    """The JSON text of a freshly created job: Graph's documented create response, with the schedule
    interval and state and the status code the template gives (the documented ones by default).

    Assembled from precomputed text rather than dumped (the create hot path). Template ids
    (seed-validated) and job ids are made of letters, digits, `_`, `-` and `.` only, so they need no
    JSON escaping. `settings` are the job's settings (`job_settings`).
    """
    return (
        f'{{"id":"{job_id}","templateId":"{template_id}",{_state_text(interval, state, status_code)},'
        f'"synchronizationJobSettings":{dumps(settings) if settings else "[]"}}}'
    )


def start(job: Job) -> Job:
    """Schedule Active; status NotRun (Active once it has run); quarantine lifted; the 40-minute cycle if never set."""
    schedule, status = job["schedule"], job["status"]
    schedule["state"] = "Active"
    if schedule["interval"] == NEVER_INTERVAL:
        schedule["interval"] = STARTED_INTERVAL
    status["code"] = "Active" if status["lastExecution"] else "NotRun"
    status["quarantine"] = None
    return job


def pause(job: Job) -> Job:
    """Schedule Paused, status Paused; everything else is kept for the next start."""
    job["schedule"]["state"] = "Paused"
    job["status"]["code"] = "Paused"
    return job


def restart(job: Job, reset: Collection[str]) -> Job:
    """Reset what `reset` names (restart scope members, `Full` already expanded), then start.

    docs/emulator.md has the table of what each member resets.
    """
    status = job["status"]
    if "ConnectorDataStore" in reset:
        status["synchronizedEntryCountByType"] = []
    if "Escrows" in reset:
        status["countSuccessiveCompleteFailures"] = 0
        status["escrowsPruned"] = False
    if "Watermark" in reset:
        status["progress"] = []
        status["steadyStateLastAchievedTime"] = NEVER
    start(job)
    if "Watermark" in reset:
        status["code"] = "NotRun"  # the next cycle is an initial cycle again
    return job


def restart_scope(scope: str | None, members: Mapping[str, int]) -> frozenset[str]:
    """The members a comma-separated restart scope turns on, given the flag values of its members.

    `Full` (15) turns on the four members it combines; `None` turns on nothing; "" and a missing
    scope turn on `EMPTY_SCOPE_RESETS`, as Graph treats them. The scope must already be valid (the
    spec's pattern); `members` are the spec's `x-graph-flags-members`.
    """
    if scope is None or not scope.strip():
        scope = ",".join(EMPTY_SCOPE_RESETS)
    mask = 0
    for name in scope.split(","):
        if name.strip():
            mask |= members[name.strip()]
    return frozenset(name for name, value in members.items() if value and mask & value == value)
