"""Provisioning cycles: what a started job's status becomes as the emulator's clock passes (D37).

Pure functions on a job and its run record (the job's annotation in the store: when it was started,
when it is next due, its watermark and a timeline of its cycles). A cycle either succeeds (the
entries in scope are imported, new ones exported, counts and steady-state times recorded) or fails
on the job's credentials, which quarantines the job with Graph's `EncounteredQuarantineException`;
a quarantined job retries on a back-off that stretches to once a day, and after four weeks in
quarantine it is disabled. A run of identical steady cycles is computed at once, so that advancing
the clock by years costs no more than a few cycles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import uuid
from typing import Any

from graphsync.domain.jobs import NEVER, Job

QUARANTINE_REASON = "EncounteredQuarantineException"  # "invalid credentials were provided" (entra-docs)
FIRST_RETRY = dt.timedelta(minutes=5)  # nextAttempt - currentBegan at seriesCount 1 in a captured job
LONGEST_RETRY = dt.timedelta(days=1)  # "gradually reduced to once per day"
DISABLED_AFTER = dt.timedelta(days=28)  # "in quarantine for more than four weeks ... disabled"
TIMELINE_LENGTH = 50  # entries kept; consecutive cycles of one outcome share an entry
_ACTIVITIES = uuid.UUID("5b7c1f0e-3a52-4c8e-9a51-0c6f2b4b7d11")  # namespace of activityIdentifier values
_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?")
_UTC = dt.UTC


@dataclasses.dataclass(frozen=True)
class World:
    """What a job's cycles see: its entries in scope by type key (`user to User`), and the error its
    credentials give (a `synchronizationError`), if any."""

    entries: tuple[tuple[str, int], ...]
    failure: dict[str, Any] | None = None


def new_run() -> dict[str, Any]:
    """The run record of a job never started."""
    return {"due": None, "startedAt": None, "lastBegan": None, "watermark": None, "cycles": 0, "timeline": []}


def load_run(note: str | None) -> dict[str, Any]:
    """A job's run record from its annotation in the store (a new one if it has none)."""
    return new_run() if note is None else {**new_run(), **json.loads(note)}


def dump_run(run: dict[str, Any]) -> str:
    """The run record as the job's annotation."""
    return json.dumps(run, ensure_ascii=False, separators=(",", ":"))


def started(job: Job, run: dict[str, Any], now: str) -> dict[str, Any]:
    """The run record after a start or restart at `now`: the next cycle is due at once."""
    run = {**new_run(), **run, "startedAt": now}
    run["due"] = due_time(job, run)
    return run


def restarted(job: Job, run: dict[str, Any], reset: frozenset[str], now: str) -> dict[str, Any]:
    """The run record after a restart that resets `reset`: `Watermark` makes the next cycle an initial one."""
    run = {**new_run(), **run}
    if "Watermark" in reset:
        run["watermark"] = None
    return started(job, run, now)


def paused(job: Job, run: dict[str, Any]) -> dict[str, Any]:
    """The run record of a paused job: nothing is due."""
    return {**new_run(), **run, "due": None}


def due_time(job: Job, run: dict[str, Any]) -> str | None:
    """When the job's next cycle is due (None: it does not run)."""
    if job["schedule"]["state"] != "Active" or run.get("startedAt") is None:
        return None
    quarantine = job["status"]["quarantine"]
    if job["status"]["code"] == "Quarantine" and quarantine and quarantine.get("nextAttempt"):
        return str(quarantine["nextAttempt"])
    last = run.get("lastBegan")
    if last is None or run["startedAt"] > last:
        return str(run["startedAt"])
    return _text(_time(last) + interval(job["schedule"]["interval"]))


def run_until(job: Job, run: dict[str, Any], world: World, now: str) -> tuple[Job, dict[str, Any], int]:
    """The job and its run record once every cycle due at or before `now` has run; and how many ran."""
    run = {**new_run(), **run}
    ran = 0
    while (due := due_time(job, run)) is not None and due <= now:
        count = 1
        if _steady(job, run, world):  # every cycle up to `now` would repeat the last: run the last, count all
            every = interval(job["schedule"]["interval"])
            repeats = int((_time(now) - _time(due)) / every)
            due = _text(_time(due) + every * repeats)
            count += repeats
        _cycle(job, run, world, due, count)
        ran += count
    run["due"] = due_time(job, run)
    return job, run, ran


