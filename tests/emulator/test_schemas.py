"""Synchronization schemas: a template's, a job's (from its template until a PUT replaces it), PATCH as Graph (D33)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from support import APP_JOBS, JOBS
from support.asgi import InProcess
from support.graph import assert_graph_error

from graphsync.demo import BOX_APP, BOX_SP, OUTBOUND_RULE

TEMPLATES = f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/templates"


def test_a_template_schema_has_graphs_id_and_the_seeds_rules(api: InProcess) -> None:
    response = api.get(f"{TEMPLATES}/SfSandboxOutDelta/schema")
    assert response.status_code == 200
    schema = response.json()
    assert schema["@odata.context"].endswith(
        f"/$metadata#servicePrincipals('{BOX_SP}')/synchronization/templates('SfSandboxOutDelta')/schema/$entity"
    )
    assert schema["id"] == "SfSandboxOutDelta." + "0" * 32
    assert [rule["id"] for rule in schema["synchronizationRules"]] == [OUTBOUND_RULE]
    assert [d["name"] for d in schema["directories"]] == ["Azure Active Directory", "Salesforce"]
    assert all(directory["id"] for directory in schema["directories"])
    assert api.get(f"{TEMPLATES}/SfSandboxOutDelta/schema").json() == schema  # directory ids are stable


def test_a_template_the_owner_does_not_offer_has_no_schema(api: InProcess) -> None:
    assert_graph_error(api.get(f"{TEMPLATES}/scim/schema"), 404, "Request_ResourceNotFound")


def test_a_new_job_has_its_templates_schema_under_its_own_id(api: InProcess) -> None:
    job = api.create(JOBS, "SfSandboxOutDelta")
    schema = api.get(f"{JOBS}/{job['id']}/schema").json()
    template = api.get(f"{TEMPLATES}/SfSandboxOutDelta/schema").json()
    assert schema["id"] == job["id"]
    assert schema["@odata.context"].endswith(f"/synchronization/jobs('{job['id']}')/schema/$entity")
    strip = lambda s: {k: v for k, v in s.items() if k not in ("id", "@odata.context")}
    assert strip(schema) == strip(template)


def test_put_replaces_the_schema_whole_and_get_reads_it_back(api: InProcess) -> None:
    job = api.create(JOBS, "BoxOutDelta")
    url = f"{JOBS}/{job['id']}/schema"
    schema = api.get(url).json()
    rule = schema["synchronizationRules"][0]
    mapping = rule["objectMappings"][0]
    mapping["attributeMappings"] = mapping["attributeMappings"][:1]
    body = {"id": "ignored", "version": "2", "synchronizationRules": [rule], "directories": []}
    response = api.request("PUT", url, json=body)
    assert (response.status_code, response.content) == (204, b"")
    again = api.get(url).json()
    assert again["id"] == job["id"] and again["version"] == "2"
    assert again["directories"] == [] and again["synchronizationRules"] == [rule]
    other = api.create(JOBS, "BoxOutDelta")  # other jobs keep their template's
    assert len(api.get(f"{JOBS}/{other['id']}/schema").json()["directories"]) == 2


def test_a_schema_survives_a_restart_and_goes_with_its_job(
    sqlite_settings: Any, tokens: Any, key_set: Any
) -> None:
    from graphsync.app import create_app

    first = InProcess(create_app(sqlite_settings, keys=key_set), tokens)
    job = first.create(JOBS, "BoxOutDelta")
    url = f"{JOBS}/{job['id']}/schema"
    assert first.request("PUT", url, json={"version": "kept", "synchronizationRules": []}).status_code == 204
    first.close()
    second = InProcess(create_app(sqlite_settings, keys=key_set), tokens)
    try:
        assert second.get(url).json()["version"] == "kept"
        assert second.delete(f"{JOBS}/{job['id']}").status_code == 204
        assert_graph_error(second.get(url), 404, "Request_ResourceNotFound")
    finally:
        second.close()


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_the_schema_of_a_missing_job_is_404(api: InProcess, method: str) -> None:
    body = {"synchronizationRules": []} if method == "PUT" else None
    assert_graph_error(api.request(method, f"{JOBS}/nope/schema", json=body), 404, "Request_ResourceNotFound")


def test_patch_answers_404_as_graphs_service_does(api: InProcess) -> None:
    """Microsoft's description (and so its SDKs and PowerShell) sends PATCH; the service knows only PUT."""
    job = api.create(APP_JOBS, "BoxOutDelta")
    response = api.request("PATCH", f"{APP_JOBS}/{job['id']}/schema", json={"synchronizationRules": []})
    error = assert_graph_error(response, 404, "UnknownError")
    uri = (
        f"https://syncfabric.windowsazure.com/api/applications('{BOX_APP}')/synchronization/"
        f"jobs('{job['id']}')/schema?api-version=2.0"
    )
    assert json.loads(error["message"]) == {
        "Message": f"No HTTP resource was found that matches the request URI '{uri}'."
    }
    anonymous = api.request("PATCH", f"{APP_JOBS}/{job['id']}/schema", json={}, auth=False)
    assert_graph_error(anonymous, 401, "InvalidAuthenticationToken")  # the gateway authenticates first
    delete = api.request("DELETE", f"{APP_JOBS}/{job['id']}/schema")
    assert delete.status_code == 405 and delete.headers["allow"] == "GET, PUT"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"synchronizationRules": [{"priority": "first"}]}, "synchronizationRules[0].priority"),
        ({"synchronizationRules": [{"objectMappings": [{"flowTypes": "Add, Sideways"}]}]}, "flowTypes"),
        ({"directories": [{"objects": [{"attributes": [{"type": "Text"}]}]}]}, "attributes[0].type"),
        ({"synchronizationRules": [], "unknown": 1}, "unknown"),
    ],
)
def test_an_invalid_schema_is_400_naming_the_property(
    api: InProcess, body: dict[str, Any], named: str
) -> None:
    job = api.create(JOBS, "BoxOutDelta")
    error = assert_graph_error(
        api.request("PUT", f"{JOBS}/{job['id']}/schema", json=body), 400, "Request_BadRequest"
    )
    assert named in error["message"]


