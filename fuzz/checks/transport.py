"""The requests the checks send themselves: a case replayed with another token, a `@odata.nextLink` page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fuzz.checks.exchange import sent_header
from fuzz.checks.stats import count

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase


def transport_kwargs(ctx: CheckContext) -> dict[str, Any]:
    """How schemathesis sends this run's requests (session, timeout, TLS, ...), without its headers."""
    internals = getattr(ctx, "internals", None)
    kwargs = dict(getattr(internals, "transport_kwargs", None) or {})
    kwargs.pop("headers", None)
    return kwargs


def replay(ctx: CheckContext, case: GraphCase, token: str) -> Response:
    """The case sent again with another bearer token, over the case's transport."""
    from requests.structures import CaseInsensitiveDict

    headers: CaseInsensitiveDict[Any] = CaseInsensitiveDict(
        {k: v for k, v in case.headers.items() if k.lower() != "authorization"}
    )
    headers["Authorization"] = f"Bearer {token}"
    probe = case.derive(headers=headers)
    count("identity_probes")
    return probe.call(**transport_kwargs(ctx))


def fetch(ctx: CheckContext, case: GraphCase, response: Response, url: str) -> Response:
    """GET an absolute URL (a nextLink) with the original request's credentials, over the case's transport."""
    from schemathesis import Response as StResponse

    headers = {"Authorization": sent_header(response, "authorization") or ""}
    kwargs = transport_kwargs(ctx)
    app = case.operation.app
    if app is not None:
        from schemathesis.python import asgi

        with asgi.get_client(app) as client:
            raw = client.get(url, headers=headers, allow_redirects=False, timeout=kwargs.get("timeout", 30))
        return StResponse.from_requests(raw, verify=True)
    import requests

    session = kwargs.get("session")
    sender: Any = session if isinstance(session, requests.Session) else requests
    raw = sender.get(
        url,
        headers=headers,
        allow_redirects=False,
        timeout=kwargs.get("timeout", 30),
        verify=kwargs.get("verify", True),
        proxies=kwargs.get("proxies"),
        cert=kwargs.get("cert"),
    )
    return StResponse.from_requests(raw, verify=bool(kwargs.get("verify", True)))
