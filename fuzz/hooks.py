"""The schemathesis hooks module named by schemathesis.toml (`hooks = "fuzz.hooks"`).

- Registers the project's Graph checks (fuzz/checks/), so that `st run --checks all` and the
  pytest run (`case.call_and_validate()`) apply them next to the built-in checks.
- `map_case` keeps valid requests valid where JSON Schema cannot say what valid is (templates,
  `$skiptoken`, `$filter`), and gives half of the requests that address a job the id of a job the
  server really has.
  `before_add_examples` does the same for the examples phase.
- `after_call` remembers the job ids the server returns, for `map_case`.
- The same hooks serve the control API's run (fuzz/control.toml; paths under `/_graphsync/`): a valid
  createFault names an operation that exists, and half of the deleteFault requests name a fault the
  server returned. Graph's adjustments never touch a control API case, nor these a Graph case.
- Writes the checks' request counts for the runner's report when the process ends.
- Refuses, with one line and exit status 2, a GRAPHSYNC_FUZZ_* number the checks could not read.

Settings (environment, set by fuzz/run.py):
  GRAPHSYNC_FUZZ_SP_TEMPLATES   comma-separated synchronization templates of the fuzzed service principal
  GRAPHSYNC_FUZZ_APP_TEMPLATES  the same for the fuzzed application
  GRAPHSYNC_FUZZ_RULE_ID        the synchronization rule a valid provisionOnDemand names (default: the
                                rule id Graph's gallery SCIM templates share)
  GRAPHSYNC_FUZZ_SUBJECTS       comma-separated object ids of users a valid provisionOnDemand provisions
  GRAPHSYNC_FUZZ_DIRECTORIES    comma-separated `template:directory id` of the templates' schema directories
"""

from __future__ import annotations

import atexit
import collections
import functools
import itertools
import json
import os
import sys
import threading
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import schemathesis
from schemathesis import GenerationMode

from fuzz import checks

if TYPE_CHECKING:
    from fuzz.checks.exchange import GraphCase

checks.register()
try:
    checks.check_environment(os.environ)
except checks.SettingsError as exc:  # one line and status 2 when `st` starts, not a failure in every check
    print(f"fuzz.hooks: error: {exc}", file=sys.stderr)
    raise SystemExit(2) from None
atexit.register(checks.write_stats)

JOB_PARAM = "synchronizationJob-id"
TEMPLATE_PARAM = "synchronizationTemplate-id"
DIRECTORY_PARAM = "directoryDefinition-id"
TEMPLATE_VARIABLES = {
    "servicePrincipals": "GRAPHSYNC_FUZZ_SP_TEMPLATES",
    "applications": "GRAPHSYNC_FUZZ_APP_TEMPLATES",
}
KNOWN_JOBS_KEPT = 64
#: The template a valid `$filter` names when no templates are configured (the demo's and the docs').
DEFAULT_FILTER_TEMPLATE = "BoxOutDelta"
#: Credentials a valid validateCredentials request carries, so that any template's configurationFields
#: are satisfied (which keys a template requires is not in openapi.yaml; D31).
COMPLETE_CREDENTIALS = [
    {"key": key, "value": "fuzz-credential"}
    for key in (
        "BaseAddress",
        "SecretToken",
        "UserName",
        "Password",
        "ClientSecret",
        "CompanyId",
        "AuthenticationType",
    )
]

#: The rule a valid provisionOnDemand names unless GRAPHSYNC_FUZZ_RULE_ID says otherwise (D34).
DEFAULT_RULE_ID = "03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8"

#: The control API (src/graphsync/control/openapi.yaml): its fault operations and their parameter.
FAULTS_PATH = "/_graphsync/faults"
VIEW_PATH = "/_graphsync/ui"
FAULT_PARAM = "faultId"
#: What a fault's `operation` may name besides an operationId of openapi.yaml: every operation, or cycles.
FAULT_TARGETS = ("*", "cycle")
GRAPH_SPEC = Path(__file__).resolve().parents[1] / "openapi.yaml"
#: The operator key of the control API's run (fuzz/control.toml reads it too).
CONTROL_KEY_VARIABLE = "GRAPHSYNC_FUZZ_CONTROL_KEY"

