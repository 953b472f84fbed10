"""Authentication, authorization and tenant isolation over HTTP, and what the server logs.

The auth matrix runs every case against every operation of the spec, in-process and over a socket,
with the exact status, code, message and challenge of docs/security.md. The leak check replays a
second tenant's whole repertoire against a server holding the first tenant's jobs. The logging
tests capture everything at DEBUG, also uvicorn's access log, while requests carry a token and a body.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import yaml
from support import APP_JOBS, JOBS, ROOT
from support.asgi import InProcess
from support.graph import assert_graph_error
from support.sockets import Server
from support.tokens import Tokens, b64, token_claims

from graphsync import demo
from graphsync.app import create_app
from graphsync.auth import PERSONAL_ACCOUNTS_TENANT, KeySet, key_id, load_key_set, mint_token
from graphsync.demo import AUTOMATION_APP, BOX_APP, BOX_SP, CONTOSO, FABRIKAM, FABRIKAM_BOX_SP, SALESFORCE_SP
from graphsync.demo import READ_WRITE as ALL
from graphsync.domain.schemas import template_schema
from graphsync.seed import load_seed
from graphsync.settings import Settings

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
SEED: dict[str, Any] = demo.SEED
BOX_DIRECTORY = template_schema("BoxOutDelta", load_seed(None).template("BoxOutDelta").schema)["directories"][
    0
]["id"]
SCIM_BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
SCIM_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
SCIM_ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
NOT_OWNED_APP = (
    "8ae36cd8-a70e-4675-b5ef-bf4423f2b617"  # Contoso HR Portal application: not owned by the automation app
)
UNKNOWN_TENANT = "3c1a0f7e-5d1b-4f5e-9c51-0d7c4a0b9e11"  # in no seed
APPLICATION_ADMINISTRATOR = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"

# The documented strings (docs/security.md), written out rather than imported from the code.
CHALLENGE = (
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", '
    'client_id="00000003-0000-0000-c000-000000000000"'
)
EMPTY = "Access token is empty."
NOT_COMPACT = "CompactToken parsing failed with error code: 80049217"
INVALID = "Access token validation failure."
LIFETIME = "Access token has expired or is not yet valid."
AUDIENCE = "Access token validation failure. Invalid audience."
ISSUER = "Access token validation failure. Invalid issuer."
DENIED = "Insufficient privileges to complete the operation."
# A missing permission, as Graph answers it on synchronization endpoints (the default; D24). The
# documented 403 (`permission_errors=documented`) is checked by test_documented_permission_errors.
NO_PERMISSION = (401, "UnknownError", "")


# --- the operations, made concrete -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Op:
    operation_id: str
    method: str
    template: str  # path under /v1.0 with {owner} and {job}
    owner_kind: str
    writes: bool

    def path(self, owner: str, job: str, version: str = "v1.0") -> str:
        return f"/{version}" + self.template.replace("{owner}", owner).replace("{job}", job)

    def body(self, template: str = "BoxOutDelta") -> dict[str, Any] | None:
        if self.operation_id.endswith("CreateJobs"):
            return {"templateId": template}
        if self.operation_id.endswith("restart"):
            return {"criteria": {"resetScope": "Full"}}
        if self.operation_id.endswith("validateCredentials"):
            return {"templateId": template, "credentials": []}
        if self.operation_id.endswith("SetSecrets"):
            return {"value": [{"key": "SyncAll", "value": "true"}]}
        if self.operation_id.endswith("UpdateSchema"):
            # keeps the rule and directory later operations of the matrix name
            return {
                "synchronizationRules": [{"id": demo.OUTBOUND_RULE, "objectMappings": []}],
                "directories": [{"id": BOX_DIRECTORY, "name": "Azure Active Directory"}],
            }
        if self.operation_id.endswith("parseExpression"):
            return {"expression": "ToLower([displayName])"}
        if self.operation_id.endswith("provisionOnDemand"):
            subject = {"objectId": next(iter(demo.USERS)), "objectTypeName": "User"}
            return {"parameters": [{"ruleId": demo.OUTBOUND_RULE, "subjects": [subject]}]}
        if self.upload:
            record = {"schemas": [SCIM_USER, SCIM_ENTERPRISE], "externalId": "701984"}
            return {
                "schemas": [SCIM_BULK],
                "Operations": [{"method": "POST", "bulkId": "1", "path": "/Users", "data": record}],
            }
        return None

    @property
    def upload(self) -> bool:
        """bulkUpload: its own permissions (SynchronizationData-User.Upload) and content type."""
        return self.operation_id.endswith("PostBulkUpload")


def spec_operations() -> list[Op]:
    ops = []
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "delete"):
                continue
            owner_kind = path.strip("/").split("/")[0]
            template = (
                re.sub(r"\{(servicePrincipal|application)-id\}", "{owner}", path)
                .replace("{synchronizationJob-id}", "{job}")
                .replace("{synchronizationTemplate-id}", "BoxOutDelta")
                .replace("{directoryDefinition-id}", BOX_DIRECTORY)
            )
            ops.append(Op(operation["operationId"], method.upper(), template, owner_kind, method != "get"))
    return sorted(ops, key=lambda op: op.method == "DELETE")  # the job must outlive the actions


OPERATIONS = spec_operations()
assert len(OPERATIONS) == 63


# --- tokens of every kind ----------------------------------------------------------------------------------


def claims(**changes: Any) -> dict[str, Any]:
    return token_claims(tenant=CONTOSO, app_id=AUTOMATION_APP, **{"roles": [ALL], **changes})


def signed(settings: Settings, payload: dict[str, Any], *, kid: str | None = None) -> str:
    key = load_key_set(settings).signing
    assert key is not None
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": kid or key_id(key.public_key())})


def tampered_signature(token: str) -> str:
    head, payload, signature = token.split(".")
    middle = len(signature) // 2
    flipped = "A" if signature[middle] != "A" else "B"
    return f"{head}.{payload}.{signature[:middle]}{flipped}{signature[middle + 1 :]}"


def alg_none(settings: Settings) -> str:
    key = load_key_set(settings).signing
    assert key is not None
    header = {"alg": "none", "typ": "JWT", "kid": key_id(key.public_key())}
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims()).encode())}."


def key_confusion(settings: Settings) -> str:
    """HS256 keyed with the server's public key (the classic algorithm-confusion forgery)."""
    key = load_key_set(settings).signing
    assert key is not None
    from cryptography.hazmat.primitives import hashes, hmac, serialization

    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": key_id(key.public_key())}
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims()).encode())}"
    mac = hmac.HMAC(public, hashes.SHA256())
    mac.update(signing_input.encode())
    return f"{signing_input}.{b64(mac.finalize())}"


