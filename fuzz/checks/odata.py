"""OData conventions of successful responses: the JSON content type, `$select` projections, `/$count` (D23, D25)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fuzz.checks.exchange import (
    header,
    jobs_in,
    json_body,
    kind,
    media_type,
    request_label,
    sent_declared_method,
    sent_query,
    short,
)

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

#: The body of a `/$count` response: a decimal number without sign, spaces or leading zeros.
COUNT = re.compile(rb"0|[1-9][0-9]{0,9}")
#: components/schemas/ODataCountResponse: `format: int32`, at least 0.
COUNT_MAX = 2**31 - 1
#: A UTF-8 byte order mark, which some OData services put before a `text/plain` body.
BOM = b"\xef\xbb\xbf"


def json_success_is_odata(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A 2xx JSON body is sent as OData JSON: `application/json` with `odata.metadata=minimal` (D25)."""
    if not 200 <= response.status_code < 300 or not response.content:
        return
    essence, parameters = media_type(response)
    if essence != "application/json":
        return  # another media type: content_type_conformance judges it against openapi.yaml
    if parameters.get("odata.metadata", "").lower() != "minimal":
        raise AssertionError(
            f"{response.status_code} to {request_label(case, response)} has "
            f"`Content-Type: {header(response, 'content-type')}`.\n"
            "Documented: a successful JSON body is OData JSON, `application/json;odata.metadata=minimal;"
            "odata.streaming=true;IEEE754Compatible=false;charset=utf-8` as Graph sends it; errors are plain "
            "`application/json` (openapi.yaml info.description; docs/spec-decisions.md D25)."
        )


def selection(response: Response) -> frozenset[str] | None:
    """The properties the request's `$select` names; None without `$select` (or with `*`, everything)."""
    names = {
        name.strip().split("/", 1)[0]
        for value in sent_query(response, "$select")
        for name in value.split(",")
        if name.strip()
    }
    return frozenset(names) if names and "*" not in names else None


def unselected_properties(job: Mapping[str, Any], selected: frozenset[str]) -> list[str]:
    """The members of a job that `$select` did not ask for: neither selected, `id` nor an annotation."""
    allowed = selected | {"id"}
    return [name for name in job if not name.startswith("@") and name.partition("@")[0] not in allowed]


def selected_properties_only(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A 2xx list or get with `$select` holds only the selected properties, `id` and annotations (D23)."""
    if (
        kind(case) not in ("list", "get")
        or not 200 <= response.status_code < 300
        or not sent_declared_method(case, response)
    ):
        return
    selected = selection(response)
    if selected is None:
        return
    for job in jobs_in(case, json_body(response)):
        extra = unselected_properties(job, selected)
        if extra:
            raise AssertionError(
                f"{response.status_code} to {request_label(case, response)} with `$select="
                f"{','.join(sorted(selected))}`: job {short(job.get('id'))} also has {extra}.\n"
                "Documented: `$select` returns the selected properties only, with `id` and the `@odata` "
                "annotations (components/parameters/select-job; docs/spec-decisions.md D23)."
            )


def count_is_a_plain_integer(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A 200 from `GET .../jobs/$count` is `text/plain` holding a bare decimal count (D23, ODataCountResponse)."""
    if kind(case) != "count" or response.status_code != 200 or not sent_declared_method(case, response):
        return
    essence, _ = media_type(response)
    text = response.content.removeprefix(BOM)
    if essence != "text/plain" or not COUNT.fullmatch(text) or int(text) > COUNT_MAX:
        raise AssertionError(
            f"200 to {request_label(case, response)} has `Content-Type: {header(response, 'content-type')}` "
            f"and the body {short(response.content[:100].decode('utf-8', 'replace'))}.\n"
            "Documented: the number of jobs as a plain-text decimal integer from 0 to 2147483647, nothing "
            "else (OData `/$count`; components/schemas/ODataCountResponse; docs/spec-decisions.md D23)."
        )
