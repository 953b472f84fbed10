"""Authentication and authorization at the unit level: the auth matrix of docs/security.md."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import random
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jwt
import pytest
import yaml
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from support.tokens import b64, token_claims

from graphsync import demo
from graphsync.auth import (
    CHALLENGE,
    GLOBAL_ADMINISTRATOR,
    LEEWAY_S,
    OWNED_BY,
    PERSONAL_ACCOUNTS_TENANT,
    Authenticator,
    Principal,
    authorize,
    key_id,
    keys,
    load_key_set,
    mint_token,
    tokens,
)
from graphsync.auth.keys import load_or_create_pem
from graphsync.errors import GraphError
from graphsync.settings import Settings, SettingsError, default_spec_path

TENANT = demo.CONTOSO
OTHER_TENANT = "0b3c6a8e-64c4-4f0e-9d4f-6a4cf1a1f4aa"
APP = demo.AUTOMATION_APP
RW = "Synchronization.ReadWrite.All"
READ = "Synchronization.Read.All"
APP_ADMIN = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
CLOUD_APP_ADMIN = "158c047a-c907-4556-b7ef-446551a6b5f7"
HYBRID_ADMIN = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2"
SP_OBJECT = "11111111-2222-3333-4444-555555555555"


# --------------------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(signing_key=tmp_path_factory.mktemp("keys") / "dev-signing-key.pem")


@pytest.fixture(scope="module")
def private_key(settings: Settings) -> rsa.RSAPrivateKey:
    key = load_key_set(settings).signing
    assert key is not None
    return key


@pytest.fixture
def authn(settings: Settings) -> Authenticator:
    return Authenticator(settings)


def good_claims(**changes: Any) -> dict[str, Any]:
    """A valid v1 application token's claims; a value of None removes the claim."""
    return token_claims(tenant=TENANT, app_id=APP, **{"oid": SP_OBJECT, "roles": [RW], **changes})


def sign(key: rsa.RSAPrivateKey, claims: dict[str, Any], *, alg: str = "RS256", kid: str | None = "") -> str:
    """Sign claims with `key`; kid "" means the key's own thumbprint, None means no kid header."""
    headers = {} if kid is None else {"kid": kid or key_id(key.public_key())}
    return jwt.encode(claims, key, algorithm=alg, headers=headers)


def raw_sign(key: rsa.RSAPrivateKey, header: dict[str, Any], payload: bytes) -> str:
    """RS256 over any header and payload bytes, bypassing PyJWT's own checks (as a forger with the key could)."""
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(payload)}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64(signature)}"


def unsigned(header: dict[str, Any], claims: dict[str, Any], signature: bytes = b"") -> str:
    return ".".join([b64(json.dumps(header).encode()), b64(json.dumps(claims).encode()), b64(signature)])


def reject(authn: Authenticator, header: str | None) -> GraphError:
    with pytest.raises(GraphError) as caught:
        authn.authenticate(header)
    return caught.value