@dataclasses.dataclass(frozen=True)
class AuthCase:
    """A caller and what every operation answers it (`allowed` operations answer 2xx instead)."""

    name: str
    authorization: Callable[[Settings, Tokens], str | None]  # the Authorization header, None for none
    status: int
    code: str
    message: str | None  # None: the 404 message naming the owner
    owner: dict[str, str] = dataclasses.field(
        default_factory=lambda: {"servicePrincipals": BOX_SP, "applications": BOX_APP}
    )
    invalid_token: bool = True  # 401 only: `error="invalid_token"` in the challenge
    allowed: Callable[[Op], bool] = lambda op: False  # bulkUpload only with `uploads`
    uploads: bool = False  # the caller holds a permission of bulkUpload


def bearer(token: str) -> str:
    return f"Bearer {token}"


def minted(**kwargs: Any) -> Callable[[Settings, Tokens], str]:
    return lambda settings, tokens: bearer(
        mint_token(settings, **{"tenant": CONTOSO, "app_id": AUTOMATION_APP, **kwargs})
    )


NOT_OWNED = {"servicePrincipals": SALESFORCE_SP, "applications": NOT_OWNED_APP}
AUTH_CASES = [
    AuthCase("no token", lambda s, t: None, 401, "InvalidAuthenticationToken", EMPTY, invalid_token=False),
    AuthCase(
        "Bearer and nothing",
        lambda s, t: "Bearer",
        401,
        "InvalidAuthenticationToken",
        EMPTY,
        invalid_token=False,
    ),
    AuthCase(
        "Basic scheme",
        lambda s, t: "Basic dXNlcjpwYXNz",
        401,
        "InvalidAuthenticationToken",
        EMPTY,
        invalid_token=False,
    ),
    AuthCase(
        "malformed token", lambda s, t: "Bearer not-a-jwt", 401, "InvalidAuthenticationToken", NOT_COMPACT
    ),
    AuthCase(
        "two segments",
        lambda s, t: "Bearer eyJhbGciOiJSUzI1NiJ9.e30",
        401,
        "InvalidAuthenticationToken",
        NOT_COMPACT,
    ),
    AuthCase(
        "token over 16 KiB",
        lambda s, t: bearer("a" * 20_000 + ".b.c"),
        401,
        "InvalidAuthenticationToken",
        NOT_COMPACT,
    ),
    AuthCase("alg none", lambda s, t: bearer(alg_none(s)), 401, "InvalidAuthenticationToken", INVALID),
    AuthCase(
        "HS256 keyed with the public key",
        lambda s, t: bearer(key_confusion(s)),
        401,
        "InvalidAuthenticationToken",
        INVALID,
    ),
    AuthCase(
        "bad signature",
        lambda s, t: bearer(tampered_signature(t())),
        401,
        "InvalidAuthenticationToken",
        INVALID,
    ),
    AuthCase(
        "unknown kid",
        lambda s, t: bearer(signed(s, claims(), kid="unknown")),
        401,
        "InvalidAuthenticationToken",
        INVALID,
    ),
    AuthCase(
        "expired",
        minted(not_before=int(time.time()) - 7200, expires_in=3600),
        401,
        "InvalidAuthenticationToken",
        LIFETIME,
    ),
    AuthCase(
        "not yet valid",
        minted(not_before=int(time.time()) + 3600),
        401,
        "InvalidAuthenticationToken",
        LIFETIME,
    ),
    AuthCase(
        "wrong audience", minted(audience="api://someone-else"), 401, "InvalidAuthenticationToken", AUDIENCE
    ),
    AuthCase(
        "issuer of another tenant",
        lambda s, t: bearer(signed(s, claims(iss=f"https://sts.windows.net/{FABRIKAM}/"))),
        401,
        "InvalidAuthenticationToken",
        ISSUER,
    ),
    AuthCase(
        "tenant not in the seed", minted(tenant=UNKNOWN_TENANT), 401, "InvalidAuthenticationToken", ISSUER
    ),
    AuthCase(
        "another tenant's objects",
        lambda s, t: bearer(t(tenant=FABRIKAM)),
        404,
        "Request_ResourceNotFound",
        None,
    ),
    AuthCase("no permission", minted(roles=[]), *NO_PERMISSION),
    AuthCase(
        "read-only permission",
        minted(roles=["Synchronization.Read.All"]),
        *NO_PERMISSION,
        allowed=lambda op: not op.writes,
    ),
    AuthCase(
        "a permission of another API",
        minted(roles=["User.ReadWrite.All", "Group.ReadWrite.All", "Directory.Read.All"]),
        *NO_PERMISSION,
    ),
    *(
        AuthCase(
            permission + ("" if uploads else " on an object the app does not own"),  # bulkUpload's own
            minted(roles=[permission]),
            *NO_PERMISSION,
            owner=owner,
            allowed=lambda op: op.upload,
            uploads=uploads,
        )
        for permission, owner, uploads in (
            ("SynchronizationData-User.Upload", {"servicePrincipals": BOX_SP, "applications": BOX_APP}, True),
            (
                "SynchronizationData-User.Upload.OwnedBy",
                {"servicePrincipals": BOX_SP, "applications": BOX_APP},
                True,
            ),
            ("SynchronizationData-User.Upload.OwnedBy", NOT_OWNED, False),
        )
    ),
    *(
        AuthCase(
            permission,  # what Terraform's azuread provider documents
            minted(roles=[permission]),
            *NO_PERMISSION,
            allowed=lambda op: True,
        )
        for permission in ("Application.ReadWrite.All", "Directory.ReadWrite.All")
    ),
    AuthCase(
        "Application.Read.All",
        minted(roles=["Application.Read.All"]),
        *NO_PERMISSION,
        allowed=lambda op: not op.writes,
    ),
    AuthCase(
        "OwnedBy on an object the app does not own",
        minted(roles=["Application.ReadWrite.OwnedBy"]),
        *NO_PERMISSION,
        owner=NOT_OWNED,
    ),
    AuthCase(
        "OwnedBy on an object the app owns",
        minted(roles=["Application.ReadWrite.OwnedBy"]),
        *NO_PERMISSION,
        allowed=lambda op: True,
    ),
    AuthCase(
        "delegated without a directory role",
        minted(roles=[], scopes=[ALL]),
        *NO_PERMISSION,
    ),
    AuthCase(
        "delegated with the role but a read-only scope",
        minted(roles=[], scopes=["Synchronization.Read.All"], directory_roles=[APPLICATION_ADMINISTRATOR]),
        *NO_PERMISSION,
        allowed=lambda op: not op.writes,
    ),
    AuthCase(
        "delegated with scope and directory role",
        minted(roles=[], scopes=[ALL], directory_roles=[APPLICATION_ADMINISTRATOR]),
        *NO_PERMISSION,
        allowed=lambda op: True,
    ),
    AuthCase(
        "application roles in a delegated token",
        minted(roles=[ALL], scopes=["User.Read"]),
        *NO_PERMISSION,
    ),
    AuthCase(
        "personal Microsoft account",
        minted(tenant=PERSONAL_ACCOUNTS_TENANT, roles=[], scopes=[ALL]),
        403,
        "Authorization_RequestDenied",
        DENIED,
    ),
]
AUTH = {case.name: case for case in AUTH_CASES}


