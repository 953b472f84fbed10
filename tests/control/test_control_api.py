"""The control API under /_graphsync/ (src/graphsync/control/openapi.yaml), in-process: the operator key,
the clock, faults, eventual consistency, the journal, the seed at run time, reset, and what survives a
restart."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from support.asgi import JOBS, InProcess
from support.sockets import Server
from support.tokens import Tokens

from graphsync import demo
from graphsync.app import create_app
from graphsync.auth import KeySet
from graphsync.errors import BAD_REQUEST
from graphsync.settings import Settings

CONTROL = "/_graphsync"
SECRETS = f"/v1.0/servicePrincipals/{demo.BOX_SP}/synchronization/secrets"


class Control:
    """Calls of the control API with the app's operator key."""

    def __init__(self, api: InProcess, key: str) -> None:
        self.api, self.key = api, key

    def __call__(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self.api.request(method, CONTROL + path, auth=self.key, **kwargs)

    def advance(self, by: str) -> dict[str, Any]:
        response = self("POST", "/clock/advance", json={"by": by})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


def key_of(settings: Settings) -> str:
    return settings.operator_key_file.read_text().strip()


@pytest.fixture
def control(api: InProcess, settings: Settings) -> Control:
    return Control(api, key_of(settings))


def error_code(response: httpx.Response) -> str:
    return str(response.json()["error"]["code"])


def test_only_the_operator_key_opens_the_control_api(api: InProcess, control: Control) -> None:
    assert control("GET", "/clock").status_code == 200
    assert api.get(f"{CONTROL}/clock", auth=False).status_code == 401
    graph_token = api.get(f"{CONTROL}/clock")  # a valid Graph token is not an operator key
    assert graph_token.status_code == 401 and error_code(graph_token) == "InvalidAuthenticationToken"
    assert api.get(f"{CONTROL}/clock", auth="x" * 43).status_code == 401
    assert api.get(JOBS, auth=control.key).status_code == 401  # nor the operator key a Graph token
    assert api.get(f"{CONTROL}/openapi.yaml", auth=False).text.startswith("openapi: 3.0")


def test_unknown_paths_methods_and_bodies_get_graphs_envelope(control: Control) -> None:
    assert control("GET", "/nothing").status_code == 404
    assert control("DELETE", "/clock").status_code == 405
    for body in ({}, {"by": "PT1H", "to": "2030-01-01T00:00:00Z"}, {"by": "an hour"}, {"extra": 1}):
        response = control("POST", "/clock/advance", json=body)
        assert response.status_code == 400 and error_code(response) == BAD_REQUEST, body
    wrong_type = control("POST", "/clock/advance", content=b"by=PT1H", headers={"content-type": "text/plain"})
    assert wrong_type.status_code == 415
    assert (
        control(
            "POST", "/clock/advance", content=b"{", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )


def test_the_manual_clock_moves_only_forward_and_only_when_told(control: Control) -> None:
    clock = control("GET", "/clock").json()
    assert clock["mode"] == "manual" and clock["speed"] == 0
    assert control("GET", "/clock").json()["now"] == clock["now"]
    moved = control.advance("P1DT2H")
    assert moved["now"] > clock["now"] and moved == {"now": moved["now"], "jobs": 0, "cycles": 0}
    back = control("POST", "/clock/advance", json={"to": "2001-01-01T00:00:00Z"})
    assert back.status_code == 400 and "never moves back" in back.json()["error"]["message"]
    assert control("POST", "/clock/advance", json={"by": "P99999D"}).status_code == 400
    assert control("POST", "/clock/advance", json={"to": "2099-01-01T00:00:00Z"}).status_code == 200


def test_an_injected_429_answers_with_retry_after_then_expires(api: InProcess, control: Control) -> None:
    rule = {
        "operation": "servicePrincipals.synchronization.CreateJobs",
        "status": 429,
        "retryAfter": 2,
        "count": 1,
    }
    created = control("POST", "/faults", json=rule)
    assert created.status_code == 201 and created.json()["remaining"] == 1
    refused = api.post(JOBS, json={"templateId": "BoxOutDelta"})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "2"
    assert error_code(refused) == "TooManyRequests" and refused.headers["request-id"]
    assert api.post(JOBS, json={"templateId": "BoxOutDelta"}).status_code == 201
    assert control("GET", "/faults").json() == {"value": []}  # used up


def test_faults_match_their_operation_tenant_and_chance(
    api: InProcess, control: Control, tokens: Tokens
) -> None:
    control("POST", "/faults", json={"operation": "*", "status": 503, "tenant": demo.FABRIKAM})
    control(
        "POST",
        "/faults",
        json={"operation": "servicePrincipals.synchronization.ListJobs", "status": 500, "probability": 0},
    )
    assert api.get(JOBS).status_code == 200  # another tenant; probability 0 never applies
    fabrikam = api.get(
        f"/v1.0/servicePrincipals/{demo.FABRIKAM_BOX_SP}/synchronization/jobs",
        auth=tokens(tenant=demo.FABRIKAM),
    )
    assert fabrikam.status_code == 503 and fabrikam.headers["retry-after"] == "1"
    faults = control("GET", "/faults").json()["value"]
    assert [fault["matched"] for fault in faults] == [1, 0]
    assert control("DELETE", f"/faults/{faults[0]['id']}").status_code == 204
    assert control("DELETE", f"/faults/{faults[0]['id']}").status_code == 404
    assert control("POST", "/faults", json={"operation": "noSuchOperation", "status": 500}).status_code == 400
    assert (
        control("POST", "/faults", json={"operation": "*"}).status_code == 400
    )  # neither status nor latency
    assert control("DELETE", "/faults").status_code == 204 and control("GET", "/faults").json() == {
        "value": []
    }


def test_eventual_consistency_hides_new_jobs_and_shows_deleted_ones_for_a_while(
    api: InProcess, control: Control
) -> None:
    now = [100.0]
    api.app.lag._monotonic = lambda: now[0]  # the lag's real seconds, under the test's control
    assert control("PUT", "/consistency", json={"createSeconds": 5, "deleteSeconds": 5}).status_code == 200
    job = api.create()
    assert api.get(f"{JOBS}/{job['id']}").status_code == 404
    now[0] += 5
    assert api.get(f"{JOBS}/{job['id']}").status_code == 200
    assert api.delete(f"{JOBS}/{job['id']}").status_code == 204
    ghost = api.get(f"{JOBS}/{job['id']}")
    assert ghost.status_code == 200 and ghost.json()["id"] == job["id"]
    now[0] += 5
    assert api.get(f"{JOBS}/{job['id']}").status_code == 404
    control("PUT", "/consistency", json={"createSeconds": 0, "deleteSeconds": 0})
    assert api.get(f"{JOBS}/{api.create()['id']}").status_code == 200


def test_the_journal_records_graph_requests_redacted_and_bounded(api: InProcess, control: Control) -> None:
    secret = "p@ss-" + "w" * 20
    api.request("PUT", SECRETS, json={"value": [{"key": "SecretToken", "value": secret}]})
    api.create()
    api.get(f"{JOBS}/nope")
    control("GET", "/clock")  # the control API is not journaled
    entries = control("GET", "/journal").json()["value"]
    assert [entry["status"] for entry in entries] == [404, 201, 204]
    assert entries[2]["operation"] == "servicePrincipals.synchronization.SetSecrets"
    assert entries[2]["tenant"] == demo.CONTOSO and entries[2]["appId"] == demo.AUTOMATION_APP
    text = str(entries)
    assert secret not in text and "[redacted]" in entries[2]["request"]["text"]
    assert api.tokens() not in text and "Bearer" not in text
    only_404 = control("GET", "/journal", params={"status": "404"}).json()["value"]
    assert [entry["path"] for entry in only_404] == [f"{JOBS}/nope"]
    by_operation = control(
        "GET", "/journal", params={"operation": "servicePrincipals.synchronization.CreateJobs"}
    )
    assert len(by_operation.json()["value"]) == 1
    assert control("GET", "/journal", params={"top": "0"}).status_code == 400
    assert control("DELETE", "/journal").status_code == 204
    assert control("GET", "/journal").json() == {"value": []}


def test_a_large_or_unreadable_secret_body_is_never_shown(api: InProcess, control: Control) -> None:
    secret = "s" * 5000  # the body is cut to 4 KiB: it cannot be redacted whole, so it is not shown
    api.request("PUT", SECRETS, json={"value": [{"key": "SecretToken", "value": secret}]})
    entry = control("GET", "/journal").json()["value"][0]
    assert entry["request"] == {"size": entry["request"]["size"], "text": "[redacted]", "truncated": True}
    big = "x" * 10_000
    api.post(JOBS, json={"templateId": big})
    body = control("GET", "/journal").json()["value"][0]["request"]
    assert body["truncated"] and len(body["text"]) <= 4096 < body["size"]


def test_a_seed_put_at_run_time_is_served_and_reset_goes_back(
    api: InProcess, control: Control, tokens: Tokens
) -> None:
    seed = control("GET", "/seed").json()
    tenant = "11111111-2222-3333-4444-555555555555"
    sp = "66666666-7777-8888-9999-000000000000"
    seed["tenants"].append(
        {
            "id": tenant,
            "displayName": "Run time",
            "servicePrincipals": [
                {"id": sp, "appId": sp, "displayName": "Box", "synchronizationTemplates": ["BoxOutDelta"]}
            ],
        }
    )
    put = control("PUT", "/seed", json=seed)
    assert put.status_code == 200, put.text
    jobs = f"/v1.0/servicePrincipals/{sp}/synchronization/jobs"
    token = tokens(tenant=tenant)
    assert api.post(jobs, json={"templateId": "BoxOutDelta"}, auth=token).status_code == 201
    bad = control("PUT", "/seed", json={"tenants": [{"id": "not-a-guid"}]})
    assert bad.status_code == 400 and "seed is not valid" in bad.json()["error"]["message"]
    assert api.get(jobs, auth=token).status_code == 200  # the refused seed changed nothing
    assert control("POST", "/reset").status_code == 204
    assert api.get(jobs, auth=token).status_code == 401  # the start seed has no such tenant
    assert api.get(JOBS).json()["value"] == []


def test_cycles_run_when_the_clock_advances_and_the_jobs_list_shows_them(
    api: InProcess, control: Control
) -> None:
    job = api.create()
    assert api.post(f"{JOBS}/{job['id']}/start").status_code == 204
    ran = control.advance("P30D")
    assert ran["jobs"] == 1 and ran["cycles"] == 30 * 36 + 1
    listed = control("GET", "/jobs").json()["value"]
    assert [entry["job"]["id"] for entry in listed] == [job["id"]]
    assert listed[0]["cycles"] == ran["cycles"] and listed[0]["timeline"][0]["state"] == "Succeeded"
    assert listed[0]["job"] == {
        k: v for k, v in api.get(f"{JOBS}/{job['id']}").json().items() if k != "@odata.context"
    }
    assert control("GET", "/jobs", params={"tenant": demo.FABRIKAM}).json() == {"value": []}


def test_the_clock_cycles_and_a_run_time_seed_survive_a_restart(
    sqlite_settings: Settings, tokens: Tokens, key_set: KeySet
) -> None:
    def open_app() -> InProcess:
        return InProcess(create_app(sqlite_settings, keys=key_set), tokens)

    first = open_app()
    control = Control(first, key_of(sqlite_settings))
    job = first.create()
    first.post(f"{JOBS}/{job['id']}/start")
    moved = control.advance("PT1H")
    seed = control("GET", "/seed").json()
    seed["tenants"][0]["displayName"] = "Renamed at run time"
    control("PUT", "/seed", json=seed)
    first.close()

    again = open_app()
    control = Control(again, key_of(sqlite_settings))
    assert control("GET", "/clock").json()["now"] >= moved["now"]
    assert control("GET", "/seed").json()["tenants"][0]["displayName"] == "Renamed at run time"
    before = again.get(f"{JOBS}/{job['id']}").json()["status"]["lastExecution"]["timeBegan"]
    control.advance("PT40M")  # the job is still scheduled: its next cycle runs
    after = again.get(f"{JOBS}/{job['id']}").json()["status"]["lastExecution"]["timeBegan"]
    assert after > before
    again.close()


def test_a_real_clock_runs_cycles_by_itself(tmp_path: Path, signing_key: Path, tokens: Tokens) -> None:
    """A served emulator on a real clock (an hour every 36 ms here) runs a started job's cycles unasked."""
    server = Server(
        tmp_path, signing_key, extra_env={"GRAPHSYNC_CLOCK": "real", "GRAPHSYNC_CLOCK_SPEED": "100000"}
    )
    server.start()
    try:
        with httpx.Client(base_url=server.origin, headers={"Authorization": f"Bearer {tokens()}"}) as graph:
            job = graph.post(JOBS, json={"templateId": "BoxOutDelta"}).json()
            assert graph.post(f"{JOBS}/{job['id']}/start").status_code == 204
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                status = graph.get(f"{JOBS}/{job['id']}").json()["status"]
                if (
                    status["code"] == "Active"
                    and status["lastExecution"]["timeBegan"] > status["steadyStateFirstAchievedTime"]
                ):
                    break
                time.sleep(0.2)
            assert status["code"] == "Active", status  # a first cycle, and later ones, ran on their own
            assert status["lastExecution"]["timeBegan"] > status["steadyStateFirstAchievedTime"]
    finally:
        server.stop()