def interval(text: str) -> dt.timedelta:
    """An Edm.Duration (`PT40M`, `P1D`, .NET's largest TimeSpan) as a timedelta, at least a minute."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValueError(f"not a duration: {text[:40]!r}")
    days, hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
    if days > 999_999:  # TimeSpan.MaxValue: never
        return dt.timedelta(days=999_999)
    return max(
        dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds), dt.timedelta(minutes=1)
    )


def _cycle(job: Job, run: dict[str, Any], world: World, began_text: str, count: int) -> None:
    """Run the cycle that begins at `began_text`, the last of `count` identical ones."""
    status = job["status"]
    run["cycles"] += count
    began = _time(began_text)
    total = sum(count for _, count in world.entries)
    ended = _text(began + dt.timedelta(seconds=1 + min(total, 30_000) / 100))
    execution = {
        "activityIdentifier": str(uuid.uuid5(_ACTIVITIES, f"{job['id']}/{run['cycles']}")),
        "countEntitled": 0,
        "countEntitledForProvisioning": 0,
        "countEscrowed": 0,
        "countEscrowedRaw": 0,
        "countExported": 0,
        "countExports": 0,
        "countImported": 0,
        "countImportedDeltas": 0,
        "countImportedReferenceDeltas": 0,
        "error": world.failure,
        "state": "Failed" if world.failure else "Succeeded",
        "timeBegan": began_text,
        "timeEnded": ended,
    }
    run["lastBegan"] = began_text
    status["lastExecution"] = execution
    if world.failure:
        _quarantine(job, run, world.failure, ended)
    else:
        synchronized = sum(int(pair["value"]) for pair in status["synchronizedEntryCountByType"])
        exported = max(0, total - synchronized)
        initial = run.get("watermark") is None
        execution |= {
            "countEntitled": total,
            "countEntitledForProvisioning": total,
            "countExported": exported,
            "countExports": exported,
            "countImported": total if initial else 0,
            "countImportedDeltas": 0 if initial else exported,
        }
        status |= {
            "code": "Active",
            "quarantine": None,
            "countSuccessiveCompleteFailures": 0,
            "lastSuccessfulExecution": execution,
            "steadyStateLastAchievedTime": ended,
            "synchronizedEntryCountByType": [{"key": key, "value": count} for key, count in world.entries],
        }
        if exported:
            status["lastSuccessfulExecutionWithExports"] = execution
        if status["steadyStateFirstAchievedTime"] == NEVER:
            status["steadyStateFirstAchievedTime"] = ended
        run["watermark"] = ended
    _timeline(run, job, began_text, count)


def _quarantine(job: Job, run: dict[str, Any], error: dict[str, Any], ended: str) -> None:
    """A failed cycle: the job enters (or stays in) quarantine, or is disabled after four weeks of it."""
    status = job["status"]
    status["countSuccessiveCompleteFailures"] += 1
    current = status["quarantine"] if status["code"] == "Quarantine" else None
    series_began = str(current["seriesBegan"]) if current and current.get("seriesBegan") else ended
    count = int(current["seriesCount"]) + 1 if current else 1
    retry = min(FIRST_RETRY * 2 ** min(count - 1, 20), LONGEST_RETRY)
    status["code"] = "Quarantine"
    status["quarantine"] = {
        "currentBegan": ended,
        "error": error,
        "nextAttempt": _text(_time(ended) + retry),
        "reason": QUARANTINE_REASON,
        "seriesBegan": series_began,
        "seriesCount": count,
    }
    if _time(ended) - _time(series_began) >= DISABLED_AFTER:
        job["schedule"]["state"] = "Disabled"


def _steady(job: Job, run: dict[str, Any], world: World) -> bool:
    """Whether the next cycle repeats the last: both succeed on the same entries, exporting nothing."""
    status = job["status"]
    last = status["lastExecution"]
    return (
        world.failure is None
        and status["code"] == "Active"
        and last is not None
        and last["state"] == "Succeeded"
        and run.get("watermark") is not None
        and status["synchronizedEntryCountByType"]
        == [{"key": key, "value": count} for key, count in world.entries]
    )


def _timeline(run: dict[str, Any], job: Job, began: str, repeats: int) -> None:
    """Record `repeats` cycles like the last one in the run's timeline (merged with an entry of the same outcome)."""
    status = job["status"]
    last = status["lastExecution"] or {}
    error = last.get("error") or {}
    entry = {
        "began": began,
        "ended": last.get("timeEnded", began),
        "state": last.get("state", "Succeeded"),
        "code": status["code"],
        "exported": last.get("countExported", 0),
        "error": error.get("code"),
        "cycles": repeats,
    }
    timeline: list[dict[str, Any]] = run["timeline"]
    previous = timeline[-1] if timeline else None
    if (
        previous
        and entry["exported"] == 0
        and all(previous[key] == entry[key] for key in ("state", "code", "exported", "error"))
    ):
        previous |= {"ended": entry["ended"], "cycles": previous["cycles"] + repeats, "last": began}
        return
    timeline.append(entry)
    del timeline[:-TIMELINE_LENGTH]


def timestamp(moment: dt.datetime) -> str:
    """Graph's timestamp text: UTC with seven fractional digits (`2026-01-01T00:40:00.0000000Z`).

    One fixed width, so that the texts of two times compare as the times do (the store's due index).
    """
    return moment.astimezone(_UTC).strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"


def parse_timestamp(text: str) -> dt.datetime:
    """A timestamp with an offset (or `Z`); ValueError for anything else, or a time without an offset."""
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{text[:40]!r} has no UTC offset")
    return moment.astimezone(_UTC)


_time, _text = parse_timestamp, timestamp
