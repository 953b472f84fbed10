"""Unit tests of the Graph checks (fuzz/checks/) and the fuzz hooks (fuzz/hooks.py).

Each check gets hand-built responses: one that follows the rule and ones that break it, and the
failure message must say what was received. The checks that send requests (identity replays,
`@odata.nextLink` pages) run against a tiny fake Graph ASGI app defined here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
import schemathesis
from support.check_cases import (
    CTX,
    JOB_ID,
    JOBS,
    MAIN_TOKEN,
    REQUEST_ID,
    SP,
    envelope,
    fails,
    make_case,
    make_response,
    operation,
)

from fuzz import checks
from fuzz.checks.exchange import raw_operation

ROOT = Path(__file__).resolve().parents[2]
NEVER_SCHEDULED = "P10675199DT2H48M5.4775807S"
ODATA_JSON = (
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
)


def new_job(template: str = "BoxOutDelta", **changes: Any) -> dict[str, Any]:
    """A new job as the emulator creates it from BoxOutDelta (the create page's defaults)."""
    job = {
        "id": f"{template}.0123456789abcdef0123456789abcdef.8442fd39-2183-419c-8732-74b6ce866bd5",
        "templateId": template,
        "schedule": dict(checks.NEW_JOB_SCHEDULE, interval=NEVER_SCHEDULED),
        "status": dict(checks.NEW_JOB_STATUS, code="NotConfigured", progress=[]),
        "synchronizationJobSettings": [],
    }
    job.update(changes)
    return job


def gallery_job(settings: list[dict[str, Any]]) -> dict[str, Any]:
    """A new job of a gallery template: a 40-minute interval, Paused, the template's settings (D28)."""
    return new_job(
        "SfSandboxOutDelta",
        schedule=dict(checks.NEW_JOB_SCHEDULE, interval="PT40M"),
        status=dict(checks.NEW_JOB_STATUS, code="Paused", progress=[]),
        synchronizationJobSettings=settings,
    )


# --- request-id, client-request-id, the error envelope -------------------------------------------


def test_request_id_is_required_on_every_response(schema: Any) -> None:
    case = make_case(schema)
    checks.every_response_carries_request_id(CTX, make_response(201, new_job()), case)
    fails(
        checks.every_response_carries_request_id,
        make_response(201, new_job(), request_id=None),
        case,
        "no `request-id`",
        "201",
    )
    fails(
        checks.every_response_carries_request_id,
        make_response(404, envelope(), request_id="abc"),
        case,
        "not a GUID",
        "abc",
    )


def test_client_request_id_is_echoed_or_else_the_request_id(schema: Any) -> None:
    case = make_case(schema)
    sent = {"client-request-id": "my-id-1"}
    own = {"client-request-id": REQUEST_ID}
    check = checks.client_request_id_is_echoed
    check(CTX, make_response(201, new_job(), headers=sent, request_headers=sent), case)
    check(CTX, make_response(201, new_job(), headers=own), case)
    fails(
        check,
        make_response(201, new_job()),
        case,
        "request had no `client-request-id`",
        "no `client-request-id` header",
    )
    fails(
        check,
        make_response(201, new_job(), request_headers=sent),
        case,
        "sent `client-request-id: 'my-id-1'`",
        "no `client-request-id` header",
    )
    fails(
        check,
        make_response(201, new_job(), headers={"client-request-id": "other"}, request_headers=sent),
        case,
        "received `client-request-id: 'other'`",
    )
    fails(  # the request id instead of an echoable value
        check,
        make_response(201, new_job(), headers=own, request_headers=sent),
        case,
        "sent `client-request-id",
    )
    fails(
        check,
        make_response(201, new_job(), headers={"client-request-id": "x"}),
        case,
        "request had no `client-request-id`",
        "received `client-request-id: 'x'`",
    )
    # A value no server need echo (not visible ASCII, or blank) may be replaced by the request id, never changed.
    odd = {"client-request-id": "caf\u00e9"}
    check(CTX, make_response(201, new_job(), headers=own, request_headers=odd), case)
    fails(
        check,
        make_response(201, new_job(), headers={"client-request-id": "cafe"}, request_headers=odd),
        case,
        "cafe",
    )
    check(CTX, make_response(201, new_job(), headers=own, request_headers={"client-request-id": ""}), case)
    # A 431 is answered before the request's headers are read.
    check(
        CTX,
        make_response(431, envelope("Request_HeaderFieldsTooLarge"), headers=own, request_headers=sent),
        case,
    )


def test_error_bodies_are_graph_envelopes_repeating_the_ids(schema: Any) -> None:
    case = make_case(schema)
    check = checks.error_body_is_graph_envelope
    check(CTX, make_response(404, envelope()), case)
    check(CTX, make_response(201, new_job()), case)  # not an error
    sent = {"client-request-id": "abc"}
    check(CTX, make_response(404, envelope(client="abc"), headers=sent, request_headers=sent), case)
    fails(
        check,
        make_response(404, b"Not Found", headers={"content-type": "text/plain"}),
        case,
        "Content-Type 'text/plain'",
    )
    fails(check, make_response(500, {"message": "boom"}), case, "not Graph's error envelope")
    body = envelope()
    del body["error"]["innerError"]
    fails(check, make_response(400, body), case, "innerError is null")
    fails(
        check,
        make_response(400, envelope(request_id=str(uuid.uuid4()))),
        case,
        "innerError.request-id",
        REQUEST_ID,
    )
    fails(
        check,
        make_response(400, envelope(client="zzz"), headers=sent, request_headers=sent),
        case,
        "innerError.client-request-id is 'zzz'",
    )
    body = envelope()
    body["error"]["innerError"]["date"] = "yesterday"
    fails(check, make_response(400, body), case, "innerError.date")


def test_401_carries_a_bearer_challenge(schema: Any) -> None:
    case = make_case(schema)
    check = checks.unauthorized_carries_bearer_challenge
    check(
        CTX,
        make_response(
            401, envelope("InvalidAuthenticationToken"), headers={"www-authenticate": 'Bearer realm=""'}
        ),
        case,
    )
    fails(check, make_response(401, envelope("InvalidAuthenticationToken")), case, "WWW-Authenticate: None")
    fails(
        check,
        make_response(401, envelope("InvalidAuthenticationToken"), headers={"www-authenticate": "Basic"}),
        case,
        "WWW-Authenticate: Basic",
    )
    # Graph's 401 for a valid token without the permission has no challenge (D24).
    check(CTX, make_response(401, envelope(checks.PERMISSION_REFUSED)), case)


def test_405_lists_exactly_the_declared_methods(schema: Any) -> None:
    case = make_case(schema)  # the collection path declares GET and POST
    check = checks.method_not_allowed_carries_allow
    check(
        CTX,
        make_response(405, envelope("Request_BadRequest"), headers={"allow": "GET, POST"}, method="PUT"),
        case,
    )
    fails(check, make_response(405, envelope("x"), method="PUT"), case, "Allow: None", "GET, POST")
    fails(
        check, make_response(405, envelope("x"), headers={"allow": "GET"}, method="PUT"), case, "Allow: GET"
    )
    fails(
        check,
        make_response(405, envelope("x"), headers={"allow": "GET, POST, PUT"}, method="PUT"),
        case,
        "PUT",
    )


def test_429_carries_retry_after_and_204_has_no_body(schema: Any) -> None:
    case = make_case(schema)
    checks.throttled_response_carries_retry_after(
        CTX, make_response(429, envelope("TooManyRequests"), headers={"retry-after": "3"}), case
    )
    fails(
        checks.throttled_response_carries_retry_after,
        make_response(429, envelope("x")),
        case,
        "Retry-After: None",
    )
    checks.action_success_has_no_body(CTX, make_response(204), case)
    fails(checks.action_success_has_no_body, make_response(204, {"ok": True}), case, "204", "byte body")


# --- A success status the operation does not document ---------------------------------------------


def test_an_undocumented_success_is_held_to_the_documented_success_schema(schema: Any) -> None:
    """Create answered 200 instead of 201: schemathesis names the status; the body is still checked (as 201's)."""
    check = checks.undocumented_success_matches_documented_schema
    case = make_case(schema, body={"templateId": "BoxOutDelta"}, media_type="application/json")
    broken = new_job(synchronizationJobSettings=None, unexpected=1)
    message = fails(
        check,
        make_response(200, broken),
        case,
        "200 to POST",
        "is not a documented status (documented success: 201)",
        "against the documented 201",
        'null is not of type "array"',
        "synchronizationJob/properties/synchronizationJobSettings",
        "'unexpected' was unexpected",
    )
    assert message.count("Response violates schema") == 2, message
    check(CTX, make_response(200, new_job()), case)  # a valid job: only the status is wrong (schemathesis')
    check(CTX, make_response(201, broken), case)  # a documented status: response_schema_conformance's
    check(CTX, make_response(404, envelope()), case)  # not a success
    fails(check, make_response(202, b"not json", headers={"content-type": "application/json"}), case, "JSON")


def test_an_undocumented_success_of_an_action_has_no_body_as_its_documented_204(schema: Any) -> None:
    check = checks.undocumented_success_matches_documented_schema
    case = make_case(schema, JOB_PATH + "/start", "POST")
    check(CTX, make_response(200), case)  # no body, as the documented 204
    fails(
        check, make_response(200, {"started": True}), case, "200 to POST", "17-byte body where 204 has none"
    )


def test_an_undocumented_success_is_judged_on_the_control_api_too(control_schema: Any) -> None:
    """A document-wide rule: in SHARED_CHECKS, so that it also holds for the control API's answers."""
    assert checks.undocumented_success_matches_documented_schema in checks.SHARED_CHECKS
    clock = operation(control_schema, "/_graphsync/clock", "GET").Case()
    registered = {check.__name__: check for check in checks.registered_checks()}
    fails(
        registered["undocumented_success_matches_documented_schema"],
        make_response(203, {"speed": "fast"}, method="GET", url="http://graph.test/_graphsync/clock"),
        clock,
        "203 to GET /_graphsync/clock",
        "documented 200",
    )


# --- OData: the content type, $select, /$count ----------------------------------------------------

COUNT_PATH = "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/$count"
JOB_PATH = "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}"


def test_json_success_is_odata(schema: Any) -> None:
    check = checks.json_success_is_odata
    case = make_case(schema)
    check(CTX, make_response(201, new_job(), headers={"content-type": ODATA_JSON}), case)
    odata = "Application/JSON; odata.metadata=minimal"
    check(CTX, make_response(201, new_job(), headers={"content-type": odata}), case)
    check(CTX, make_response(404, envelope()), case)  # errors are plain application/json
    check(CTX, make_response(204), case)
    count = make_case(schema, COUNT_PATH, "GET")
    check(CTX, make_response(200, b"3", headers={"content-type": "text/plain"}, method="GET"), count)
    fails(
        check,
        make_response(201, new_job()),
        case,
        "201",
        "`Content-Type: application/json`",
        "odata.metadata=minimal",
    )
    full = {"content-type": "application/json;odata.metadata=full"}
    fails(check, make_response(201, new_job(), headers=full), case, "odata.metadata=full")


def test_selected_properties_only(schema: Any) -> None:
    check = checks.selected_properties_only
    listing = make_case(schema, method="GET")
    url = f"http://graph.test/v1.0{JOBS}?%24select=templateId&%24top=5"
    page = {
        "@odata.context": "http://graph.test/v1.0/$metadata#servicePrincipals('x')/synchronization/jobs(templateId)",
        "value": [
            {"id": JOB_ID, "templateId": "BoxOutDelta"},
            {"id": "BoxOutDelta.1", "templateId": "BoxOutDelta"},
        ],
    }
    check(CTX, make_response(200, page, method="GET", url=url), listing)
    check(CTX, make_response(200, {"value": [new_job()]}, method="GET"), listing)  # no $select
    page["value"][1]["status"] = new_job()["status"]
    fails(
        check,
        make_response(200, page, method="GET", url=url),
        listing,
        "$select=templateId",
        "BoxOutDelta.1",
        "['status']",
    )

    get = make_case(schema, JOB_PATH, "GET")
    url = f"http://graph.test/v1.0{JOBS}/{JOB_ID}?%24select=status,schedule"
    job = {"@odata.context": "...jobs(status,schedule)/$entity", "id": JOB_ID, "status": {}, "schedule": {}}
    check(CTX, make_response(200, job, method="GET", url=url), get)
    fails(
        check,
        make_response(200, new_job(), method="GET", url=url),
        get,
        "['templateId', 'synchronizationJobSettings']",
    )


def test_count_is_a_plain_integer(schema: Any) -> None:
    check = checks.count_is_a_plain_integer
    case = make_case(schema, COUNT_PATH, "GET")
    plain = {"content-type": "text/plain"}

    def count(body: bytes, headers: dict[str, str] = plain) -> schemathesis.Response:
        return make_response(
            200, body, headers=headers, method="GET", url=f"http://graph.test/v1.0{JOBS}/$count"
        )

    check(CTX, count(b"3"), case)
    check(CTX, count(b"0", {"content-type": "text/plain; charset=utf-8"}), case)
    check(CTX, count(b"\xef\xbb\xbf12"), case)  # a byte order mark, as some OData services send
    for body in (b"-1", b"3.0", b" 3", b"03", b'{"count": 3}', b"2147483648", b""):
        fails(check, count(body), case, "200 to GET", "plain-text decimal integer")
    fails(check, count(b"3", {"content-type": "application/json"}), case, "application/json")


# --- Secrets --------------------------------------------------------------------------------------

SECRETS_PATH = "/servicePrincipals/{servicePrincipal-id}/synchronization/secrets"
SECRETS_URL = f"http://graph.test/v1.0/servicePrincipals/{SP}/synchronization/secrets"


def test_credentials_are_read_back_masked(schema: Any) -> None:
    check = checks.credentials_are_read_back_masked
    case = make_case(schema, SECRETS_PATH, "GET")

    def secrets(*pairs: tuple[str, str]) -> schemathesis.Response:
        body = {"value": [{"key": key, "value": value} for key, value in pairs]}
        return make_response(200, body, method="GET", url=SECRETS_URL)

    check(CTX, secrets(("BaseAddress", "https://x"), ("SecretToken", "*"), ("Password", "*")), case)
    fails(check, secrets(("SecretToken", "*"), ("Password", "hunter22")), case, '["Password"]', "unmasked")


def test_saved_credentials_are_never_answered(schema: Any) -> None:
    check = checks.saved_credentials_are_never_answered
    secret = f"token-{uuid.uuid4()}"
    clear = f"clear-{uuid.uuid4()}"
    body = {
        "value": [
            {"key": "SecretToken", "value": secret},
            {"key": "BaseAddress", "value": clear},
            {"key": "Password", "value": clear},  # also sent in clear: may be answered
            {"key": "ClientSecret", "value": "short"},  # too short to track
            {"key": {"not": "a key"}, "value": ["not", "a value"]},  # a negative case: ignored
        ]
    }
    put = make_case(schema, SECRETS_PATH, "PUT", body=body)
    check(CTX, make_response(204, method="PUT", url=SECRETS_URL), put)
    get = make_case(schema, SECRETS_PATH, "GET")
    answered = {"value": [{"key": "BaseAddress", "value": clear}, {"key": "ClientSecret", "value": "short"}]}
    check(CTX, make_response(200, answered, method="GET", url=SECRETS_URL), get)
    leaked = {"value": [{"key": "SecretToken", "value": secret}]}
    fails(check, make_response(200, leaked, method="GET", url=SECRETS_URL), get, "saved credential")
    error = {"error": {"code": "BadRequest", "message": f"bad {secret}"}}
    fails(check, make_response(400, error), make_case(schema), "400 to POST", "saved credential")
    echoed = f"echoed-{uuid.uuid4()}"
    create = make_case(
        schema,
        body={
            "templateId": "BoxOutDelta",
            "synchronizationJobSettings": [{"name": "n", "value": f"<{echoed}>"}],
        },
    )
    check(CTX, make_response(201, {"id": JOB_ID}), create)
    also_saved = {"value": [{"key": "Password", "value": echoed}]}  # the client also sent it in a job
    check(
        CTX,
        make_response(204, method="PUT", url=SECRETS_URL),
        make_case(schema, SECRETS_PATH, "PUT", body=also_saved),
    )
    check(CTX, make_response(200, {"value": [{"name": "n", "value": f"<{echoed}>"}]}), make_case(schema))
    rotated = {"value": [{"key": "BaseAddress", "value": secret}]}  # now a clear value: forgotten
    check(
        CTX,
        make_response(204, method="PUT", url=SECRETS_URL),
        make_case(schema, SECRETS_PATH, "PUT", body=rotated),
    )
    check(CTX, make_response(200, rotated, method="GET", url=SECRETS_URL), get)


def test_template_is_the_one_asked_for(schema: Any) -> None:
    check = checks.template_is_the_one_asked_for
    path = "/servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}"
    case = operation(schema, path, "GET").Case(
        path_parameters={"servicePrincipal-id": SP, "synchronizationTemplate-id": "BoxOutDelta"}
    )
    url = f"http://graph.test/v1.0/servicePrincipals/{SP}/synchronization/templates/BoxOutDelta"
    check(CTX, make_response(200, {"id": "BoxOutDelta"}, method="GET", url=url), case)
    check(CTX, make_response(404, envelope(), method="GET", url=url), case)
    for answered in ({"id": "boxoutdelta"}, {"id": "scim"}, {"value": []}):
        fails(check, make_response(200, answered, method="GET", url=url), case, "200 to GET", "BoxOutDelta")


# --- Jobs -----------------------------------------------------------------------------------------


def test_created_job_is_disabled_and_never_run(schema: Any) -> None:
    check = checks.created_job_is_disabled_and_never_run
    posted = [{"name": "QuarantineTooManyDeletesThreshold", "value": "500"}]
    sent = {
        "templateId": "BoxOutDelta",
        "schedule": {"interval": "PT40M", "state": "Active"},
        "synchronizationJobSettings": posted,
    }
    case = make_case(schema, body=sent, media_type="application/json")
    check(CTX, make_response(201, new_job(synchronizationJobSettings=posted)), case)
    active = new_job(
        synchronizationJobSettings=posted,
        schedule={"expiration": None, "interval": "PT40M", "state": "Active"},
    )
    fails(check, make_response(201, active), case, "schedule.state is 'Active'", "Disabled")
    for code in ("Active", "NotRun"):
        status = dict(checks.NEW_JOB_STATUS, code=code)
        fails(
            check,
            make_response(201, new_job(synchronizationJobSettings=posted, status=status)),
            case,
            f"status.code is '{code}'",
            "NotConfigured",
            "Paused",
        )
    status = dict(checks.NEW_JOB_STATUS, code="NotConfigured", lastExecution={"state": "Succeeded"})
    fails(
        check,
        make_response(201, new_job(synchronizationJobSettings=posted, status=status)),
        case,
        "status.lastExecution is",
    )
    fails(
        check,
        make_response(201, new_job("SfSandboxOutDelta", synchronizationJobSettings=posted)),
        case,
        "templateId is",
    )
    fails(
        check,
        make_response(201, new_job()),
        case,
        "QuarantineTooManyDeletesThreshold",
        "is not in synchronizationJobSettings",
    )


def test_a_gallery_templates_defaults_are_a_new_job_too(schema: Any) -> None:
    """Interval, status code and settings come from the template; a posted setting replaces the template's."""
    check = checks.created_job_is_disabled_and_never_run
    template_setting = {"name": "AzureIngestionAttributeOptimization", "value": "False"}
    case = make_case(schema, body={"templateId": "SfSandboxOutDelta"}, media_type="application/json")
    check(CTX, make_response(201, gallery_job([template_setting])), case)
    posted = [
        {"name": "AzureIngestionAttributeOptimization", "value": "True"},
        {"name": "Extra", "value": "1"},
    ]
    case = make_case(
        schema,
        body={"templateId": "SfSandboxOutDelta", "synchronizationJobSettings": posted},
        media_type="application/json",
    )
    check(CTX, make_response(201, gallery_job(posted)), case)
    fails(  # the template's value kept instead of the posted one
        check,
        make_response(201, gallery_job([template_setting, posted[1]])),
        case,
        '"AzureIngestionAttributeOptimization", "value": "True"',
        "is not in synchronizationJobSettings",
    )


def test_job_ids_start_with_the_template_and_are_not_guids(schema: Any) -> None:
    check = checks.job_id_starts_with_template_id_and_is_not_a_guid
    case = make_case(schema, body={"templateId": "BoxOutDelta"}, media_type="application/json")
    check(CTX, make_response(201, new_job()), case)
    check(CTX, make_response(201, new_job(id="BoxOutDelta.0123456789abcdef0123456789abcdef")), case)
    fails(check, make_response(201, new_job(id=str(uuid.uuid4()))), case, "is a GUID")
    fails(
        check,
        make_response(201, new_job(id="Other.0123456789abcdef0123456789abcdef")),
        case,
        "does not start with its templateId 'BoxOutDelta'",
    )
    fails(check, make_response(201, new_job(id="BoxOutDelta.42")), case, "32 hexadecimal digits")
    listing = make_case(schema, method="GET")
    page = {"value": [new_job(), new_job(id="BoxOutDelta-1")]}
    fails(check, make_response(200, page, method="GET"), listing, "BoxOutDelta-1")
    # a schema's directory is no job: its GUID id is fine
    path = "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/schema/directories/{directoryDefinition-id}"
    directory = operation(schema, path, "GET").Case(
        path_parameters={
            "servicePrincipal-id": SP,
            "synchronizationJob-id": JOB_ID,
            "directoryDefinition-id": "d",
        }
    )
    check(
        CTX,
        make_response(200, {"id": str(uuid.uuid4()), "name": "Azure Active Directory"}, method="GET"),
        directory,
    )


def test_location_of_a_created_job_is_its_url(schema: Any) -> None:
    check = checks.created_job_location_names_the_job
    case = make_case(schema, body={"templateId": "BoxOutDelta"}, media_type="application/json")
    job = new_job()
    good = f"http://graph.test/v1.0{JOBS}/{job['id']}"
    check(CTX, make_response(201, job, headers={"location": good}), case)
    check(CTX, make_response(201, job), case)  # Location is optional (D14)
    fails(
        check,
        make_response(201, job, headers={"location": f"http://graph.test/v1.0{JOBS}/other"}),
        case,
        "Location:",
    )


# --- A fake Graph for the checks that send requests --------------------------------------------


class FakeGraph:
    """A tiny ASGI app: pages of jobs, and per-token answers for the identity replays.

    `pages` maps a `$skiptoken` ('' for the first page) to (job ids, next skiptoken or None).
    `answers` maps a bearer token to the status it gets for any request, or to (status, error code).
    A listing honours `$select`; its next links keep it when `keep_select` is set.
    """

    def __init__(self) -> None:
        self.pages: dict[str, tuple[list[str], str | None]] = {}
        self.answers: dict[str, int | tuple[int, str]] = {}
        self.absolute_links = True
        self.keep_select = True
        self.requests: list[tuple[str, str, str]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        token = headers.get("authorization", "").removeprefix("Bearer ")
        query = dict(parse_qsl(scope["query_string"].decode()))
        self.requests.append((scope["method"], scope["path"], token))
        answer = self.answers.get(token, 200)
        status, code = answer if isinstance(answer, tuple) else (answer, "Request_ResourceNotFound")
        body: Any = envelope(code) if status >= 400 else {}
        if status == 200 and scope["method"] == "GET" and scope["path"].endswith("/jobs"):
            if query.get("$skiptoken", "") not in self.pages:
                status, body = 400, envelope("Request_BadRequest")
            ids, following = self.pages.get(query.get("$skiptoken", ""), ([], None))
            selected = set(query["$select"].split(",")) | {"id"} if "$select" in query else None
            if status == 200:
                jobs = [new_job(id=i) for i in ids]
                body = {
                    "value": [
                        {k: v for k, v in job.items() if selected is None or k in selected} for job in jobs
                    ]
                }
            if status == 200 and following is not None:
                kept = f"$select={query['$select']}&" if "$select" in query and self.keep_select else ""
                path = f"{scope['path']}?{kept}$skiptoken={following}"
                body["@odata.nextLink"] = f"http://testserver{path}" if self.absolute_links else path
        payload = json.dumps(body).encode() if status != 204 else b""
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"request-id", REQUEST_ID.encode())],
            }
        )
        await send({"type": "http.response.body", "body": payload})


