"""Templates answer what was asked for (D30)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from fuzz.checks.exchange import json_body, kind, request_label, sent_declared_method, short

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

TEMPLATE_PARAM = "synchronizationTemplate-id"


def template_is_the_one_asked_for(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A 200 from `GET .../templates/{id}` is the template of that id, exactly (ids are case-sensitive)."""
    if kind(case) != "template" or response.status_code != 200 or not sent_declared_method(case, response):
        return
    asked = (case.path_parameters or {}).get(TEMPLATE_PARAM)
    body = json_body(response)
    answered = body.get("id") if isinstance(body, Mapping) else None
    if answered != asked:
        raise AssertionError(
            f"200 to {request_label(case, response)} answers the template {short(answered)}, "
            f"not {short(asked)}.\n"
            "Documented: GET .../templates/{id} answers that template, or 404 when the owner does not "
            "offer it (openapi.yaml; docs/spec-decisions.md D30)."
        )
