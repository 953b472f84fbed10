"""bulkUpload: SCIM bulk requests staged whole for an inbound provisioning job (D35)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from support import JOBS
from support.asgi import InProcess
from support.graph import assert_graph_error

from graphsync.demo import BOX_SP
from graphsync.handlers import bulk_upload
from graphsync.storage import OwnerKey, job_document

BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
CORE = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
SCIM = {"Content-Type": "application/scim+json"}
UPLOADER = {"roles": ["SynchronizationData-User.Upload"]}


def record(external_id: str, **fields: Any) -> dict[str, Any]:
    data = {
        "schemas": [CORE, ENTERPRISE],
        "externalId": external_id,
        "userName": f"{external_id}@contoso.com",
    }
    return {"method": "POST", "bulkId": external_id, "path": "/Users", "data": {**data, **fields}}


def upload(api: InProcess, job_url: str, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    token = api.tokens(**UPLOADER)
    content = json.dumps(body).encode()
    return api.request(
        "POST",
        f"{job_url}/bulkUpload",
        auth=token,
        content=content,
        headers=SCIM if headers is None else headers,
    )


def staged(api: InProcess, job_id: str) -> dict[str, Any]:
    owner = OwnerKey(job_id.rsplit(".", 1)[-1], "servicePrincipals", BOX_SP)
    document = api.run(api.app.store.get_document(owner, job_document(job_id, "staged")))
    return {} if document is None else dict(json.loads(document))


@pytest.fixture
def job(api: InProcess) -> str:
    return str(api.create(JOBS, "BoxOutDelta")["id"])


def test_records_are_accepted_with_202_and_the_logs_location(api: InProcess, job: str) -> None:
    response = upload(
        api, f"{JOBS}/{job}", {"schemas": [BULK], "Operations": [record("701984"), record("701985")]}
    )
    assert (response.status_code, response.content) == (202, b"")
    assert response.headers["location"].endswith(
        f"/v1.0/auditLogs/provisioning/?$filter=jobid%20eq%20'{job}'"
    )
    assert set(staged(api, job)) == {"701984", "701985"}
    again = upload(api, f"{JOBS}/{job}", {"schemas": [BULK], "Operations": [record("701984", active=False)]})
    assert again.status_code == 202
    kept = staged(api, job)
    assert len(kept) == 2 and kept["701984"]["active"] is False  # the later record replaces the earlier


@pytest.mark.parametrize(
    "content_type", [None, "application/json", "text/plain", "application/scim+json; charset=latin-1"]
)
def test_another_content_type_is_400_as_graph_documents(
    api: InProcess, job: str, content_type: str | None
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = upload(api, f"{JOBS}/{job}", {"schemas": [BULK], "Operations": [record("1")]}, headers)
    error = assert_graph_error(response, 400, "Request_BadRequest")
    assert "application/scim+json" in error["message"]
    assert staged(api, job) == {}


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"schemas": [BULK], "Operations": [record(str(n)) for n in range(51)]}, "more than 50"),
        ({"schemas": ["urn:other"], "Operations": [record("1")]}, "schemas[0]"),
        ({"schemas": [BULK], "Operations": [{**record("1"), "method": "DELETE"}]}, "method"),
        ({"schemas": [BULK], "Operations": [{**record("1"), "path": "/Groups"}]}, "path"),
        ({"schemas": [BULK], "Operations": [record("1", schemas=[CORE])]}, "data.schemas"),
        ({"schemas": [BULK], "Operations": [record("1", externalId="")]}, "externalId"),
        ({"schemas": [BULK], "Operations": []}, "Operations"),
        ({"schemas": [BULK]}, "Operations"),
    ],
)
def test_malformed_scim_is_400_and_nothing_is_staged(api: InProcess, job: str, body: Any, named: str) -> None:
    error = assert_graph_error(upload(api, f"{JOBS}/{job}", body), 400, "Request_BadRequest")
    assert named in error["message"]
    assert staged(api, job) == {}


def test_a_job_holds_a_bounded_number_of_records_and_a_refused_upload_stages_none(
    api: InProcess, job: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_upload, "MAX_STAGED", 100)  # 2,000 would take more requests than 5 s allow
    for batch in range(2):
        operations = [record(f"{batch}-{n}") for n in range(50)]
        assert upload(api, f"{JOBS}/{job}", {"schemas": [BULK], "Operations": operations}).status_code == 202
    assert upload(api, f"{JOBS}/{job}", {"schemas": [BULK], "Operations": [record("0-1")]}).status_code == 202
    refused = upload(api, f"{JOBS}/{job}", {"schemas": [BULK], "Operations": [record("0-2"), record("new")]})
    message = assert_graph_error(refused, 400, "Request_BadRequest")["message"]
    assert "already holds 100 records" in message and "at most 100" in message
    kept = staged(api, job)
    assert len(kept) == 100 and "new" not in kept


def test_more_than_40_requests_in_5_seconds_per_job_are_429(api: InProcess, job: str) -> None:
    body = {"schemas": [BULK], "Operations": [record("1")]}
    for _ in range(40):
        assert upload(api, f"{JOBS}/{job}", body).status_code == 202
    refused = upload(api, f"{JOBS}/{job}", body)
    assert_graph_error(refused, 429, "TooManyRequests")
    assert 1 <= int(refused.headers["retry-after"]) <= 5


def test_a_missing_job_is_404_and_synchronization_permissions_do_not_upload(api: InProcess, job: str) -> None:
    body = {"schemas": [BULK], "Operations": [record("1")]}
    assert_graph_error(upload(api, f"{JOBS}/nope", body), 404, "Request_ResourceNotFound")
    response = api.request(
        "POST", f"{JOBS}/{job}/bulkUpload", content=json.dumps(body).encode(), headers=SCIM
    )
    assert_graph_error(response, 401, "UnknownError")


def test_the_staged_size_is_bounded_and_a_restart_purges_what_was_staged(
    api: InProcess, job: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_upload, "MAX_STAGED_CHARS", 2_000)
    big = {"schemas": [BULK], "Operations": [record("1", displayName="x" * 1_500)]}
    assert upload(api, f"{JOBS}/{job}", big).status_code == 202
    again = {"schemas": [BULK], "Operations": [record("2", displayName="y" * 1_500)]}
    assert_graph_error(upload(api, f"{JOBS}/{job}", again), 400, "Request_BadRequest")
    assert set(staged(api, job)) == {"1"}
    restart = api.post(f"{JOBS}/{job}/restart", json={"criteria": {"resetScope": "Full"}})
    assert restart.status_code == 204
    assert staged(api, job) == {}  # as entra-docs' FAQ says of a job that is not running
    assert upload(api, f"{JOBS}/{job}", again).status_code == 202