def assert_401(error: GraphError, message: str, *, invalid_token: bool = True) -> None:
    assert (error.status, error.code, error.message) == (401, "InvalidAuthenticationToken", message)
    challenge = error.headers["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="", authorization_uri="https://login.microsoftonline.com/')
    assert 'client_id="00000003-0000-0000-c000-000000000000"' in challenge
    assert challenge == (f'{CHALLENGE}, error="invalid_token"' if invalid_token else CHALLENGE)


# --------------------------------------------------------------------------- accepted tokens


def test_minted_application_token_is_accepted(settings: Settings, authn: Authenticator) -> None:
    token = mint_token(settings, tenant=TENANT, app_id=APP, roles=[RW], object_id=SP_OBJECT)
    assert authn.authenticate(f"Bearer {token}") == Principal(
        tenant_id=TENANT,
        app_id=APP,
        delegated=False,
        roles=frozenset({RW}),
        scopes=frozenset(),
        directory_roles=frozenset(),
        object_id=SP_OBJECT,
    )
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["kid"] == key_id(load_key_set(settings).public[header["kid"]])
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["iss"] == f"https://sts.windows.net/{TENANT}/" and claims["ver"] == "1.0"
    assert claims["exp"] - claims["nbf"] == 3600 and "scp" not in claims


def test_minted_delegated_token_is_accepted(settings: Settings, authn: Authenticator) -> None:
    token = mint_token(
        settings, tenant=TENANT.upper(), app_id=APP, scopes=[READ, RW], directory_roles=[APP_ADMIN]
    )
    principal = authn.authenticate(f"bearer  {token} ")
    assert principal.delegated and principal.tenant_id == TENANT
    assert principal.scopes == {READ, RW} and principal.roles == frozenset()
    assert principal.directory_roles == {APP_ADMIN}


def test_v2_token_is_accepted(authn: Authenticator, private_key: rsa.RSAPrivateKey) -> None:
    claims = good_claims(
        iss=f"https://login.microsoftonline.com/{TENANT}/v2.0",
        appid=None,
        azp=APP,
        aud="00000003-0000-0000-c000-000000000000",
        ver="2.0",
    )
    principal = authn.authenticate("Bearer " + sign(private_key, claims))
    assert (principal.tenant_id, principal.app_id, principal.roles) == (TENANT, APP, frozenset({RW}))


def test_audience_list_containing_graph_is_accepted(
    authn: Authenticator, private_key: rsa.RSAPrivateKey
) -> None:
    token = sign(private_key, good_claims(aud=["api://other", "https://graph.microsoft.com/"]))
    assert authn.authenticate(f"Bearer {token}").app_id == APP


@pytest.mark.parametrize("offset", [-(LEEWAY_S - 5), LEEWAY_S - 5])
def test_clock_skew_within_leeway_is_tolerated(
    authn: Authenticator, private_key: rsa.RSAPrivateKey, offset: int
) -> None:
    now = int(time.time())
    claims = good_claims(exp=now + offset) if offset < 0 else good_claims(nbf=now + offset)
    assert authn.authenticate("Bearer " + sign(private_key, claims)).tenant_id == TENANT


# --------------------------------------------------------------------------- the 401 matrix


@pytest.mark.parametrize(
    "header", [None, "", "   ", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz", "Token abc.def.ghi"]
)
def test_no_bearer_token(authn: Authenticator, header: str | None) -> None:
    assert_401(reject(authn, header), tokens.MSG_EMPTY, invalid_token=False)


@pytest.mark.parametrize(
    "token",
    [
        "garbage",
        "a.b",
        "a.b.c.d.e",
        "a..c",
        "abc.def.ghi",
        "e30.e30.!!",
        "a b.c.d",
        "x" * 20000 + ".e30.e30",
        b64(b"[1]") + ".e30.",
        b64(b"\xff\xfe") + ".e30.sig",
    ],
)
def test_malformed_token(authn: Authenticator, token: str) -> None:
    assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_NOT_COMPACT)


def test_alg_none(authn: Authenticator, private_key: rsa.RSAPrivateKey) -> None:
    kid = key_id(private_key.public_key())
    for alg in ("none", "None", "NONE"):
        assert_401(
            reject(authn, "Bearer " + unsigned({"alg": alg, "kid": kid}, good_claims())), tokens.MSG_INVALID
        )


def test_hs256_signed_with_the_public_key(authn: Authenticator, private_key: rsa.RSAPrivateKey) -> None:
    """The key-confusion attack: an HMAC 'secret' that is the server's public key."""
    public = private_key.public_key()
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": key_id(public)}).encode())
    body = b64(json.dumps(good_claims()).encode())
    for secret in (pem, pem.strip(), der):
        mac = hmac.new(secret, f"{header}.{body}".encode(), hashlib.sha256).digest()
        assert_401(reject(authn, f"Bearer {header}.{body}.{b64(mac)}"), tokens.MSG_INVALID)


@pytest.mark.parametrize("alg", ["RS384", "RS512", "PS256"])
def test_other_rsa_algorithms_with_the_right_key(
    authn: Authenticator, private_key: rsa.RSAPrivateKey, alg: str
) -> None:
    assert_401(reject(authn, "Bearer " + sign(private_key, good_claims(), alg=alg)), tokens.MSG_INVALID)


def test_es256_token(authn: Authenticator, private_key: rsa.RSAPrivateKey) -> None:
    token = jwt.encode(
        good_claims(),
        ec.generate_private_key(ec.SECP256R1()),
        algorithm="ES256",
        headers={"kid": key_id(private_key.public_key())},
    )
    assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_INVALID)


def test_bad_signature(authn: Authenticator, private_key: rsa.RSAPrivateKey) -> None:
    intruder = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = sign(intruder, good_claims(), kid=key_id(private_key.public_key()))
    assert_401(reject(authn, f"Bearer {forged}"), tokens.MSG_INVALID)
    header, _, signature = sign(private_key, good_claims()).split(".")
    tampered = (
        f"{header}.{b64(json.dumps(good_claims(roles=['Directory.ReadWrite.All'])).encode())}.{signature}"
    )
    assert_401(reject(authn, f"Bearer {tampered}"), tokens.MSG_INVALID)


