"""Synchronization jobs as Graph documents them: the shape of a new job and the lifecycle transitions.

Pure functions on the job document (no HTTP, no storage). Choices where Graph documents nothing
are listed in docs/emulator.md ("Job behaviour").
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any, TypedDict

NEVER_INTERVAL = "P10675199DT2H48M5.4775807S"  # .NET TimeSpan.MaxValue: a job that was never scheduled
STARTED_INTERVAL = "PT40M"  # Entra's provisioning cycle
NEVER = "0001-01-01T00:00:00Z"


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


_NEW_JOB_STATE = dumps({"schedule": default_schedule(), "status": default_status()})[1:-1]


def new_job_document(job_id: str, template_id: str, settings: list[dict[str, Any]]) -> str:
    """The JSON text of a freshly created job, exactly as Graph's documented create response.

    Assembled from a precomputed template rather than dumped (the create hot path). Template ids
    (seed-validated) and job ids are made of letters, digits, `_`, `-` and `.` only, so they need no
    JSON escaping. Posted settings keep their order; their `@odata.type` annotations are dropped.
    """
    kept = [{k: v for k, v in item.items() if k != "@odata.type"} for item in settings]
    return (
        f'{{"id":"{job_id}","templateId":"{template_id}",{_NEW_JOB_STATE},'
        f'"synchronizationJobSettings":{dumps(kept) if kept else "[]"}}}'
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

    `Full` (15) turns on the four members it combines; "" and None turn on nothing. The scope must
    already be valid (the spec's pattern); `members` are the spec's `x-graph-flags-members`.
    """
    mask = 0
    for name in (scope or "").split(","):
        if name.strip():
            mask |= members[name.strip()]
    return frozenset(name for name, value in members.items() if value and mask & value == value)
