"""generated/client (graphsync_client): every operation, the documented examples, lossless values, contract hooks.

HTTP goes through httpx.MockTransport: no socket, no server.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import pkgutil
import re
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
for _dist in ("models", "client"):
    sys.path.insert(0, str(ROOT / "generated" / _dist))

import graphsync_client
import graphsync_models
from graphsync_client import AuthenticatedClient, contract
from graphsync_client.api.applications_synchronization import (
    applications_synchronization_list_jobs as app_list_jobs,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_service_principal_synchronization_jobs_synchronization_job_restart as restart_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_service_principal_synchronization_jobs_synchronization_job_start as start_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_create_jobs as create_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_get_jobs as get_job,
)
from graphsync_client.models import (
    ODataError,
    RestartRequest,
    SynchronizationJob,
    SynchronizationJobCollectionResponse,
    SynchronizationJobCreate,
    SynchronizationJobRestartCriteria,
    SynchronizationSchedule,
    SynchronizationTaskExecution,
)
from graphsync_client.types import UNSET, Unset

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
EXAMPLES: dict[str, Any] = {name: ex["value"] for name, ex in SPEC["components"]["examples"].items()}
METHODS = ("get", "put", "post", "delete", "patch")
BASE_URL = "https://graph.example/v1.0"

DOCUMENTED: list[tuple[str, Any]] = [
    ("createJobRequest", SynchronizationJobCreate),
    ("seedPageCreateRequest", SynchronizationJobCreate),
    ("createJobResponse", SynchronizationJob),
    ("activeJob", SynchronizationJob),
    ("listJobsResponse", SynchronizationJobCollectionResponse),
    ("restartRequest", RestartRequest),
    *[(name, ODataError) for name in EXAMPLES if name.startswith("error")],
]

VALID_DURATIONS = ["P10675199DT2H48M5.4775807S", "PT40M", "PT20M", "-PT15M", "P1D", "PT0.5S"]
INVALID_DURATIONS = ["P", "PT", "P1M", "P1Y", "40 minutes"]
DATE_TIMES = ["0001-01-01T00:00:00Z", "2020-06-26T13:58:24.7682084Z"]

Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler, *, hooks: dict[str, Any] | None = None) -> AuthenticatedClient:
    args: dict[str, Any] = {"transport": httpx.MockTransport(handler)}
    if hooks is not None:
        args["event_hooks"] = hooks
    return AuthenticatedClient(base_url=BASE_URL, token="test-token", httpx_args=args)


def reply(status: int, body: Any = None) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status) if body is None else httpx.Response(status, json=body)

    return handle


def spec_operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, item in SPEC["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def api_modules() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.walk_packages(graphsync_client.api.__path__, "graphsync_client.api."):
        if not info.ispkg:
            found[info.name.rsplit(".", 1)[1]] = importlib.import_module(info.name)
    return found


def snake(operation_id: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", operation_id).replace(".", "_").lower()


# --- the generated packages -------------------------------------------------------------


@pytest.mark.parametrize("package", [graphsync_client, graphsync_models], ids=lambda p: p.__name__)
def test_every_generated_module_imports(package: ModuleType) -> None:
    names = [package.__name__]
    if hasattr(package, "__path__"):
        names += [info.name for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]
    for name in names:
        importlib.import_module(name)
    assert (Path(package.__file__ or "").parent / "py.typed").is_file()


def test_every_operation_has_sync_and_async_calls_with_its_method_and_path() -> None:
    modules = api_modules()
    operations = spec_operations()
    assert len(modules) == len(operations), "one module per operation, no stale modules"
    for path, method, op in operations:
        module = modules[snake(op["operationId"])]
        for function in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
            assert callable(getattr(module, function)), f"{op['operationId']}.{function}"
        params = re.findall(r"\{([^}]+)\}", path)
        kwargs: dict[str, Any] = {}
        if "requestBody" in op:
            kwargs["body"] = (
                SynchronizationJobCreate(template_id="x")
                if method == "post" and "restart" not in path
                else RestartRequest()
            )
        values = [f"p{i}" for i in range(len(params))]
        built = module._get_kwargs(*values, **kwargs)
        expected = path
        for param, value in zip(params, values, strict=True):
            expected = expected.replace(f"{{{param}}}", value)
        assert (built["method"], built["url"]) == (method, expected), op["operationId"]


# --- documented examples and lossless values ----------------------------------------------


@pytest.mark.parametrize(("name", "model"), DOCUMENTED, ids=[name for name, _ in DOCUMENTED])
def test_documented_example_round_trips_exactly(name: str, model: Any) -> None:
    parsed = model.from_dict(json.loads(json.dumps(EXAMPLES[name])))
    assert parsed.to_dict() == EXAMPLES[name]


@pytest.mark.parametrize("value", VALID_DURATIONS)
def test_duration_round_trips_unchanged(value: str) -> None:
    schedule = SynchronizationSchedule.from_dict({"interval": value})
    assert schedule.interval == value
    assert schedule.to_dict() == {"interval": value}


@pytest.mark.parametrize("value", DATE_TIMES)
def test_date_time_round_trips_byte_exact(value: str) -> None:
    execution = SynchronizationTaskExecution.from_dict({"timeBegan": value})
    assert execution.time_began == value
    assert json.dumps(execution.to_dict()) == json.dumps({"timeBegan": value})


def test_absent_stays_distinct_from_null() -> None:
    assert SynchronizationSchedule(expiration=None).to_dict() == {"expiration": None}
    assert SynchronizationSchedule().to_dict() == {}
    assert SynchronizationSchedule.from_dict({}).expiration is UNSET
    assert SynchronizationSchedule.from_dict({"expiration": None}).expiration is None
    assert SynchronizationJobCreate(template_id="BoxOutDelta").to_dict() == {"templateId": "BoxOutDelta"}
    criteria = RestartRequest(criteria=None).to_dict()
    assert criteria == {"criteria": None}


def test_create_request_type_has_no_read_only_properties() -> None:
    fields = {f.name for f in SynchronizationJobCreate.__attrs_attrs__}  # type: ignore[attr-defined]
    assert "template_id" in fields
    assert not fields & {"id", "odata_context"}
    assert {"id", "odata_context"} <= {f.name for f in SynchronizationJob.__attrs_attrs__}  # type: ignore[attr-defined]


# --- over HTTP --------------------------------------------------------------------------------


def test_create_sends_the_documented_request_and_parses_the_documented_response() -> None:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json=EXAMPLES["createJobResponse"])

    with client(handle, hooks=contract.event_hooks()) as api:
        response = create_job.sync_detailed(
            "sp-1", client=api, body=SynchronizationJobCreate(template_id="BoxOutDelta")
        )
    [request] = seen
    assert request.method == "POST"
    assert request.url.raw_path == b"/v1.0/servicePrincipals/sp-1/synchronization/jobs"
    assert request.headers["authorization"] == "Bearer test-token"
    assert json.loads(request.content) == EXAMPLES["createJobRequest"]
    assert isinstance(response.parsed, SynchronizationJob)
    assert response.parsed.to_dict() == EXAMPLES["createJobResponse"]
    assert isinstance(response.parsed.schedule, SynchronizationSchedule)
    assert response.parsed.schedule.interval == "P10675199DT2H48M5.4775807S"


@pytest.mark.parametrize("value", VALID_DURATIONS)
def test_duration_travels_unchanged_both_ways(value: str) -> None:
    sent: list[Any] = []

    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        sent.append(body)
        job = {**EXAMPLES["createJobResponse"], "schedule": {**body["schedule"], "expiration": None}}
        return httpx.Response(201, json=job)

    schedule = SynchronizationSchedule(interval=value)
    with client(handle, hooks=contract.event_hooks()) as api:
        job = create_job.sync(
            "sp-1", client=api, body=SynchronizationJobCreate(template_id="T", schedule=schedule)
        )
    assert sent == [{"templateId": "T", "schedule": {"interval": value}}]
    assert isinstance(job, SynchronizationJob)
    assert isinstance(job.schedule, SynchronizationSchedule)
    assert job.schedule.interval == value


def test_error_envelope_is_parsed() -> None:
    with client(reply(404, EXAMPLES["errorNotFound"]), hooks=contract.event_hooks()) as api:
        error = get_job.sync("sp-1", "job-1", client=api)
    assert isinstance(error, ODataError)
    assert error.error.code == "Request_ResourceNotFound"
    assert error.to_dict() == EXAMPLES["errorNotFound"]


def test_list_and_actions() -> None:
    with client(reply(200, EXAMPLES["listJobsResponse"]), hooks=contract.event_hooks()) as api:
        page = app_list_jobs.sync("app-1", client=api, top=2)
    assert isinstance(page, SynchronizationJobCollectionResponse)
    assert page.to_dict() == EXAMPLES["listJobsResponse"]
    with client(reply(204), hooks=contract.event_hooks()) as api:
        assert start_job.sync_detailed("sp-1", "job.1", client=api).status_code == 204
        body = RestartRequest(criteria=SynchronizationJobRestartCriteria(reset_scope="Watermark, Escrows"))
        assert restart_job.sync_detailed("sp-1", "job.1", client=api, body=body).status_code == 204


# --- contract hooks ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", INVALID_DURATIONS)
def test_contract_hook_rejects_an_invalid_duration_before_sending(value: str) -> None:
    sent: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(201, json=EXAMPLES["createJobResponse"])

    body = SynchronizationJobCreate(template_id="T", schedule=SynchronizationSchedule(interval=value))
    with client(handle, hooks=contract.event_hooks()) as api, pytest.raises(contract.ContractError) as caught:
        create_job.sync("sp-1", client=api, body=body)
    assert not sent
    message = str(caught.value)
    assert "servicePrincipals.synchronization.CreateJobs" in message
    assert "SynchronizationJobCreate" in message
    assert "schedule.interval: String should match pattern" in message
    assert repr(value) in message


@pytest.mark.parametrize("value", INVALID_DURATIONS)
def test_contract_hook_rejects_an_invalid_duration_in_a_response(value: str) -> None:
    job = {**EXAMPLES["activeJob"], "schedule": {"interval": value, "state": "Active"}}
    with (
        client(reply(200, job), hooks=contract.event_hooks()) as api,
        pytest.raises(contract.ContractError) as caught,
    ):
        get_job.sync("sp-1", "job-1", client=api)
    assert caught.value.problems == [
        f"schedule.interval: String should match pattern '{_duration_pattern()}' (got {value!r})"
    ]


def test_contract_hook_reports_unknown_properties_and_undocumented_statuses() -> None:
    cases: list[tuple[int, Any, str]] = [
        (200, {**EXAMPLES["activeJob"], "schema": {}}, r"schema: Extra inputs are not permitted"),
        (409, EXAMPLES["errorBadRequest"], "status 409 is not documented"),
        (204, {"unexpected": True}, "must have no body"),
    ]
    for status, body, message in cases:
        call = start_job.sync_detailed if status == 204 else get_job.sync
        with (
            client(reply(status, body), hooks=contract.event_hooks()) as api,
            pytest.raises(contract.ContractError, match=message),
        ):
            call("sp-1", "job-1", client=api)


def test_contract_hook_accepts_every_documented_example_on_the_wire() -> None:
    cases = [
        (
            create_job.sync,
            ("sp",),
            {"body": SynchronizationJobCreate.from_dict(EXAMPLES["seedPageCreateRequest"])},
            201,
            "createJobResponse",
        ),
        (get_job.sync, ("sp", "j"), {}, 200, "activeJob"),
        (app_list_jobs.sync, ("app",), {}, 200, "listJobsResponse"),
        (get_job.sync, ("sp", "j"), {}, 503, "errorServerError"),
    ]
    for call, args, kwargs, status, example in cases:
        with client(reply(status, EXAMPLES[example]), hooks=contract.event_hooks()) as api:
            assert call(*args, client=api, **kwargs).to_dict() == EXAMPLES[example]


def test_async_contract_hooks() -> None:
    async def scenario() -> None:
        good = client(reply(200, EXAMPLES["activeJob"]), hooks=contract.async_event_hooks())
        async with good as api:
            job = await get_job.asyncio("sp-1", "job-1", client=api)
            assert isinstance(job, SynchronizationJob)
            assert job.to_dict() == EXAMPLES["activeJob"]
        bad_job = {**EXAMPLES["activeJob"], "schedule": {"interval": "P1Y"}}
        async with client(reply(200, bad_job), hooks=contract.async_event_hooks()) as api:
            with pytest.raises(contract.ContractError, match="P1Y"):
                await get_job.asyncio("sp-1", "job-1", client=api)
        body = SynchronizationJobCreate(template_id="T", schedule=SynchronizationSchedule(interval="PT"))
        async with client(
            reply(201, EXAMPLES["createJobResponse"]), hooks=contract.async_event_hooks()
        ) as api:
            with pytest.raises(contract.ContractError, match="'PT'"):
                await create_job.asyncio("sp-1", client=api, body=body)

    asyncio.run(scenario())


def test_find_operation_uses_the_most_specific_template() -> None:
    found = contract.find_operation("POST", "/beta/servicePrincipals/a%2Fb/synchronization/jobs/start/start")
    assert found is not None
    assert (
        found.operation_id
        == "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.start"
    )
    assert contract.find_operation("GET", "/v1.0/servicePrincipals/sp/synchronization/jobs/j/start") is None
    assert contract.find_operation("GET", "/v1.0/me") is None


def _duration_pattern() -> str:
    pattern: str = SPEC["components"]["schemas"]["duration"]["pattern"]
    return pattern


def test_unset_is_the_only_absent_marker() -> None:
    assert isinstance(UNSET, Unset)
    assert not UNSET