@dataclasses.dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text)

    @property
    def status_code(self) -> int:
        return self.status


def check_matrix(
    case: AuthCase,
    request: Callable[[str, str, dict[str, str], Any], Answer],
    header: str | None,
    jobs: dict[str, str],
) -> None:
    """Every operation, on both owner kinds, answers as the case says."""
    for op in OPERATIONS:
        owner = case.owner[op.owner_kind]
        path = op.path(owner, jobs[op.owner_kind])
        headers = {} if header is None else {"Authorization": header}
        if op.upload:
            headers["Content-Type"] = "application/scim+json"
        answer = request(op.method, path, headers, op.body("BoxOutDelta"))
        where = f"{case.name}: {op.method} {path}"
        if case.allowed(op) and (case.uploads or not op.upload):
            assert answer.status < 300, (where, answer.status, answer.text)
            continue
        error = assert_graph_error(answer, case.status, case.code)
        expected = (
            case.message
            if case.message is not None
            else f"Resource '{owner}' does not exist or one of its queried reference-property objects are not present."
        )
        assert error["message"] == expected, where
        if case.code == "InvalidAuthenticationToken":
            challenge = f'{CHALLENGE}, error="invalid_token"' if case.invalid_token else CHALLENGE
            assert answer.headers["www-authenticate"] == challenge, where
        else:
            assert "www-authenticate" not in answer.headers, where


