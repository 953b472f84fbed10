"""Jobs as Graph answers them: a new job's state, job ids, the `Location` of a created job."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from fuzz.checks.exchange import (
    GUID,
    header,
    jobs_in,
    json_body,
    kind,
    request_label,
    sent_declared_method,
    short,
)

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

# --- Graph's values (openapi.yaml, docs/spec-decisions.md, Graph reference §5.5) -------------------

#: Graph's "never" for the steady-state times of a new job.
NEVER = "0001-01-01T00:00:00Z"
#: The `status.code` of a new job: the create page's, or the gallery templates' (D28).
NEW_JOB_STATUS_CODES = ("NotConfigured", "Paused")
#: What a job answered by Create synchronizationJob holds whatever its template and the request (D4, D28);
#: the interval, the status code and the settings other than the posted ones come from the template.
NEW_JOB_SCHEDULE: dict[str, Any] = {"expiration": None, "state": "Disabled"}
NEW_JOB_STATUS: dict[str, Any] = {
    "countSuccessiveCompleteFailures": 0,
    "escrowsPruned": False,
    "lastExecution": None,
    "lastSuccessfulExecution": None,
    "lastSuccessfulExecutionWithExports": None,
    "quarantine": None,
    "steadyStateFirstAchievedTime": NEVER,
    "steadyStateLastAchievedTime": NEVER,
    "synchronizedEntryCountByType": [],
    "troubleshootingUrl": None,
}
#: Members that may be absent from a new job's status (the docs' create example omits `progress`).
NEW_JOB_STATUS_OPTIONAL: dict[str, Any] = {"progress": []}
#: The part of a job id after `<templateId>.`: 32 hex digits, then optionally `.` and the tenant id.
JOB_ID_REST = re.compile(
    r"[0-9a-fA-F]{32}(\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?"
)


def created_job_is_disabled_and_never_run(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """A created job is `Disabled`, never run, `NotConfigured` or `Paused`, and holds the posted settings (D4, D28).

    What holds for every template only: the interval, the status code among the two and the
    template's own settings depend on the template, which a check of another server cannot know.
    """
    if kind(case) != "create" or response.status_code != 201 or not sent_declared_method(case, response):
        return
    job = json_body(response)
    if not isinstance(job, Mapping):
        return  # response_schema_conformance reports it
    request_body = case.body if isinstance(case.body, Mapping) else {}
    problems = []
    if "templateId" in request_body and job.get("templateId") != request_body["templateId"]:
        problems.append(
            f"templateId is {short(job.get('templateId'))}, the request asked for {short(request_body['templateId'])}"
        )
    problems += _new_schedule_problems(job.get("schedule"))
    problems += _new_status_problems(job.get("status"))
    problems += _lost_settings(request_body.get("synchronizationJobSettings"), job)
    if problems:
        raise AssertionError(
            f"201 to {request_label(case, response)}: " + "; ".join(problems) + ".\n"
            f"Sent: {short(request_body, 400)}\n"
            "Documented: a new job is created disabled (`schedule.state` `Disabled`, no expiration) and has "
            f"never run (status {' or '.join(NEW_JOB_STATUS_CODES)}, no executions, no quarantine, "
            f"steady-state times {NEVER}); `schedule` and `status` in the request are ignored, `templateId` is "
            "kept, and every posted `synchronizationJobSettings` entry is on the job with its posted value "
            "(openapi.yaml create operations; docs/spec-decisions.md D4, D28)."
        )


def _new_schedule_problems(schedule: Any) -> list[str]:
    """How a new job's `schedule` differs from what every template gives."""
    if not isinstance(schedule, Mapping):
        return [f"schedule is {short(schedule)}, expected {short(NEW_JOB_SCHEDULE)} with an interval"]
    return [
        f"schedule.{name} is {short(schedule.get(name, '(absent)'))}, expected {short(value)}"
        for name, value in NEW_JOB_SCHEDULE.items()
        if schedule.get(name, ...) != value
    ]


