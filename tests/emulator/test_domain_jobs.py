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
    posted = jobs.job_settings((), settings)
    assert jobs.new_job_document("BoxOutDelta.0123.t", "BoxOutDelta", posted) == jobs.dumps(expected)
    assert jobs.loads(jobs.new_job_document("j", "scim", []))["synchronizationJobSettings"] == []


def test_a_template_gives_the_interval_state_and_status_code() -> None:
    for _ in range(2):  # the second time from the cache of precomputed texts
        job = jobs.loads(jobs.new_job_document("j", "aws", [], interval="PT40M", status_code="Paused"))
        assert job["schedule"] == {"expiration": None, "interval": "PT40M", "state": "Disabled"}
        assert job["status"] == jobs.default_status() | {"code": "Paused"}


def test_posted_settings_replace_the_templates_of_the_same_name_and_follow_the_others() -> None:
    template = (("A", "1"), ("B", None))
    posted = [
        {"name": "C", "value": "3"},
        {"@odata.type": "#x", "name": "A", "value": "9"},
        {"name": "A", "value": "8"},
    ]
    assert jobs.job_settings(template, posted) == [
        {"name": "A", "value": "9"},  # the first posted setting of a name wins
        {"name": "B", "value": None},
        {"name": "C", "value": "3"},
        {"name": "A", "value": "8"},
    ]
    assert jobs.job_settings(template, []) == [{"name": "A", "value": "1"}, {"name": "B", "value": None}]


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
    none = jobs.restart(copy.deepcopy(base), jobs.restart_scope("None", members))["status"]
    assert (
        none["code"] == "Active"
        and none["quarantine"] is None
        and none["countSuccessiveCompleteFailures"] == 3
    )
    for empty in ("", "  ", None):  # the portal's restart: quarantine, watermark and escrows
        assert jobs.restart_scope(empty, members) == {"QuarantineState", "Watermark", "Escrows"}
    empty_status = jobs.restart(copy.deepcopy(base), jobs.restart_scope("", members))["status"]
    assert empty_status["code"] == "NotRun" and empty_status["countSuccessiveCompleteFailures"] == 0
    assert empty_status["synchronizedEntryCountByType"] == base["status"]["synchronizedEntryCountByType"]
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