def fresh_jobs(create: Callable[[str], str]) -> dict[str, str]:
    """A job on each owner kind; the actions then run on it (delete last, so each case needs its own)."""
    return {"servicePrincipals": create(JOBS), "applications": create(APP_JOBS)}


@pytest.mark.parametrize("name", list(AUTH))
def test_auth_matrix_in_process(api: InProcess, settings: Settings, name: str) -> None:
    case = AUTH[name]

    def request(method: str, path: str, headers: dict[str, str], body: Any) -> Answer:
        response = api.request(method, path, auth=False, headers=headers, json=body)
        return Answer(response.status_code, dict(response.headers), response.text)

    jobs = fresh_jobs(lambda url: str(api.create(url)["id"]))
    check_matrix(case, request, case.authorization(settings, api.tokens), jobs)


REFUSALS = [case.name for case in AUTH_CASES if (case.status, case.code, case.message) == NO_PERMISSION]


@pytest.mark.parametrize("name", REFUSALS)
def test_documented_permission_errors(settings: Settings, tokens: Tokens, key_set: KeySet, name: str) -> None:
    """With `permission_errors=documented`, the same calls are refused with Graph's documented 403."""
    case = dataclasses.replace(AUTH[name], status=403, code="Authorization_RequestDenied", message=DENIED)
    api = InProcess(
        create_app(dataclasses.replace(settings, permission_errors="documented"), keys=key_set), tokens
    )
    try:

        def request(method: str, path: str, headers: dict[str, str], body: Any) -> Answer:
            response = api.request(method, path, auth=False, headers=headers, json=body)
            return Answer(response.status_code, dict(response.headers), response.text)

        jobs = fresh_jobs(lambda url: str(api.create(url)["id"]))
        check_matrix(case, request, case.authorization(settings, api.tokens), jobs)
    finally:
        api.close()


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory: pytest.TempPathFactory, signing_key: Path) -> Iterator[Server]:
    instance = Server(tmp_path_factory.mktemp("auth"), signing_key)
    instance.start()
    yield instance
    instance.stop()


