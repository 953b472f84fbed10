"""Listings read to the end through `@odata.nextLink`, as a client does (D15)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from fuzz.checks.config import settings
from fuzz.checks.exchange import json_body, kind, request_label, sent_declared_method, sent_query, short
from fuzz.checks.odata import selection, unselected_properties
from fuzz.checks.stats import count
from fuzz.checks.transport import fetch

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

DOCUMENTED = (
    "Documented: `@odata.nextLink` is the absolute URL of the next page, absent on the last page; every page "
    "holds at most `$top` jobs, with the `$select`ed properties only (openapi.yaml list operations; "
    "docs/spec-decisions.md D15, D23)."
)


def list_pages_follow_odata_next_link(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """Following `@odata.nextLink` as it is walks the listing: no job twice, `$top` and `$select` on every page (D15)."""
    if kind(case) != "list" or response.status_code != 200 or not sent_declared_method(case, response):
        return
    body = json_body(response)
    if not isinstance(body, Mapping) or not isinstance(body.get("value"), list):
        return  # response_schema_conformance reports it
    where = request_label(case, response)
    top = _top(response)
    selected = selection(response)
    seen: dict[str, int] = {}
    page, link, number = body, body.get("@odata.nextLink"), 1
    limit = settings().max_pages
    while True:
        _check_page(page, number, top, selected, seen, where)
        if link is None or number >= limit:
            return
        if (
            not isinstance(link, str)
            or urlsplit(link).scheme not in ("http", "https")
            or not urlsplit(link).netloc
        ):
            raise AssertionError(
                f"page {number} of {where} has `@odata.nextLink` {short(link)}.\n{DOCUMENTED}"
            )
        next_response = fetch(ctx, case, response, link)
        count("pages_followed")
        number += 1
        page = _next_page(next_response, link, number, where)
        link = page.get("@odata.nextLink")


def _check_page(
    page: Mapping[str, Any],
    number: int,
    top: int | None,
    selected: frozenset[str] | None,
    seen: dict[str, int],
    where: str,
) -> None:
    """At most `$top` jobs, none listed on an earlier page, only selected properties; records job ids in `seen`."""
    if top is not None and len(page["value"]) > top:
        raise AssertionError(
            f"page {number} of {where} (`$top={top}`) holds {len(page['value'])} jobs.\n{DOCUMENTED}"
        )
    for job in page["value"]:
        # Page 1 is selected_properties_only's; later pages show whether the next link kept `$select`.
        extra = (
            unselected_properties(job, selected)
            if selected and number > 1 and isinstance(job, Mapping)
            else []
        )
        if extra:
            raise AssertionError(
                f"page {number} of {where} (`$select={','.join(sorted(selected or ()))}`): job "
                f"{short(job.get('id'))} also has {extra}.\n{DOCUMENTED}"
            )
        job_id = job.get("id") if isinstance(job, Mapping) else None
        if isinstance(job_id, str):
            if job_id in seen:
                raise AssertionError(
                    f"job {job_id!r} is listed on page {seen[job_id]} and again on page {number} of "
                    f"{where}.\n{DOCUMENTED}"
                )
            seen[job_id] = number


def _next_page(response: Response, link: str, number: int, where: str) -> Mapping[str, Any]:
    """The page a nextLink answered: a 200 with a `value` list, or an AssertionError."""
    page = json_body(response)
    if (
        response.status_code != 200
        or not isinstance(page, Mapping)
        or not isinstance(page.get("value"), list)
    ):
        received = page if page is not None else response.content[:200].decode("utf-8", "replace")
        raise AssertionError(
            f"following `@odata.nextLink` {link} (page {number} of {where}) gave "
            f"{response.status_code}: {short(received)}\n" + DOCUMENTED
        )
    return page


def _top(response: Response) -> int | None:
    """The `$top` the request asked for, if it is a whole number of at least 1."""
    values = sent_query(response, "$top")
    if len(values) == 1 and values[0].isdigit() and int(values[0]) >= 1:
        return int(values[0])
    return None