@pytest.mark.parametrize(
    ("kid", "message"),
    [(None, tokens.MSG_INVALID), ("unknown-kid", tokens.MSG_INVALID), (42, tokens.MSG_INVALID)],
)
def test_missing_or_unknown_kid(
    authn: Authenticator, private_key: rsa.RSAPrivateKey, kid: Any, message: str
) -> None:
    header = {"alg": "RS256"} if kid is None else {"alg": "RS256", "kid": kid}
    token = raw_sign(private_key, header, json.dumps(good_claims()).encode())
    assert_401(reject(authn, f"Bearer {token}"), message)


def test_critical_header_extensions(authn: Authenticator, private_key: rsa.RSAPrivateKey) -> None:
    """`crit` (e.g. RFC 7797's unencoded payload, b64: false) names extensions the verifier must understand."""
    header = {"alg": "RS256", "kid": key_id(private_key.public_key()), "b64": False, "crit": ["b64"]}
    token = raw_sign(private_key, header, json.dumps(good_claims()).encode())
    assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_INVALID)


def test_expired(authn: Authenticator, private_key: rsa.RSAPrivateKey) -> None:
    now = int(time.time())
    claims = good_claims(iat=now - 7200, nbf=now - 7200, exp=now - LEEWAY_S - 1)
    assert_401(reject(authn, "Bearer " + sign(private_key, claims)), tokens.MSG_LIFETIME)


def test_not_yet_valid(settings: Settings, authn: Authenticator) -> None:
    token = mint_token(settings, tenant=TENANT, app_id=APP, roles=[RW], not_before=int(time.time()) + 600)
    assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_LIFETIME)


def test_minted_expired_token(settings: Settings, authn: Authenticator) -> None:
    token = mint_token(settings, tenant=TENANT, app_id=APP, roles=[RW], not_before=int(time.time()) - 7200)
    assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_LIFETIME)


@pytest.mark.parametrize(
    "changes",
    [
        {"exp": None},
        {"exp": "9999999999"},
        {"exp": True},
        {"exp": float("nan")},
        {"exp": float("inf")},
        {"exp": 10**400},
        {"nbf": "0"},
        {"nbf": float("nan")},
    ],
    ids=["no-exp", "exp-string", "exp-bool", "exp-nan", "exp-inf", "exp-huge", "nbf-string", "nbf-nan"],
)
def test_unusable_lifetime_claims(
    authn: Authenticator, private_key: rsa.RSAPrivateKey, changes: dict[str, Any]
) -> None:
    payload = json.dumps(good_claims(**changes)).encode()  # json.dumps writes NaN/Infinity, as a forger could
    token = raw_sign(private_key, {"alg": "RS256", "kid": key_id(private_key.public_key())}, payload)
    assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_INVALID)


@pytest.mark.parametrize(
    "aud",
    [None, "https://graph.windows.net", "https://graph.microsoft.com.evil", "", ["api://x"], 42, {"a": 1}],
)
def test_wrong_audience(
    settings: Settings, authn: Authenticator, private_key: rsa.RSAPrivateKey, aud: Any
) -> None:
    assert_401(reject(authn, "Bearer " + sign(private_key, good_claims(aud=aud))), tokens.MSG_AUDIENCE)


def test_minted_with_wrong_audience(settings: Settings, authn: Authenticator) -> None:
    token = mint_token(
        settings, tenant=TENANT, app_id=APP, roles=[RW], audience="https://management.azure.com"
    )
    assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_AUDIENCE)


def test_configured_audiences_are_honoured(tmp_path: Path, settings: Settings) -> None:
    only_guid = Settings(
        signing_key=settings.signing_key, audiences=("00000003-0000-0000-c000-000000000000",)
    )
    token = mint_token(only_guid, tenant=TENANT, app_id=APP, roles=[RW])
    assert_401(reject(Authenticator(only_guid), f"Bearer {token}"), tokens.MSG_AUDIENCE)


@pytest.mark.parametrize(
    "changes",
    [
        {"tid": None},
        {"tid": "contoso.onmicrosoft.com"},
        {"tid": ""},
        {"tid": [demo.CONTOSO]},
        {"tid": OTHER_TENANT},  # iss still names TENANT
        {"iss": f"https://sts.windows.net/{OTHER_TENANT}/"},
        {"iss": None},
        {"iss": f"https://sts.windows.net/{TENANT}"},
        {"iss": f"https://evil.example/{TENANT}/"},
        {"iss": f"https://login.microsoftonline.com/{TENANT}/"},
        {"iss": "https://sts.windows.net/{tid}/"},
    ],
    ids=[
        "no-tid",
        "tid-name",
        "tid-empty",
        "tid-list",
        "tid-mismatch",
        "iss-other-tenant",
        "no-iss",
        "iss-no-slash",
        "iss-other-host",
        "iss-v1-host-v2-form",
        "iss-template",
    ],
)
def test_wrong_or_missing_tenant(
    authn: Authenticator, private_key: rsa.RSAPrivateKey, changes: dict[str, Any]
) -> None:
    assert_401(reject(authn, "Bearer " + sign(private_key, good_claims(**changes))), tokens.MSG_ISSUER)


