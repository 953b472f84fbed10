"""Graph rules that openapi.yaml states but JSON Schema cannot express: one small schemathesis check each.

Every check has the signature schemathesis expects, `(ctx, response, case) -> None`, is named after
the rule it enforces, and raises `AssertionError` with a message that says what was received and
what is documented (and where). They are used in two places:

- the CLI run (`make fuzz`, fuzz/run.py): `schemathesis.toml` names `fuzz.hooks` as its hooks module,
  which registers every check in `GRAPH_CHECKS` with `schemathesis.check`, so `--checks all` runs
  them next to the built-in ones;
- the pytest run (tests/test_fuzz_inprocess.py): the same module is loaded through the same
  `schemathesis.toml`, so `case.call_and_validate()` runs them too.

What the checks need beyond the request and the response comes from the environment (read at
call time, so a test can change it): `GRAPHSYNC_FUZZ_TOKEN` (the main identity's bearer token) and
`GRAPHSYNC_FUZZ_IDENTITIES` (a JSON file describing more identities, see `Identity`). Without
them the identity checks do nothing.

The authorization and tenant-isolation checks send extra requests: they replay the case as every
other identity and compare. Replays of writes are only made for identities that must be refused.
"""

# Checks report a broken rule by raising AssertionError (schemathesis' contract), also for a wrong type.
# ruff: noqa: TRY004

from __future__ import annotations

import dataclasses
import functools
import json
import math
import os
import re
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext, Response

# --- Graph's values (openapi.yaml, docs/spec-decisions.md, Graph reference §5.5) -------------------