@pytest.fixture
def fake() -> FakeGraph:
    return FakeGraph()


@pytest.fixture
def fake_schema(fake: FakeGraph) -> Any:
    """openapi.yaml bound to the fake (operations copy the app when they are first built)."""
    loaded = schemathesis.openapi.from_path(ROOT / "openapi.yaml", config=schemathesis.Config.from_dict({}))
    loaded.app = fake
    return loaded


def listed(schema: Any, fake: FakeGraph) -> tuple[Any, schemathesis.Response]:
    """A real list call through the fake, as schemathesis would make it."""
    case = make_case(schema, method="GET", headers={"Authorization": f"Bearer {MAIN_TOKEN}"})
    return case, case.call()


def test_list_pages_are_followed_through_odata_next_link(fake_schema: Any, fake: FakeGraph) -> None:
    fake.pages = {
        "": (["BoxOutDelta.a", "BoxOutDelta.b"], "t2"),
        "t2": (["BoxOutDelta.c"], "t3"),
        "t3": ([], None),
    }
    case, response = listed(fake_schema, fake)
    checks.list_pages_follow_odata_next_link(CTX, response, case)
    assert [r[1] for r in fake.requests].count(f"/v1.0{JOBS}") == 3
    assert all(token == MAIN_TOKEN for _, _, token in fake.requests)

    fake.pages["t3"] = (["BoxOutDelta.a"], None)
    case, response = listed(fake_schema, fake)
    fails(
        checks.list_pages_follow_odata_next_link,
        response,
        case,
        "job 'BoxOutDelta.a' is listed on page 1 and again on page 3",
    )

    fake.pages["t3"] = ([], None)
    fake.absolute_links = False
    case, response = listed(fake_schema, fake)
    fails(checks.list_pages_follow_odata_next_link, response, case, "@odata.nextLink", "?$skiptoken=t2")