@pytest.fixture(scope="module")
def socket_settings(signing_key: Path) -> Settings:
    return Settings(signing_key=signing_key)


@pytest.mark.socket
@pytest.mark.parametrize("name", list(AUTH))
def test_auth_matrix_over_a_socket(auth_server: Server, socket_settings: Settings, name: str) -> None:
    case = AUTH[name]
    tokens = Tokens(socket_settings)
    with httpx.Client(base_url=auth_server.origin, timeout=10) as http:

        def request(method: str, path: str, headers: dict[str, str], body: Any) -> Answer:
            response = http.request(method, path, headers=headers, json=body)
            return Answer(response.status_code, dict(response.headers), response.text)

        def create(url: str) -> str:
            response = http.post(url, json={"templateId": "BoxOutDelta"}, headers=tokens.header())
            assert response.status_code == 201
            return str(response.json()["id"])

        check_matrix(case, request, case.authorization(socket_settings, tokens), fresh_jobs(create))


# --- tenant isolation: nothing of tenant A ever reaches tenant B ---------------------------------------


def tenant_strings(tenant_id: str) -> set[str]:
    """Every id and name the seed holds for a tenant."""
    tenant = next(t for t in SEED["tenants"] if t["id"] == tenant_id)
    found = {tenant["id"], tenant["displayName"]}
    for kind in ("servicePrincipals", "applications"):
        for obj in tenant.get(kind, []):
            found |= {obj["id"], obj["appId"], obj["displayName"], *obj.get("owners", [])}
    return found


FAKE_SP = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"


def normalized(response: httpx.Response) -> tuple[int, list[tuple[str, str]], str]:
    """Status, headers and body without what differs between any two responses (request ids, dates)."""
    request_id = response.headers.get("request-id", "-")
    text = response.text.replace(request_id, "<request-id>")
    text = re.sub(r'"date":"[0-9T:-]+"', '"date":"<date>"', text)
    headers = sorted(
        (k, v.replace(request_id, "<request-id>")) for k, v in response.headers.items() if k not in ("date",)
    )
    return response.status_code, headers, text


