"""Preflight: fail fast, with a readable message, on a wrong URL, token, owner id or operator key; and the
started jobs the control API's run on the emulator begins with."""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.parse
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


def control_preflight(origin: str, key: str, tls_verify: bool) -> None:
    """Read the control API's clock once with the operator key; anything but 200 stops the run before it starts."""
    context = None if tls_verify else ssl._create_unverified_context()
    url = f"{origin.rstrip('/')}/_graphsync/clock"
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=30, context=context) as response:
            status, body = response.status, response.read(2000)
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read(2000)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise RunError(f"cannot reach the control API at {url}: {getattr(exc, 'reason', exc)}") from None
    if status != 200:
        hints = {
            401: "the operator key was refused: CONTROL_KEY must be the key in the file the emulator's "
            "--operator-key-file names (default var/operator-key)",
            404: "no control API there: only graphsync's emulator has one (CONTROL=off fuzzes the Graph API only)",
        }
        text = body.decode("utf-8", "replace")
        raise RunError(
            f"GET {url} answered {status}: {hints.get(status, 'is this a graphsync emulator?')}.\n"
            f"Response: {text[:600]}"
        )


def start_jobs(base_url: str, token: str, jobs: Sequence[tuple[str, str, str]]) -> None:
    """Create and start a job of each (owner kind, object id, template) with the Graph API, so that the
    control API's listAllJobs, advanceClock (their cycles) and web view have jobs to work on."""
    for kind, object_id, template in jobs:
        collection = f"{base_url.rstrip('/')}/{kind}/{object_id}/synchronization/jobs"
        created = _send("POST", collection, token, {"templateId": template}, 201)
        job_id = str(json.loads(created)["id"])
        _send("POST", f"{collection}/{urllib.parse.quote(job_id, safe='')}/start", token, None, 204)


def _send(method: str, url: str, token: str, body: object, expected: int) -> bytes:
    """One Graph request; RunError unless it is answered `expected`."""
    data = None if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, answer = response.status, response.read(1_000_000)
    except urllib.error.HTTPError as exc:
        status, answer = exc.code, exc.read(2000)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise RunError(f"cannot reach {url}: {getattr(exc, 'reason', exc)}") from None
    if status != expected:
        raise RunError(
            f"{method} {url} answered {status}, not {expected}, before the control API's run: "
            f"{answer[:600].decode('utf-8', 'replace')}"
        )
    return bytes(answer)


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
