"""Entra-style access tokens for Graph: verify them (with a cache for the hot path) and mint them.

Every rejection is a 401 `InvalidAuthenticationToken` with a fixed, Graph-like message and a Bearer
challenge; the reason is logged at debug level without any part of the token (docs/security.md).
"""

from __future__ import annotations

import base64
import json
import logging
import math
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

import jwt
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from graphsync.auth.keys import JWKS_CANNOT_SIGN, KeySet, load_key_set
from graphsync.errors import GraphError
from graphsync.settings import Settings, SettingsError

log = logging.getLogger("graphsync.auth")

GRAPH_RESOURCE = "https://graph.microsoft.com"
GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
ALGORITHM = "RS256"
LEEWAY_S = 60  # clock skew tolerated on exp and nbf
MAX_TOKEN_CHARS = 16 * 1024  # Entra's largest access tokens are a few KiB
CACHE_SIZE = 1024

V1_ISSUER = "https://sts.windows.net/{tid}/"
V2_ISSUER = "https://login.microsoftonline.com/{tid}/v2.0"

CHALLENGE = (
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", '
    f'client_id="{GRAPH_APP_ID}"'
)

MSG_EMPTY = "Access token is empty."
MSG_NOT_COMPACT = "CompactToken parsing failed with error code: 80049217"
MSG_INVALID = "Access token validation failure."
MSG_LIFETIME = "Access token has expired or is not yet valid."
MSG_AUDIENCE = "Access token validation failure. Invalid audience."
MSG_ISSUER = "Access token validation failure. Invalid issuer."

GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_COMPACT_JWS = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Principal:
    """The verified caller: its tenant, client app, and what the token grants."""

    tenant_id: str
    app_id: str
    delegated: bool
    roles: frozenset[str]
    scopes: frozenset[str]
    directory_roles: frozenset[str]  # `wids`: directory role template ids, lower case
    object_id: str | None = None  # `oid`: the user (delegated) or the app's service principal (application)


class Authenticator:
    """Verifies bearer tokens against the configured keys; remembers good tokens until they expire."""

    def __init__(
        self,
        settings: Settings,
        *,
        tenants: Collection[str] | None = None,
        cache_size: int = CACHE_SIZE,
        clock: Callable[[], float] = time.time,
        keys: KeySet | None = None,
    ) -> None:
        """`tenants`: the tenant ids (lower case) whose tokens are accepted; None accepts any tenant.

        `keys`: the key set of `settings`, when the caller has already loaded it (loading checks the key).
        """
        self._keys: Mapping[str, rsa.RSAPublicKey] = (
            keys if keys is not None else load_key_set(settings)
        ).public
        self._audiences = frozenset(settings.audiences)
        self._tenants = None if tenants is None else frozenset(tenants)
        self._clock = clock
        self._cache_size = cache_size
        self._cache: OrderedDict[str, tuple[Principal, float]] = OrderedDict()
        self._lock = threading.Lock()

    def accept_tenants(self, tenants: Collection[str]) -> None:
        """Accept tokens of these tenants from now on (the directory changed at run time)."""
        with self._lock:
            self._tenants = frozenset(tenants)
            self._cache.clear()

    def authenticate(self, authorization: str | None) -> Principal:
        """The principal of an `Authorization` header's bearer token; GraphError 401 if there is none valid."""
        token = _bearer_token(authorization)
        now = self._clock()
        with self._lock:
            hit = self._cache.get(token)
            if hit is not None:
                if now < hit[1]:
                    self._cache.move_to_end(token)
                    return hit[0]
                del self._cache[token]
        principal, expires = self._verify(token, now)
        if self._tenants is not None and principal.tenant_id not in self._tenants:
            _reject(MSG_ISSUER, "tenant not in the directory")
        if now < expires and self._cache_size > 0:
            with self._lock:
                self._cache[token] = (principal, expires)
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return principal

    def _verify(self, token: str, now: float) -> tuple[Principal, float]:
        """Full verification: shape, header, key, RS256 signature, then claims. Returns the principal and `exp`.

        The JWS is checked here rather than by a general JOSE library: one fixed algorithm leaves no
        room for algorithm confusion, and it costs a tenth of PyJWT's decoder (docs/security.md).
        """
        if len(token) > MAX_TOKEN_CHARS or not _COMPACT_JWS.fullmatch(token):
            _reject(MSG_NOT_COMPACT, "not a compact JWS")
        header_b64, payload_b64, signature_b64 = token.split(".")
        header = _json_object(header_b64)
        if header is None:
            _reject(MSG_NOT_COMPACT, "header is not a base64url JSON object")
        if header.get("alg") != ALGORITHM or "crit" in header:
            _reject(MSG_INVALID, "algorithm or critical header not allowed")
        kid = header.get("kid")
        key = self._keys.get(kid) if isinstance(kid, str) else None
        if key is None:
            _reject(MSG_INVALID, "unknown or missing kid")
        try:
            signing_input = f"{header_b64}.{payload_b64}".encode("ascii")
            key.verify(_b64decode(signature_b64), signing_input, padding.PKCS1v15(), hashes.SHA256())
        except (InvalidSignature, ValueError):
            _reject(MSG_INVALID, "bad signature")
        claims = _json_object(payload_b64)
        if claims is None:
            _reject(MSG_INVALID, "payload is not a base64url JSON object")
        return _principal(claims, now, self._audiences)