_lock = threading.Lock()
_known_jobs: dict[str, collections.deque[str]] = {
    kind: collections.deque(maxlen=KNOWN_JOBS_KEPT) for kind in TEMPLATE_VARIABLES
}
_known_faults: collections.deque[str] = collections.deque(maxlen=KNOWN_JOBS_KEPT)
_fault_turns = itertools.count()
_sign_in_turns = itertools.count()


def _owner_kind(case: GraphCase) -> str:
    return case.operation.path.strip("/").split("/", 1)[0]


def _templates(kind: str) -> list[str]:
    return [t.strip() for t in os.environ.get(TEMPLATE_VARIABLES.get(kind, ""), "").split(",") if t.strip()]


def _pick(case: GraphCase, salt: str, choices: list[str]) -> str:
    """A choice that depends only on the case (reproducible for a given case id)."""
    return choices[zlib.crc32(f"{case.id}:{salt}".encode()) % len(choices)]


def _is_positive(case: GraphCase, location: Any) -> bool:
    meta = case.meta
    if meta is None:
        return True  # explicit examples and stateful steps built from links
    if meta.generation.mode is GenerationMode.POSITIVE:
        return True
    component = meta.components.get(location) if hasattr(meta, "components") else None
    return component is not None and getattr(component, "mode", None) is GenerationMode.POSITIVE


@schemathesis.hook
def map_case(context: schemathesis.HookContext, case: GraphCase) -> GraphCase:
    """Adjustments, each only to the valid (positive) part of a request.

    1. Create: `templateId` must be one of the owner's templates (D3), which JSON Schema cannot
       express; a valid create request gets one of the configured templates.
    2. List: `$skiptoken` is opaque, "only use it as found in `@odata.nextLink`" (D15), so a valid
       list request goes without an invented one (the `list_pages_follow_odata_next_link` check
       follows every real one).
    3. List and `/$count`: `$filter` is a string to JSON Schema, but only some expressions are
       evaluated (D23), so a valid request that has one gets `templateId eq '<a template>'`, the
       form Graph is known to answer. A request without `$filter` keeps going without one.
    4. Requests addressing a job: every other one uses the id of a job the server returned, so that
       start, pause, restart and delete reach real jobs in every phase, not only the 404 path.
    5. Requests addressing a template: a valid one names one of the owner's templates (an invented
       id is a template the owner does not offer: 404).
    6. validateCredentials: a valid request checks credentials that satisfy any template (D31) for
       one of the owner's templates, not the saved ones (which may be incomplete).
    7. provisionOnDemand: a valid request names the run's rule and one of its subjects (which rules
       and users exist is not in openapi.yaml); a valid schema PUT keeps that rule, so that a job
       whose schema was replaced can still be provisioned through it.
    8. A valid request for one directory of a schema names one of the templates' directories.
    """
    from schemathesis.core.parameters import ParameterLocation

    if checks.is_control(case):
        return _map_control_case(case)
    kind = _owner_kind(case)
    method = case.operation.method.upper()
    path = case.operation.path
    if method == "POST" and path.endswith("/jobs") and _is_positive(case, ParameterLocation.BODY):
        templates = _templates(kind)
        body = case.body
        if templates and isinstance(body, dict) and body.get("templateId") not in templates:
            case.body = {**body, "templateId": _pick(case, "template", templates)}
    elif (
        method == "GET"
        and path.endswith(("/jobs", "/$count"))
        and isinstance(case.query, dict)
        and _is_positive(case, ParameterLocation.QUERY)
    ):
        query = {name: value for name, value in case.query.items() if name != "$skiptoken"}
        if "$filter" in query:
            template = _pick(case, "filter", _templates(kind) or [DEFAULT_FILTER_TEMPLATE])
            query["$filter"] = f"templateId eq '{template}'"
        if query != case.query:
            case.query = query
    if path.endswith("/validateCredentials") and _is_positive(case, ParameterLocation.BODY):
        parameters: dict[str, Any] = dict(case.body) if isinstance(case.body, dict) else {}
        sent = parameters.get("credentials")
        given: list[Any] = [pair for pair in sent if isinstance(pair, dict)] if isinstance(sent, list) else []
        parameters.update(useSavedCredentials=False, credentials=given + COMPLETE_CREDENTIALS)
        if path.endswith("/jobs/validateCredentials") and _templates(kind):
            parameters["templateId"] = _pick(case, "template", _templates(kind))
        case.body = parameters
    positive_body = _is_positive(case, ParameterLocation.BODY)
    if path.endswith(("/provisionOnDemand", "/schema")) and method in ("POST", "PUT") and positive_body:
        _keep_provisionable(case, path)
    if (
        TEMPLATE_PARAM in (case.path_parameters or {})
        and _templates(kind)
        and _is_positive(case, ParameterLocation.PATH)
    ):
        case.path_parameters = {**case.path_parameters, TEMPLATE_PARAM: _pick(case, "path", _templates(kind))}
    if DIRECTORY_PARAM in (case.path_parameters or {}) and _is_positive(case, ParameterLocation.PATH):
        directories = _directories((case.path_parameters or {}).get(TEMPLATE_PARAM))
        if directories:
            chosen = _pick(case, "directory", directories)
            case.path_parameters = {**case.path_parameters, DIRECTORY_PARAM: chosen}
    if JOB_PARAM in (case.path_parameters or {}) and zlib.crc32(case.id.encode()) % 2 == 0:
        with _lock:
            known = list(_known_jobs.get(kind, ()))
        if known:
            case.path_parameters = {**case.path_parameters, JOB_PARAM: _pick(case, "job", known)}
    return case