@pytest.mark.socket
def test_no_response_to_another_tenant_reveals_anything_of_this_one(
    auth_server: Server, socket_settings: Settings
) -> None:
    tokens = Tokens(socket_settings)
    a, b = tokens.header(), tokens.header(tenant=FABRIKAM)
    b_jobs = f"/v1.0/servicePrincipals/{FABRIKAM_BOX_SP}/synchronization/jobs"
    with httpx.Client(base_url=auth_server.origin, timeout=10) as http:
        a_job_ids = [
            http.post(url, json={"templateId": "BoxOutDelta"}, headers=a).json()["id"]
            for url in (JOBS, JOBS, APP_JOBS)
        ]
        a_states = {job_id: http.get(f"{JOBS}/{job_id}", headers=a).text for job_id in a_job_ids[:2]}
        secrets = (tenant_strings(CONTOSO) - tenant_strings(FABRIKAM)) | set(a_job_ids)
        secrets |= {job_id.split(".")[1] for job_id in a_job_ids}  # the random part alone
        b_strings = tenant_strings(FABRIKAM)
        secrets = {s for s in secrets if not any(s in mine for mine in b_strings)}
        assert CONTOSO in secrets and BOX_SP in secrets and "Salesforce Sandbox" in secrets

        # B's own work, interleaved with A's: list, page, create, act, fail.
        b_job = http.post(b_jobs, json={"templateId": "BoxOutDelta"}, headers=b).json()["id"]
        http.post(JOBS, json={"templateId": "BoxOutDelta"}, headers=a)
        b_job2 = http.post(b_jobs, json={"templateId": "BoxOutDelta"}, headers=b).json()["id"]
        own: list[httpx.Response] = [
            http.get(b_jobs, headers=b),
            http.get(f"{b_jobs}?$top=1", headers=b),
            http.get(f"{b_jobs}/{b_job}", headers=b),
            http.post(f"{b_jobs}/{b_job}/start", headers=b),
            http.post(f"{b_jobs}/{b_job}/pause", headers=b),
            http.post(f"{b_jobs}/{b_job}/restart", json={"criteria": {"resetScope": "Full"}}, headers=b),
            http.post(b_jobs, json={"templateId": "aws"}, headers=b),
            http.post(b_jobs, json={"templateId": "BoxOutDelta", "x": 1}, headers=b),
            http.post(b_jobs, content=b"{", headers={**b, "content-type": "application/json"}),
            http.get(f"{b_jobs}/nope", headers=b),
            http.get(f"{b_jobs}?$skiptoken=forged", headers=b),
            http.get(b_jobs, headers=tokens.header(tenant=FABRIKAM, roles=[])),
            http.get("/v1.0/servicePrincipals", headers=b),
            http.request("PATCH", b_jobs, headers=b),
            http.delete(f"{b_jobs}/{b_job2}", headers=b),
        ]
        page = http.get(f"{b_jobs}?$top=1", headers=b).json()
        if "@odata.nextLink" in page:
            own.append(http.get(page["@odata.nextLink"], headers=b))
        for response in own:
            exposed = [
                s for s in secrets if s in response.text or any(s in v for v in response.headers.values())
            ]
            assert not exposed, (str(response.request.url), exposed)

        # B probing A's ids: each answer is exactly the answer for an id that exists nowhere.
        fake_job = f"BoxOutDelta.{uuid.uuid4().hex}.{CONTOSO}"
        probes = [
            ("GET", "/v1.0/servicePrincipals/{sp}/synchronization/jobs", None),
            ("POST", "/v1.0/servicePrincipals/{sp}/synchronization/jobs", {"templateId": "BoxOutDelta"}),
            ("GET", "/v1.0/servicePrincipals/{sp}/synchronization/jobs/{job}", None),
            ("DELETE", "/v1.0/servicePrincipals/{sp}/synchronization/jobs/{job}", None),
            ("POST", "/v1.0/servicePrincipals/{sp}/synchronization/jobs/{job}/start", None),
            ("POST", "/v1.0/servicePrincipals/{sp}/synchronization/jobs/{job}/pause", None),
            ("GET", f"{b_jobs}/{{job}}", None),
            ("DELETE", f"{b_jobs}/{{job}}", None),
            ("POST", f"{b_jobs}/{{job}}/start", None),
            ("POST", f"{b_jobs}/{{job}}/restart", {"criteria": {"resetScope": "Full"}}),
            ("GET", f"/v1.0/applications/{BOX_APP}/synchronization/jobs", None),
        ]
        for caller in (
            b,
            tokens.header(tenant=FABRIKAM, roles=[]),
            tokens.header(tenant=FABRIKAM, roles=["Application.ReadWrite.OwnedBy"]),
        ):
            for method, template, body in probes:
                real = http.request(
                    method, template.format(sp=BOX_SP, job=a_job_ids[0]), json=body, headers=caller
                )
                made_up = http.request(
                    method, template.format(sp=FAKE_SP, job=fake_job), json=body, headers=caller
                )
                assert real.status_code in (401, 403, 404)
                real_view = normalized(real)
                real_view = (
                    real_view[0],
                    real_view[1],
                    real_view[2].replace(BOX_SP, FAKE_SP).replace(a_job_ids[0], fake_job),
                )
                assert real_view == normalized(made_up), (method, template)

        # And A's jobs are exactly as they were.
        for job_id, state in a_states.items():
            assert http.get(f"{JOBS}/{job_id}", headers=a).text == state


def test_next_links_do_not_reveal_how_much_other_tenants_create(api: InProcess) -> None:
    """`$skiptoken` holds a position in a sequence all tenants share: it must not be readable."""
    fabrikam = api.tokens.header(tenant=FABRIKAM)
    b_jobs = f"/v1.0/servicePrincipals/{FABRIKAM_BOX_SP}/synchronization/jobs"
    api.create(b_jobs, headers=fabrikam)
    for _ in range(37):
        api.create()  # Contoso, in between
    api.create(b_jobs, headers=fabrikam)
    link = api.get(f"{b_jobs}?$top=1", headers=fabrikam).json()["@odata.nextLink"]
    token = re.search(r"\$skiptoken=([^&]+)", link).group(1)  # type: ignore[union-attr]
    decoded = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert not decoded.isascii(), decoded  # no readable encoding of the position (random bytes: 1 in 65,536)
    for position in (1, 38, 39):  # Fabrikam's jobs, and Contoso's last one
        for size in (4, 8):  # no binary one either (a 2-byte or 1-byte match would occur by chance)
            assert position.to_bytes(size, "big") not in decoded
            assert position.to_bytes(size, "little") not in decoded
    second = api.get(link.removeprefix("http://graph.test"), headers=fabrikam).json()
    assert len(second["value"]) == 1 and "@odata.nextLink" not in second


