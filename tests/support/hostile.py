"""The catalogue of hostile requests (tests/emulator/test_hostile.py runs it in-process and over a socket).

Each case names its request and the exact 4xx it must get. docs/security.md quotes case names.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from support import APP_JOBS, JOBS

BAD = "Request_BadRequest"
NOT_FOUND = "Request_ResourceNotFound"
MIB = 1024 * 1024
SOCKET_TIMEOUT_S = 1.0  # the socket server's header and body time-outs (the in-process app uses 0.5 s)


@dataclasses.dataclass(frozen=True)
class Hostile:
    """One hostile request. `{job}` in the path is replaced by the id of an existing job."""

    name: str
    status: int
    code: str
    body: bytes | None = None  # None: no body and no Content-Length
    method: str = "POST"
    path: str = JOBS
    content_type: str | None = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    declared_length: int | None = None  # Content-Length to announce; the client sends `body` and then waits
    chunked: bool = False  # send `body` with Transfer-Encoding: chunked, in 64 KiB chunks
    token: str | None = None  # replaces the valid token ("" sends no Authorization header)
    roles: tuple[str, ...] = ("Synchronization.ReadWrite.All",)  # of the valid token
    socket_status: tuple[int, str] | None = None  # where the transport answers first (head limits)

    @property
    def slow(self) -> bool:
        """The answer comes from the body time-out: the client announced more than it sends, within the limit."""
        return self.declared_length is not None and len(self.body or b"") < self.declared_length <= MIB


def body_case(name: str, body: bytes | str, status: int = 400, code: str = BAD, **kw: Any) -> Hostile:
    return Hostile(name, status, code, body.encode() if isinstance(body, str) else body, **kw)


def json_case(name: str, value: Any, **kw: Any) -> Hostile:
    return body_case(name, json.dumps(value, ensure_ascii=False), **kw)


def _nested_source(depth: int) -> dict[str, Any]:
    """An attribute mapping source whose function parameters nest `depth` levels deep (valid at each level)."""
    source: dict[str, Any] = {"type": "Attribute", "name": "x"}
    for _ in range(depth):
        source = {"type": "Function", "name": "ToLower", "parameters": [{"key": "source", "value": source}]}
    return {"type": "Unknown", **{k: v for k, v in source.items() if k != "type"}}


def path_case(name: str, path: str, method: str = "GET", status: int = 404, code: str = NOT_FOUND) -> Hostile:
    return Hostile(name, status, code, method=method, path=path, content_type=None)


CREATE = {"templateId": "BoxOutDelta"}
SYNCHRONIZATION = JOBS.rsplit("/", 1)[0]
SECRETS = f"{SYNCHRONIZATION}/secrets"
TEMPLATES = f"{SYNCHRONIZATION}/templates"
VALIDATE = f"{JOBS}/validateCredentials"
SCHEMA = f"{JOBS}/{{job}}/schema"
ON_DEMAND = f"{JOBS}/{{job}}/provisionOnDemand"
BULK = f"{JOBS}/{{job}}/bulkUpload"
SCIM_BULK = {
    "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
    "Operations": [
        {
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
    ],
}
RULE = "03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8"
UPLOADER = ("Synchronization.ReadWrite.All", "SynchronizationData-User.Upload")  # bulkUpload's own, too
TEN_MIB_OF_SETTINGS = (
    b'{"templateId":"BoxOutDelta","synchronizationJobSettings":[' + b" " * (10 * MIB) + b"]}"
)

CATALOGUE: list[Hostile] = [
    # malformed and truncated JSON
    body_case("malformed JSON", b'{"templateId": "BoxOutDelta",}'),
    body_case("single-quoted JSON", b"{'templateId': 'BoxOutDelta'}"),
    body_case("truncated JSON", b'{"templateId": "BoxOut'),
    body_case("two documents", b'{"templateId": "BoxOutDelta"} {}'),
    Hostile(
        "truncated body (fewer bytes than Content-Length)",
        408,
        "Request_Timeout",
        b'{"templateId": "Box',
        declared_length=100,
    ),
    # wrong types and unknown properties
    json_case("templateId is a number", {"templateId": 5}),
    json_case("templateId is an object", {"templateId": {"$gt": ""}}),
    json_case("body is an array", [CREATE]),
    json_case("body is a string", "BoxOutDelta"),
    json_case("body is null", None),
    json_case(
        "setting value is a number", {**CREATE, "synchronizationJobSettings": [{"name": "a", "value": 5}]}
    ),
    json_case("boolean as a string", {**CREATE, "status": {"escrowsPruned": "true"}}),
    json_case("unknown property", {**CREATE, "owner": "me"}),
    json_case("unknown nested property", {**CREATE, "schedule": {"interval": "PT1M", "every": 5}}),
    json_case("read-only id", {**CREATE, "id": "BoxOutDelta.x.y"}),
    # enums, flags, durations, timestamps, numbers
    json_case("invalid enum", {**CREATE, "schedule": {"state": "On"}}),
    json_case("enum in the wrong case", {**CREATE, "schedule": {"state": "active"}}),
    json_case(
        "invalid flags", {"criteria": {"resetScope": "Full,Everything"}}, path=f"{JOBS}/{{job}}/restart"
    ),
    json_case("flags of the wrong type", {"criteria": {"resetScope": 15}}, path=f"{JOBS}/{{job}}/restart"),
    json_case("unknown restart parameter", {"criteria": {}, "scope": "Full"}, path=f"{JOBS}/{{job}}/restart"),
    json_case("invalid duration", {**CREATE, "schedule": {"interval": "P1M"}}),
    json_case("duration with a trailing newline", {**CREATE, "schedule": {"interval": "PT40M\n"}}),
    json_case("invalid timestamp", {**CREATE, "schedule": {"expiration": "yesterday"}}),
    json_case("impossible date", {**CREATE, "schedule": {"expiration": "2026-02-30T00:00:00Z"}}),
    json_case("integer beyond int64", {**CREATE, "status": {"countSuccessiveCompleteFailures": 2**63}}),
    json_case("integer below int64", {**CREATE, "status": {"countSuccessiveCompleteFailures": -(2**63) - 1}}),
    body_case(
        "integer of 5,000 digits",
        b'{"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": 1'
        + b"0" * 5000
        + b"}}",
    ),
    body_case(
        "number that overflows a double", b'{"templateId": "BoxOutDelta", "status": {"progress": 1e999}}'
    ),
    body_case("NaN", b'{"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": NaN}}'),
    path_case("$top beyond int64", f"{JOBS}?$top=9223372036854775808", status=400, code=BAD),
    # size and depth
    body_case("10 MiB body, announced", b"", 413, "Request_EntityTooLarge", declared_length=10 * MIB),
    body_case("10 MiB body, streamed", TEN_MIB_OF_SETTINGS, 413, "Request_EntityTooLarge", chunked=True),
    body_case("100,000-deep arrays", b"[" * 100_000 + b"]" * 100_000),
    body_case("100,000-deep objects", b'{"a":' * 100_000 + b"1" + b"}" * 100_000),
    body_case(
        "500-deep objects (parsed, then refused)",
        b'{"templateId": "BoxOutDelta", "status": ' + b'{"a":' * 500 + b"1" + b"}" * 501,
    ),
    body_case("500-deep arrays (parsed, then refused)", b'{"templateId": ' + b"[" * 500 + b"]" * 500 + b"}"),
    body_case(
        "500-deep nesting in a large body",
        b'{"templateId": "BoxOutDelta", "x": "'
        + b"p" * 70_000
        + b'", "status": '
        + b'{"a":' * 500
        + b"1"
        + b"}" * 501,
    ),
    # encodings and NUL bytes
    body_case("invalid UTF-8", b'{"templateId": "Box\xffOutDelta"}'),
    body_case("overlong UTF-8", b'{"templateId": "\xc0\xaf"}'),
    body_case("UTF-16", json.dumps(CREATE).encode("utf-16")),
    body_case("lone surrogate escape", b'{"templateId": "\\ud800"}'),
    body_case("NUL byte inside a string", b'{"templateId": "Box\x00OutDelta"}'),
    body_case("NUL byte after the document", b'{"templateId": "BoxOutDelta"}\x00'),
    body_case("escaped NUL in templateId", b'{"templateId": "BoxOutDelta\\u0000"}'),
    # template ids
    json_case("very long templateId", {"templateId": "B" * 200_000}),
    json_case("very long non-ASCII templateId", {"templateId": "ジ" * 100_000}),
    json_case("non-ASCII templateId", {"templateId": "ボックス"}),
    json_case("SQL in templateId", {"templateId": "x'); DROP TABLE jobs; --"}),
    json_case("path traversal in templateId", {"templateId": "../../etc/passwd"}),
    json_case("another owner's template", {"templateId": "aws"}, path=APP_JOBS),
    # secrets, templates and validateCredentials
    json_case(
        "secret key as an object", {"value": [{"key": {"$ne": ""}, "value": "x"}]}, method="PUT", path=SECRETS
    ),
    json_case(
        "secret value as an object",
        {"value": [{"key": "SecretToken", "value": {"a": 1}}]},
        method="PUT",
        path=SECRETS,
    ),
    json_case(
        "secret key in the wrong case",
        {"value": [{"key": "secrettoken", "value": "x"}]},
        method="PUT",
        path=SECRETS,
    ),
    json_case(
        "secrets as one pair", {"value": {"key": "SecretToken", "value": "x"}}, method="PUT", path=SECRETS
    ),
    json_case("secrets without value", {"secrets": []}, method="PUT", path=SECRETS),
    json_case(
        "25,000 secret pairs, the last invalid",
        {"value": [{"key": "SyncAll", "value": "true"}] * 25_000 + [{"key": "Nope"}]},
        method="PUT",
        path=SECRETS,
    ),
    json_case("credentials as an object", {"templateId": "BoxOutDelta", "credentials": {}}, path=VALIDATE),
    json_case("validate without a template", {"credentials": []}, path=VALIDATE),
    json_case("validate another owner's template", {"templateId": "aws"}, path=VALIDATE),
    json_case(
        "validate with SQL in templateId",
        {"templateId": "x'); DROP TABLE owner_documents; --"},
        path=VALIDATE,
    ),
    # schemas, provisionOnDemand, parseExpression and bulkUpload
    json_case("schema rules as an object", {"synchronizationRules": {"id": "x"}}, method="PUT", path=SCHEMA),
    json_case(
        "schema nested 40 levels",
        {
            "synchronizationRules": [
                {"objectMappings": [{"attributeMappings": [{"source": _nested_source(40)}]}]}
            ]
        },
        method="PUT",
        path=SCHEMA,
    ),
    json_case(
        "schema with a flags value of another enum",
        {"synchronizationRules": [{"objectMappings": [{"flowTypes": "Watermark"}]}]},
        method="PUT",
        path=SCHEMA,
    ),
    json_case("provisionOnDemand without parameters", {"parameters": []}, path=ON_DEMAND),
    json_case(
        "provisionOnDemand of an unknown rule",
        {
            "parameters": [
                {
                    "ruleId": "x'; DROP TABLE jobs; --",
                    "subjects": [{"objectId": "x", "objectTypeName": "User"}],
                }
            ]
        },
        path=ON_DEMAND,
        code="RequestParameterInvalid",
    ),
    json_case(
        "provisionOnDemand of another tenant's user",
        {
            "parameters": [
                {
                    "ruleId": RULE,
                    "subjects": [
                        {"objectId": "6f1f2b3c-0d4e-4b5a-8c7d-9e0f1a2b3c4d", "objectTypeName": "User"}
                    ],
                }
            ]
        },
        path=ON_DEMAND,
        code="RequestParameterInvalid",
    ),
    json_case(
        "provisionOnDemand of 10,000 subjects",
        {
            "parameters": [
                {
                    "ruleId": RULE,
                    "subjects": [
                        {"objectId": "9bb0f679-a883-4a6f-8260-35b491b8b8c8", "objectTypeName": "User"}
                    ]
                    * 10_000,
                }
            ]
        },
        path=ON_DEMAND,
    ),
    json_case(
        "parseExpression of 5,000 characters",
        {"expression": "a" * 5_000},
        path=f"{JOBS}/{{job}}/schema/parseExpression",
    ),
    json_case("bulkUpload sent as JSON", SCIM_BULK, roles=UPLOADER, path=BULK),
    json_case(
        "bulkUpload of 51 records",
        {**SCIM_BULK, "Operations": SCIM_BULK["Operations"] * 51},
        roles=UPLOADER,
        path=BULK,
        content_type="application/scim+json",
    ),
    json_case(
        "bulkUpload deleting a user",
        {**SCIM_BULK, "Operations": [{**SCIM_BULK["Operations"][0], "method": "DELETE"}]},
        roles=UPLOADER,
        path=BULK,
        content_type="application/scim+json",
    ),
    path_case("template id '..'", f"{TEMPLATES}/.."),
    path_case("template id with a traversal", f"{TEMPLATES}/..%2F..%2Fjobs"),
    path_case("SQL in the template id", f"{TEMPLATES}/x'%20OR%20'1'='1"),
    path_case("NUL in the template id", f"{TEMPLATES}/BoxOutDelta%00"),
    path_case("very long template id", f"{TEMPLATES}/{'a' * 20_000}"),
    # path ids
    path_case("job id '.'", f"{JOBS}/."),
    path_case("job id '..'", f"{JOBS}/.."),
    path_case("job id '%2E%2E'", f"{JOBS}/%2E%2E"),
    path_case("job id with dots", f"{JOBS}/BoxOutDelta.{'0' * 32}.x"),
    path_case("job id '..%2F..%2F'", f"{JOBS}/..%2F..%2Fetc%2Fpasswd"),
    path_case("double percent-encoding", f"{JOBS}/%252E%252E"),
    path_case("SQL in the job id", f"{JOBS}/x'%20OR%20'1'='1"),
    path_case("SQL statement in the job id", f"{JOBS}/1;DROP%20TABLE%20jobs;--", method="DELETE"),
    path_case("SQL in the job id of an action", f"{JOBS}/%22%20OR%201=1--/start", method="POST"),
    path_case("non-ASCII job id", f"{JOBS}/%E3%82%B8%E3%83%A7%E3%83%96"),
    path_case("very long job id", f"{JOBS}/{'a' * 20_000}"),
    path_case("NUL in the job id", f"{JOBS}/%00"),
    path_case("NUL after a real job id", f"{JOBS}/{{job}}%00"),
    path_case("traversal in the owner id", "/v1.0/servicePrincipals/..%2F..%2F/synchronization/jobs"),
    path_case("SQL in the owner id", "/v1.0/servicePrincipals/'%20OR%201=1--/synchronization/jobs"),
    path_case("path not UTF-8", f"{JOBS}/%FF%FE", status=400, code=BAD),
    # content types and empty bodies
    body_case(
        "missing content type", json.dumps(CREATE), 415, "Request_UnsupportedMediaType", content_type=None
    ),
    body_case(
        "text/plain", json.dumps(CREATE), 415, "Request_UnsupportedMediaType", content_type="text/plain"
    ),
    body_case(
        "form content type",
        "templateId=BoxOutDelta",
        415,
        "Request_UnsupportedMediaType",
        content_type="application/x-www-form-urlencoded",
    ),
    body_case(
        "JSON in Latin-1",
        json.dumps(CREATE),
        415,
        "Request_UnsupportedMediaType",
        content_type="application/json; charset=latin-1",
    ),
    body_case("empty body", b""),
    body_case("empty body without content type", b"", content_type=None),
    body_case("whitespace body", b" \r\n\t "),
    # duplicate keys
    body_case("duplicate keys", b'{"templateId": "BoxOutDelta", "templateId": "aws"}'),
    body_case(
        "nested duplicate keys",
        b'{"templateId": "BoxOutDelta", "schedule": {"state": "Active", "state": "Paused"}}',
    ),
    # huge header values
    Hostile(
        "huge Authorization header (60,000 characters)",
        401,
        "InvalidAuthenticationToken",
        json.dumps(CREATE).encode(),
        token="x" * 60_000,
    ),
    Hostile(
        "huge Content-Type header (200,000 characters)",
        415,
        "Request_UnsupportedMediaType",
        json.dumps(CREATE).encode(),
        content_type="text/" + "y" * 200_000,
        socket_status=(431, "Request_HeaderFieldsTooLarge"),
    ),
    Hostile(
        "huge header of any name (200,000 characters)",
        400,
        BAD,
        b"{",
        headers=(("x-filler", "z" * 200_000),),
        socket_status=(431, "Request_HeaderFieldsTooLarge"),
    ),
]
CASES = {case.name: case for case in CATALOGUE}
assert len(CASES) == len(CATALOGUE), "case names must be unique"


def header_list(case: Hostile, token: str) -> list[tuple[str, str]]:
    headers: list[tuple[str, str]] = [("host", "localhost")]
    bearer = token if case.token is None else case.token
    if bearer:
        headers.append(("authorization", f"Bearer {bearer}"))
    if case.content_type is not None and (case.body is not None or case.method == "POST"):
        headers.append(("content-type", case.content_type))
    if case.chunked:
        headers.append(("transfer-encoding", "chunked"))
    elif case.declared_length is not None:
        headers.append(("content-length", str(case.declared_length)))
    elif case.body is not None:
        headers.append(("content-length", str(len(case.body))))
    headers.extend(case.headers)
    return headers


def chunks_of(body: bytes, size: int = 65536) -> list[bytes]:
    return [body[i : i + size] for i in range(0, len(body), size)] or [b""]