def test_a_failing_next_page_and_an_oversized_page_are_reported(fake_schema: Any, fake: FakeGraph) -> None:
    fake.pages = {"": (["BoxOutDelta.a"], "gone")}
    case, response = listed(fake_schema, fake)
    fails(
        checks.list_pages_follow_odata_next_link, response, case, "page 2", "gave 400", "Request_BadRequest"
    )
    fake.pages = {"": (["BoxOutDelta.a", "BoxOutDelta.b"], None)}
    case = make_case(
        fake_schema, method="GET", headers={"Authorization": f"Bearer {MAIN_TOKEN}"}, query={"$top": 1}
    )
    fails(checks.list_pages_follow_odata_next_link, case.call(), case, "`$top=1`", "holds 2 jobs")


def test_next_links_keep_select(fake_schema: Any, fake: FakeGraph) -> None:
    fake.pages = {"": (["BoxOutDelta.a"], "t2"), "t2": (["BoxOutDelta.b"], None)}
    case = make_case(
        fake_schema,
        method="GET",
        headers={"Authorization": f"Bearer {MAIN_TOKEN}"},
        query={"$select": ["templateId"]},
    )
    response = case.call()
    checks.list_pages_follow_odata_next_link(CTX, response, case)
    fake.keep_select = False  # the bug: page 2 comes back with every property
    fails(
        checks.list_pages_follow_odata_next_link,
        case.call(),
        case,
        "page 2",
        "`$select=templateId`",
        "'BoxOutDelta.b' also has ['schedule', 'status', 'synchronizationJobSettings']",
    )