def test_personal_accounts_and_unknown_tenants_never_reach_a_lookup(api: InProcess) -> None:
    """Neither says whether an object id exists: the answer is the same for a real and a made-up one."""
    personal = api.tokens.header(tenant=PERSONAL_ACCOUNTS_TENANT, roles=[], scopes=[ALL])
    stranger = api.tokens.header(tenant=UNKNOWN_TENANT)
    for header, status in ((personal, 403), (stranger, 401)):
        for owner in (BOX_SP, FAKE_SP):
            response = api.get(f"/v1.0/servicePrincipals/{owner}/synchronization/jobs", headers=header)
            assert_graph_error(response, status)


# --- what the server logs ----------------------------------------------------------------------------------

MARKER = "body-marker-7f3e9c"


def secret_requests(token: str) -> list[tuple[str, str, dict[str, str], bytes]]:
    """Requests that carry the token and a body with a marker, in every outcome the server has."""
    auth = {"Authorization": f"Bearer {token}", "content-type": "application/json"}
    body = json.dumps(
        {"templateId": "BoxOutDelta", "synchronizationJobSettings": [{"name": MARKER, "value": MARKER}]}
    )
    return [
        ("POST", JOBS, auth, body.encode()),  # 201
        ("POST", JOBS, auth, body.replace("BoxOutDelta", MARKER).encode()),  # 400: the template
        ("POST", JOBS, auth, f'{{"{MARKER}": 1}}'.encode()),  # 400: unknown property
        ("POST", JOBS, auth, f'{{"templateId": "{MARKER}"'.encode()),  # 400: malformed
        ("POST", JOBS, {**auth, "content-type": "text/plain"}, body.encode()),  # 415
        ("POST", JOBS, {**auth, "Authorization": f"Bearer {token}x"}, body.encode()),  # 401: bad signature
        ("POST", JOBS, {**auth, "Authorization": f"Bearer {token[: len(token) // 2]}"}, body.encode()),  # 401
        ("POST", f"/v1.0/servicePrincipals/{FAKE_SP}/synchronization/jobs", auth, body.encode()),  # 404
        (
            "POST",
            f"{JOBS}/no-such-job/restart",
            auth,
            b'{"criteria": {"resetScope": "' + MARKER.encode() + b'"}}',
        ),
        ("GET", f"{JOBS}?$top=1", auth, b""),  # 200
    ]


def assert_nothing_secret(text: str, token: str) -> None:
    assert token not in text
    for segment in token.split("."):
        assert segment[:40] not in text
    assert "Bearer" not in text and "authorization" not in text.lower()
    assert MARKER not in text


def test_debug_logs_hold_no_token_header_or_body(api: InProcess, caplog: pytest.LogCaptureFixture) -> None:
    token = api.tokens()
    with caplog.at_level(logging.DEBUG):
        for method, path, headers, body in secret_requests(token):
            assert api.request(method, path, auth=False, headers=headers, content=body).status_code < 500
        assert api.post(JOBS, json={"templateId": "BoxOutDelta"}).status_code == 201
    assert caplog.records, "nothing was logged at all: the test would prove nothing"
    assert_nothing_secret(caplog.text, token)


@pytest.mark.socket
def test_server_logs_at_debug_with_access_log_hold_no_token_header_or_body(
    tmp_path: Path, signing_key: Path
) -> None:
    server = Server(tmp_path, signing_key, args=["--log-level", "debug", "--access-log"])
    server.start()
    token = Tokens(Settings(signing_key=signing_key))()
    try:
        with httpx.Client(base_url=server.origin, timeout=10) as http:
            for method, path, headers, body in secret_requests(token):
                assert http.request(method, path, headers=headers, content=body).status_code < 500
    finally:
        server.stop()
    log = server.output()
    assert f'"POST {JOBS} HTTP/1.1" 201' in log  # the access log was on
    assert "bearer token rejected" in log  # and so was DEBUG
    assert_nothing_secret(log, token)