#: Graph's default schedule interval of a new job: .NET `TimeSpan.MaxValue`.
DEFAULT_INTERVAL = "P10675199DT2H48M5.4775807S"
#: Graph's "never" for the steady-state times of a new job.
NEVER = "0001-01-01T00:00:00Z"
#: What a job answered by Create synchronizationJob looks like, whatever the request sent (D4).
NEW_JOB_SCHEDULE: dict[str, Any] = {"expiration": None, "interval": DEFAULT_INTERVAL, "state": "Disabled"}
NEW_JOB_STATUS: dict[str, Any] = {
    "code": "NotConfigured",
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
#: Directory role that includes every other role (docs/security.md, "Authorization").
GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10"
OWNED_BY = "Application.ReadWrite.OwnedBy"

GUID = re.compile(r"\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?")
#: `innerError.date`: Graph's date-time, the offset optional (D10; components/schemas/InnerError).
INNER_ERROR_DATE = re.compile(
    r"[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"([.][0-9]{1,12})?(Z|[+-][0-9][0-9]:[0-9][0-9])?"
)
#: The part of a job id after `<templateId>.`: 32 hex digits, then optionally `.` and the tenant id.
JOB_ID_REST = re.compile(
    r"[0-9a-fA-F]{32}(\.[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?"
)
#: A client-request-id that every server can echo: visible ASCII, at most 256 characters. Graph
#: documents no limit; for other values the checks only demand that what is echoed is unchanged.
ECHOABLE = re.compile(r"[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

#: Pages of a listing followed per list response (`@odata.nextLink`); GRAPHSYNC_FUZZ_MAX_PAGES overrides.
DEFAULT_MAX_PAGES = 10

ENV_TOKEN = "GRAPHSYNC_FUZZ_TOKEN"
ENV_IDENTITIES = "GRAPHSYNC_FUZZ_IDENTITIES"
ENV_MAX_PAGES = "GRAPHSYNC_FUZZ_MAX_PAGES"
ENV_PROBE_SHARE = "GRAPHSYNC_FUZZ_PROBE_SHARE"
ENV_STATS = "GRAPHSYNC_FUZZ_STATS"


# --- Identities --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Identity:
    """A caller other than the main one, with what Graph's permission model says about it.

    `tenant` is "home" when the identity belongs to the tenant that owns the fuzzed service
    principal and application, "other" for another tenant. `kind` is "application" (permissions
    are the token's `roles`) or "delegated" (`scp`, plus the user's directory roles in `wids`).
    """

    name: str
    token: str
    tenant: str = "home"
    kind: str = "application"
    permissions: tuple[str, ...] = ()
    directory_roles: tuple[str, ...] = ()
    #: Whether the caller's service principal owns the fuzzed service principal and application;
    #: matters only for `Application.ReadWrite.OwnedBy` (None: unknown, such calls are not judged).
    owns: bool | None = None

    def may_call(self, operation: Mapping[str, Any]) -> bool | None:
        """Whether `x-graph-permissions` lets this caller call the operation; None when it depends on ownership."""
        table = operation.get("x-graph-permissions")
        if not isinstance(table, Mapping):
            return False
        if self.kind == "delegated":
            roles = {
                r.get("templateId", "").lower()
                for r in table.get("directoryRoles") or []
                if isinstance(r, Mapping)
            }
            has_role = any(role.lower() in roles | {GLOBAL_ADMINISTRATOR} for role in self.directory_roles)
            return has_role and bool(set(self.permissions) & set(table.get("delegatedWork") or []))
        granted = set(self.permissions) & set(table.get("application") or [])
        if granted - {OWNED_BY}:
            return True
        return self.owns if granted else False


@dataclasses.dataclass(frozen=True)
class FuzzSettings:
    """The GRAPHSYNC_FUZZ_* settings the checks read: the main token, other identities and limits."""

    token: str | None
    identities: tuple[Identity, ...]
    max_pages: int
    probe_share: float


class SettingsError(ValueError):
    """A GRAPHSYNC_FUZZ_* variable that cannot be used; the message is one readable line."""


def read_max_pages(raw: str | None) -> int:
    """GRAPHSYNC_FUZZ_MAX_PAGES: pages read per list response, a whole number of at least 1 (unset: 10)."""
    if raw is None or not raw.strip():
        return DEFAULT_MAX_PAGES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise SettingsError(f"{ENV_MAX_PAGES}={raw!r}: expected a whole number of at least 1")
    return value


def read_probe_share(raw: str | None) -> float:
    """GRAPHSYNC_FUZZ_PROBE_SHARE: the share of cases replayed as the other identities, 0 to 1 (unset: 1)."""
    if raw is None or not raw.strip():
        return 1.0
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:
        raise SettingsError(f"{ENV_PROBE_SHARE}={raw!r}: expected a number from 0 to 1, such as 0.25")
    return value


def check_environment(env: Mapping[str, str]) -> None:
    """Raise SettingsError for a number setting the checks could not read (the runner calls it before the run)."""
    read_max_pages(env.get(ENV_MAX_PAGES))
    read_probe_share(env.get(ENV_PROBE_SHARE))


def load_identities(path: str) -> tuple[Identity, ...]:
    """Read the identities file (docs/fuzzing.md, "Identities").

    `{"identities": [{"name", "token", "tenant": "home"|"other", "kind": "application"|"delegated",
    "permissions": [...], "directoryRoles": [...], "owns": true|false}]}`
    """
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    result = []
    for entry in data.get("identities", []):
        result.append(
            Identity(
                name=str(entry["name"]),
                token=str(entry["token"]),
                tenant=str(entry.get("tenant", "home")),
                kind=str(entry.get("kind", "application")),
                permissions=tuple(entry.get("permissions") or ()),
                directory_roles=tuple(entry.get("directoryRoles") or ()),
                owns=entry.get("owns"),
            )
        )
    return tuple(result)


def settings() -> FuzzSettings:
    """The run's settings from the environment, read at call time so that a test can change them."""
    return _settings_for(
        *(os.environ.get(name) for name in (ENV_TOKEN, ENV_IDENTITIES, ENV_MAX_PAGES, ENV_PROBE_SHARE))
    )


@functools.lru_cache(maxsize=8)
def _settings_for(
    token: str | None, identities_path: str | None, max_pages: str | None, share: str | None
) -> FuzzSettings:
    """Settings for one set of variable values, parsed once (a SettingsError is raised again, not cached)."""
    return FuzzSettings(
        token=token or None,
        identities=load_identities(identities_path) if identities_path else (),
        max_pages=read_max_pages(max_pages),
        probe_share=read_probe_share(share),
    )


# --- Statistics (how many extra requests the checks sent), written at exit for the report ----------

# Module-level on purpose: schemathesis keeps registered checks in a process-wide registry and calls a
# check function with (ctx, response, case) only; CheckContext has __slots__, no room for run state.
# `st run` is one process per run, so these counters are the run's (hooks.py writes them at exit).
_stats_lock = threading.Lock()
STATS: dict[str, int] = {"identity_probes": 0, "pages_followed": 0}


def _count(name: str, amount: int = 1) -> None:
    with _stats_lock:
        STATS[name] = STATS.get(name, 0) + amount


def write_stats() -> None:
    """Write STATS as JSON to $GRAPHSYNC_FUZZ_STATS (the runner reads it for its report)."""
    path = os.environ.get(ENV_STATS)
    if path:
        with _stats_lock, open(path, "w", encoding="utf-8") as file:
            json.dump(STATS, file)


# --- Small helpers ------------------------------------------------------------------------------


def _header(response: Response, name: str) -> str | None:
    values = response.headers.get(name.lower())
    return values[0] if values else None


def _sent_header(response: Response, name: str) -> str | None:
    """A header as it was really sent (schemathesis keeps the prepared request)."""
    value = response.request.headers.get(name)
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value


def _json(response: Response) -> Any:
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None


def _request(case: Case, response: Response) -> str:
    return f"{case.method.upper()} {urlsplit(response.request.url or '').path}"


def _short(value: Any, limit: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _operation(case: Case) -> Mapping[str, Any]:
    """The raw openapi.yaml operation of the case (the case's declared method, not the one sent)."""
    paths = case.operation.schema.raw_schema.get("paths", {})
    return paths.get(case.operation.path, {}).get(case.operation.method.lower(), {})


def _declared_methods(case: Case) -> set[str]:
    item = case.operation.schema.raw_schema.get("paths", {}).get(case.operation.path, {})
    return {method.upper() for method in HTTP_METHODS if method in item}


def _kind(case: Case) -> str:
    """'list', 'create', 'get', 'delete' or 'action', from the path and method in openapi.yaml."""
    path, method = case.operation.path, case.operation.method.upper()
    if path.endswith("/jobs"):
        return "list" if method == "GET" else "create"
    if path.endswith("}"):
        return {"GET": "get", "DELETE": "delete"}.get(method, "other")
    return "action"


def _sent_declared_method(case: Case, response: Response) -> bool:
    """False for the coverage phase's requests with a method the operation does not declare."""
    return (response.request.method or "").upper() == case.operation.method.upper()


def _jobs_in(case: Case, body: Any) -> Iterator[Mapping[str, Any]]:
    kind = _kind(case)
    if kind == "list" and isinstance(body, Mapping) and isinstance(body.get("value"), list):
        yield from (job for job in body["value"] if isinstance(job, Mapping))
    elif kind in ("create", "get") and isinstance(body, Mapping):
        yield body


# --- Envelope and headers -----------------------------------------------------------------------


def every_response_carries_request_id(ctx: CheckContext, response: Response, case: Case) -> None:
    """Every response carries a `request-id` header holding a GUID (openapi.yaml: info, components/headers/request-id)."""
    value = _header(response, "request-id")
    if value is None:
        raise AssertionError(
            f"{response.status_code} to {_request(case, response)} has no `request-id` header.\n"
            f"Received headers: {sorted(response.headers)}\n"
            "Documented: every response carries `request-id` (openapi.yaml info.description; "
            "components/headers/request-id, a GUID)."
        )
    if not GUID.fullmatch(value) or value.startswith("{"):
        raise AssertionError(
            f"{response.status_code} to {_request(case, response)} has `request-id: {value}`, not a GUID.\n"
            "Documented: components/headers/request-id is `format: uuid`."
        )


def client_request_id_is_echoed(ctx: CheckContext, response: Response, case: Case) -> None:
    """A `client-request-id` the client sent comes back unchanged in the response header, and only then (D11)."""
    sent = _sent_header(response, "client-request-id")
    echoed = _header(response, "client-request-id")
    where = f"{response.status_code} to {_request(case, response)}"
    if sent is None or not sent.strip(" \t"):
        if echoed is not None:
            raise AssertionError(
                f"{where}: the request had no `client-request-id`, the response has `client-request-id: {echoed}`.\n"
                "Documented: the header is only echoed when the client sent one (docs/spec-decisions.md D11)."
            )
        return
    sent = sent.strip(" \t")
    if echoed is None and ECHOABLE.fullmatch(sent):
        raise AssertionError(
            f"{where}: sent `client-request-id: {sent}`, the response has no `client-request-id` header.\n"
            "Documented: `client-request-id` is echoed (openapi.yaml info.description, "
            "components/headers/client-request-id)."
        )
    if echoed is not None and echoed != sent:
        raise AssertionError(
            f"{where}: sent `client-request-id: {_short(sent)}`, received `client-request-id: {_short(echoed)}`.\n"
            "Documented: the client's value is echoed unchanged."
        )


def error_body_is_graph_envelope(ctx: CheckContext, response: Response, case: Case) -> None:
    """Every 4xx/5xx body is Graph's JSON envelope, its `innerError` repeating the response's ids (D11, D16)."""
    if response.status_code < 400 or (response.request.method or "").upper() == "HEAD":
        return
    where = f"{response.status_code} to {_request(case, response)}"
    documented = (
        'Documented: every error is `{"error": {"code", "message", "innerError": {"date", "request-id", '
        '"client-request-id"}}}` as application/json (openapi.yaml info.description, components/schemas/ODataError).'
    )
    content_type = (_header(response, "content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise AssertionError(f"{where} has Content-Type {content_type or '(none)'!r}.\n{documented}")
    body = _json(response)
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        raise AssertionError(f"{where}: the body is not Graph's error envelope: {_short(body)}\n{documented}")
    problems = []
    if not isinstance(error.get("code"), str) or not error["code"]:
        problems.append(f"error.code is {_short(error.get('code'))}, expected a non-empty string")
    if not isinstance(error.get("message"), str):
        problems.append(f"error.message is {_short(error.get('message'))}, expected a string")
    inner = error.get("innerError")
    if not isinstance(inner, Mapping):
        problems.append(f"error.innerError is {_short(inner)}, expected an object")
    else:
        date = inner.get("date")
        if not isinstance(date, str) or not INNER_ERROR_DATE.fullmatch(date):
            problems.append(
                f"innerError.date is {_short(date)}, expected Graph's date-time such as 2023-11-08T15:01:03"
            )
        request_id = _header(response, "request-id")
        if inner.get("request-id") != request_id:
            problems.append(
                f"innerError.request-id is {_short(inner.get('request-id'))}, the `request-id` header is {_short(request_id)}"
            )
        echoed = _header(response, "client-request-id")
        sent = _sent_header(response, "client-request-id")
        sent = sent.strip(" \t") if sent else None
        expected = echoed if echoed is not None else request_id
        allowed = {expected} if echoed is not None or not sent else {sent, request_id}
        if inner.get("client-request-id") not in allowed:
            problems.append(
                f"innerError.client-request-id is {_short(inner.get('client-request-id'))}, expected "
                f"{_short(expected)} (the client's value, or the request-id when none was sent: D11)"
            )
    if problems:
        raise AssertionError(
            f"{where}: " + "; ".join(problems) + f".\nReceived: {_short(body, 600)}\n{documented}"
        )


def unauthorized_carries_bearer_challenge(ctx: CheckContext, response: Response, case: Case) -> None:
    """A 401 carries `WWW-Authenticate` with a Bearer challenge (components/responses/unauthorized)."""
    if response.status_code != 401:
        return
    challenge = _header(response, "www-authenticate")
    if challenge is None or challenge.split(" ", 1)[0].strip().lower() != "bearer":
        raise AssertionError(
            f"401 to {_request(case, response)} has `WWW-Authenticate: {challenge}`.\n"
            "Documented: a 401 carries a `WWW-Authenticate` Bearer challenge (components/responses/unauthorized, "
            "components/headers/WWW-Authenticate; RFC 6750 §3)."
        )


def method_not_allowed_carries_allow(ctx: CheckContext, response: Response, case: Case) -> None:
    """A 405 carries `Allow` listing exactly the methods openapi.yaml declares for the path (D5, methodNotAllowed)."""
    if response.status_code != 405:
        return
    allow = _header(response, "allow")
    declared = _declared_methods(case)
    sent = (response.request.method or "").upper()
    listed = {m.strip().upper() for m in (allow or "").split(",") if m.strip()}
    if allow is None or listed != declared or sent in listed:
        raise AssertionError(
            f"405 to {sent} {urlsplit(response.request.url or '').path} has `Allow: {allow}`.\n"
            f"Documented: 405 with `Allow` naming the path's methods, here {', '.join(sorted(declared))} "
            "(components/responses/methodNotAllowed, docs/spec-decisions.md D5)."
        )


def throttled_response_carries_retry_after(ctx: CheckContext, response: Response, case: Case) -> None:
    """A 429 carries `Retry-After` in whole seconds (components/responses/tooManyRequests)."""
    if response.status_code != 429:
        return
    value = _header(response, "retry-after")
    if value is None or not value.strip().isdigit():
        raise AssertionError(
            f"429 to {_request(case, response)} has `Retry-After: {value}`.\n"
            "Documented: a 429 carries `Retry-After`, a number of seconds (components/headers/Retry-After)."
        )


def action_success_has_no_body(ctx: CheckContext, response: Response, case: Case) -> None:
    """204 answers (start, pause, restart, delete) have an empty body (RFC 9110 §15.3.5; openapi.yaml 204s)."""
    if response.status_code == 204 and response.content:
        raise AssertionError(
            f"204 to {_request(case, response)} has a {len(response.content)}-byte body: {_short(response.content[:200].decode('utf-8', 'replace'))}\n"
            "Documented: 204 No Content, no body."
        )


# --- Jobs ---------------------------------------------------------------------------------------


def created_job_is_disabled_with_graph_defaults(ctx: CheckContext, response: Response, case: Case) -> None:
    """A created job starts `Disabled`/`NotConfigured` with Graph's defaults whatever the request sent (D4)."""
    if _kind(case) != "create" or response.status_code != 201 or not _sent_declared_method(case, response):
        return
    job = _json(response)
    if not isinstance(job, Mapping):
        return  # response_schema_conformance reports it
    request_body = case.body if isinstance(case.body, Mapping) else {}
    problems = []
    if "templateId" in request_body and job.get("templateId") != request_body["templateId"]:
        problems.append(
            f"templateId is {_short(job.get('templateId'))}, the request asked for {_short(request_body['templateId'])}"
        )
    if job.get("schedule") != NEW_JOB_SCHEDULE:
        problems.append(f"schedule is {_short(job.get('schedule'))}, expected {_short(NEW_JOB_SCHEDULE)}")
    status = job.get("status")
    if not isinstance(status, Mapping):
        problems.append(f"status is {_short(status)}, expected {_short(NEW_JOB_STATUS)}")
    else:
        for name, value in NEW_JOB_STATUS.items():
            if status.get(name, ...) != value:
                problems.append(
                    f"status.{name} is {_short(status.get(name, '(absent)'))}, expected {_short(value)}"
                )
        for name, value in NEW_JOB_STATUS_OPTIONAL.items():
            if name in status and status[name] != value:
                problems.append(
                    f"status.{name} is {_short(status[name])}, expected {_short(value)} or absent"
                )
    sent_settings = request_body.get("synchronizationJobSettings")
    if isinstance(sent_settings, list):
        kept = {
            (s.get("name"), s.get("value"))
            for s in job.get("synchronizationJobSettings") or []
            if isinstance(s, Mapping)
        }
        for setting in sent_settings:
            if (
                isinstance(setting, Mapping)
                and "name" in setting
                and (setting.get("name"), setting.get("value")) not in kept
            ):
                problems.append(f"the sent setting {_short(setting)} is not in synchronizationJobSettings")
    if problems:
        raise AssertionError(
            f"201 to {_request(case, response)}: " + "; ".join(problems) + ".\n"
            f"Sent: {_short(request_body, 400)}\n"
            "Documented: a new job is `Disabled` / `NotConfigured` with Graph's defaults (interval "
            f"{DEFAULT_INTERVAL}, steady-state times {NEVER}, no executions); `schedule` and `status` in the "
            "request are ignored, `templateId` and `synchronizationJobSettings` are kept "
            "(openapi.yaml create operations; docs/spec-decisions.md D4)."
        )


def job_id_starts_with_template_id_and_is_not_a_guid(
    ctx: CheckContext, response: Response, case: Case
) -> None:
    """A job id is `<templateId>.<32 hex digits>[.<tenant id>]`, never a GUID (components/schemas/synchronizationJob.id)."""
    if not 200 <= response.status_code < 300 or not _sent_declared_method(case, response):
        return
    for job in _jobs_in(case, _json(response)):
        job_id, template = job.get("id"), job.get("templateId")
        problem = None
        if not isinstance(job_id, str) or not job_id:
            problem = f"the id is {_short(job_id)}"
        elif GUID.fullmatch(job_id):
            problem = f"the id {job_id!r} is a GUID"
        elif isinstance(template, str) and template:
            if not job_id.startswith(template + "."):
                problem = f"the id {job_id!r} does not start with its templateId {template!r} and a dot"
            elif not JOB_ID_REST.fullmatch(job_id[len(template) + 1 :]):
                problem = f"the id {job_id!r} does not continue with 32 hexadecimal digits (and the tenant id) after {template + '.'!r}"
        if problem:
            raise AssertionError(
                f"{response.status_code} to {_request(case, response)}: {problem}.\n"
                "Documented: the template id, 32 hexadecimal digits and the tenant id, joined by dots; not a GUID "
                "(components/schemas/synchronizationJob.id; e.g. "
                "BoxOutDelta.0123456789abcdef0123456789abcdef.8442fd39-2183-419c-8732-74b6ce866bd5)."
            )


def created_job_location_names_the_job(ctx: CheckContext, response: Response, case: Case) -> None:
    """If a create answers with `Location`, it is the job's own URL: the collection URL plus the id (D14)."""
    if _kind(case) != "create" or response.status_code != 201 or not _sent_declared_method(case, response):
        return
    location = _header(response, "location")
    job = _json(response)
    if location is None or not isinstance(job, Mapping) or not isinstance(job.get("id"), str):
        return
    collection = urlsplit(response.request.url or "").path.rstrip("/")
    expected = f"{collection}/{quote(job['id'], safe='')}"
    got = urlsplit(location)
    if got.path not in (expected, f"{collection}/{job['id']}") or (
        got.scheme and got.scheme not in ("http", "https")
    ):
        raise AssertionError(
            f"201 to {_request(case, response)} has `Location: {location}` for job {job['id']!r}.\n"
            f"Documented: the created job's URL, ending in {expected} (components/headers/Location; D14)."
        )


def list_pages_follow_odata_next_link(ctx: CheckContext, response: Response, case: Case) -> None:
    """Following `@odata.nextLink` as it is walks the listing: pages of jobs, no job twice, `$top` honoured (D15)."""
    if _kind(case) != "list" or response.status_code != 200 or not _sent_declared_method(case, response):
        return
    body = _json(response)
    if not isinstance(body, Mapping) or not isinstance(body.get("value"), list):
        return  # response_schema_conformance reports it
    documented = (
        "Documented: `@odata.nextLink` is the absolute URL of the next page, absent on the last page; a page "
        "holds at most `$top` jobs (openapi.yaml list operations; docs/spec-decisions.md D15)."
    )
    top = _top(response)
    seen: dict[str, int] = {}
    page, link, number = body, body.get("@odata.nextLink"), 1
    limit = settings().max_pages
    while True:
        jobs = [job for job in page["value"] if isinstance(job, Mapping)]
        if top is not None and len(page["value"]) > top:
            raise AssertionError(
                f"page {number} of {_request(case, response)} (`$top={top}`) holds {len(page['value'])} jobs.\n{documented}"
            )
        for job in jobs:
            job_id = job.get("id")
            if isinstance(job_id, str):
                if job_id in seen:
                    raise AssertionError(
                        f"job {job_id!r} is listed on page {seen[job_id]} and again on page {number} of "
                        f"{_request(case, response)}.\n{documented}"
                    )
                seen[job_id] = number
        if link is None or number >= limit:
            return
        if (
            not isinstance(link, str)
            or urlsplit(link).scheme not in ("http", "https")
            or not urlsplit(link).netloc
        ):
            raise AssertionError(
                f"page {number} of {_request(case, response)} has `@odata.nextLink` {_short(link)}.\n{documented}"
            )
        next_response = _fetch(ctx, case, response, link)
        _count("pages_followed")
        number += 1
        page = _json(next_response)
        if (
            next_response.status_code != 200
            or not isinstance(page, Mapping)
            or not isinstance(page.get("value"), list)
        ):
            raise AssertionError(
                f"following `@odata.nextLink` {link} (page {number} of {_request(case, response)}) gave "
                f"{next_response.status_code}: {_short(page if page is not None else next_response.content[:200].decode('utf-8', 'replace'))}\n"
                + documented
            )
        link = page.get("@odata.nextLink")


def _top(response: Response) -> int | None:
    query = parse_qs(urlsplit(response.request.url or "").query, keep_blank_values=True)
    values = query.get("$top") or []
    if len(values) == 1 and values[0].isdigit() and int(values[0]) >= 1:
        return int(values[0])
    return None


# --- Authorization and tenant isolation (replays as the other identities) -----------------------


def valid_token_is_not_rejected(ctx: CheckContext, response: Response, case: Case) -> None:
    """A request carrying the run's valid token is never answered 401: a green run must not hide a bad token."""
    token = settings().token
    if (
        response.status_code != 401
        or token is None
        or _sent_header(response, "authorization") != f"Bearer {token}"
    ):
        return
    body = _json(response)
    message = (
        body.get("error", {}).get("message")
        if isinstance(body, Mapping) and isinstance(body.get("error"), Mapping)
        else None
    )
    raise AssertionError(
        f"401 to {_request(case, response)} although it carried the run's token ({message!r}).\n"
        "Expected: the token given to the run (GRAPHSYNC_FUZZ_TOKEN / make fuzz TOKEN=...) is accepted; "
        "check that it is not expired, is for this server's issuer and audience, and is sent as `Bearer <token>`."
    )


def documented_permissions_are_enforced(ctx: CheckContext, response: Response, case: Case) -> None:
    """Callers of the home tenant get what `x-graph-permissions` grants them: 403 without, success with (D18).

    Judged on every request the main identity made successfully, replayed as each other identity of
    the home tenant: reads as every identity, writes only as the identities that must be refused.
    """
    for identity, replayed in _replays(ctx, response, case, tenant="home"):
        allowed = identity.may_call(_operation(case))
        where = (
            f"{_request(case, response)} replayed as `{identity.name}` ({identity.kind}, "
            f"permissions {list(identity.permissions) or 'none'}"
            + (f", directory roles {list(identity.directory_roles)}" if identity.kind == "delegated" else "")
            + f"): got {replayed.status_code}, the main identity got {response.status_code}"
        )
        table = _short(_operation(case).get("x-graph-permissions"), 500)
        if replayed.status_code == 401:
            raise AssertionError(
                f"{where}.\nExpected: a valid token is never answered 401 (403 if it lacks a permission)."
            )
        if allowed:
            if not 200 <= replayed.status_code < 300:
                raise AssertionError(
                    f"{where}.\nDocumented: the caller holds a permission the operation lists: {table}"
                )
        else:
            # After a successful DELETE the job is gone, so 404 is as right as 403 there.
            expected = {403, 404} if case.operation.method.upper() == "DELETE" else {403}
            if replayed.status_code not in expected:
                raise AssertionError(
                    f"{where}.\nDocumented: 403 Authorization_RequestDenied for a valid token without the permission "
                    f"(components/responses/forbidden; docs/spec-decisions.md D16); the operation needs one of {table}."
                )


def other_tenants_objects_are_not_found(ctx: CheckContext, response: Response, case: Case) -> None:
    """A caller from another tenant never reaches this tenant's objects: 404, as if they did not exist.

    Judged on every request the main identity made successfully, replayed as each identity of
    another tenant that holds the operation's permission there.
    """
    for identity, replayed in _replays(ctx, response, case, tenant="other"):
        where = (
            f"{_request(case, response)} replayed as `{identity.name}` (another tenant, permissions "
            f"{list(identity.permissions)}): got {replayed.status_code}, the owner's tenant got {response.status_code}"
        )
        body = _short(
            _json(replayed)
            if _json(replayed) is not None
            else replayed.content[:200].decode("utf-8", "replace")
        )
        if 200 <= replayed.status_code < 300:
            raise AssertionError(
                f"{where}; body {body}.\nDocumented: every lookup is scoped to the caller's tenant; another tenant's "
                "ids answer 404 (components/responses/notFound: 'does not exist in the caller's tenant')."
            )
        if replayed.status_code != 404:
            raise AssertionError(
                f"{where}; body {body}.\nDocumented: 404 Request_ResourceNotFound, the object does not exist in "
                "the caller's tenant (components/responses/notFound); 403 would reveal that it exists."
            )


def _replays(
    ctx: CheckContext, response: Response, case: Case, *, tenant: str
) -> Iterator[tuple[Identity, Response]]:
    """The case sent again as each identity of `tenant` that the rule can judge; writes only where they must fail."""
    config = settings()
    if not config.identities or config.token is None:
        return
    if _sent_header(response, "authorization") != f"Bearer {config.token}":
        return  # a deliberately unauthenticated case (ignored_auth, missing_required_header)
    if not _sent_declared_method(case, response) or not 200 <= response.status_code < 300:
        return  # only a request that succeeded says what each identity must get (invalid ones: 400 for all)
    if config.probe_share < 1.0 and zlib.crc32(case.id.encode()) % 10_000 >= config.probe_share * 10_000:
        return
    operation = _operation(case)
    safe = case.operation.method.upper() in SAFE_METHODS
    for identity in config.identities:
        if identity.tenant != tenant:
            continue
        allowed = identity.may_call(operation)
        if allowed is None or (allowed is False and tenant == "other"):
            continue  # depends on ownership, or refused before the tenant is looked at
        if allowed and not safe and tenant == "home":
            continue  # never repeat a write that is supposed to succeed
        yield identity, _replay(ctx, case, response, identity.token)


def _transport_kwargs(ctx: CheckContext) -> dict[str, Any]:
    internals = getattr(ctx, "internals", None)
    kwargs = dict(getattr(internals, "transport_kwargs", None) or {})
    kwargs.pop("headers", None)
    return kwargs


def _replay(ctx: CheckContext, case: Case, response: Response, token: str) -> Response:
    from requests.structures import CaseInsensitiveDict

    headers: CaseInsensitiveDict[Any] = CaseInsensitiveDict(
        {k: v for k, v in case.headers.items() if k.lower() != "authorization"}
    )
    headers["Authorization"] = f"Bearer {token}"
    probe = case.derive(headers=headers)
    _count("identity_probes")
    return probe.call(**_transport_kwargs(ctx))


def _fetch(ctx: CheckContext, case: Case, response: Response, url: str) -> Response:
    """GET an absolute URL (a nextLink) with the original request's credentials, over the case's transport."""
    from schemathesis import Response as StResponse

    headers = {"Authorization": _sent_header(response, "authorization") or ""}
    kwargs = _transport_kwargs(ctx)
    app = case.operation.app
    if app is not None:
        from schemathesis.python import asgi

        with asgi.get_client(app) as client:
            raw = client.get(url, headers=headers, allow_redirects=False, timeout=kwargs.get("timeout", 30))
        return StResponse.from_requests(raw, verify=True)
    import requests

    session = kwargs.get("session")
    sender = session if isinstance(session, requests.Session) else requests
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


#: Every project check, in the order the report lists them.
GRAPH_CHECKS: tuple[Callable[..., None], ...] = (
    every_response_carries_request_id,
    client_request_id_is_echoed,
    error_body_is_graph_envelope,
    unauthorized_carries_bearer_challenge,
    method_not_allowed_carries_allow,
    throttled_response_carries_retry_after,
    action_success_has_no_body,
    created_job_is_disabled_with_graph_defaults,
    job_id_starts_with_template_id_and_is_not_a_guid,
    created_job_location_names_the_job,
    list_pages_follow_odata_next_link,
    valid_token_is_not_rejected,
    documented_permissions_are_enforced,
    other_tenants_objects_are_not_found,
)


def register() -> None:
    """Register every check with schemathesis (idempotent); called by fuzz/hooks.py."""
    import schemathesis

    for check in GRAPH_CHECKS:
        schemathesis.check(check)
