"""Jobs that run, through the `graphsync` pytest plugin as a user's suite would drive it: a served
emulator on a manual clock, Graph calls with a token, the clock and faults through the control API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from graphsync import demo
from graphsync.control.client import ControlClient
from graphsync.pytest_plugin import Served, TokenFactory

SALESFORCE = "SfSandboxOutDelta"  # its configurationFields ask for a user name, a password and a token
CREDENTIALS = [
    {"key": "UserName", "value": "admin@contoso.example"},
    {"key": "Password", "value": "not-a-real-password"},
    {"key": "SecretToken", "value": "not-a-real-token"},
]


@pytest.fixture
def graph(graphsync_server: Served, graphsync_token: TokenFactory) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {graphsync_token()}"}
    base = f"{graphsync_server.base_url}/servicePrincipals/{demo.BOX_SP}/synchronization"
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        yield client


def job_of(graph: httpx.Client, job_id: str) -> dict[str, Any]:
    response = graph.get(f"/jobs/{job_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_job_runs_quarantines_and_recovers(graph: httpx.Client, graphsync_control: ControlClient) -> None:
    created = graph.post("/jobs", json={"templateId": SALESFORCE})
    assert created.status_code == 201, created.text
    job_id = created.json()["id"]
    assert graph.put("/secrets", json={"value": CREDENTIALS}).status_code == 204
    assert graph.post(f"/jobs/{job_id}/start").status_code == 204
    assert job_of(graph, job_id)["status"]["code"] == "NotRun"  # nothing runs until the clock moves

    graphsync_control.advance("PT1M")
    status = job_of(graph, job_id)["status"]
    assert status["code"] == "Active" and status["quarantine"] is None
    counts = {pair["key"]: pair["value"] for pair in status["synchronizedEntryCountByType"]}
    contoso = next(tenant for tenant in demo.SEED["tenants"] if tenant["id"] == demo.CONTOSO)
    assert counts == {"user to User": len(contoso["users"]), "group to Group": len(contoso["groups"])}
    assert status["lastExecution"]["state"] == "Succeeded"
    assert status["lastExecution"]["countExported"] == sum(counts.values())
    assert status["steadyStateFirstAchievedTime"] != "0001-01-01T00:00:00Z"

    assert graph.put("/secrets", json={"value": []}).status_code == 204  # the credentials are gone
    graphsync_control.advance("PT40M")
    status = job_of(graph, job_id)["status"]
    assert status["code"] == "Quarantine"
    quarantine = status["quarantine"]
    assert quarantine["reason"] == "EncounteredQuarantineException" and quarantine["seriesCount"] == 1
    assert quarantine["error"]["code"] == "CredentialsMissing" and quarantine["error"]["tenantActionable"]
    assert quarantine["nextAttempt"] > quarantine["currentBegan"] == quarantine["seriesBegan"]
    assert status["lastExecution"]["state"] == "Failed" and status["countSuccessiveCompleteFailures"] == 1
    assert status["lastSuccessfulExecution"]["state"] == "Succeeded"  # the last success is kept

    restart = graph.post(f"/jobs/{job_id}/restart", json={"criteria": {"resetScope": "QuarantineState"}})
    assert restart.status_code == 204
    status = job_of(graph, job_id)["status"]
    assert status["quarantine"] is None and status["code"] == "Active"
    # The cause is still there: the next cycle quarantines the job again, a new series.
    graphsync_control.advance("PT1M")
    assert job_of(graph, job_id)["status"]["quarantine"]["seriesCount"] == 1
    assert graph.delete(f"/jobs/{job_id}").status_code == 204


def test_an_injected_credential_failure_quarantines_only_the_job_it_names(
    graph: httpx.Client, graphsync_control: ControlClient
) -> None:
    ids = [graph.post("/jobs", json={"templateId": "BoxOutDelta"}).json()["id"] for _ in range(2)]
    for job_id in ids:
        assert graph.post(f"/jobs/{job_id}/start").status_code == 204
    graphsync_control.fail_cycles(jobId=ids[0], error={"code": "BoxInvalidCredentials", "message": "expired"})
    graphsync_control.advance("PT1M")
    failed, healthy = (job_of(graph, job_id)["status"] for job_id in ids)
    assert failed["code"] == "Quarantine" and failed["quarantine"]["error"]["code"] == "BoxInvalidCredentials"
    assert healthy["code"] == "Active"
    graphsync_control.clear_faults()
    graphsync_control.advance("PT5M")  # the quarantined job's next attempt: it recovers
    assert job_of(graph, ids[0])["status"]["code"] == "Active"
    for job_id in ids:
        graph.delete(f"/jobs/{job_id}")