def _map_control_case(case: GraphCase) -> GraphCase:
    """The control API's adjustments, each only to the valid part of a request.

    1. createFault: `operation` must be an operationId of openapi.yaml, `*` or `cycle`, which the control
       API's document cannot list (the emulator may serve another spec); a valid request gets one of
       them (keeping the one it has if it is one), and `cycle` when it has neither `status` nor
       `latencyMs`, which a fault on requests needs.
    2. deleteFault: every other valid request names a fault the server returned (created or listed
       earlier and not used since), or one created for it when none is known.
    3. signIn: every other valid form carries the operator key, so that the run signs in (303) as well
       as being refused (401).
    """
    from schemathesis.core.parameters import ParameterLocation

    method = case.operation.method.upper()
    body = case.body
    if (
        method == "POST"
        and case.operation.path == FAULTS_PATH
        and isinstance(body, dict)
        and _is_positive(case, ParameterLocation.BODY)
    ):
        targets = _fault_targets()
        operation = body.get("operation")
        if operation not in targets:
            operation = _pick(case, "fault", sorted(targets))
        if operation != "cycle" and "status" not in body and not body.get("latencyMs"):
            operation = "cycle"
        if operation != body.get("operation"):
            case.body = {**body, "operation": operation}
    if (
        method == "POST"
        and case.operation.path == VIEW_PATH
        and isinstance(body, dict)
        and _is_positive(case, ParameterLocation.BODY)
    ):
        key = os.environ.get(CONTROL_KEY_VARIABLE, "").strip()
        with _lock:
            turn = next(_sign_in_turns) % 2 == 0
        if key and turn:
            case.body = {**body, "key": key}
    if FAULT_PARAM in (case.path_parameters or {}) and _is_positive(case, ParameterLocation.PATH):
        with _lock:  # every other valid case, the first one included (a phase may have only one or two)
            turn = next(_fault_turns) % 2 == 0
            known = _known_faults.popleft() if turn and _known_faults else None
        known = known or (_new_fault(case) if turn else None)
        if known:
            case.path_parameters = {**case.path_parameters, FAULT_PARAM: known}
    return case


def _new_fault(case: GraphCase) -> str | None:
    """The id of a fault created for a deleteFault case when none is known (clearFaults and reset, which
    each phase also runs, remove them all): a cycle fault of a tenant that does not exist, so it never
    applies. None if it cannot be created (no key, 100 faults in force, ...)."""
    key = os.environ.get(CONTROL_KEY_VARIABLE, "").strip()
    if not key:
        return None
    create = case.operation.schema[FAULTS_PATH]["POST"]
    rule = {"operation": "cycle", "tenant": "fuzz.hooks", "count": 1}
    try:
        response = create.Case(
            body=rule, media_type="application/json", headers={"Authorization": f"Bearer {key}"}
        ).call()
        created = json.loads(response.content) if response.status_code == 201 else None
    except (OSError, ValueError, RuntimeError):  # the server went away, or an answer that is not JSON
        return None
    fault_id = created.get("id") if isinstance(created, dict) else None
    return fault_id if isinstance(fault_id, str) else None