def test_directories_are_read_from_the_schema_of_a_job_or_a_template(api: InProcess) -> None:
    job = api.create(JOBS, "BoxOutDelta")
    for url in (f"{JOBS}/{job['id']}/schema", f"{TEMPLATES}/BoxOutDelta/schema"):
        listed = api.get(f"{url}/directories")
        assert listed.status_code == 200 and listed.json()["@odata.context"].endswith("/schema/directories")
        directories = listed.json()["value"]
        assert [d["name"] for d in directories] == ["Azure Active Directory", "Box"]
        one = api.get(f"{url}/directories/{directories[1]['id']}").json()
        assert one["@odata.context"].endswith("/schema/directories/$entity")
        assert {k: v for k, v in one.items() if k != "@odata.context"} == directories[1]
        assert_graph_error(api.get(f"{url}/directories/nope"), 404, "Request_ResourceNotFound")
    api.request("PUT", f"{JOBS}/{job['id']}/schema", json={"directories": [{"id": "mine", "name": "Mine"}]})
    assert api.get(f"{JOBS}/{job['id']}/schema/directories/mine").json()["name"] == "Mine"
    assert_graph_error(api.get(f"{JOBS}/nope/schema/directories"), 404, "Request_ResourceNotFound")


def test_documents_written_while_their_job_is_deleted_are_not_left_behind(
    sqlite_settings: Any, tokens: Any, key_set: Any
) -> None:
    """PUT schema, provisionOnDemand and bulkUpload racing a DELETE of their job: whichever wins, no
    document of the job outlives it (each write checks the job in the same atomic section)."""
    import asyncio

    from graphsync.app import create_app
    from graphsync.storage import OwnerKey, job_document

    api = InProcess(create_app(sqlite_settings, keys=key_set), tokens)
    upload_token = tokens(roles=["Synchronization.ReadWrite.All", "SynchronizationData-User.Upload"])
    record = {
        "method": "POST",
        "bulkId": "1",
        "path": "/Users",
        "data": {
            "schemas": [
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            ],
            "externalId": "1",
        },
    }
    bulk = json.dumps(
        {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": [record]}
    )
    try:
        for _ in range(10):
            job = api.create(JOBS, "BoxOutDelta")["id"]
            url = f"{JOBS}/{job}"
            headers = {"Authorization": f"Bearer {tokens()}"}

            async def race(url: str = url, headers: dict[str, str] = headers) -> list[int]:
                client = api.client
                answers = await asyncio.gather(
                    client.delete(url, headers=headers),
                    client.put(f"{url}/schema", json={"version": "late"}, headers=headers),
                    client.post(
                        f"{url}/bulkUpload",
                        content=bulk.encode(),
                        headers={
                            "Authorization": f"Bearer {upload_token}",
                            "Content-Type": "application/scim+json",
                        },
                    ),
                )
                return [answer.status_code for answer in answers]

            statuses = api.run(race())
            assert statuses[0] == 204 and set(statuses[1:]) <= {202, 204, 404}, statuses
            owner = OwnerKey(job.rsplit(".", 1)[-1], "servicePrincipals", BOX_SP)
            for name in ("schema", "staged"):
                assert api.run(api.app.store.get_document(owner, job_document(job, name))) is None, (
                    name,
                    statuses,
                )
    finally:
        api.close()