def test_every_lookup_is_scoped_by_tenant_even_when_two_tenants_share_an_object_id(
    settings: Settings, tokens: Tokens
) -> None:
    """Seeds keep object ids unique across tenants, which could hide a lookup by id alone: here both tenants
    hold a service principal with the same id, and each still sees only its own jobs."""
    from graphsync.app import create_app
    from graphsync.seed import Directory, DirectoryObject, Tenant

    def tenant(tenant_id: str, caller_sp: str) -> Tenant:
        box = DirectoryObject(
            "servicePrincipals", BOX_SP, str(uuid.uuid4()), "Box", frozenset({caller_sp}), ("BoxOutDelta",)
        )
        caller = DirectoryObject(
            "servicePrincipals", caller_sp, AUTOMATION_APP, "Automation", frozenset(), ()
        )
        objects = {("servicePrincipals", BOX_SP): box, ("servicePrincipals", caller_sp): caller}
        return Tenant(tenant_id, tenant_id, objects, {AUTOMATION_APP: caller_sp})

    directory = Directory(
        {CONTOSO: tenant(CONTOSO, str(uuid.uuid4())), FABRIKAM: tenant(FABRIKAM, str(uuid.uuid4()))}
    )
    client = InProcess(create_app(settings, directory=directory), tokens)
    try:
        contoso, fabrikam = tokens.header(), tokens.header(tenant=FABRIKAM)
        owned_by = tokens.header(tenant=FABRIKAM, roles=["Application.ReadWrite.OwnedBy"])
        mine = [client.create(headers=contoso)["id"] for _ in range(2)]
        theirs = client.create(headers=fabrikam)["id"]
        assert [j["id"] for j in client.get(JOBS, headers=contoso).json()["value"]] == mine
        assert [j["id"] for j in client.get(JOBS, headers=fabrikam).json()["value"]] == [theirs]
        assert (
            client.get(f"{JOBS}/{theirs}", headers=owned_by).status_code == 200
        )  # its own owner, its own job
        for caller, job_id in ((fabrikam, mine[0]), (owned_by, mine[1]), (contoso, theirs)):
            for method, suffix in (("GET", ""), ("POST", "/start"), ("POST", "/pause"), ("DELETE", "")):
                response = client.request(method, f"{JOBS}/{job_id}{suffix}", auth=False, headers=caller)
                assert_graph_error(response, 404, "Request_ResourceNotFound")
        states = [
            client.get(f"{JOBS}/{job_id}", headers=contoso).json()["schedule"]["state"] for job_id in mine
        ]
        assert states == ["Disabled", "Disabled"]
        assert client.get(f"{JOBS}/{theirs}", headers=fabrikam).json()["schedule"]["state"] == "Disabled"
    finally:
        client.close()


def test_proven_by_tests_names_real_tests() -> None:
    """docs/security.md, "Proven by tests": every test it names exists, and so does every case it quotes."""
    from support.hostile import CASES

    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    section = text[text.index("## Proven by tests") :]
    tests_dir = ROOT / "tests"
    named = 0
    current = None  # `::name` continues the file named last
    for line in section.splitlines():
        for file, name in re.findall(r"`(?:([a-z]+/test_[a-z0-9_]+\.py))?::(test_[a-z0-9_]+)", line):
            current = file or current
            assert current is not None, f"no file before ::{name} in: {line}"
            assert f"\ndef {name}(" in (tests_dir / current).read_text(encoding="utf-8"), f"{current}::{name}"
            named += 1
    assert named > 40
    mode = None
    quoted = {"catalogue": CASES, "auth": AUTH}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if not cells:
            mode = None
        elif cells[:2] == ["Input", "Catalogue cases (both ways)"]:
            mode = "catalogue"
        elif cells[:2] == ["Caller", "Cases"]:
            mode = "auth"
        elif mode is not None and not set(cells[0]) <= {"-"}:
            for case in re.findall(r"`([^`]+)`", cells[1]):
                assert case in quoted[mode], f"{mode} case {case!r} does not exist"
