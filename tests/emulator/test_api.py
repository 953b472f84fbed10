"""Emulator behaviour, in-process: create, get, list and paging, delete, start/pause/restart, isolation."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import yaml
from jsonschema import Draft202012Validator
from support import APP_JOBS, JOBS, ROOT
from support.asgi import InProcess
from support.graph import assert_graph_error
from support.tokens import bearer

from graphsync.demo import AUTOMATION_APP, BOX_APP, BOX_SP, CONTOSO, FABRIKAM, FABRIKAM_BOX_SP, SALESFORCE_SP
from graphsync.demo import READ_WRITE as ALL
from graphsync.storage import OwnerKey

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
EXAMPLES = SPEC["components"]["examples"]
JOB_ID = re.compile(r"(?P<template>[A-Za-z0-9_-]+)\.(?P<hex>[0-9a-f]{32})\.(?P<tenant>[0-9a-f-]{36})")


def response_validator(name: str) -> Draft202012Validator:
    schema = {"$ref": f"#/components/schemas/{name}", "components": SPEC["components"]}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


JOB_SCHEMA = response_validator("synchronizationJob")
COLLECTION_SCHEMA = response_validator("synchronizationJobCollectionResponse")


def assert_valid_job(job: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in JOB_SCHEMA.iter_errors(job)]
    assert not errors, errors


def without_ids(job: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in job.items() if k not in ("id", "@odata.context")}


# --- create ------------------------------------------------------------------------------------


def test_documented_create_request_gets_the_documented_response(api: InProcess) -> None:
    response = api.post(JOBS, json=EXAMPLES["createJobRequest"]["value"])
    assert response.status_code == 201
    job = response.json()
    assert_valid_job(job)
    documented = EXAMPLES["createJobResponse"]["value"]
    assert without_ids(job) == without_ids(documented)
    assert list(job) == list(documented)  # same property order as Graph's example
    assert list(job["status"]) == list(documented["status"])
    match = JOB_ID.fullmatch(job["id"])
    assert match and match["template"] == "BoxOutDelta" and match["tenant"] == CONTOSO
    assert job["@odata.context"] == (
        f"http://graph.test/v1.0/$metadata#servicePrincipals('{BOX_SP}')/synchronization/jobs/$entity"
    )
    assert response.headers["location"] == f"http://graph.test{JOBS}/{job['id']}"
    assert api.get(urlsplit(response.headers["location"]).path).json() == job


def test_seed_page_example_on_the_applications_path_gets_201_and_server_owned_fields_are_ignored(
    api: InProcess,
) -> None:
    example = EXAMPLES["seedPageCreateRequest"]["value"]
    assert example["schedule"]["state"] == "Active"  # the client asks for state the server owns...
    response = api.post(APP_JOBS.replace("/v1.0/", "/beta/"), json=example)
    assert response.status_code == 201, response.text
    job = response.json()
    assert_valid_job(job)
    assert without_ids(job) == without_ids(
        EXAMPLES["createJobResponse"]["value"]
    )  # ...and gets Graph's defaults
    assert job["@odata.context"].startswith(f"http://graph.test/beta/$metadata#applications('{BOX_APP}')")
    assert response.headers["location"].startswith(f"http://graph.test/beta/applications/{BOX_APP}/")


def test_posted_settings_are_kept_without_odata_type(api: InProcess) -> None:
    settings = [
        {"name": "QuarantineTooManyDeletesThreshold", "value": "500"},
        {
            "@odata.type": "#microsoft.graph.keyValuePair",
            "name": "AzureIngestionAttributeOptimization",
            "value": None,
        },
    ]
    job = api.post(
        JOBS, json={"templateId": "SfSandboxOutDelta", "synchronizationJobSettings": settings}
    ).json()
    # The template's setting of the same name is replaced in place; the other one is appended.
    assert job["synchronizationJobSettings"] == [
        {"name": "AzureIngestionAttributeOptimization", "value": None},
        {"name": "QuarantineTooManyDeletesThreshold", "value": "500"},
    ]


def test_a_new_job_starts_with_its_templates_defaults(api: InProcess) -> None:
    job = api.post(JOBS, json={"templateId": "SfSandboxOutDelta"}).json()
    assert job["schedule"] == {"expiration": None, "interval": "PT40M", "state": "Disabled"}
    assert job["status"]["code"] == "Paused"
    assert job["synchronizationJobSettings"] == [
        {"name": "AzureIngestionAttributeOptimization", "value": "False"}
    ]
    assert api.get(f"{JOBS}/{job['id']}").json() == job
    # BoxOutDelta keeps the create page's defaults (openapi.yaml's createJobResponse example).
    box = api.post(JOBS, json={"templateId": "BoxOutDelta"}).json()
    assert (box["schedule"]["interval"], box["status"]["code"]) == (
        "P10675199DT2H48M5.4775807S",
        "NotConfigured",
    )
    assert box["synchronizationJobSettings"] == []


def test_a_started_gallery_job_keeps_its_interval(api: InProcess) -> None:
    job = api.post(JOBS, json={"templateId": "SfSandboxOutDelta"}).json()
    assert api.post(f"{JOBS}/{job['id']}/start").status_code == 204
    started = api.get(f"{JOBS}/{job['id']}").json()
    assert (started["schedule"]["state"], started["schedule"]["interval"], started["status"]["code"]) == (
        "Active",
        "PT40M",
        "NotRun",
    )
    assert (
        api.get(f"{JOBS}/{job['id']}").json()["synchronizationJobSettings"]
        == job["synchronizationJobSettings"]
    )


def test_create_accepts_a_correct_odata_type(api: InProcess) -> None:
    body = {"@odata.type": "#microsoft.graph.synchronizationJob", "templateId": "BoxOutDelta"}
    job = api.post(JOBS, json=body).json()
    assert "@odata.type" not in job


@pytest.mark.parametrize(
    "template", ["SfSandboxOutDelta", "boxoutdelta", "aws", "", "x" * 5000, "Box Out Delta"]
)
def test_template_must_be_one_of_the_owners_templates(api: InProcess, template: str) -> None:
    response = api.post(
        APP_JOBS, json={"templateId": template}
    )  # the application object only has BoxOutDelta
    error = assert_graph_error(response, 400, "Request_BadRequest")
    assert len(error["message"]) < 400


def test_missing_or_null_template_id_is_400_naming_it(api: InProcess) -> None:
    for body in ({}, {"templateId": None}, {"synchronizationJobSettings": []}):
        error = assert_graph_error(api.post(JOBS, json=body), 400, "Request_BadRequest")
        assert "templateId" in error["message"]


def test_each_create_makes_a_new_job_with_a_fresh_id(api: InProcess) -> None:
    ids = {api.create()["id"] for _ in range(20)}
    assert len(ids) == 20
    assert api.get(JOBS).json()["value"].__len__() == 20


# --- get, delete ----------------------------------------------------------------------------------


def test_get_returns_the_job_with_its_context(api: InProcess) -> None:
    job = api.create()
    fetched = api.get(f"{JOBS}/{job['id']}")
    assert fetched.status_code == 200
    assert fetched.headers["content-type"].startswith("application/json;odata.metadata=minimal;")
    assert fetched.json() == job


def test_delete_is_204_then_404(api: InProcess) -> None:
    job = api.create()
    url = f"{JOBS}/{job['id']}"
    deleted = api.delete(url)
    assert deleted.status_code == 204 and deleted.content == b""
    assert "content-type" not in deleted.headers
    assert deleted.headers["request-id"]
    error = assert_graph_error(api.get(url), 404, "Request_ResourceNotFound")
    assert error["message"] == (
        f"Resource '{job['id']}' does not exist or one of its queried reference-property objects are not present."
    )
    assert_graph_error(api.delete(url), 404, "Request_ResourceNotFound")
    assert_graph_error(api.post(f"{url}/start"), 404, "Request_ResourceNotFound")


@pytest.mark.parametrize(
    "job_id",
    [
        "BoxOutDelta.0123456789abcdef0123456789abcdef.8442fd39-2183-419c-8732-74b6ce866bd5",
        "..",
        ".",
        "%2E%2E",
        "a%2Fb",
        "x' OR '1'='1",
        "1; DROP TABLE jobs; --",
        "%00",
        "ジョブ",
        "%E3%82%B8",
        "a" * 3000,
        "%25",
    ],
)
def test_unknown_job_ids_of_any_shape_are_404(api: InProcess, raw_asgi: Any, job_id: str) -> None:
    api.create()
    for method, suffix in (("GET", ""), ("DELETE", ""), ("POST", "/start"), ("POST", "/pause")):
        path = f"{JOBS}/{job_id}{suffix}".encode()  # sent as is: no client-side dot-segment removal
        response = raw_asgi(method, path, headers=[bearer(api.tokens)])
        assert_graph_error(response, 404, "Request_ResourceNotFound")
    assert len(api.get(JOBS).json()["value"]) == 1


def test_job_ids_are_exact_and_case_sensitive(api: InProcess) -> None:
    job = api.create()
    assert api.get(f"{JOBS}/{job['id'].upper()}").status_code == 404
    assert api.get(f"{JOBS}/{job['id']}%20").status_code == 404
    assert api.get(f"{JOBS}/{quote(job['id'], safe='')}").status_code == 200
    percent_all = "".join(f"%{b:02X}" for b in job["id"].encode())
    assert api.get(f"{JOBS}/{percent_all}").json()["id"] == job["id"]


# --- list and paging ------------------------------------------------------------------------------


def test_owner_object_ids_match_in_any_case(api: InProcess) -> None:
    """Graph compares object ids (GUIDs) case-insensitively; jobs stay in the one collection."""
    upper = JOBS.replace(BOX_SP, BOX_SP.upper())
    assert upper != JOBS
    job = api.create(upper)
    listed = api.get(JOBS).json()
    assert [j["id"] for j in listed["value"]] == [job["id"]]
    assert BOX_SP in listed["@odata.context"] and BOX_SP.upper() not in listed["@odata.context"]
    assert api.get(f"{upper}/{job['id']}").json()["id"] == job["id"]


def test_empty_list_has_context_and_no_next_link(api: InProcess) -> None:
    body = api.get(JOBS).json()
    assert body == {
        "@odata.context": f"http://graph.test/v1.0/$metadata#servicePrincipals('{BOX_SP}')/synchronization/jobs",
        "value": [],
    }


def test_paging_across_250_jobs_with_top(api: InProcess) -> None:
    created = [api.create(template=("BoxOutDelta", "SfSandboxOutDelta")[i % 2])["id"] for i in range(250)]
    seen: list[str] = []
    url: str | None = f"{JOBS}?$top=40"
    pages = 0
    while url is not None:
        body = api.get(url).json()
        assert not list(COLLECTION_SCHEMA.iter_errors(body))
        assert len(body["value"]) <= 40
        seen += [job["id"] for job in body["value"]]
        link = body.get("@odata.nextLink")
        url = None if link is None else link.removeprefix("http://graph.test")
        if link is not None:
            assert link.startswith(f"http://graph.test{JOBS}?")
        pages += 1
    assert pages == 7  # 6 x 40 + 10
    assert seen == created  # creation order, nothing lost or repeated


def test_page_size_is_capped_by_the_server(api: InProcess) -> None:
    for _ in range(105):
        api.create()
    first = api.get(f"{JOBS}?$top=1000").json()
    assert len(first["value"]) == 100  # Settings.max_page_size
    rest = api.get(first["@odata.nextLink"].removeprefix("http://graph.test")).json()
    assert len(rest["value"]) == 5 and "@odata.nextLink" not in rest
    default = api.get(JOBS).json()
    assert len(default["value"]) == 100 and "$top" not in default["@odata.nextLink"]


def test_top_zero_gives_an_empty_page_without_next_link(api: InProcess) -> None:
    api.create()
    assert api.get(f"{JOBS}?$top=0").json()["value"] == []
    assert "@odata.nextLink" not in api.get(f"{JOBS}?$top=0").json()


def test_paging_is_stable_when_jobs_are_deleted_between_pages(api: InProcess) -> None:
    ids = [api.create()["id"] for _ in range(6)]
    first = api.get(f"{JOBS}?$top=3").json()
    api.delete(f"{JOBS}/{ids[1]}")
    api.delete(f"{JOBS}/{ids[3]}")
    second = api.get(first["@odata.nextLink"].removeprefix("http://graph.test")).json()
    assert [j["id"] for j in first["value"]] == ids[:3]
    assert [j["id"] for j in second["value"]] == [ids[4], ids[5]]


@pytest.mark.parametrize(
    "query",
    [
        "$top=-1",
        "$top=abc",
        "$top=1.5",
        "$top=",
        "$top=99999999999999999999",
        "$top=2147483648",
        "$top=%2B1",
        "$top=1&$top=2",
        "$skiptoken=garbage",
        "$skiptoken=",
        "$skiptoken=czEuMQ%3D%3D%3D",
        "$filter=",
        "$select=nope",
        "$count=1",
        "$skip=-1",
        "$TOP=1",
        "$orderby=status",
        "$search=box",
        "$expand=schema",
        "$top=%FF",
    ],
)
def test_invalid_or_unsupported_query_options_are_400(api: InProcess, query: str) -> None:
    error = assert_graph_error(api.get(f"{JOBS}?{query}"), 400)
    assert error["code"] in ("Request_BadRequest", "Request_UnsupportedQuery", "BadRequest")


@pytest.mark.parametrize(
    ("top", "says"),
    [
        ("abc", "expected an integer."),
        ("1.5", "expected an integer."),
        ("-1", "expected an integer from 0 to 2147483647."),
        ("2147483648", "expected an integer from 0 to 2147483647."),
        ("9" * 40, "expected an integer from 0 to 2147483647."),
    ],
)
def test_top_messages_say_what_was_expected(api: InProcess, top: str, says: str) -> None:
    response = api.get(f"{JOBS}?$top={top}")
    assert_graph_error(response, 400)
    assert response.json()["error"]["message"].endswith(f"for query option '$top': {says}")


def test_custom_query_options_without_dollar_are_ignored(api: InProcess) -> None:
    assert api.get(f"{JOBS}?foo=bar&x").status_code == 200


def test_query_options_not_declared_by_an_operation_are_400(api: InProcess) -> None:
    job = api.create()
    assert_graph_error(api.get(f"{JOBS}/{job['id']}?$top=1"), 400, "Request_UnsupportedQuery")


def test_next_link_uses_public_url_when_configured(settings: Any, tokens: Any) -> None:
    import dataclasses

    from graphsync.app import create_app

    client = InProcess(
        create_app(dataclasses.replace(settings, public_url="https://graph.example.com/")), tokens
    )
    try:
        job = client.create()
        assert job["@odata.context"].startswith("https://graph.example.com/v1.0/$metadata#")
        for _ in range(2):
            client.create()
        link = client.get(f"{JOBS}?$top=2").json()["@odata.nextLink"]
        assert link.startswith(f"https://graph.example.com{JOBS}?$top=2&$skiptoken=")
    finally:
        client.close()


@pytest.mark.parametrize("host", ["evil.example\r\nx: y", "a b", "x" * 300, "[::1", "host:99999999", "a@b"])
def test_malformed_host_headers_are_400(api: InProcess, host: str) -> None:
    from support.asgi import call_asgi

    headers = [(b"host", host.encode("latin-1")), bearer(api.tokens)]
    result = api.run(call_asgi(api.app, "GET", JOBS, headers=headers))
    assert result is not None
    assert "Host header" in assert_graph_error(result, 400, "Request_BadRequest")["message"]


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8443", ""])
def test_links_never_come_from_the_host_header_by_default(api: InProcess, host: str) -> None:
    from support.asgi import call_asgi

    headers = [(b"host", host.encode("latin-1")), bearer(api.tokens)]
    result = api.run(call_asgi(api.app, "GET", JOBS, headers=headers))
    assert result is not None and result.status == 200
    assert result.json()["@odata.context"].startswith("http://127.0.0.1:8000/v1.0/")


# --- lifecycle ------------------------------------------------------------------------------------


def test_start_pause_start(api: InProcess) -> None:
    job = api.create()
    url = f"{JOBS}/{job['id']}"
    assert api.post(f"{url}/start").status_code == 204
    started = api.get(url).json()
    assert started["schedule"] == {"expiration": None, "interval": "PT40M", "state": "Active"}
    assert started["status"]["code"] == "NotRun"
    assert_valid_job(started)
    assert api.post(f"{url}/pause").status_code == 204
    paused = api.get(url).json()
    assert paused["schedule"]["state"] == "Paused" and paused["status"]["code"] == "Paused"
    assert paused["schedule"]["interval"] == "PT40M"
    assert api.post(f"{url}/start").status_code == 204
    assert api.get(url).json()["status"]["code"] == "NotRun"


def test_actions_accept_and_ignore_a_body(api: InProcess) -> None:
    job = api.create()
    response = api.post(
        f"{JOBS}/{job['id']}/start", content=b"{not json", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 204


@pytest.mark.parametrize(
    "scope",
    [
        "",
        "None",
        "Full",
        "Watermark, Escrows, QuarantineState",
        "ForceDeletes",
        "Escrows,Watermark",
        "ConnectorDataStore",
        "Full  ,Escrows",
        " Full ",
    ],
)
def test_restart_accepts_every_flags_combination(api: InProcess, scope: str) -> None:
    job = api.create()
    response = api.post(f"{JOBS}/{job['id']}/restart", json={"criteria": {"resetScope": scope}})
    assert response.status_code == 204, response.text
    restarted = api.get(f"{JOBS}/{job['id']}").json()
    assert restarted["schedule"]["state"] == "Active"
    assert restarted["status"]["code"] == "NotRun"
    assert_valid_job(restarted)


@pytest.mark.parametrize(
    "body", [{}, {"criteria": None}, {"criteria": {}}, {"criteria": {"resetScope": None}}]
)
def test_restart_without_a_scope_is_a_plain_restart(api: InProcess, body: dict[str, Any]) -> None:
    job = api.create()
    assert api.post(f"{JOBS}/{job['id']}/restart", json=body).status_code == 204


@pytest.mark.parametrize(
    "scope",
    ["Bogus", "Full,", ", Full", "Full;Escrows", "full", "Full Escrows", "Full\n", "\tFull", 15, True, []],
)
def test_restart_rejects_invalid_flags(api: InProcess, scope: Any) -> None:
    job = api.create()
    response = api.post(f"{JOBS}/{job['id']}/restart", json={"criteria": {"resetScope": scope}})
    error = assert_graph_error(response, 400, "Request_BadRequest")
    assert "criteria.resetScope" in error["message"]
    assert api.get(f"{JOBS}/{job['id']}").json()["schedule"]["state"] == "Disabled"


def test_restart_body_rejects_unknown_parameters(api: InProcess) -> None:
    job = api.create()
    error = assert_graph_error(api.post(f"{JOBS}/{job['id']}/restart", json={"scope": "Full"}), 400)
    assert "'scope'" in error["message"]
    error = assert_graph_error(
        api.post(f"{JOBS}/{job['id']}/restart", json={"criteria": {"resetscope": "Full"}}), 400
    )
    assert "microsoft.graph.synchronizationJobRestartCriteria" in error["message"]


def quarantined_with_progress(job: dict[str, Any]) -> None:
    """What a job looks like after failed cycles (the emulator's cycles do not produce it yet)."""
    job["status"].update(
        code="Quarantine",
        quarantine={"reason": "EncounteredQuarantineException", "seriesCount": 1},
        progress=[{"completedUnits": 1, "totalUnits": 2, "units": "Users"}],
        countSuccessiveCompleteFailures=3,
        escrowsPruned=True,
        synchronizedEntryCountByType=[{"key": "user", "value": 7}],
    )


def poke(api: InProcess, job_id: str, change: Any) -> None:
    """Change a stored job of the Box service principal directly, as a provisioning cycle would."""

    def apply(current: str | None) -> str:
        assert current is not None
        job = json.loads(current)
        change(job)
        return json.dumps(job)

    api.run(api.app.store.write(OwnerKey(CONTOSO, "servicePrincipals", BOX_SP), job_id, apply))


@pytest.mark.parametrize(
    "body", [None, {}, {"criteria": None}, {"criteria": {}}, {"criteria": {"resetScope": ""}}]
)
def test_restart_without_a_scope_resets_quarantine_watermark_and_escrows(api: InProcess, body: Any) -> None:
    # The portal's "Restart provisioning" (docs/spec-decisions.md D27).
    job = api.create()
    poke(api, job["id"], quarantined_with_progress)
    assert api.post(f"{JOBS}/{job['id']}/restart", json=body).status_code == 204
    status = api.get(f"{JOBS}/{job['id']}").json()["status"]
    assert status["quarantine"] is None and status["progress"] == []
    assert (status["countSuccessiveCompleteFailures"], status["escrowsPruned"]) == (0, False)
    assert status["synchronizedEntryCountByType"] == [{"key": "user", "value": 7}]  # not the connector data


def test_restart_with_scope_none_resets_nothing(api: InProcess) -> None:
    job = api.create()
    poke(api, job["id"], quarantined_with_progress)
    assert (
        api.post(f"{JOBS}/{job['id']}/restart", json={"criteria": {"resetScope": "None"}}).status_code == 204
    )
    status = api.get(f"{JOBS}/{job['id']}").json()["status"]
    assert status["progress"] != [] and status["countSuccessiveCompleteFailures"] == 3


# --- owners, tenants and permissions --------------------------------------------------------------


@pytest.mark.parametrize(
    "owner",
    [
        "00000000-0000-0000-0000-000000000000",
        FABRIKAM_BOX_SP,
        BOX_APP,
        "not-a-guid",
        "%00",
        "%2E%2E",
        "x" * 500,
    ],
)
def test_unknown_owner_is_404_in_graph_shape(api: InProcess, owner: str) -> None:
    for method, path in (("GET", ""), ("POST", ""), ("GET", "/job"), ("POST", "/job/start")):
        response = api.request(
            method,
            f"/v1.0/servicePrincipals/{owner}/synchronization/jobs{path}",
            json={"templateId": "BoxOutDelta"},
        )
        error = assert_graph_error(response, 404, "Request_ResourceNotFound")
        assert error["message"].endswith(
            "does not exist or one of its queried reference-property objects are not present."
        )


def test_another_tenants_objects_and_jobs_are_404(api: InProcess) -> None:
    contoso_job = api.create()
    fabrikam = api.tokens.header(tenant=FABRIKAM)
    fabrikam_jobs = f"/v1.0/servicePrincipals/{FABRIKAM_BOX_SP}/synchronization/jobs"
    fabrikam_job = api.create(fabrikam_jobs, headers=fabrikam)
    assert fabrikam_job["id"].endswith(FABRIKAM)
    # Contoso's service principal from Fabrikam, and the other way round: 404, not data.
    for response in (
        api.get(JOBS, headers=fabrikam),
        api.get(f"{JOBS}/{contoso_job['id']}", headers=fabrikam),
        api.delete(f"{JOBS}/{contoso_job['id']}", headers=fabrikam),
        api.post(f"{JOBS}/{contoso_job['id']}/pause", headers=fabrikam),
        api.post(JOBS, json={"templateId": "BoxOutDelta"}, headers=fabrikam),
        api.get(fabrikam_jobs),
        api.get(f"{fabrikam_jobs}/{fabrikam_job['id']}"),
    ):
        assert_graph_error(response, 404, "Request_ResourceNotFound")
        assert contoso_job["id"] not in response.text and fabrikam_job["id"] not in response.text
    # The job id alone is not enough either: another owner in the same tenant does not hold it.
    assert (
        api.get(
            f"/v1.0/servicePrincipals/{SALESFORCE_SP}/synchronization/jobs/{contoso_job['id']}"
        ).status_code
        == 404
    )
    assert [j["id"] for j in api.get(JOBS).json()["value"]] == [contoso_job["id"]]
    assert [j["id"] for j in api.get(fabrikam_jobs, headers=fabrikam).json()["value"]] == [fabrikam_job["id"]]


def test_service_principal_and_application_collections_are_separate(api: InProcess) -> None:
    sp_job = api.create()
    app_job = api.create(APP_JOBS)
    assert [j["id"] for j in api.get(JOBS).json()["value"]] == [sp_job["id"]]
    assert [j["id"] for j in api.get(APP_JOBS).json()["value"]] == [app_job["id"]]
    assert api.get(f"{APP_JOBS}/{sp_job['id']}").status_code == 404


def test_v1_and_beta_share_the_same_jobs(api: InProcess) -> None:
    job = api.create()
    beta = api.get(f"{JOBS.replace('/v1.0/', '/beta/')}/{job['id']}").json()
    assert beta["@odata.context"].startswith("http://graph.test/beta/")
    assert without_ids(beta) == without_ids(job)


def test_missing_token_is_401_before_the_owner_is_looked_up(api: InProcess) -> None:
    for url in (JOBS, "/v1.0/servicePrincipals/00000000-0000-0000-0000-000000000000/synchronization/jobs"):
        response = api.get(url, auth=False)
        assert_graph_error(response, 401, "InvalidAuthenticationToken")
        assert response.headers["www-authenticate"].startswith("Bearer ")


NO_PERMISSION = (401, "UnknownError")  # Graph's observed answer; 403 with permission_errors=documented


def test_a_call_without_permission_gets_401_unknown_error_without_a_challenge(api: InProcess) -> None:
    response = api.get(JOBS, headers=api.tokens.header(roles=[]))
    error = assert_graph_error(response, *NO_PERMISSION)
    assert error["message"] == ""
    assert "www-authenticate" not in response.headers


@pytest.mark.parametrize("permission", ["Application.ReadWrite.All", "Directory.ReadWrite.All"])
def test_terraforms_permissions_create_and_read_jobs(api: InProcess, permission: str) -> None:
    header = api.tokens.header(roles=[permission])
    created = api.post(JOBS, json={"templateId": "BoxOutDelta"}, headers=header)
    assert created.status_code == 201
    assert api.get(f"{JOBS}/{created.json()['id']}", headers=header).status_code == 200
    assert api.post(f"{JOBS}/{created.json()['id']}/start", headers=header).status_code == 204


def test_read_only_permission_can_list_but_not_write(api: InProcess) -> None:
    job = api.create()
    reader = api.tokens.header(roles=["Synchronization.Read.All"])
    assert api.get(JOBS, headers=reader).status_code == 200
    assert api.get(f"{JOBS}/{job['id']}", headers=reader).status_code == 200
    for response in (
        api.post(JOBS, json={"templateId": "BoxOutDelta"}, headers=reader),
        api.post(f"{JOBS}/{job['id']}/start", headers=reader),
        api.delete(f"{JOBS}/{job['id']}", headers=reader),
    ):
        assert_graph_error(response, *NO_PERMISSION)


def test_owned_by_permission_follows_the_seeds_owners(api: InProcess) -> None:
    owned_by = api.tokens.header(roles=["Application.ReadWrite.OwnedBy"])
    assert api.post(JOBS, json={"templateId": "BoxOutDelta"}, headers=owned_by).status_code == 201
    not_owned = f"/v1.0/servicePrincipals/{SALESFORCE_SP}/synchronization/jobs"
    assert_graph_error(api.get(not_owned, headers=owned_by), *NO_PERMISSION)
    assert_graph_error(
        api.post(not_owned, json={"templateId": "SfSandboxOutDelta"}, headers=owned_by),
        *NO_PERMISSION,
    )
    stranger = api.tokens.header(
        roles=["Application.ReadWrite.OwnedBy"], app_id="11111111-2222-3333-4444-555555555555"
    )
    assert_graph_error(api.get(JOBS, headers=stranger), *NO_PERMISSION)


def test_delegated_token_needs_a_directory_role(api: InProcess) -> None:
    no_role = api.tokens.header(roles=[], scopes=[ALL])
    assert_graph_error(api.get(JOBS, headers=no_role), *NO_PERMISSION)
    admin = api.tokens.header(
        roles=[], scopes=[ALL], directory_roles=["9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"]
    )
    assert api.post(JOBS, json={"templateId": "BoxOutDelta"}, headers=admin).status_code == 201


def test_authorization_is_checked_before_the_body(api: InProcess) -> None:
    reader = api.tokens.header(roles=["Synchronization.Read.All"])
    response = api.post(JOBS, content=b"{broken", headers={**reader, "content-type": "text/plain"})
    assert_graph_error(response, *NO_PERMISSION)


def test_owner_is_checked_before_permissions(api: InProcess) -> None:
    nothing = api.tokens.header(roles=[])
    response = api.get(
        "/v1.0/servicePrincipals/00000000-0000-0000-0000-000000000000/synchronization/jobs", headers=nothing
    )
    assert_graph_error(response, 404, "Request_ResourceNotFound")
    assert_graph_error(api.get(JOBS, headers=nothing), *NO_PERMISSION)


def test_seed_ids_used_by_the_spec_examples_exist() -> None:
    from graphsync.seed import load_seed
    from graphsync.settings import Settings

    directory = load_seed(Settings().seed)
    box = directory.owner(CONTOSO, "servicePrincipals", BOX_SP)
    assert box is not None and {"BoxOutDelta", "SfSandboxOutDelta"} <= set(box.templates)
    app = directory.owner(CONTOSO, "applications", BOX_APP)
    assert app is not None and "BoxOutDelta" in app.templates
    assert directory.caller_object_id(CONTOSO, AUTOMATION_APP) in box.owners