@pytest.mark.parametrize(
    "changes",
    [
        {"appid": None},
        {"appid": ""},
        {"appid": 7},
        {"roles": RW},
        {"roles": [RW, 1]},
        {"scp": [RW]},
        {"wids": APP_ADMIN},
        {"oid": 5},
        {"iss": f"https://login.microsoftonline.com/{TENANT}/v2.0"},
    ],  # v2 issuer but no azp
)
def test_claims_of_the_wrong_type(
    authn: Authenticator, private_key: rsa.RSAPrivateKey, changes: dict[str, Any]
) -> None:
    assert_401(reject(authn, "Bearer " + sign(private_key, good_claims(**changes))), tokens.MSG_INVALID)


def test_payload_that_is_not_an_object(authn: Authenticator, private_key: rsa.RSAPrivateKey) -> None:
    for payload in (b"[1, 2]", b'"x"', b"not json", b"\xff"):
        token = raw_sign(private_key, {"alg": "RS256", "kid": key_id(private_key.public_key())}, payload)
        assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_INVALID)


def test_deeply_nested_payload(authn: Authenticator, private_key: rsa.RSAPrivateKey) -> None:
    payload = b'{"a":' * 1500 + b"1" + b"}" * 1500  # deeper than json's recursion limit, under 16 KiB
    token = raw_sign(private_key, {"alg": "RS256", "kid": key_id(private_key.public_key())}, payload)
    assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_INVALID)


def test_random_garbage_is_always_a_401(authn: Authenticator) -> None:
    rng = random.Random(7)
    pieces = [
        b"",
        b"{}",
        b"[]",
        b'{"alg":"RS256"}',
        b'{"alg":"RS256","kid":"x"}',
        b"\x00\xff",
        b"null",
        b"1e999",
    ]
    for _ in range(500):
        segments = [
            b64(rng.choice(pieces) + bytes(rng.randrange(256) for _ in range(rng.randrange(8))))
            for _ in range(rng.choice([1, 2, 3, 3, 3, 4, 5]))
        ]
        header = rng.choice(["Bearer ", "bearer ", "Bearer\t", ""]) + ".".join(segments)
        assert reject(authn, header).status == 401


def test_rejections_reveal_and_log_nothing_of_the_token(
    authn: Authenticator, private_key: rsa.RSAPrivateKey, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="graphsync")
    token = sign(private_key, good_claims(exp=int(time.time()) - 3600, appid="secret-app-id-marker"))
    error = reject(authn, f"Bearer {token}")
    assert error.__cause__ is None and error.__suppress_context__
    for part in token.split("."):
        assert part not in str(error) and part not in caplog.text
    assert "secret-app-id-marker" not in caplog.text and "bearer token rejected" in caplog.text


# --------------------------------------------------------------------------- the 403 matrix


def spec_operations() -> dict[tuple[str, str], dict[str, Any]]:
    spec = yaml.safe_load(default_spec_path().read_text(encoding="utf-8"))
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    return {
        (method, path): operation
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in methods
    }


OPERATIONS = spec_operations()
PERMISSIONS = {
    key: op["x-graph-permissions"] for key, op in OPERATIONS.items() if "x-graph-permissions" in op
}
UPLOAD = PERMISSIONS.pop(
    (
        "post",
        "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/bulkUpload",
    )
)  # bulkUpload has permissions of its own (SynchronizationData-User.Upload)
LIST = PERMISSIONS[("get", "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs")]
CREATE = PERMISSIONS[("post", "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs")]


def app(*roles: str, tenant: str = TENANT) -> Principal:
    return Principal(tenant, APP, False, frozenset(roles), frozenset(), frozenset())


def user(
    scopes: tuple[str, ...], wids: tuple[str, ...], *, roles: tuple[str, ...] = (), tenant: str = TENANT
) -> Principal:
    return Principal(tenant, APP, True, frozenset(roles), frozenset(scopes), frozenset(wids))


