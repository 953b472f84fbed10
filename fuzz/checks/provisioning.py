"""provisionOnDemand answers Graph's StatusInfo, and refuses a valid request only for its state (D34)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fuzz.checks.exchange import error_code, json_body, request_label, sent_declared_method, short

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

STATUS_INFO_KEY = "Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo"
#: The 400 a valid request gets when the job's saved secrets do not configure its application.
CREDENTIALS_MISSING = "CredentialsMissing"


def _is_provision_on_demand(case: GraphCase, response: Response) -> bool:
    return case.operation.path.endswith("/provisionOnDemand") and sent_declared_method(case, response)


def provision_on_demand_reports_status_info(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A 200 from provisionOnDemand is Graph's StatusInfo: `key` names it, `value` is a JSON array of one
    report per subject, each with its `provisioningSteps` and `statusInfo`."""
    if response.status_code != 200 or not _is_provision_on_demand(case, response):
        return
    body = json_body(response)
    key = body.get("key") if isinstance(body, Mapping) else None
    value = body.get("value") if isinstance(body, Mapping) else None
    problem = None
    reports: Any = None
    if key != STATUS_INFO_KEY:
        problem = f"its key is {short(key)}"
    else:
        try:
            reports = json.loads(value) if isinstance(value, str) else None
        except ValueError:
            problem = "its value is not JSON"
        if problem is None and (not isinstance(reports, list) or not reports):
            problem = f"its value is not a JSON array of reports: {short(value)}"
        elif problem is None:
            for report in reports:
                steps = report.get("provisioningSteps") if isinstance(report, Mapping) else None
                info = report.get("statusInfo") if isinstance(report, Mapping) else None
                if not isinstance(steps, list) or not isinstance(info, Mapping) or "status" not in info:
                    problem = f"a report lacks provisioningSteps or statusInfo.status: {short(report)}"
                    break
    if problem:
        raise AssertionError(
            f"200 to {request_label(case, response)}: {problem}.\n"
            f"Documented: key `{STATUS_INFO_KEY}`, value a JSON array with one report per subject, "
            "each with `provisioningSteps` and `statusInfo` (docs/spec-decisions.md D34)."
        )


def provision_on_demand_refuses_valid_requests_only_for_credentials(
    ctx: CheckContext, response: Response, case: GraphCase
) -> None:
    """A valid provisionOnDemand request (a rule of the job's schema, a subject of the directory) is
    refused with 400 only as `CredentialsMissing`: the job's saved secrets decide that, not the request."""
    if response.status_code != 400 or not _is_provision_on_demand(case, response) or not _valid_body(case):
        return
    code = error_code(response)
    if code != CREDENTIALS_MISSING:
        raise AssertionError(
            f"400 {code or ''} to {request_label(case, response)}, a valid request.\n"
            f"Expected: 200, or 400 {CREDENTIALS_MISSING} when the job's application is not configured "
            "(docs/spec-decisions.md D34)."
        )


def _valid_body(case: GraphCase) -> bool:
    """Whether the case's body was generated valid (the fuzzing and coverage phases mark each part)."""
    from schemathesis import GenerationMode
    from schemathesis.core.parameters import ParameterLocation

    meta = case.meta
    if meta is None:
        return True
    component = meta.components.get(ParameterLocation.BODY) if hasattr(meta, "components") else None
    if component is not None:
        return getattr(component, "mode", None) is GenerationMode.POSITIVE
    return meta.generation.mode is GenerationMode.POSITIVE