def _new_status_problems(status: Any) -> list[str]:
    """How a new job's `status` differs from a job that has never run."""
    if not isinstance(status, Mapping):
        return [f"status is {short(status)}, expected a new job's status"]
    problems = []
    if status.get("code") not in NEW_JOB_STATUS_CODES:
        problems.append(
            f"status.code is {short(status.get('code', '(absent)'))}, expected one of {list(NEW_JOB_STATUS_CODES)}"
        )
    for name, value in NEW_JOB_STATUS.items():
        if status.get(name, ...) != value:
            problems.append(
                f"status.{name} is {short(status.get(name, '(absent)'))}, expected {short(value)}"
            )
    for name, value in NEW_JOB_STATUS_OPTIONAL.items():
        if name in status and status[name] != value:
            problems.append(f"status.{name} is {short(status[name])}, expected {short(value)} or absent")
    return problems


def _lost_settings(sent_settings: Any, job: Mapping[str, Any]) -> list[str]:
    """The `synchronizationJobSettings` the request sent that the new job does not hold."""
    if not isinstance(sent_settings, list):
        return []
    kept = {
        (s.get("name"), s.get("value"))
        for s in job.get("synchronizationJobSettings") or []
        if isinstance(s, Mapping)
    }
    return [
        f"the sent setting {short(setting)} is not in synchronizationJobSettings"
        for setting in sent_settings
        if isinstance(setting, Mapping)
        and "name" in setting
        and (setting.get("name"), setting.get("value")) not in kept
    ]


def job_id_starts_with_template_id_and_is_not_a_guid(
    ctx: CheckContext, response: Response, case: GraphCase
) -> None:
    """A job id is `<templateId>.<32 hex digits>[.<tenant id>]`, never a GUID (components/schemas/synchronizationJob.id)."""
    if not 200 <= response.status_code < 300 or not sent_declared_method(case, response):
        return
    for job in jobs_in(case, json_body(response)):
        problem = _job_id_problem(job.get("id"), job.get("templateId"))
        if problem:
            raise AssertionError(
                f"{response.status_code} to {request_label(case, response)}: {problem}.\n"
                "Documented: the template id, 32 hexadecimal digits and the tenant id, joined by dots; not a GUID "
                "(components/schemas/synchronizationJob.id; e.g. "
                "BoxOutDelta.0123456789abcdef0123456789abcdef.8442fd39-2183-419c-8732-74b6ce866bd5)."
            )


def _job_id_problem(job_id: Any, template: Any) -> str | None:
    """What is wrong with a job id, None if nothing."""
    if not isinstance(job_id, str) or not job_id:
        return f"the id is {short(job_id)}"
    if GUID.fullmatch(job_id):
        return f"the id {job_id!r} is a GUID"
    if isinstance(template, str) and template:
        if not job_id.startswith(template + "."):
            return f"the id {job_id!r} does not start with its templateId {template!r} and a dot"
        if not JOB_ID_REST.fullmatch(job_id[len(template) + 1 :]):
            return f"the id {job_id!r} does not continue with 32 hexadecimal digits (and the tenant id) after {template + '.'!r}"
    return None


def created_job_location_names_the_job(ctx: CheckContext, response: Response, case: GraphCase) -> None:
    """If a create answers with `Location`, it is the job's own URL: the collection URL plus the id (D14)."""
    if kind(case) != "create" or response.status_code != 201 or not sent_declared_method(case, response):
        return
    location = header(response, "location")
    job = json_body(response)
    if location is None or not isinstance(job, Mapping) or not isinstance(job.get("id"), str):
        return
    collection = urlsplit(response.request.url or "").path.rstrip("/")
    expected = f"{collection}/{quote(job['id'], safe='')}"
    got = urlsplit(location)
    if got.path not in (expected, f"{collection}/{job['id']}") or (
        got.scheme and got.scheme not in ("http", "https")
    ):
        raise AssertionError(
            f"201 to {request_label(case, response)} has `Location: {location}` for job {job['id']!r}.\n"
            f"Documented: the created job's URL, ending in {expected} (components/headers/Location; D14)."
        )