def allowed(
    principal: Principal, permissions: dict[str, Any], owners: tuple[str, ...] = (), caller: str | None = None
) -> bool:
    """Whether the call is allowed; a refusal must be Graph's observed 401 (the default) and, with
    `errors="documented"`, its documented 403, for exactly the same calls."""
    try:
        authorize(principal, permissions, owner_ids=owners, caller_object_id=caller)
    except GraphError as error:
        assert (error.status, error.code, error.message, error.headers) == (401, "UnknownError", "", {})
        with pytest.raises(GraphError) as documented:
            authorize(principal, permissions, owner_ids=owners, caller_object_id=caller, errors="documented")
        assert (documented.value.status, documented.value.code, documented.value.message) == (
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        )
        return False
    authorize(principal, permissions, owner_ids=owners, caller_object_id=caller, errors="documented")
    return True


def test_every_operation_has_a_permission_table() -> None:
    assert len(PERMISSIONS) + 1 == len(OPERATIONS) >= 14
    for table in PERMISSIONS.values():
        assert (
            RW in table["application"] and RW in table["delegatedWork"] and table["delegatedPersonal"] == []
        )


@pytest.mark.parametrize("table", list(PERMISSIONS.values()))
def test_application_read_write_passes_everywhere(table: dict[str, Any]) -> None:
    assert allowed(app(RW), table)
    assert allowed(user((RW,), (APP_ADMIN,)), table)


def test_application_permissions() -> None:
    assert allowed(app(READ), LIST) and not allowed(app(READ), CREATE)
    assert not allowed(app(), LIST)
    assert not allowed(app("User.Read.All", "Directory.Read.All", "Application.Read.All"), CREATE)
    assert not allowed(app(RW.lower()), CREATE)  # permission names are exact


@pytest.mark.parametrize("permission", ["Application.ReadWrite.All", "Directory.ReadWrite.All"])
def test_the_permissions_terraform_documents_manage_jobs_everywhere(permission: str) -> None:
    # azuread_synchronization_job requires one of these two (docs/spec-decisions.md D18).
    for table in PERMISSIONS.values():
        assert allowed(app(permission), table)
        assert allowed(user((permission,), (APP_ADMIN,)), table)
        assert not allowed(user((permission,), ()), table)  # delegated still needs a directory role


def test_bulk_upload_takes_its_own_permissions_and_owned_by_covers_owned_objects_only() -> None:
    upload, owned_by = "SynchronizationData-User.Upload", "SynchronizationData-User.Upload.OwnedBy"
    assert allowed(app(upload), UPLOAD)
    assert allowed(app(owned_by), UPLOAD, owners=(SP_OBJECT,), caller=SP_OBJECT)
    assert not allowed(app(owned_by), UPLOAD, owners=("someone",), caller=SP_OBJECT)
    for other in (RW, "Application.ReadWrite.All", "Directory.ReadWrite.All", OWNED_BY):
        assert not allowed(app(other), UPLOAD, owners=(SP_OBJECT,), caller=SP_OBJECT)
    assert not allowed(app(upload), CREATE)  # and it allows nothing else


def test_application_read_all_reads_but_does_not_write() -> None:
    assert allowed(app("Application.Read.All"), LIST)
    assert not allowed(app("Application.Read.All"), CREATE)
    for (method, _), table in PERMISSIONS.items():
        assert allowed(app("Application.Read.All"), table) == (method == "get")


def test_owned_by_only_for_owned_objects() -> None:
    assert allowed(app(OWNED_BY), CREATE, owners=("someone", SP_OBJECT), caller=SP_OBJECT)
    assert not allowed(app(OWNED_BY), CREATE, owners=("someone",), caller=SP_OBJECT)
    assert not allowed(app(OWNED_BY), CREATE, owners=(SP_OBJECT,), caller=None)
    assert not allowed(app(OWNED_BY), CREATE, owners=(), caller=SP_OBJECT)
    assert not allowed(app(OWNED_BY, READ), CREATE, owners=(), caller=SP_OBJECT)
    assert allowed(app(OWNED_BY, READ), LIST, owners=(), caller=SP_OBJECT)


def test_delegated_needs_scope_and_directory_role() -> None:
    assert not allowed(user((RW,), ()), CREATE)
    assert not allowed(user((RW,), ("b79fbf4d-3ef9-4689-8143-76b194e85509",)), CREATE)  # default User role
    assert not allowed(user(("User.Read",), (APP_ADMIN,)), CREATE)
    assert not allowed(user((READ,), (APP_ADMIN,)), CREATE)
    assert allowed(user((READ,), (APP_ADMIN,)), LIST)
    for role in (APP_ADMIN, CLOUD_APP_ADMIN, HYBRID_ADMIN, GLOBAL_ADMINISTRATOR):
        assert allowed(user((RW, "openid"), (role,)), CREATE)


