"""Provisioning cycles as pure functions (graphsync.domain.cycles): success, quarantine, back-off, the
four-week disable, restart scopes, and a steady run computed at once."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from graphsync.domain import cycles, jobs

T0 = "2026-01-05T09:00:00.0000000Z"
ENTRIES = cycles.World(entries=(("group to Group", 2), ("user to User", 1000)))
BAD = {
    "code": "SystemForCrossDomainIdentityManagementInvalidCredentials",
    "message": "m",
    "tenantActionable": True,
}


def new_job() -> jobs.Job:
    return jobs.loads(
        jobs.new_job_document("t.0123456789abcdef0123456789abcdef.x", "t", [], interval="PT40M")
    )


def at(text: str, **delta: float) -> str:
    return cycles.timestamp(cycles.parse_timestamp(text) + dt.timedelta(**delta))


def started_job() -> tuple[jobs.Job, dict[str, Any]]:
    job = jobs.start(new_job())
    return job, cycles.started(job, cycles.new_run(), T0)


def test_a_started_job_is_due_at_once_and_a_paused_one_never() -> None:
    job, run = started_job()
    assert run["due"] == T0 and job["status"]["code"] == "NotRun"
    assert cycles.due_time(jobs.pause(job), run) is None
    assert cycles.due_time(new_job(), cycles.new_run()) is None


def test_the_first_cycle_imports_and_exports_every_entry_in_scope() -> None:
    job, run = started_job()
    job, run, ran = cycles.run_until(job, run, ENTRIES, T0)
    status = job["status"]
    assert ran == 1 and status["code"] == "Active"
    last = status["lastExecution"]
    assert last["state"] == "Succeeded" and last["error"] is None and last["timeBegan"] == T0
    assert last["countImported"] == last["countExported"] == last["countEntitled"] == 1002
    assert status["lastSuccessfulExecution"] == last == status["lastSuccessfulExecutionWithExports"]
    assert status["synchronizedEntryCountByType"] == [
        {"key": "group to Group", "value": 2},
        {"key": "user to User", "value": 1000},
    ]
    assert (
        status["steadyStateFirstAchievedTime"] == status["steadyStateLastAchievedTime"] == last["timeEnded"]
    )
    assert run["due"] == at(T0, minutes=40)


def test_later_cycles_export_only_what_is_new_and_keep_the_last_export() -> None:
    job, run = started_job()
    job, run, _ = cycles.run_until(job, run, ENTRIES, T0)
    first_export = job["status"]["lastSuccessfulExecutionWithExports"]
    more = cycles.World(entries=(("group to Group", 2), ("user to User", 1003)))
    job, run, ran = cycles.run_until(job, run, more, at(T0, minutes=40))
    last = job["status"]["lastExecution"]
    assert (
        ran == 1
        and last["countExported"] == 3
        and last["countImported"] == 0
        and last["countImportedDeltas"] == 3
    )
    job, run, ran = cycles.run_until(job, run, more, at(T0, minutes=80))
    assert job["status"]["lastExecution"]["countExported"] == 0
    assert job["status"]["lastSuccessfulExecutionWithExports"]["timeBegan"] == at(T0, minutes=40)
    assert first_export["timeBegan"] == T0
    assert job["status"]["steadyStateFirstAchievedTime"] < job["status"]["steadyStateLastAchievedTime"]


def test_a_credential_failure_quarantines_with_graphs_fields() -> None:
    job, run = started_job()
    job, run, _ = cycles.run_until(job, run, cycles.World(entries=(), failure=BAD), T0)
    status = job["status"]
    quarantine = status["quarantine"]
    assert status["code"] == "Quarantine" and status["countSuccessiveCompleteFailures"] == 1
    assert status["lastExecution"]["state"] == "Failed" and status["lastExecution"]["error"] == BAD
    assert quarantine["reason"] == "EncounteredQuarantineException" and quarantine["error"] == BAD
    assert quarantine["seriesCount"] == 1 and quarantine["seriesBegan"] == quarantine["currentBegan"]
    # The captured quarantined job retries 5 minutes after it was quarantined.
    assert quarantine["nextAttempt"] == at(quarantine["currentBegan"], minutes=5)
    assert run["due"] == quarantine["nextAttempt"]
    assert status["lastSuccessfulExecution"] is None


def test_quarantine_backs_off_to_a_day_and_disables_the_job_after_four_weeks() -> None:
    job, run = started_job()
    failing = cycles.World(entries=(), failure=BAD)
    job, run, ran = cycles.run_until(job, run, failing, at(T0, days=27))
    quarantine = job["status"]["quarantine"]
    gap = cycles.parse_timestamp(quarantine["nextAttempt"]) - cycles.parse_timestamp(
        quarantine["currentBegan"]
    )
    assert gap == dt.timedelta(days=1) and job["schedule"]["state"] == "Active"
    assert quarantine["seriesCount"] == ran == job["status"]["countSuccessiveCompleteFailures"]
    assert ran < 40  # 5, 10, 20 ... minutes, then daily: a few dozen attempts in four weeks
    job, run, _ = cycles.run_until(job, run, failing, at(T0, days=60))
    assert job["schedule"]["state"] == "Disabled" and job["status"]["code"] == "Quarantine"
    assert run["due"] is None
    assert cycles.parse_timestamp(job["status"]["quarantine"]["currentBegan"]) - cycles.parse_timestamp(
        job["status"]["quarantine"]["seriesBegan"]
    ) >= dt.timedelta(days=28)


def test_a_fixed_cause_lifts_quarantine_at_the_next_attempt() -> None:
    job, run = started_job()
    job, run, _ = cycles.run_until(job, run, cycles.World(entries=(), failure=BAD), T0)
    job, run, ran = cycles.run_until(job, run, ENTRIES, at(T0, minutes=10))
    assert ran == 1 and job["status"]["code"] == "Active" and job["status"]["quarantine"] is None
    assert job["status"]["countSuccessiveCompleteFailures"] == 0


def test_restart_scopes_act_on_the_run() -> None:
    job, run = started_job()
    job, run, _ = cycles.run_until(job, run, ENTRIES, T0)
    later = at(T0, hours=2)
    # Watermark: the next cycle is an initial one again (a full import); ConnectorDataStore: exports again.
    reset = frozenset({"Watermark", "ConnectorDataStore"})
    job = jobs.restart(job, reset)
    run = cycles.restarted(job, run, reset, later)
    assert run["due"] == later and job["status"]["code"] == "NotRun"
    job, run, _ = cycles.run_until(job, run, ENTRIES, later)
    last = job["status"]["lastExecution"]
    assert last["countImported"] == 1002 and last["countExported"] == 1002
    # QuarantineState lifts a quarantine and runs at once.
    job, run, _ = cycles.run_until(job, run, cycles.World(entries=(), failure=BAD), at(later, minutes=40))
    assert job["status"]["code"] == "Quarantine"
    job = jobs.restart(job, frozenset({"QuarantineState"}))
    run = cycles.restarted(job, run, frozenset({"QuarantineState"}), at(later, minutes=41))
    assert job["status"]["quarantine"] is None and run["due"] == at(later, minutes=41)


def test_a_month_of_steady_cycles_is_computed_at_once_and_counted() -> None:
    job, run = started_job()
    job, run, ran = cycles.run_until(job, run, ENTRIES, at(T0, days=30))
    assert ran == 30 * 36 + 1 == run["cycles"]  # every 40 minutes, the first at T0
    assert job["status"]["lastExecution"]["timeBegan"] == at(T0, days=30)
    assert len(run["timeline"]) == 2  # the initial export, then one entry for the steady cycles
    assert run["timeline"][1]["cycles"] == 30 * 36
    assert len(json.dumps(run)) < 2000


def test_a_timeline_keeps_its_last_entries_only() -> None:
    job, run = started_job()
    for step in range(cycles.TIMELINE_LENGTH + 10):  # alternate outcomes: one entry each
        world = cycles.World(entries=(), failure=BAD) if step % 2 else ENTRIES
        job, run, _ = cycles.run_until(job, run, world, at(T0, days=step))
    assert len(run["timeline"]) == cycles.TIMELINE_LENGTH


def test_durations_are_read_as_graph_writes_them() -> None:
    assert cycles.interval("PT40M") == dt.timedelta(minutes=40)
    assert cycles.interval("P1DT2H") == dt.timedelta(days=1, hours=2)
    assert cycles.interval("PT1S") == dt.timedelta(minutes=1)  # never more often than once a minute
    assert cycles.interval(jobs.NEVER_INTERVAL) > dt.timedelta(days=365 * 1000)
