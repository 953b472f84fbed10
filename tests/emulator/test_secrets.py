"""Synchronization secrets: PUT replaces them all, GET shows them with credentials masked, nothing leaks."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from support import JOBS, seeds
from support.asgi import InProcess
from support.graph import assert_graph_error
from support.seeds import app_with_templates
from support.tokens import Tokens

from graphsync.app import create_app
from graphsync.demo import BOX_APP, BOX_SP, FABRIKAM_BOX_SP, SALESFORCE_SP
from graphsync.settings import Settings

SECRETS = f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/secrets"
APP_SECRETS = f"/v1.0/applications/{BOX_APP}/synchronization/secrets"
TOKEN = "s3cr3t-t0ken-\u00e9-7f1c"  # a value that must never come back
DOCUMENTED = [
    {"key": "BaseAddress", "value": "https://scim.example.com/scim"},
    {"key": "SecretToken", "value": TOKEN},
    {"key": "SyncNotificationSettings", "value": '{"Enabled":false,"DeleteThresholdEnabled":false}'},
    {"key": "SyncAll", "value": "false"},
]


def put(api: InProcess, pairs: list[dict[str, Any]], url: str = SECRETS, **kwargs: Any) -> httpx.Response:
    return api.request("PUT", url, json={"value": pairs}, **kwargs)


def saved(api: InProcess, url: str = SECRETS) -> list[dict[str, Any]]:
    response = api.get(url)
    assert response.status_code == 200, response.text
    value: list[dict[str, Any]] = response.json()["value"]
    return value


def test_put_then_get_masks_the_credentials_and_keeps_the_rest(api: InProcess) -> None:
    response = put(api, DOCUMENTED)
    assert response.status_code == 204 and response.content == b""
    got = api.get(SECRETS)
    assert got.headers["content-type"].startswith("application/json;odata.metadata=minimal")
    body = got.json()
    assert body["@odata.context"] == (
        f"http://graph.test/v1.0/$metadata#servicePrincipals('{BOX_SP}')/synchronization/secrets"
    )
    assert body["value"] == [
        {"key": "BaseAddress", "value": "https://scim.example.com/scim"},
        {"key": "SecretToken", "value": "*"},
        {"key": "SyncNotificationSettings", "value": '{"Enabled":false,"DeleteThresholdEnabled":false}'},
        {"key": "SyncAll", "value": "false"},
    ]
    count = api.get(f"{SECRETS}/$count")
    assert (count.status_code, count.text, count.headers["content-type"]) == (200, "4", "text/plain")


@pytest.mark.parametrize(
    "key", ["Password", "ClientSecret", "Oauth2RefreshToken", "Oauth2ClientSecret", "ConnectionString"]
)
def test_every_credential_is_masked(api: InProcess, key: str) -> None:
    assert (
        put(
            api, [{"key": "UserName", "value": "admin@contoso.com"}, {"key": key, "value": TOKEN}]
        ).status_code
        == 204
    )
    assert saved(api) == [{"key": "UserName", "value": "admin@contoso.com"}, {"key": key, "value": "*"}]


def test_templates_configuration_fields_decide_more_masked_keys(settings: Settings, tokens: Tokens) -> None:
    fields = '[{"name":"baseaddress","secret":true},{"name":"x"}]'
    client = app_with_templates(
        settings, tokens, [{"id": "custom", "metadata": [{"key": "configurationFields", "value": fields}]}]
    )
    try:
        url = f"/v1.0/servicePrincipals/{seeds.SERVICE_PRINCIPAL}/synchronization/secrets"
        token = client.tokens.header(tenant=seeds.TENANT)
        pairs = [{"key": "BaseAddress", "value": "https://x"}, {"key": "SyncAll", "value": "true"}]
        assert put(client, pairs, url, headers=token).status_code == 204
        response = client.get(url, headers=token)
        assert response.json()["value"] == [
            {"key": "BaseAddress", "value": "*"},
            {"key": "SyncAll", "value": "true"},
        ]
    finally:
        client.close()


def test_put_replaces_every_secret(api: InProcess) -> None:
    assert put(api, DOCUMENTED).status_code == 204
    assert put(api, [{"key": "SyncAll", "value": "true"}]).status_code == 204
    assert saved(api) == [{"key": "SyncAll", "value": "true"}]
    assert put(api, []).status_code == 204
    assert saved(api) == []


def test_terraforms_delete_puts_empty_values_and_the_keys_disappear(api: InProcess) -> None:
    assert put(api, DOCUMENTED).status_code == 204
    emptied = [{"key": pair["key"], "value": ""} for pair in DOCUMENTED]
    assert put(api, emptied[:2] + [{"key": "SyncAll", "value": None}]).status_code == 204
    assert saved(api) == []


def test_nothing_saved_reads_as_an_empty_list(api: InProcess) -> None:
    assert saved(api) == []
    assert api.get(f"{SECRETS}/$count").text == "0"


def test_owners_and_tenants_keep_their_own_secrets(api: InProcess) -> None:
    assert put(api, [{"key": "SyncAll", "value": "true"}]).status_code == 204
    assert put(api, [{"key": "SyncAll", "value": "false"}], APP_SECRETS).status_code == 204
    assert saved(api) == [{"key": "SyncAll", "value": "true"}]
    assert saved(api, APP_SECRETS) == [{"key": "SyncAll", "value": "false"}]
    assert saved(api, f"/v1.0/servicePrincipals/{SALESFORCE_SP}/synchronization/secrets") == []
    other_tenant = api.get(
        f"/v1.0/servicePrincipals/{FABRIKAM_BOX_SP}/synchronization/secrets", headers=api.tokens.header()
    )
    assert_graph_error(other_tenant, 404, "Request_ResourceNotFound")


def test_secrets_survive_a_restart(sqlite_settings: Settings, tokens: Tokens) -> None:
    first = InProcess(create_app(sqlite_settings), tokens)
    try:
        assert put(first, DOCUMENTED).status_code == 204
    finally:
        first.close()
    second = InProcess(create_app(sqlite_settings), tokens)
    try:
        assert [pair["key"] for pair in saved(second)] == [pair["key"] for pair in DOCUMENTED]
        assert sqlite_settings.db.startswith("sqlite:///")
    finally:
        second.close()


def test_a_key_given_twice_keeps_its_last_value_where_it_first_appears(api: InProcess) -> None:
    pairs = [
        {"key": "BaseAddress", "value": "https://old"},
        {"key": "SyncAll", "value": "true"},
        {"key": "BaseAddress", "value": "https://new"},
        {"key": "SyncAll", "value": ""},
    ]
    assert put(api, pairs).status_code == 204
    assert saved(api) == [{"key": "BaseAddress", "value": "https://new"}]


@pytest.mark.parametrize(
    "body",
    [
        {"value": [{"key": "NotAKey", "value": "x"}]},
        {"value": [{"value": "x"}]},
        {"value": {"key": "SyncAll", "value": "x"}},
        {},
        {"value": [{"key": "SyncAll", "value": "x", "extra": 1}]},
    ],
)
def test_malformed_bodies_are_400(api: InProcess, body: Any) -> None:
    assert_graph_error(api.request("PUT", SECRETS, json=body), 400, "Request_BadRequest")
    assert saved(api) == []


@pytest.mark.parametrize("value", [1234567890123, 3.25, True, ["a"], {"a": "b"}])
def test_an_invalid_value_is_never_quoted_back(api: InProcess, value: Any) -> None:
    response = put(api, [{"key": "SecretToken", "value": value}])
    error = assert_graph_error(response, 400, "Request_BadRequest")
    assert "value[0].value" in error["message"] and "not shown" in error["message"]
    assert json.dumps(value) not in response.text and str(value) not in response.text


def test_no_answer_ever_carries_a_saved_secret(api: InProcess) -> None:
    job = api.create()
    assert put(api, DOCUMENTED).status_code == 204
    answers = [
        api.get(SECRETS),
        api.get(f"{SECRETS}/$count"),
        api.get(JOBS),
        api.get(f"{JOBS}/{job['id']}"),
        api.request("PATCH", SECRETS, json={"value": DOCUMENTED}),
        put(api, DOCUMENTED + [{"key": "Nope", "value": TOKEN}]),
    ]
    for response in answers:
        assert TOKEN not in response.text and TOKEN.encode("unicode_escape").decode() not in response.text


def test_reading_needs_a_read_permission_and_writing_a_write_permission(api: InProcess) -> None:
    reader = api.tokens.header(roles=["Synchronization.Read.All"])
    assert api.get(SECRETS, headers=reader).status_code == 200
    assert_graph_error(put(api, DOCUMENTED, headers=reader), 401, "UnknownError")
    for permission in ("Application.ReadWrite.All", "Directory.ReadWrite.All"):
        assert put(api, DOCUMENTED, headers=api.tokens.header(roles=[permission])).status_code == 204


def test_no_secret_reaches_the_log(api: InProcess, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    put(api, DOCUMENTED)
    put(api, [{"key": "SecretToken", "value": TOKEN}, {"key": "SecretToken", "value": 1}])
    put(
        api,
        [{"key": "Password", "value": TOKEN}],
        headers=api.tokens.header(roles=["Synchronization.Read.All"]),
    )
    api.get(SECRETS)
    assert TOKEN not in caplog.text


def test_the_synchronization_carries_the_secrets_masked(api: InProcess) -> None:
    assert put(api, DOCUMENTED).status_code == 204
    for url, kind, owner in (
        (f"/v1.0/servicePrincipals/{BOX_SP}/synchronization", "servicePrincipals", BOX_SP),
        (f"/v1.0/applications/{BOX_APP}/synchronization", "applications", BOX_APP),
    ):
        response = api.get(url)
        assert response.status_code == 200
        body = response.json()
        assert body["@odata.context"] == (
            f"http://graph.test/v1.0/$metadata#{kind}('{owner}')/synchronization/$entity"
        )
        assert body["id"] == owner
        assert body["secrets"] == (saved(api) if kind == "servicePrincipals" else [])
        assert TOKEN not in response.text