@functools.cache
def _fault_targets() -> frozenset[str]:
    """What a valid fault names: the operationIds of openapi.yaml, `*` and `cycle`."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(GRAPH_SPEC.read_text(encoding="utf-8"), Loader=loader)
    found = {
        str(operation["operationId"])
        for item in document.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    return frozenset(found | set(FAULT_TARGETS))


def _directories(template: str | None) -> list[str]:
    """The directory ids of GRAPHSYNC_FUZZ_DIRECTORIES (`template:id` entries): those of `template`, or all."""
    entries = [entry.partition(":") for entry in os.environ.get("GRAPHSYNC_FUZZ_DIRECTORIES", "").split(",")]
    return [directory for owner, _, directory in entries if directory and template in (None, owner)]


def _keep_provisionable(case: GraphCase, path: str) -> None:
    rule_id = os.environ.get("GRAPHSYNC_FUZZ_RULE_ID") or DEFAULT_RULE_ID
    body: dict[str, Any] = dict(case.body) if isinstance(case.body, dict) else {}
    if path.endswith("/schema"):
        rules = [rule for rule in body.get("synchronizationRules") or [] if isinstance(rule, dict)]
        if all(rule.get("id") != rule_id for rule in rules):
            body["synchronizationRules"] = [*rules, {"id": rule_id}]
        case.body = body
        return
    subjects = [s.strip() for s in os.environ.get("GRAPHSYNC_FUZZ_SUBJECTS", "").split(",") if s.strip()]
    if subjects:
        subject: dict[str, Any] = {"objectId": _pick(case, "subject", subjects), "objectTypeName": "User"}
        case.body = {"parameters": [{"ruleId": rule_id, "subjects": [subject]}]}


@schemathesis.hook
def before_add_examples(context: schemathesis.HookContext, examples: list[GraphCase]) -> None:
    """The examples phase builds its cases from openapi.yaml's examples without `map_case`: apply it here."""
    for index, case in enumerate(examples):
        examples[index] = map_case(context, case)


@schemathesis.hook
def after_call(context: schemathesis.HookContext, case: GraphCase, response: schemathesis.Response) -> None:
    """Remember the ids of jobs (and of the control API's faults) the server created or listed; forget the
    ones it deleted."""
    if checks.is_control(case):
        _remember_faults(case, response)
        return
    kind = _owner_kind(case)
    if kind not in _known_jobs or not 200 <= response.status_code < 300:
        return
    method = case.operation.method.upper()
    if method == "DELETE" and response.status_code == 204:
        job_id = (case.path_parameters or {}).get(JOB_PARAM)
        with _lock:
            if isinstance(job_id, str) and job_id in _known_jobs[kind]:
                _known_jobs[kind].remove(job_id)
        return
    if method not in ("GET", "POST") or not case.operation.path.endswith(("/jobs", "}")):
        return
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return
    jobs: list[Any] = (
        body["value"] if isinstance(body, dict) and isinstance(body.get("value"), list) else [body]
    )
    ids = [job["id"] for job in jobs if isinstance(job, dict) and isinstance(job.get("id"), str)]
    with _lock:
        for job_id in ids[:8]:
            if job_id not in _known_jobs[kind]:
                _known_jobs[kind].append(job_id)


def _remember_faults(case: GraphCase, response: schemathesis.Response) -> None:
    """The fault ids of a createFault or listFaults answer; forget one deleteFault removed, all on clearFaults
    or reset."""
    method, path = case.operation.method.upper(), case.operation.path
    if response.status_code == 204 and method in ("DELETE", "POST"):
        fault_id = (case.path_parameters or {}).get(FAULT_PARAM)
        with _lock:
            if fault_id is None and path in (FAULTS_PATH, "/_graphsync/reset"):
                _known_faults.clear()
            elif isinstance(fault_id, str) and fault_id in _known_faults:
                _known_faults.remove(fault_id)
        return
    if path != FAULTS_PATH or method not in ("GET", "POST") or not 200 <= response.status_code < 300:
        return
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return
    faults: list[Any] = body.get("value", []) if method == "GET" and isinstance(body, dict) else [body]
    ids = [fault["id"] for fault in faults if isinstance(fault, dict) and isinstance(fault.get("id"), str)]
    with _lock:
        for fault_id in ids[:8]:
            if fault_id not in _known_faults:
                _known_faults.append(fault_id)