# --- Tokens and identities ------------------------------------------------------------------------


@pytest.fixture
def identities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    def configure(*entries: dict[str, Any]) -> None:
        path = tmp_path / "identities.json"
        path.write_text(json.dumps({"identities": list(entries)}), encoding="utf-8")
        monkeypatch.setenv(checks.ENV_TOKEN, MAIN_TOKEN)
        monkeypatch.setenv(checks.ENV_IDENTITIES, str(path))

    monkeypatch.delenv(checks.ENV_PROBE_SHARE, raising=False)
    return configure


READER = {"name": "reader", "token": "reader-token", "permissions": ["Synchronization.Read.All"]}
NOBODY = {"name": "nobody", "token": "nobody-token"}
OTHER_TENANT = {
    "name": "fabrikam",
    "token": "fabrikam-token",
    "tenant": "other",
    "permissions": ["Synchronization.ReadWrite.All"],
}


def test_the_runs_own_token_is_never_answered_401(schema: Any, identities: Callable[..., None]) -> None:
    identities()
    case = make_case(schema)
    mine = {"Authorization": f"Bearer {MAIN_TOKEN}"}
    fails(
        checks.valid_token_is_not_rejected,
        make_response(401, envelope("InvalidAuthenticationToken"), request_headers=mine),
        case,
        "401 InvalidAuthenticationToken to POST",
        "carried the run's token",
    )
    fails(
        checks.valid_token_is_not_rejected,
        make_response(401, envelope(checks.PERMISSION_REFUSED), request_headers=mine),
        case,
        "without a permission the operation accepts",
    )
    checks.valid_token_is_not_rejected(
        CTX, make_response(401, envelope("x"), request_headers={"Authorization": "Bearer junk"}), case
    )


