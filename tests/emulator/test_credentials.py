"""validateCredentials: job-bound and before a job exists, against the template's configurationFields (D31)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from support import APP_JOBS, JOBS
from support.asgi import InProcess
from support.graph import assert_graph_error

from graphsync.demo import BOX_SP

SECRETS = f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/secrets"
SALESFORCE = [  # SfSandboxOutDelta's configurationFields: username, password, secrettoken
    {"key": "UserName", "value": "admin@contoso.com"},
    {"key": "Password", "value": "hunter2-secret-value"},
    {"key": "SecretToken", "value": "token-secret-value"},
]


def validate(
    api: InProcess, body: dict[str, Any], url: str = f"{JOBS}/validateCredentials"
) -> httpx.Response:
    return api.post(url, json=body)


def test_credentials_that_name_every_field_are_204(api: InProcess) -> None:
    response = validate(api, {"templateId": "SfSandboxOutDelta", "credentials": SALESFORCE})
    assert (response.status_code, response.content) == (204, b"")
    job = api.create(JOBS, "SfSandboxOutDelta")
    on_job = validate(api, {"credentials": SALESFORCE}, f"{JOBS}/{job['id']}/validateCredentials")
    assert on_job.status_code == 204


@pytest.mark.parametrize(
    ("credentials", "missing"),
    [
        ([], "UserName, Password, SecretToken"),
        (SALESFORCE[:2], "SecretToken"),
        ([*SALESFORCE[:2], {"key": "SecretToken", "value": ""}], "SecretToken"),
        ([*SALESFORCE[:2], {"key": "SecretToken", "value": None}], "SecretToken"),
    ],
)
def test_missing_credentials_are_400_credentials_missing_naming_the_keys(
    api: InProcess, credentials: list[dict[str, Any]], missing: str
) -> None:
    body = {"templateId": "SfSandboxOutDelta", "credentials": credentials}
    response = validate(api, body)
    error = assert_graph_error(response, 400, "CredentialsMissing")
    assert error["message"] == f"Please configure provisioning: the credentials have no value for {missing}."
    for pair in credentials:
        assert not pair["value"] or pair["value"] not in response.text


def test_saved_credentials_are_checked_with_use_saved_credentials(api: InProcess) -> None:
    job = api.create(JOBS, "SfSandboxOutDelta")
    url = f"{JOBS}/{job['id']}/validateCredentials"
    body = {"useSavedCredentials": True, "credentials": SALESFORCE}  # credentials are ignored
    assert_graph_error(validate(api, body, url), 400, "CredentialsMissing")
    assert api.request("PUT", SECRETS, json={"value": SALESFORCE}).status_code == 204
    assert validate(api, body, url).status_code == 204
    assert validate(api, {"useSavedCredentials": True, "templateId": "SfSandboxOutDelta"}).status_code == 204


def test_a_template_without_configuration_fields_needs_nothing(api: InProcess) -> None:
    assert validate(api, {"templateId": "BoxOutDelta"}).status_code == 204
    assert validate(api, {"templateId": "BoxOutDelta"}, f"{APP_JOBS}/validateCredentials").status_code == 204


def test_without_a_job_the_template_is_required_and_must_be_offered(api: InProcess) -> None:
    error = assert_graph_error(validate(api, {"credentials": SALESFORCE}), 400, "Request_BadRequest")
    assert "templateId" in error["message"]
    error = assert_graph_error(validate(api, {"templateId": "scim"}), 400, "Request_BadRequest")
    assert (
        "The synchronization template 'scim' is not available for this service principal." in error["message"]
    )


def test_the_job_bound_action_needs_the_job(api: InProcess) -> None:
    missing = f"{JOBS}/BoxOutDelta.{'0' * 32}.x/validateCredentials"
    assert_graph_error(validate(api, {"credentials": []}, missing), 404, "Request_ResourceNotFound")


def test_unknown_parameters_and_wrong_types_are_400(api: InProcess) -> None:
    lower_case_key = {"templateId": "BoxOutDelta", "credentials": [{"key": "username", "value": "x"}]}
    for body in (
        {"templateId": "BoxOutDelta", "scope": 1},
        {"useSavedCredentials": "yes"},
        {"credentials": {}},
        lower_case_key,  # keys are the enum's members, case-sensitive
    ):
        assert_graph_error(validate(api, body), 400, "Request_BadRequest")


def test_validating_needs_a_write_permission(api: InProcess) -> None:
    reader = api.tokens.header(roles=["Synchronization.Read.All"])
    response = api.post(f"{JOBS}/validateCredentials", json={"templateId": "BoxOutDelta"}, headers=reader)
    assert_graph_error(response, 401, "UnknownError")
