"""What a 401, 405, 429 and 204 must carry besides their status."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fuzz.checks.exchange import declared_methods, error_code, header, request_label, short

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

#: The error code of a 401 for a missing, malformed, expired or otherwise invalid token.
TOKEN_REFUSED = "InvalidAuthenticationToken"


def unauthorized_carries_bearer_challenge(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A 401 `InvalidAuthenticationToken` carries a `WWW-Authenticate` Bearer challenge (D24).

    Not the 401 `UnknownError` Graph answers for a valid token without the permission: it has none.
    """
    if response.status_code != 401 or error_code(response) != TOKEN_REFUSED:
        return
    challenge = header(response, "www-authenticate")
    if challenge is None or challenge.split(" ", 1)[0].strip().lower() != "bearer":
        raise AssertionError(
            f"401 {TOKEN_REFUSED} to {request_label(case, response)} has `WWW-Authenticate: {challenge}`.\n"
            "Documented: a refused token gets a `WWW-Authenticate` Bearer challenge (components/responses/"
            "unauthorized, components/headers/WWW-Authenticate; RFC 6750 §3; docs/spec-decisions.md D24)."
        )


def method_not_allowed_carries_allow(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A 405 carries `Allow` listing exactly the methods openapi.yaml declares for the path (D5, methodNotAllowed)."""
    if response.status_code != 405:
        return
    allow = header(response, "allow")
    declared = declared_methods(case)
    sent = (response.request.method or "").upper()
    listed = {m.strip().upper() for m in (allow or "").split(",") if m.strip()}
    if allow is None or listed != declared or sent in listed:
        raise AssertionError(
            f"405 to {sent} {urlsplit(response.request.url or '').path} has `Allow: {allow}`.\n"
            f"Documented: 405 with `Allow` naming the path's methods, here {', '.join(sorted(declared))} "
            "(components/responses/methodNotAllowed, docs/spec-decisions.md D5)."
        )


def throttled_response_carries_retry_after(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A 429 carries `Retry-After` in whole seconds (components/responses/tooManyRequests)."""
    if response.status_code != 429:
        return
    value = header(response, "retry-after")
    if value is None or not value.strip().isdigit():
        raise AssertionError(
            f"429 to {request_label(case, response)} has `Retry-After: {value}`.\n"
            "Documented: a 429 carries `Retry-After`, a number of seconds (components/headers/Retry-After)."
        )


def action_success_has_no_body(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """204 answers (start, pause, restart, delete) have an empty body (RFC 9110 §15.3.5; openapi.yaml 204s)."""
    if response.status_code == 204 and response.content:
        raise AssertionError(
            f"204 to {request_label(case, response)} has a {len(response.content)}-byte body: {short(response.content[:200].decode('utf-8', 'replace'))}\n"
            "Documented: 204 No Content, no body."
        )