def test_identities_are_judged_by_x_graph_permissions(schema: Any) -> None:
    create = raw_operation(make_case(schema))
    read = raw_operation(make_case(schema, method="GET"))
    count = raw_operation(make_case(schema, COUNT_PATH, "GET"))
    reader = checks.Identity("r", "t", permissions=("Synchronization.Read.All",))
    assert reader.may_call(read) is True and reader.may_call(create) is False
    owned = checks.Identity("o", "t", permissions=(checks.OWNED_BY,))
    assert owned.may_call(create) is None
    assert checks.Identity("o", "t", permissions=(checks.OWNED_BY,), owns=True).may_call(create) is True
    assert checks.Identity("o", "t", permissions=(checks.OWNED_BY,), owns=False).may_call(create) is False
    admin = checks.Identity("d", "t", kind="delegated", permissions=("Synchronization.ReadWrite.All",),
                            directory_roles=("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",))  # fmt: skip
    assert admin.may_call(create) is True
    assert (
        checks.Identity("d", "t", kind="delegated", permissions=("Synchronization.ReadWrite.All",)).may_call(
            create
        )
        is False
    )
    # The permissions Graph accepts beyond its pages (D18), as openapi.yaml lists them.
    for permission in ("Application.ReadWrite.All", "Directory.ReadWrite.All"):
        writer = checks.Identity("w", "t", permissions=(permission,))
        assert (
            writer.may_call(create) is True
            and writer.may_call(read) is True
            and writer.may_call(count) is True
        )
    application_reader = checks.Identity("a", "t", permissions=("Application.Read.All",))
    assert application_reader.may_call(read) is True and application_reader.may_call(count) is True
    assert application_reader.may_call(create) is False
    assert checks.Identity("x", "t", permissions=("Directory.Read.All",)).may_call(read) is False


