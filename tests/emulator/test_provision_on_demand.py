"""provisionOnDemand: seeded users and groups through a rule of the job's schema (D34)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from support import APP_JOBS, JOBS
from support.asgi import InProcess
from support.graph import assert_graph_error

from graphsync.demo import BOX_SP, OUTBOUND_RULE, SALES_GROUP, USERS
from graphsync.domain.provisioning import STATUS_INFO_KEY
from graphsync.storage import OwnerKey, job_document

ADELE, BILL, DIEGO, MEGAN, LEE = USERS


def provision(
    api: InProcess, job_url: str, *subjects: dict[str, Any], rule: str = OUTBOUND_RULE
) -> httpx.Response:
    body = {"parameters": [{"ruleId": rule, "subjects": list(subjects)}]}
    return api.post(f"{job_url}/provisionOnDemand", json=body)


def user(object_id: str, kind: str = "User") -> dict[str, Any]:
    return {"objectId": object_id, "objectTypeName": kind}


def entries(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["@odata.context"].endswith("/$metadata#microsoft.graph.stringKeyStringValuePair")
    assert body["key"] == STATUS_INFO_KEY
    value: list[dict[str, Any]] = json.loads(body["value"])
    return value


def test_a_user_is_created_then_skipped_as_already_provisioned(api: InProcess) -> None:
    job = f"{JOBS}/{api.create(JOBS, 'BoxOutDelta')['id']}"
    (first,) = entries(provision(api, job, user(ADELE)))
    assert (first["action"], first["statusInfo"]["status"]) == ("Create", "Success")
    assert first["reportableIdentifier"] == "AdeleV@contoso.com"
    assert first["sourceIdentity"]["id"] == ADELE and first["targetSystem"]["name"] == "Box"
    assert [(s["name"], s["type"], s["status"]) for s in first["provisioningSteps"]] == [
        ("EntryImport", "Import", "Success"),
        ("EntryImport", "Matching", "Success"),
        ("EntrySynchronizationScoping", "Scoping", "Success"),
        ("EntryExportAdd", "Export", "Success"),
    ]
    exported = {p["displayName"]: p["newValue"] for p in first["modifiedProperties"]}
    assert exported["userName"] == "AdeleV@contoso.com" and exported["externalId"] == ADELE
    (again,) = entries(provision(api, job, user(ADELE, "user")))
    assert (again["action"], again["statusInfo"]["status"]) == ("Other", "Skipped")
    assert again["statusInfo"]["errorCode"] == "RedundantExport"
    assert again["provisioningSteps"][-1]["details"] == {"SkipReason": "RedundantExport"}
    other_job = f"{JOBS}/{api.create(JOBS, 'BoxOutDelta')['id']}"  # what one job provisioned is its own
    assert entries(provision(api, other_job, user(ADELE)))[0]["action"] == "Create"


def test_a_group_with_linked_members_reports_each(api: InProcess) -> None:
    job = f"{APP_JOBS}/{api.create(APP_JOBS, 'BoxOutDelta')['id']}"
    group = {
        "objectId": SALES_GROUP,
        "objectTypeName": "Group",
        "links": {"members": [user(DIEGO), user(MEGAN)]},
    }
    found = entries(provision(api, job, group))
    assert [e["sourceIdentity"]["id"] for e in found] == [SALES_GROUP, DIEGO, MEGAN]
    assert found[0]["reportableIdentifier"] == "Sales" and found[0]["sourceIdentity"]["type"] == "Group"
    outsider = {**group, "links": {"members": [user(ADELE)]}}
    error = assert_graph_error(provision(api, job, outsider), 400, "RequestParameterInvalid")
    assert ADELE in error["message"]


@pytest.mark.parametrize(
    ("subject", "rule", "named"),
    [
        (user(ADELE), "00000000-0000-0000-0000-000000000000", "ruleId"),
        (user("9bb0f679-0000-0000-0000-000000000000"), OUTBOUND_RULE, "9bb0f679-0000"),
        (user(SALES_GROUP), OUTBOUND_RULE, SALES_GROUP),  # a group named as a user
        (user(ADELE, "Group"), OUTBOUND_RULE, ADELE),
        (user(ADELE, "Worker"), OUTBOUND_RULE, "Worker"),
        (user("6f1f2b3c-0d4e-4b5a-8c7d-9e0f1a2b3c4d"), OUTBOUND_RULE, "6f1f2b3c"),  # Fabrikam's user
    ],
)
def test_an_unknown_rule_or_subject_is_request_parameter_invalid(
    api: InProcess, subject: dict[str, Any], rule: str, named: str
) -> None:
    job = f"{JOBS}/{api.create(JOBS, 'BoxOutDelta')['id']}"
    error = assert_graph_error(provision(api, job, subject, rule=rule), 400, "RequestParameterInvalid")
    assert named in error["message"]


def test_an_application_without_its_credentials_is_credentials_missing(api: InProcess) -> None:
    job = f"{JOBS}/{api.create(JOBS, 'SfSandboxOutDelta')['id']}"
    error = assert_graph_error(provision(api, job, user(ADELE)), 400, "CredentialsMissing")
    assert error["message"].startswith("Please configure provisioning")
    secrets = [
        {"key": k, "value": v} for k, v in (("UserName", "a"), ("Password", "b"), ("SecretToken", "c"))
    ]
    put = api.request(
        "PUT", f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/secrets", json={"value": secrets}
    )
    assert put.status_code == 204
    assert entries(provision(api, job, user(ADELE)))[0]["statusInfo"]["status"] == "Success"


def test_more_than_five_requests_in_ten_seconds_per_job_are_429(api: InProcess) -> None:
    job = f"{JOBS}/{api.create(JOBS, 'BoxOutDelta')['id']}"
    for _ in range(5):
        assert provision(api, job, user(BILL)).status_code == 200
    refused = provision(api, job, user(BILL))
    assert_graph_error(refused, 429, "TooManyRequests")
    assert 1 <= int(refused.headers["retry-after"]) <= 10
    other = f"{JOBS}/{api.create(JOBS, 'BoxOutDelta')['id']}"
    assert provision(api, other, user(BILL)).status_code == 200


def test_a_missing_job_is_404_and_malformed_or_too_many_subjects_are_400(api: InProcess) -> None:
    assert_graph_error(provision(api, f"{JOBS}/nope", user(ADELE)), 404, "Request_ResourceNotFound")
    job = f"{JOBS}/{api.create(JOBS, 'BoxOutDelta')['id']}"
    error = assert_graph_error(provision(api, job, *[user(ADELE)] * 51), 400, "Request_BadRequest")
    assert "more than 50" in error["message"]  # one parameter: the spec bounds it
    two = {"parameters": [{"ruleId": OUTBOUND_RULE, "subjects": [user(ADELE)] * 30}] * 2}
    error = assert_graph_error(api.post(f"{job}/provisionOnDemand", json=two), 400, "RequestParameterInvalid")
    assert "At most 50 subjects" in error["message"]  # in all, with members
    for parameter, fragment in (
        ({"ruleId": OUTBOUND_RULE, "subjects": []}, "at least one subject"),
        ({"subjects": [user(ADELE)]}, "needs a ruleId"),
        ({"ruleId": OUTBOUND_RULE, "subjects": [{"objectTypeName": "User"}]}, "needs an objectId"),
        (
            {"ruleId": OUTBOUND_RULE, "subjects": [{**user(ADELE), "links": {"members": [user(BILL)]}}]},
            "is a user",
        ),
    ):
        response = api.post(f"{job}/provisionOnDemand", json={"parameters": [parameter]})
        assert fragment in assert_graph_error(response, 400, "RequestParameterInvalid")["message"]
    assert_graph_error(
        api.post(f"{job}/provisionOnDemand", json={"parameters": []}), 400, "Request_BadRequest"
    )


def test_a_subject_named_twice_in_one_request_is_provisioned_once(api: InProcess) -> None:
    job = f"{JOBS}/{api.create(JOBS, 'BoxOutDelta')['id']}"
    statuses = [e["statusInfo"]["status"] for e in entries(provision(api, job, user(ADELE), user(ADELE)))]
    assert statuses == ["Success", "Skipped"]


def test_provisioned_subjects_go_with_the_job(api: InProcess) -> None:
    created = api.create(JOBS, "BoxOutDelta")
    job = f"{JOBS}/{created['id']}"
    entries(provision(api, job, user(LEE)))
    owner = OwnerKey(created["id"].rsplit(".", 1)[-1], "servicePrincipals", BOX_SP)
    name = job_document(created["id"], "provisioned")
    assert json.loads(api.run(api.app.store.get_document(owner, name))) == [LEE]
    assert api.delete(job).status_code == 204
    assert api.run(api.app.store.get_document(owner, name)) is None
