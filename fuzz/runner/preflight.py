"""Preflight: fail fast, with a readable message, on a wrong URL, token or owner id."""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from collections.abc import Sequence

from fuzz.runner.errors import RunError


def preflight(base_url: str, token: str, owners: Sequence[tuple[str, str]], tls_verify: bool) -> None:
    """List the jobs of each fuzzed owner once; anything but 200 stops the run before it starts."""
    context = None if tls_verify else ssl._create_unverified_context()
    for kind, object_id in owners:
        url = f"{base_url.rstrip('/')}/{kind}/{object_id}/synchronization/jobs?$top=1"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=30, context=context) as response:
                status, body = response.status, response.read(2000)
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read(2000)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise RunError(f"cannot reach {url}: {getattr(exc, 'reason', exc)}") from None
        if status != 200:
            text = body.decode("utf-8", "replace")
            raise RunError(f"GET {url} answered {status}: {_hint(status, kind)}.\nResponse: {text[:600]}")


def _hint(status: int, kind: str) -> str:
    """What a status of the preflight request most likely means."""
    hints = {
        401: "the token was refused: check that TOKEN is a current access token for this server "
        "(not expired, right audience and issuer), without the 'Bearer ' prefix",
        403: "the token lacks a permission: the main identity needs Synchronization.ReadWrite.All "
        "(application) or an equivalent delegated permission and role",
        404: f"no such {kind[:-1]} in the token's tenant: pass its object id "
        f"({'SP_ID' if kind == 'servicePrincipals' else 'APP_ID'}=...), or exclude its operations "
        f"(EXCLUDE=/{kind}/)",
    }
    return hints.get(status, "is URL the API's base URL, ending in /v1.0 (or /beta)?")