def test_delegated_tokens_do_not_use_roles() -> None:
    assert not allowed(user((), (APP_ADMIN,), roles=(RW,)), CREATE)
    assert not allowed(
        user(("User.Read",), (APP_ADMIN,), roles=(RW, OWNED_BY)), CREATE, (SP_OBJECT,), SP_OBJECT
    )


def test_personal_accounts_are_not_supported() -> None:
    assert not allowed(user((RW,), (GLOBAL_ADMINISTRATOR,), tenant=PERSONAL_ACCOUNTS_TENANT), LIST)
    assert not allowed(app(RW, tenant=PERSONAL_ACCOUNTS_TENANT), LIST)


@pytest.mark.parametrize(
    "table", [{}, {"application": "Synchronization.ReadWrite.All"}, {"application": None}]
)
def test_missing_or_malformed_permission_table_denies(table: dict[str, Any]) -> None:
    assert not allowed(app(RW), table) and not allowed(user((RW,), (GLOBAL_ADMINISTRATOR,)), table)


def test_minted_tokens_end_to_end(settings: Settings, authn: Authenticator) -> None:
    def principal(**kwargs: Any) -> Principal:
        return authn.authenticate("Bearer " + mint_token(settings, tenant=TENANT, app_id=APP, **kwargs))

    assert allowed(principal(roles=[RW]), CREATE)
    assert not allowed(principal(roles=["User.Read.All"]), CREATE)
    assert not allowed(principal(scopes=[RW]), CREATE)
    assert allowed(principal(scopes=[RW], directory_roles=[HYBRID_ADMIN.upper()]), CREATE)
    owned = principal(roles=[OWNED_BY], object_id=SP_OBJECT)
    assert allowed(owned, CREATE, owners=(SP_OBJECT,), caller=owned.object_id)
    assert not allowed(owned, CREATE, owners=("other",), caller=owned.object_id)


# --------------------------------------------------------------------------- cache


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Callable[[Authenticator], list[int]]:
    def wrap(authn: Authenticator) -> list[int]:
        calls: list[int] = []
        verify = authn._verify

        def counting(token: str, now: float) -> tuple[Principal, float]:
            calls.append(1)
            return verify(token, now)

        monkeypatch.setattr(authn, "_verify", counting)
        return calls

    return wrap


def test_cache_hits_until_exp_then_verifies_again(
    settings: Settings, private_key: rsa.RSAPrivateKey, counted: Callable[[Authenticator], list[int]]
) -> None:
    clock = Clock()
    authn = Authenticator(settings, clock=clock)
    calls = counted(authn)
    exp = int(clock.now) + 100
    header = "Bearer " + sign(private_key, good_claims(exp=exp))
    first = authn.authenticate(header)
    assert authn.authenticate(header) == first and authn.authenticate(header) == first
    assert len(calls) == 1
    clock.now = exp + 1  # past exp but within the leeway: verified again, accepted, not cached
    assert authn.authenticate(header) == first and authn.authenticate(header) == first
    assert len(calls) == 3 and header.split()[1] not in authn._cache
    clock.now = exp + LEEWAY_S + 1
    assert_401(reject(authn, header), tokens.MSG_LIFETIME)


def test_cache_is_a_bounded_lru(
    settings: Settings, private_key: rsa.RSAPrivateKey, counted: Callable[[Authenticator], list[int]]
) -> None:
    authn = Authenticator(settings, cache_size=2)
    calls = counted(authn)
    a, b, c = ("Bearer " + sign(private_key, good_claims(uti=name)) for name in "abc")
    for header in (a, b, a, c):  # c evicts b, the least recently used
        authn.authenticate(header)
    assert len(authn._cache) == 2 and len(calls) == 3
    authn.authenticate(a)
    assert len(calls) == 3
    authn.authenticate(b)
    assert len(calls) == 4 and len(authn._cache) == 2


def test_failures_are_never_cached(
    settings: Settings, private_key: rsa.RSAPrivateKey, counted: Callable[[Authenticator], list[int]]
) -> None:
    authn = Authenticator(settings)
    calls = counted(authn)
    intruder = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = "Bearer " + sign(intruder, good_claims(), kid=key_id(private_key.public_key()))
    for n in range(20):
        reject(authn, forged)
        reject(authn, "Bearer " + sign(private_key, good_claims(aud=f"api://{n}")))
    assert len(calls) == 40 and len(authn._cache) == 0


def test_cache_can_be_disabled(
    settings: Settings, private_key: rsa.RSAPrivateKey, counted: Callable[[Authenticator], list[int]]
) -> None:
    authn = Authenticator(settings, cache_size=0)
    calls = counted(authn)
    header = "Bearer " + sign(private_key, good_claims())
    authn.authenticate(header)
    authn.authenticate(header)
    assert len(calls) == 2 and len(authn._cache) == 0


