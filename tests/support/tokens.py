"""Tokens for the tests: minted with the session's key, or hand-built claims for hostile ones."""

from __future__ import annotations

import base64
import time
from collections.abc import Sequence
from typing import Any

from graphsync import demo
from graphsync.auth import KeySet, mint_token
from graphsync.settings import Settings


def b64(data: bytes) -> str:
    """Base64url without padding, as JWT segments are written."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token_claims(*, tenant: str, app_id: str, **changes: Any) -> dict[str, Any]:
    """A valid v1 Graph application token's claims (no roles yet), for hand-built tokens.

    `changes` add or replace claims (e.g. `roles=[...]`); a change to None removes the claim.
    """
    now = int(time.time())
    claims: dict[str, Any] = {
        "aud": "https://graph.microsoft.com",
        "iss": f"https://sts.windows.net/{tenant}/",
        "iat": now,
        "nbf": now,
        "exp": now + 3600,
        "appid": app_id,
        "tid": tenant,
        "ver": "1.0",
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


class Tokens:
    """Mints tokens for the test settings; the default is the automation app in Contoso with full rights."""

    def __init__(self, settings: Settings, keys: KeySet | None = None) -> None:
        self._settings = settings
        self._keys = keys
        self._cache: dict[tuple[Any, ...], str] = {}

    def __call__(
        self,
        *,
        tenant: str = demo.CONTOSO,
        app_id: str = demo.AUTOMATION_APP,
        roles: Sequence[str] = (demo.READ_WRITE,),
        scopes: Sequence[str] = (),
        directory_roles: Sequence[str] = (),
        expires_in: int = 3600,
    ) -> str:
        key = (tenant, app_id, tuple(roles), tuple(scopes), tuple(directory_roles), expires_in)
        if key not in self._cache:
            self._cache[key] = mint_token(
                self._settings,
                tenant=tenant,
                app_id=app_id,
                roles=roles,
                scopes=scopes,
                directory_roles=directory_roles,
                expires_in=expires_in,
                keys=self._keys,
            )
        return self._cache[key]

    def header(self, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self(**kwargs)}"}


def bearer(tokens: Tokens, **kwargs: Any) -> tuple[bytes, bytes]:
    return (b"authorization", f"Bearer {tokens(**kwargs)}".encode())