def test_permissions_come_from_the_operations_table() -> None:
    table = {"application": ["Custom.Permission"], "delegatedWork": ["Custom.Permission"],
             "directoryRoles": [{"name": "Role", "templateId": "ROLE-ID"}]}  # fmt: skip
    operation = {"x-graph-permissions": table}
    assert checks.Identity("a", "t", permissions=("Custom.Permission",)).may_call(operation) is True
    assert (
        checks.Identity("a", "t", permissions=("Synchronization.ReadWrite.All",)).may_call(operation) is False
    )
    delegated = checks.Identity(
        "d", "t", kind="delegated", permissions=("Custom.Permission",), directory_roles=("role-id",)
    )
    assert delegated.may_call(operation) is True
    assert checks.Identity("a", "t", permissions=("Custom.Permission",)).may_call({}) is False


def test_a_caller_without_the_permission_is_refused(
    fake_schema: Any, fake: FakeGraph, identities: Callable[..., None]
) -> None:
    identities(READER, NOBODY)
    create = make_case(fake_schema, body={"templateId": "BoxOutDelta"}, media_type="application/json",
                       headers={"Authorization": f"Bearer {MAIN_TOKEN}"})  # fmt: skip
    fake.answers = {"reader-token": 403, "nobody-token": 403}  # as documented
    checks.documented_permissions_are_enforced(CTX, create.call(), create)
    assert {token for _, _, token in fake.requests} == {MAIN_TOKEN, "reader-token", "nobody-token"}
    fake.answers = {
        "reader-token": (401, "UnknownError"),
        "nobody-token": (401, "UnknownError"),
    }  # as observed
    checks.documented_permissions_are_enforced(CTX, create.call(), create)

    fake.answers = {"reader-token": 200, "nobody-token": 403}  # the bug: a read-only app may create jobs
    fails(
        checks.documented_permissions_are_enforced,
        create.call(),
        create,
        "replayed as `reader`",
        "got 200",
        "401 UnknownError",
        "403 Authorization_RequestDenied",
    )
    fake.answers = {"reader-token": 403, "nobody-token": (401, "InvalidAuthenticationToken")}
    fails(
        checks.documented_permissions_are_enforced,
        create.call(),
        create,
        "`nobody`",
        "got 401 InvalidAuthenticationToken",
    )
    fake.answers = {"reader-token": 403, "nobody-token": 400}
    fails(checks.documented_permissions_are_enforced, create.call(), create, "`nobody`", "got 400")


