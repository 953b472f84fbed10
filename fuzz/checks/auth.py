"""Authorization and tenant isolation: the run's token is accepted, and each other identity gets what it may.

The two identity checks replay the case as every other identity of the identities file and compare.
Replays of writes are only made for identities that must be refused.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from fuzz.checks.config import settings
from fuzz.checks.exchange import (
    SAFE_METHODS,
    error_code,
    json_body,
    raw_operation,
    request_label,
    sent_declared_method,
    sent_header,
    short,
)
from fuzz.checks.transport import replay
from fuzz.identities import Identity

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

#: The error code of Graph's 401 for a valid token without the operation's permission (D24).
PERMISSION_REFUSED = "UnknownError"


def valid_token_is_not_rejected(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A request carrying the run's valid token is never answered 401: a green run must not hide a bad token."""
    token = settings().token
    if (
        response.status_code != 401
        or token is None
        or sent_header(response, "authorization") != f"Bearer {token}"
    ):
        return
    body = json_body(response)
    message = (
        body.get("error", {}).get("message")
        if isinstance(body, Mapping) and isinstance(body.get("error"), Mapping)
        else None
    )
    code = error_code(response)
    raise AssertionError(
        f"401{' ' + code if code else ''} to {request_label(case, response)} although it carried the run's token ({message!r}).\n"
        "Expected: the token given to the run (GRAPHSYNC_FUZZ_TOKEN / make fuzz TOKEN=...) is accepted; "
        "check that it is not expired, is for this server's issuer and audience, and is sent as `Bearer <token>`"
        + (
            f"; {PERMISSION_REFUSED} is Graph's answer to a token without a permission the operation accepts."
            if code == PERMISSION_REFUSED
            else "."
        )
    )


def documented_permissions_are_enforced(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """Callers of the home tenant get what `x-graph-permissions` grants them: refused without, success with (D18).

    A refusal is Graph's observed 401 `UnknownError` or its documented 403 (D24). Judged on every
    request the main identity made successfully, replayed as each other identity of the home
    tenant: reads as every identity, writes only as the identities that must be refused.
    """
    for identity, replayed in _replays(ctx, response, case, tenant="home"):
        allowed = identity.may_call(raw_operation(case))
        code = error_code(replayed)
        where = (
            f"{request_label(case, response)} replayed as `{identity.name}` ({identity.kind}, "
            f"permissions {list(identity.permissions) or 'none'}"
            + (f", directory roles {list(identity.directory_roles)}" if identity.kind == "delegated" else "")
            + f"): got {replayed.status_code}"
            + (f" {code}" if code else "")
            + f", the main identity got {response.status_code}"
        )
        table = short(raw_operation(case).get("x-graph-permissions"), 500)
        if allowed:
            if not 200 <= replayed.status_code < 300:
                raise AssertionError(
                    f"{where}.\nDocumented: the caller holds a permission the operation lists: {table}"
                )
            continue
        refused = replayed.status_code == 403 or (replayed.status_code == 401 and code == PERMISSION_REFUSED)
        # After a successful DELETE the job is gone, so 404 is as right as a refusal there.
        gone = replayed.status_code == 404 and case.operation.method.upper() == "DELETE"
        if not refused and not gone:
            raise AssertionError(
                f"{where}.\nDocumented: a valid token without the permission is refused with 401 "
                f"{PERMISSION_REFUSED} (as Graph answers on these endpoints) or 403 Authorization_RequestDenied "
                "(components/responses/unauthorized and forbidden; docs/spec-decisions.md D16, D24); "
                f"the operation needs one of {table}."
            )


def other_tenants_objects_are_not_found(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A caller from another tenant never reaches this tenant's objects: 404, as if they did not exist.

    Judged on every request the main identity made successfully, replayed as each identity of
    another tenant that holds the operation's permission there.
    """
    for identity, replayed in _replays(ctx, response, case, tenant="other"):
        where = (
            f"{request_label(case, response)} replayed as `{identity.name}` (another tenant, permissions "
            f"{list(identity.permissions)}): got {replayed.status_code}, the owner's tenant got {response.status_code}"
        )
        received = json_body(replayed)
        body = short(received if received is not None else replayed.content[:200].decode("utf-8", "replace"))
        if 200 <= replayed.status_code < 300:
            raise AssertionError(
                f"{where}; body {body}.\nDocumented: every lookup is scoped to the caller's tenant; another tenant's "
                "ids answer 404 (components/responses/notFound: 'does not exist in the caller's tenant')."
            )
        if replayed.status_code != 404:
            raise AssertionError(
                f"{where}; body {body}.\nDocumented: 404 Request_ResourceNotFound, the object does not exist in "
                "the caller's tenant (components/responses/notFound); 403 would reveal that it exists."
            )


def _replays(
    ctx: CheckContext, response: Response, case: GraphCase, *, tenant: str
) -> Iterator[tuple[Identity, Response]]:
    """The case sent again as each identity of `tenant` that the rule can judge; writes only where they must fail."""
    config = settings()
    if not config.identities or config.token is None:
        return
    if sent_header(response, "authorization") != f"Bearer {config.token}":
        return  # a deliberately unauthenticated case (ignored_auth, missing_required_header)
    if not sent_declared_method(case, response) or not 200 <= response.status_code < 300:
        return  # only a request that succeeded says what each identity must get (invalid ones: 400 for all)
    if config.probe_share < 1.0 and zlib.crc32(case.id.encode()) % 10_000 >= config.probe_share * 10_000:
        return
    operation = raw_operation(case)
    safe = case.operation.method.upper() in SAFE_METHODS
    for identity in config.identities:
        if identity.tenant != tenant:
            continue
        allowed = identity.may_call(operation)
        if allowed is None or (allowed is False and tenant == "other"):
            continue  # depends on ownership, or refused before the tenant is looked at
        if allowed and not safe and tenant == "home":
            continue  # never repeat a write that is supposed to succeed
        yield identity, replay(ctx, case, identity.token)