# --------------------------------------------------------------------------- keys


def test_key_id_is_the_rfc_7638_thumbprint() -> None:
    """The example of RFC 7638 §3.1."""
    n = (
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiF"
        "V4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9"
        "c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1"
        "jF44-csFCur-kEgU8awapJzKnqDKgw"
    )
    key = jwt.algorithms.RSAAlgorithm.from_jwk({"kty": "RSA", "n": n, "e": "AQAB"})
    assert isinstance(key, rsa.RSAPublicKey)
    assert key_id(key) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_development_key_is_created_private(tmp_path: Path) -> None:
    path = tmp_path / "var" / "dev-signing-key.pem"
    key = load_or_create_pem(path)
    assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 2048
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert os.listdir(path.parent) == [path.name]
    assert key_id(load_key_set(Settings(signing_key=path)).public[key_id(key.public_key())]) == key_id(
        key.public_key()
    )


def test_existing_key_is_reused(tmp_path: Path) -> None:
    path = tmp_path / "key.pem"
    first = load_or_create_pem(path)
    before = path.read_bytes()
    assert key_id(load_or_create_pem(path).public_key()) == key_id(first.public_key())  # type: ignore[union-attr]
    assert path.read_bytes() == before


RACER = """
import sys, time
from pathlib import Path
from graphsync.auth import key_id
from graphsync.auth.keys import load_or_create_pem
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
print(key_id(load_or_create_pem(Path(sys.argv[1])).public_key()))
"""


@pytest.mark.parametrize("round_", range(2))
def test_concurrent_first_use_agrees_on_one_key(tmp_path: Path, round_: int) -> None:
    """`serve` and `token` starting at once: every process ends up with the key that is on disk."""
    path, go = tmp_path / "var" / "dev-signing-key.pem", tmp_path / "go"
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(path), str(go)], stdout=subprocess.PIPE, env=env, text=True
        )
        for _ in range(5)
    ]
    time.sleep(0.5)  # let every racer import and wait at the line
    go.touch()
    kids = set()
    for racer in racers:
        out, _ = racer.communicate(timeout=60)
        assert racer.returncode == 0
        kids.add(out.strip())
    on_disk = load_or_create_pem(path)
    assert kids == {key_id(on_disk.public_key())}  # type: ignore[union-attr]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and os.listdir(path.parent) == [path.name]


def test_readable_key_is_warned_about(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "key.pem"
    load_or_create_pem(path)
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="graphsync.auth"):
        load_or_create_pem(path)
    assert "readable by others" in caplog.text


def _pem(key: Any, password: bytes | None = None) -> bytes:
    encryption = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "content",
    [
        b"not a key",
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        _pem(rsa.generate_private_key(public_exponent=65537, key_size=1024)),
        _pem(ec.generate_private_key(ec.SECP256R1())),
        _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048), b"secret"),
    ],
    ids=["garbage", "bad-base64", "rsa-1024", "ec", "encrypted"],
)
def test_unusable_key_file_is_a_settings_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "key.pem"
    path.write_bytes(content)
    settings = Settings(signing_key=path)
    with pytest.raises(SettingsError, match="GRAPHSYNC_SIGNING_KEY"):
        Authenticator(settings)
    with pytest.raises(SettingsError):
        mint_token(settings, tenant=TENANT, app_id=APP)


