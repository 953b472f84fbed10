"""An example suite testing provisioning automation against the graphsync emulator (copy it as a start).

`pip install graphsync httpx pytest` makes the fixtures available: no conftest.py is needed.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from graphsync import demo
from graphsync.pytest_plugin import Seed

BOX = demo.BOX_SP  # a service principal of the demo tenant that offers BoxOutDelta


def configure_provisioning(client: httpx.Client, service_principal: str) -> str:
    """The code under test: create a job, save its secrets, start it (as the configure guide does)."""
    sync = f"/servicePrincipals/{service_principal}/synchronization"
    job = client.post(f"{sync}/jobs", json={"templateId": "BoxOutDelta"})
    job.raise_for_status()
    secrets = {"value": [{"key": "BaseAddress", "value": "https://scim.example.com"}]}
    client.put(f"{sync}/secrets", json=secrets).raise_for_status()
    client.post(f"{sync}/jobs/{job.json()['id']}/start").raise_for_status()
    return str(job.json()["id"])


def test_configuration_against_a_served_emulator(graphsync_server, graphsync_token) -> None:
    headers = {"Authorization": f"Bearer {graphsync_token()}"}
    with httpx.Client(base_url=graphsync_server.base_url, headers=headers) as client:
        job_id = configure_provisioning(client, BOX)
        job = client.get(f"/servicePrincipals/{BOX}/synchronization/jobs/{job_id}").json()
    assert job["schedule"]["state"] == "Active"


def test_the_job_runs_then_quarantines_when_its_credentials_fail(
    graphsync_server, graphsync_control, graphsync_token
) -> None:
    headers = {"Authorization": f"Bearer {graphsync_token()}"}
    with httpx.Client(base_url=graphsync_server.base_url, headers=headers) as client:
        job_id = configure_provisioning(client, BOX)
        job_url = f"/servicePrincipals/{BOX}/synchronization/jobs/{job_id}"
        graphsync_control.advance("PT1M")  # the emulator's clock is manual: the first cycle runs now
        assert client.get(job_url).json()["status"]["code"] == "Active"
        graphsync_control.fail_cycles(jobId=job_id)  # as if the app's credentials had expired
        graphsync_control.advance("PT40M")
        status = client.get(job_url).json()["status"]
    assert status["code"] == "Quarantine"
    assert status["quarantine"]["reason"] == "EncounteredQuarantineException"


def test_a_read_only_app_is_refused(graphsync_server, graphsync_token) -> None:
    headers = {"Authorization": f"Bearer {graphsync_token(roles=['Synchronization.Read.All'])}"}
    with httpx.Client(base_url=graphsync_server.base_url, headers=headers) as client:
        refused = client.post(
            f"/servicePrincipals/{BOX}/synchronization/jobs", json={"templateId": "BoxOutDelta"}
        )
    assert refused.status_code == 401  # as Graph answers a missing permission here
    assert refused.json()["error"]["code"] == "UnknownError"


TENANT = "11111111-1111-4111-8111-111111111111"
HR_SP = "22222222-2222-4222-8222-222222222222"
HR_APP = "33333333-3333-4333-8333-333333333333"


@pytest.fixture
def graphsync_seed() -> Seed:
    """Overrides the plugin's (empty: the demo seed): this module's tests get this directory."""
    seed = Seed()
    seed.template("scim", jobDefaults={"interval": "PT40M"})
    hr = {"id": HR_SP, "appId": HR_APP, "displayName": "HR", "synchronizationTemplates": ["scim"]}
    seed.tenant(TENANT, servicePrincipals=[hr])
    return seed


def test_in_process_with_a_seed_of_ones_own(graphsync_app, graphsync_token) -> None:
    async def scenario() -> dict:
        transport = httpx.ASGITransport(app=graphsync_app)
        headers = {"Authorization": f"Bearer {graphsync_token(tenant=TENANT, app_id=HR_APP)}"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://graph.test/v1.0", headers=headers
        ) as client:
            created = await client.post(
                f"/servicePrincipals/{HR_SP}/synchronization/jobs", json={"templateId": "scim"}
            )
            return created.json()

    job = asyncio.run(scenario())
    assert job["templateId"] == "scim" and job["schedule"]["interval"] == "PT40M"