def _bearer_token(authorization: str | None) -> str:
    """The token of a `Bearer` header. Absent, blank or another scheme count as no token at all."""
    parts = (authorization or "").split(None, 1)
    if len(parts) != 2 or parts[0].lower() != "bearer":
        raise _unauthorized(MSG_EMPTY, invalid_token=False)
    return parts[1].strip()


def _b64decode(segment: str) -> bytes:
    """Base64url without padding, as JWS segments are written (the alphabet is checked beforehand)."""
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _json_object(segment: str) -> dict[str, Any] | None:
    """The JSON object a segment encodes in UTF-8, or None for anything else (including absurd nesting)."""
    try:
        value = json.loads(_b64decode(segment).decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _principal(claims: dict[str, Any], now: float, audiences: frozenset[str]) -> tuple[Principal, float]:
    """Check lifetime, audience, issuer and claim types of verified claims; build the principal."""
    exp = _number(claims.get("exp"))
    nbf = _number(claims["nbf"]) if "nbf" in claims else -math.inf
    if exp is None or nbf is None:
        _reject(MSG_INVALID, "exp missing or exp/nbf not a number")
    if now >= exp + LEEWAY_S or now + LEEWAY_S < nbf:
        _reject(MSG_LIFETIME, "outside the token's lifetime")
    aud = claims.get("aud")
    if not any(isinstance(a, str) and a in audiences for a in (aud if isinstance(aud, list) else [aud])):
        _reject(MSG_AUDIENCE, "audience not accepted")
    tid, iss = claims.get("tid"), claims.get("iss")
    if not isinstance(tid, str) or not GUID.fullmatch(tid):
        _reject(MSG_ISSUER, "tid missing or not a GUID")
    if iss == V1_ISSUER.format(tid=tid):
        app_claim = "appid"
    elif iss == V2_ISSUER.format(tid=tid):
        app_claim = "azp"
    else:
        _reject(MSG_ISSUER, "iss does not match tid")
    app_id, scp, oid = claims.get(app_claim), claims.get("scp"), claims.get("oid")
    roles, wids = claims.get("roles", []), claims.get("wids", [])
    if (
        not isinstance(app_id, str)
        or not app_id
        or not (scp is None or isinstance(scp, str))
        or not (oid is None or isinstance(oid, str))
        or not _is_str_list(roles)
        or not _is_str_list(wids)
    ):
        _reject(MSG_INVALID, "claims of the wrong type")
    principal = Principal(
        tenant_id=tid.lower(),
        app_id=app_id,
        delegated=scp is not None,
        roles=frozenset(roles),
        scopes=frozenset((scp or "").split()),
        directory_roles=frozenset(w.lower() for w in wids),
        object_id=oid,
    )
    return principal, exp


def _number(value: object) -> float | None:
    """A finite JSON number, else None (NaN or Infinity would make the lifetime checks pass silently)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _unauthorized(message: str, *, invalid_token: bool = True) -> GraphError:
    """Graph's 401; `error="invalid_token"` only when a token was presented (RFC 6750 §3.1)."""
    challenge = f'{CHALLENGE}, error="invalid_token"' if invalid_token else CHALLENGE
    return GraphError(401, "InvalidAuthenticationToken", message, {"WWW-Authenticate": challenge})


def _reject(message: str, reason: str) -> NoReturn:
    """Log why a presented token was refused (never the token) and raise the 401."""
    log.debug("bearer token rejected: %s", reason)
    raise _unauthorized(message) from None


def _check_mint_arguments(
    tenant: str, app_id: str, permissions: Sequence[str], directory_roles: Sequence[str], expires_in: int
) -> None:
    """ValueError naming the first argument of `mint_token` that no Entra token could carry."""
    if not GUID.fullmatch(tenant):
        raise ValueError(f"tenant must be a GUID, got {tenant!r}")
    if not app_id or app_id != app_id.strip():
        raise ValueError(f"app id must be a non-empty string without surrounding spaces, got {app_id!r}")
    for name in permissions:
        if not name or any(c.isspace() for c in name):
            raise ValueError(f"permission names must be non-empty and contain no spaces, got {name!r}")
    for role in directory_roles:
        if not GUID.fullmatch(role):
            raise ValueError(f"directory roles must be template ids (GUIDs), got {role!r}")
    if expires_in <= 0:
        raise ValueError(f"expires_in must be positive, got {expires_in}")


def mint_token(
    settings: Settings,
    *,
    tenant: str,
    app_id: str,
    roles: Sequence[str] = (),
    scopes: Sequence[str] = (),
    directory_roles: Sequence[str] = (),
    expires_in: int = 3600,
    not_before: int | None = None,
    audience: str = GRAPH_RESOURCE,
    object_id: str | None = None,
    keys: KeySet | None = None,
) -> str:
    """A v1 access token for Graph, signed with the configured private key.

    Delegated (with `scp`) when `scopes` is given, else an application token (`roles`). The token is
    valid from `not_before` (Unix time, default now) for `expires_in` seconds. Raises ValueError for
    bad arguments and SettingsError when the configuration holds no private key (e.g. JWKS). Pass
    `keys` (from `load_key_set(settings)`) to mint many tokens without loading the key each time.
    """
    _check_mint_arguments(tenant, app_id, [*roles, *scopes], directory_roles, expires_in)
    tenant = tenant.lower()
    if settings.jwks is not None:
        raise SettingsError(f"cannot mint tokens: {JWKS_CANNOT_SIGN}")
    if keys is None:
        keys = load_key_set(settings)
    if keys.signing is None:
        raise SettingsError(f"cannot mint tokens: {keys.why_no_signing}")
    delegated = bool(scopes)
    start = int(time.time()) if not_before is None else int(not_before)
    oid = object_id or str(uuid.uuid5(uuid.NAMESPACE_URL, f"graphsync:{tenant}:{app_id}:{delegated}"))
    claims: dict[str, Any] = {
        "aud": audience,
        "iss": V1_ISSUER.format(tid=tenant),
        "iat": start,
        "nbf": start,
        "exp": start + expires_in,
        "appid": app_id,
        "appidacr": "1",
        "idtyp": "user" if delegated else "app",
        "oid": oid,
        "sub": oid,
        "tid": tenant,
        "uti": uuid.uuid4().hex,
        "ver": "1.0",
    }
    if not delegated:
        claims["idp"] = claims["iss"]
    if roles:
        claims["roles"] = list(roles)
    if scopes:
        claims["scp"] = " ".join(scopes)
    if directory_roles:
        claims["wids"] = [role.lower() for role in directory_roles]
    return jwt.encode(claims, keys.signing, algorithm=ALGORITHM, headers={"kid": keys.signing_kid})