def test_key_paths_that_cannot_be_read_or_created_are_settings_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder, a path under a file, an unwritable folder: one readable SettingsError naming the path."""
    with pytest.raises(SettingsError) as folder:
        load_key_set(Settings(signing_key=tmp_path))
    assert str(folder.value) == f"GRAPHSYNC_SIGNING_KEY={tmp_path}: cannot read the key file: Is a directory"
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(SettingsError, match="cannot read the key file: Not a directory"):
        load_or_create_pem(tmp_path / "file" / "key.pem")

    def refuse(path: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(keys, "_create_key_file", refuse)
    with pytest.raises(SettingsError) as denied:
        load_or_create_pem(tmp_path / "new.pem", "--signing-key new.pem")
    assert (
        str(denied.value)
        == "--signing-key new.pem: no key file there, and cannot create one: Permission denied"
    )


def test_parsed_keys_are_not_cached_process_wide(tmp_path: Path) -> None:
    """Keys belong to the KeySet an app loads (ARCHITECTURE.md: no module-level singletons)."""
    assert [name for name, value in vars(keys).items() if hasattr(value, "cache_info")] == []
    path = tmp_path / "key.pem"
    first = load_or_create_pem(path)
    assert isinstance(first, rsa.RSAPrivateKey)
    path.write_bytes(_pem(rsa.generate_private_key(public_exponent=65537, key_size=2048)))
    second = load_or_create_pem(path)
    assert isinstance(second, rsa.RSAPrivateKey)
    assert key_id(second.public_key()) != key_id(first.public_key())


def test_operator_public_key_verifies_but_cannot_mint(tmp_path: Path, private_key: rsa.RSAPrivateKey) -> None:
    path = tmp_path / "public.pem"
    path.write_bytes(
        private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    settings = Settings(signing_key=path)
    assert Authenticator(settings).authenticate("Bearer " + sign(private_key, good_claims())).app_id == APP
    with pytest.raises(SettingsError, match="only a public key"):
        mint_token(settings, tenant=TENANT, app_id=APP)


# --------------------------------------------------------------------------- JWKS


@pytest.fixture(scope="module")
def jwks_keys() -> dict[str, rsa.RSAPrivateKey]:
    return {
        kid: rsa.generate_private_key(public_exponent=65537, key_size=2048)
        for kid in ("k-2026-1", "k-2026-2")
    }


def write_jwks(path: Path, keys: dict[str, rsa.RSAPrivateKey], extra: list[Any] | None = None) -> Path:
    entries: list[dict[str, Any]] = []
    for kid, key in keys.items():
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
        entries.append({**jwk, "kid": kid, "use": "sig", "x5t": kid})
    path.write_text(json.dumps({"keys": entries + (extra or [])}), encoding="utf-8")
    return path


@pytest.fixture
def jwks_settings(tmp_path: Path, jwks_keys: dict[str, rsa.RSAPrivateKey]) -> Settings:
    extra: list[Any] = [
        {"kty": "RSA", "use": "enc", "kid": "enc", "n": "AQAB", "e": "AQAB"},
        {"kty": "EC", "kid": "ec"},
        "junk",
    ]
    return Settings(
        signing_key=tmp_path / "unused.pem", jwks=write_jwks(tmp_path / "jwks.json", jwks_keys, extra)
    )


def test_jwks_verifies_by_kid(jwks_settings: Settings, jwks_keys: dict[str, rsa.RSAPrivateKey]) -> None:
    authn = Authenticator(jwks_settings)
    for kid, key in jwks_keys.items():
        assert authn.authenticate("Bearer " + sign(key, good_claims(), kid=kid)).tenant_id == TENANT
    assert not jwks_settings.signing_key.exists()  # no development key is created in JWKS mode


def test_jwks_unknown_kid_and_wrong_key(
    jwks_settings: Settings, jwks_keys: dict[str, rsa.RSAPrivateKey], private_key: rsa.RSAPrivateKey
) -> None:
    authn = Authenticator(jwks_settings)
    first = jwks_keys["k-2026-1"]
    for token in (
        sign(first, good_claims(), kid="k-unknown"),
        sign(first, good_claims(), kid="k-2026-2"),  # signed by the other key of the set
        sign(first, good_claims(), kid="enc"),  # an encryption key is never used to verify
        sign(private_key, good_claims()),  # the development key is not trusted in JWKS mode
    ):
        assert_401(reject(authn, f"Bearer {token}"), tokens.MSG_INVALID)


def test_jwks_mode_cannot_mint(jwks_settings: Settings) -> None:
    with pytest.raises(SettingsError, match="GRAPHSYNC_JWKS is set"):
        mint_token(jwks_settings, tenant=TENANT, app_id=APP, roles=[RW])


@pytest.mark.parametrize(
    "content", ["", "{", "[]", '{"keys": {}}', '{"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "h"}]}']
)
def test_unusable_jwks_is_a_settings_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "jwks.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match="GRAPHSYNC_JWKS"):
        Authenticator(Settings(jwks=path))
    with pytest.raises(SettingsError, match="GRAPHSYNC_JWKS"):
        Authenticator(Settings(jwks=tmp_path / "missing.json"))


# --------------------------------------------------------------------------- mint_token arguments


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tenant": "contoso"},
        {"app_id": ""},
        {"roles": ["a b"]},
        {"scopes": [""]},
        {"directory_roles": ["Admin"]},
        {"expires_in": 0},
    ],
)
def test_mint_token_rejects_bad_arguments(settings: Settings, kwargs: dict[str, Any]) -> None:
    arguments: dict[str, Any] = {"tenant": TENANT, "app_id": APP, **kwargs}
    with pytest.raises(ValueError):
        mint_token(settings, **arguments)


def test_each_minted_token_is_unique(settings: Settings) -> None:
    assert mint_token(settings, tenant=TENANT, app_id=APP) != mint_token(settings, tenant=TENANT, app_id=APP)
