"""The job domain (graphsync.domain.jobs): documents and transitions as pure functions, no HTTP."""

from __future__ import annotations

import copy

from support import SPEC_PATH

from graphsync.domain import jobs
from graphsync.spec import Spec

MEMBERS = Spec.load(SPEC_PATH).components["schemas"]["synchronizationJobRestartScope"][
    "x-graph-flags-members"
]


def test_the_new_job_template_is_the_documented_new_job() -> None:
    """The create hot path splices a precomputed template; it must equal the job built the plain way."""
    settings = [
        {"@odata.type": "#microsoft.graph.keyValuePair", "name": "Caf\u00e9", "value": '\U0001f600 "x"'}
    ]
    expected = {
        "id": "BoxOutDelta.0123.t",
        "templateId": "BoxOutDelta",
        "schedule": jobs.default_schedule(),
        "status": jobs.default_status(),
        "synchronizationJobSettings": [{"name": "Caf\u00e9", "value": '\U0001f600 "x"'}],
    }
    assert jobs.new_job_document("BoxOutDelta.0123.t", "BoxOutDelta", settings) == jobs.dumps(expected)
    assert jobs.loads(jobs.new_job_document("j", "scim", []))["synchronizationJobSettings"] == []


def test_start_and_pause() -> None:
    job = jobs.loads(jobs.new_job_document("j", "scim", []))
    started = jobs.start(copy.deepcopy(job))
    assert started["schedule"] == {"expiration": None, "interval": "PT40M", "state": "Active"}
    assert started["status"]["code"] == "NotRun"
    paused = jobs.pause(started)
    assert (paused["schedule"]["state"], paused["status"]["code"]) == ("Paused", "Paused")
    paused["status"]["lastExecution"] = {"state": "Succeeded"}
    paused["schedule"]["interval"] = "PT20M"
    again = jobs.start(paused)
    assert again["status"]["code"] == "Active" and again["schedule"]["interval"] == "PT20M"


def test_restart_resets_what_the_scope_names() -> None:
    members = MEMBERS
    execution = {"state": "Succeeded"}
    base = jobs.loads(jobs.new_job_document("j", "BoxOutDelta", []))
    base["schedule"] |= {"interval": "PT20M", "state": "Paused"}
    base["status"] |= {
        "code": "Quarantine",
        "countSuccessiveCompleteFailures": 3,
        "escrowsPruned": True,
        "lastExecution": execution,
        "progress": [{"completedUnits": 1, "totalUnits": 2}],
        "quarantine": {"reason": "TooManyDeletes"},
        "synchronizedEntryCountByType": [{"key": "user to user", "value": 5}],
        "steadyStateLastAchievedTime": "2026-11-01T00:00:00Z",
    }
    none = jobs.restart(copy.deepcopy(base), jobs.restart_scope("", members))["status"]
    assert (
        none["code"] == "Active"
        and none["quarantine"] is None
        and none["countSuccessiveCompleteFailures"] == 3
    )
    full = jobs.restart(copy.deepcopy(base), jobs.restart_scope("Full", members))
    assert full["schedule"] == {"expiration": None, "interval": "PT20M", "state": "Active"}
    status = full["status"]
    assert status["code"] == "NotRun" and status["quarantine"] is None
    assert status["countSuccessiveCompleteFailures"] == 0 and status["escrowsPruned"] is False
    assert status["progress"] == [] and status["synchronizedEntryCountByType"] == []
    assert status["steadyStateLastAchievedTime"] == "0001-01-01T00:00:00Z"
    assert jobs.restart_scope(" Watermark,Escrows , QuarantineState", members) == {
        "Watermark",
        "Escrows",
        "QuarantineState",
    }
    assert jobs.restart_scope("Full", members) == {
        "ConnectorDataStore",
        "Escrows",
        "Watermark",
        "QuarantineState",
        "Full",
    }