def test_a_reader_must_be_able_to_read(
    fake_schema: Any, fake: FakeGraph, identities: Callable[..., None]
) -> None:
    identities(READER)
    fake.pages = {"": ([], None)}
    for refusal in (403, (401, "UnknownError")):
        fake.answers = {"reader-token": refusal}
        case, response = listed(fake_schema, fake)
        fails(
            checks.documented_permissions_are_enforced,
            response,
            case,
            "`reader`",
            "got 403" if refusal == 403 else "got 401 UnknownError",
            "Synchronization.Read.All",
        )
    fake.answers = {}
    case, response = listed(fake_schema, fake)
    checks.documented_permissions_are_enforced(CTX, response, case)


def test_another_tenant_gets_404(fake_schema: Any, fake: FakeGraph, identities: Callable[..., None]) -> None:
    identities(OTHER_TENANT)
    fake.pages = {"": ([], None)}
    fake.answers = {"fabrikam-token": 404}
    case, response = listed(fake_schema, fake)
    checks.other_tenants_objects_are_not_found(CTX, response, case)
    fake.answers = {"fabrikam-token": 200}
    case, response = listed(fake_schema, fake)
    fails(
        checks.other_tenants_objects_are_not_found,
        response,
        case,
        "`fabrikam`",
        "got 200",
        "scoped to the caller's tenant",
    )
    fake.answers = {"fabrikam-token": 403}
    case, response = listed(fake_schema, fake)
    fails(
        checks.other_tenants_objects_are_not_found, response, case, "got 403", "would reveal that it exists"
    )


def test_no_replay_for_failed_or_unauthenticated_requests(
    fake_schema: Any, fake: FakeGraph, identities: Callable[..., None]
) -> None:
    identities(READER, OTHER_TENANT)
    fake.answers = {"reader-token": 200, "fabrikam-token": 200}  # would fail if replayed
    case = make_case(fake_schema, method="GET")
    checks.other_tenants_objects_are_not_found(
        CTX,
        make_response(
            400, envelope(), method="GET", request_headers={"Authorization": f"Bearer {MAIN_TOKEN}"}
        ),
        case,
    )
    checks.documented_permissions_are_enforced(
        CTX, make_response(200, {"value": []}, method="GET"), case
    )  # no credentials
    assert fake.requests == []


# --- Settings from the environment -----------------------------------------------------------------


