"""The envelope of every response: `request-id`, the echoed `client-request-id`, Graph's error body."""

# Checks report a broken rule by raising AssertionError (schemathesis' contract), also for a wrong type.
# ruff: noqa: TRY004

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fuzz.checks.exchange import (
    GUID,
    documented_media_types,
    header,
    json_body,
    request_label,
    sent_header,
    short,
)

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

#: `innerError.date`: Graph's date-time, the offset optional (D10; components/schemas/InnerError).
INNER_ERROR_DATE = re.compile(
    r"[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"([.][0-9]{1,12})?(Z|[+-][0-9][0-9]:[0-9][0-9])?"
)
#: A client-request-id that every server can echo: visible ASCII, at most 256 characters. Graph
#: documents no limit; another value may be echoed unchanged or replaced by the `request-id`.
ECHOABLE = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?")


def every_response_carries_request_id(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """Every response carries a `request-id` header holding a GUID (openapi.yaml: info, components/headers/request-id)."""
    value = header(response, "request-id")
    if value is None:
        raise AssertionError(
            f"{response.status_code} to {request_label(case, response)} has no `request-id` header.\n"
            f"Received headers: {sorted(response.headers)}\n"
            "Documented: every response carries `request-id` (openapi.yaml info.description; "
            "components/headers/request-id, a GUID)."
        )
    if not GUID.fullmatch(value) or value.startswith("{"):
        raise AssertionError(
            f"{response.status_code} to {request_label(case, response)} has `request-id: {value}`, not a GUID.\n"
            "Documented: components/headers/request-id is `format: uuid`."
        )


def client_request_id_is_echoed(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """Every response carries `client-request-id`: the client's value unchanged, else the `request-id` (D11)."""
    sent = sent_header(response, "client-request-id")
    sent = sent.strip(" \t") if sent is not None else None
    echoed = header(response, "client-request-id")
    request_id = header(response, "request-id")
    where = f"{response.status_code} to {request_label(case, response)}"
    documented = (
        "Documented: every response carries `client-request-id`, the client's value echoed unchanged, or the "
        "`request-id` when the client sent none or one that cannot be echoed (openapi.yaml info.description, "
        "components/headers/client-request-id; docs/spec-decisions.md D11)."
    )
    if echoed is None:
        told = (
            f"sent `client-request-id: {short(sent)}`" if sent else "the request had no `client-request-id`"
        )
        raise AssertionError(
            f"{where}: {told}, the response has no `client-request-id` header.\n{documented}"
        )
    if not sent:
        allowed = {request_id}
    elif ECHOABLE.fullmatch(sent) and response.status_code != 431:
        allowed = {sent}
    else:
        # Too long, not visible ASCII, or a 431 (answered before the request's headers are read).
        allowed = {sent, request_id}
    if echoed not in allowed:
        told = (
            f"sent `client-request-id: {short(sent)}`" if sent else "the request had no `client-request-id`"
        )
        raise AssertionError(
            f"{where}: {told}, received `client-request-id: {short(echoed)}` "
            f"(`request-id: {request_id}`).\n{documented}"
        )


def error_body_is_graph_envelope(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """Every 4xx/5xx body is Graph's JSON envelope, its `innerError` repeating the response's ids (D11, D16).

    Unless the operation documents that status with other media types only (the control API's web view
    answers 401 with its HTML sign-in page): then content_type_conformance holds it to them.
    """
    if response.status_code < 400 or (response.request.method or "").upper() == "HEAD":
        return
    media_types = documented_media_types(case, response.status_code)
    if media_types and "application/json" not in media_types:
        return
    where = f"{response.status_code} to {request_label(case, response)}"
    documented = (
        'Documented: every error is `{"error": {"code", "message", "innerError": {"date", "request-id", '
        '"client-request-id"}}}` as application/json (openapi.yaml info.description, components/schemas/ODataError).'
    )
    content_type = (header(response, "content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise AssertionError(f"{where} has Content-Type {content_type or '(none)'!r}.\n{documented}")
    body = json_body(response)
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        raise AssertionError(f"{where}: the body is not Graph's error envelope: {short(body)}\n{documented}")
    problems = []
    if not isinstance(error.get("code"), str) or not error["code"]:
        problems.append(f"error.code is {short(error.get('code'))}, expected a non-empty string")
    if not isinstance(error.get("message"), str):
        problems.append(f"error.message is {short(error.get('message'))}, expected a string")
    inner = error.get("innerError")
    if not isinstance(inner, Mapping):
        problems.append(f"error.innerError is {short(inner)}, expected an object")
    else:
        problems += _inner_error_problems(inner, response)
    if problems:
        raise AssertionError(
            f"{where}: " + "; ".join(problems) + f".\nReceived: {short(body, 600)}\n{documented}"
        )


def _inner_error_problems(inner: Mapping[str, Any], response: Response) -> list[str]:
    """What is wrong with `innerError`: its date, and the ids it must repeat from the response."""
    problems = []
    date = inner.get("date")
    if not isinstance(date, str) or not INNER_ERROR_DATE.fullmatch(date):
        problems.append(
            f"innerError.date is {short(date)}, expected Graph's date-time such as 2023-11-08T15:01:03"
        )
    request_id = header(response, "request-id")
    if inner.get("request-id") != request_id:
        problems.append(
            f"innerError.request-id is {short(inner.get('request-id'))}, the `request-id` header is {short(request_id)}"
        )
    echoed = header(response, "client-request-id")
    sent = sent_header(response, "client-request-id")
    sent = sent.strip(" \t") if sent else None
    # Without the header (client_request_id_is_echoed reports that), the client's value or the request id.
    allowed = {echoed} if echoed is not None else {sent or request_id, request_id}
    if inner.get("client-request-id") not in allowed:
        problems.append(
            f"innerError.client-request-id is {short(inner.get('client-request-id'))}, the `client-request-id` "
            f"header is {short(echoed)} (the client's value, or the request-id when none was sent: D11)"
        )
    return problems
