"""The provisionOnDemand checks (fuzz/checks/provisioning.py), and what the hooks give a valid request."""

from __future__ import annotations

import json
from typing import Any

import pytest
from support.check_cases import CTX, JOB_ID, SP, envelope, fails, make_response

from fuzz import checks
from fuzz.checks.provisioning import STATUS_INFO_KEY

PATH = (
    "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}/provisionOnDemand"
)
URL = f"http://graph.test/v1.0/servicePrincipals/{SP}/synchronization/jobs/{JOB_ID}/provisionOnDemand"
REPORT = {"provisioningSteps": [{"name": "EntryImport"}], "statusInfo": {"status": "Success"}}


def case(schema: Any) -> Any:
    parameters = {"servicePrincipal-id": SP, "synchronizationJob-id": JOB_ID}
    return schema[PATH]["POST"].Case(path_parameters=parameters, body={"parameters": []})


def test_status_info_with_one_report_per_subject_passes_and_anything_else_fails(schema: Any) -> None:
    check = checks.provision_on_demand_reports_status_info
    good = {"key": STATUS_INFO_KEY, "value": json.dumps([REPORT])}
    check(CTX, make_response(200, good, url=URL), case(schema))
    check(CTX, make_response(400, envelope(), url=URL), case(schema))
    bad = [
        ({**good, "key": '{"result":"Success"}'}, "its key is"),
        ({**good, "value": "[{"}, "not JSON"),
        ({**good, "value": "{}"}, "not a JSON array"),
        ({**good, "value": "[]"}, "not a JSON array"),
        ({**good, "value": json.dumps([{"statusInfo": {"status": "Success"}}])}, "lacks provisioningSteps"),
        ({**good, "value": json.dumps([{"provisioningSteps": []}])}, "lacks provisioningSteps"),
    ]
    for body, fragment in bad:
        fails(check, make_response(200, body, url=URL), case(schema), "200 to POST", fragment, "D34")


@pytest.mark.parametrize(
    ("code", "passes"), [("CredentialsMissing", True), ("RequestParameterInvalid", False)]
)
def test_a_valid_request_is_refused_only_as_credentials_missing(schema: Any, code: str, passes: bool) -> None:
    check = checks.provision_on_demand_refuses_valid_requests_only_for_credentials
    response = make_response(400, envelope(code=code), url=URL)
    if passes:
        check(CTX, response, case(schema))
    else:
        fails(
            check,
            response,
            case(schema),
            "400 RequestParameterInvalid",
            "a valid request",
            "CredentialsMissing",
        )