WHOLE_NUMBER = "expected a whole number of at least 1"
SHARE = "expected a number from 0 to 1"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        (checks.ENV_MAX_PAGES, "abc", WHOLE_NUMBER),
        (checks.ENV_MAX_PAGES, "0", WHOLE_NUMBER),
        (checks.ENV_PROBE_SHARE, "half", SHARE),
        (checks.ENV_PROBE_SHARE, "nan", SHARE),
        (checks.ENV_PROBE_SHARE, "1.5", SHARE),
    ],
)
def test_a_bad_number_setting_is_one_readable_error(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(checks.SettingsError) as error:
        checks.settings()
    assert str(error.value).startswith(f"{name}={value!r}: {expected}")
    assert "\n" not in str(error.value)


def test_number_settings_have_defaults_and_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(checks.ENV_MAX_PAGES, "")
    monkeypatch.delenv(checks.ENV_PROBE_SHARE, raising=False)
    assert (checks.settings().max_pages, checks.settings().probe_share) == (checks.DEFAULT_MAX_PAGES, 1.0)
    monkeypatch.setenv(checks.ENV_MAX_PAGES, " 3 ")
    monkeypatch.setenv(checks.ENV_PROBE_SHARE, "0.25")
    assert (checks.settings().max_pages, checks.settings().probe_share) == (3, 0.25)


def test_st_refuses_a_bad_number_setting_in_one_line_when_it_loads_the_hooks() -> None:
    env = {**os.environ, checks.ENV_MAX_PAGES: "abc"}
    result = subprocess.run(
        [sys.executable, "-c", "import fuzz.hooks"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "fuzz.hooks: error: GRAPHSYNC_FUZZ_MAX_PAGES='abc': expected a whole number of at least 1\n"
    )


# --- Registration and hooks -----------------------------------------------------------------------


def test_the_hooks_module_registers_every_check_and_maps_cases(
    schema: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from schemathesis.checks import CHECKS

    from fuzz import hooks

    names = set(CHECKS.get_all_names())
    assert {check.__name__ for check in checks.GRAPH_CHECKS} <= names
    monkeypatch.setenv("GRAPHSYNC_FUZZ_SP_TEMPLATES", "BoxOutDelta,SfSandboxOutDelta")
    create = make_case(schema, body={"templateId": "0"}, media_type="application/json")
    mapped = hooks.map_case(CTX, create)
    assert mapped.body["templateId"] in ("BoxOutDelta", "SfSandboxOutDelta")
    listing = make_case(schema, method="GET", query={"$skiptoken": "invented", "$top": 5})
    assert hooks.map_case(CTX, listing).query == {"$top": 5}
    filtered = make_case(schema, method="GET", query={"$filter": "startswith(displayName,'x')", "$top": 5})
    assert hooks.map_case(CTX, filtered).query["$filter"] in (
        "templateId eq 'BoxOutDelta'",
        "templateId eq 'SfSandboxOutDelta'",
    )
    counted = make_case(schema, COUNT_PATH, "GET", query={"$filter": ""})
    assert hooks.map_case(CTX, counted).query["$filter"].startswith("templateId eq '")
    assert "$filter" not in hooks.map_case(CTX, make_case(schema, method="GET", query={"$top": 5})).query
    template_path = (
        "/servicePrincipals/{servicePrincipal-id}/synchronization/templates/{synchronizationTemplate-id}"
    )
    template = operation(schema, template_path, "GET").Case(
        path_parameters={"servicePrincipal-id": SP, "synchronizationTemplate-id": "invented"}
    )
    chosen = hooks.map_case(CTX, template).path_parameters["synchronizationTemplate-id"]
    assert chosen in ("BoxOutDelta", "SfSandboxOutDelta")
    validate_path = "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/validateCredentials"
    body = {"templateId": "x", "useSavedCredentials": True, "credentials": [{"key": "Url", "value": "u"}]}
    validate = make_case(schema, validate_path, "POST", body=body, media_type="application/json")
    mapped_body = hooks.map_case(CTX, validate).body
    assert mapped_body["templateId"] in ("BoxOutDelta", "SfSandboxOutDelta")
    assert mapped_body["useSavedCredentials"] is False
    keys = [pair["key"] for pair in mapped_body["credentials"]]
    assert keys[0] == "Url" and {"BaseAddress", "SecretToken", "UserName", "Password"} <= set(keys)


# --- The control API: the envelope checks hold, Graph's resource rules pass over it ----------------


@pytest.fixture(scope="module")
def control_schema() -> Any:
    """The control API's document (src/graphsync/control/openapi.yaml), without configuration."""
    return schemathesis.openapi.from_path(
        ROOT / "src" / "graphsync" / "control" / "openapi.yaml", config=schemathesis.Config.from_dict({})
    )


def test_the_control_apis_answers_are_held_to_the_envelope_checks_only(control_schema: Any) -> None:
    clock = operation(control_schema, "/_graphsync/clock", "GET").Case()
    url = "http://graph.test/_graphsync/clock"
    plain_json = make_response(
        200, {"now": "2026-01-01T00:00:00Z", "mode": "real", "speed": 1}, method="GET", url=url
    )
    registered = {check.__name__: check for check in checks.registered_checks()}
    registered["json_success_is_odata"](CTX, plain_json, clock)  # not Graph's: no odata.metadata asked
    with pytest.raises(AssertionError):
        checks.json_success_is_odata(CTX, plain_json, clock)  # the check itself is unchanged
    fails(
        registered["every_response_carries_request_id"],
        make_response(200, {}, method="GET", url=url, request_id=None),
        clock,
        "no `request-id`",
    )
    fails(
        registered["error_body_is_graph_envelope"],
        make_response(401, {"error": "no"}, method="GET", url=url),
        clock,
        "not Graph's error envelope",
    )


def test_a_status_documented_with_another_media_type_is_not_held_to_the_envelope(control_schema: Any) -> None:
    view = operation(control_schema, "/_graphsync/ui", "GET").Case()
    url = "http://graph.test/_graphsync/ui"
    sign_in = make_response(
        401, b"<!DOCTYPE html>", headers={"content-type": "text/html"}, method="GET", url=url
    )
    checks.error_body_is_graph_envelope(CTX, sign_in, view)  # the documented sign-in page
    fails(  # a 400 of the same operation is documented as Graph's envelope
        checks.error_body_is_graph_envelope,
        make_response(400, b"<p>bad</p>", headers={"content-type": "text/html"}, method="GET", url=url),
        view,
        "Content-Type 'text/html'",
    )


def test_the_hooks_keep_valid_fault_requests_valid_and_feed_deletes_real_fault_ids(
    control_schema: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import collections

    from fuzz import hooks

    monkeypatch.setattr(hooks, "_known_faults", collections.deque())  # none from another test's run

    create = operation(control_schema, "/_graphsync/faults", "POST")
    for body, allowed in (
        ({"operation": "noSuchOperation", "status": 503}, hooks._fault_targets()),
        ({"operation": "noSuchOperation"}, {"cycle"}),  # a fault on requests needs a status or latency
        ({"operation": "servicePrincipals.synchronization.CreateJobs", "status": 429}, None),
    ):
        mapped = hooks.map_case(CTX, create.Case(body=body, media_type="application/json")).body
        assert mapped["operation"] in (allowed or {body["operation"]}), (body, mapped)
    assert "servicePrincipals.synchronization.CreateJobs" in hooks._fault_targets()
    created = create.Case(body={"operation": "cycle"}, media_type="application/json")
    hooks.after_call(
        CTX, created, make_response(201, {"id": "7", "operation": "cycle"}, url="http://h/_graphsync/faults")
    )
    delete = operation(control_schema, "/_graphsync/faults/{faultId}", "DELETE")
    ids = {
        hooks.map_case(CTX, delete.Case(path_parameters={"faultId": "x"})).path_parameters["faultId"]
        for _ in range(2)
    }
    assert "7" in ids  # one of two valid deletes names the fault the server created
