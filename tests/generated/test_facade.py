"""graphsync_client.GraphSync and AsyncGraphSync: results typed as the tolerant models, failures raised as
GraphError subclasses, paging, credentials, strict and tolerant reading, and the whole surface against the
emulator in-process (strict: every exchange checked against the contract)."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
for _dist in ("models", "client"):
    sys.path.insert(0, str(ROOT / "generated" / _dist))

from graphsync_client import (  # noqa: E402
    AsyncGraphSync,
    ContractError,
    GraphError,
    GraphSync,
    NotFound,
    ServerError,
    TooManyRequests,
    UnsafeLinkError,
)
from graphsync_client.runtime import GRAPH_SCOPE  # noqa: E402
from graphsync_models.tolerant import SynchronizationStatusCode  # noqa: E402
from graphsync_models.unknown import UnknownMember  # noqa: E402

from graphsync import demo  # noqa: E402
from graphsync.app import create_app  # noqa: E402
from graphsync.auth import mint_token  # noqa: E402
from graphsync.settings import Settings  # noqa: E402

BASE = "https://graph.test/v1.0"
JOBS = f"/servicePrincipals/{demo.BOX_SP}/synchronization/jobs"
JOB = {
    "id": "BoxOutDelta.0123456789abcdef0123456789abcdef.8442fd39-2183-419c-8732-74b6ce866bd5",
    "templateId": "BoxOutDelta",
    "schedule": {"expiration": None, "interval": "PT40M", "state": "Active"},
    "status": {
        "code": "Active",
        "countSuccessiveCompleteFailures": 0,
        "escrowsPruned": False,
        "lastExecution": None,
        "lastSuccessfulExecution": None,
        "lastSuccessfulExecutionWithExports": None,
        "progress": [],
        "quarantine": None,
        "steadyStateFirstAchievedTime": "0001-01-01T00:00:00Z",
        "steadyStateLastAchievedTime": "0001-01-01T00:00:00Z",
        "synchronizedEntryCountByType": [],
        "troubleshootingUrl": None,
    },
    "synchronizationJobSettings": [],
}


def served(
    answer: Callable[[httpx.Request], httpx.Response], seen: list[httpx.Request]
) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    return httpx.MockTransport(handler)


def job_answer(body: dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(200, json=body, headers={"request-id": "r-1"})


# Tolerant and strict reading.


def test_a_property_and_an_enum_member_graph_adds_later_parse_tolerantly_and_fail_strictly() -> None:
    newer = {**JOB, "newProperty": {"a": 1}, "status": {**JOB["status"], "code": "Warming"}}
    newer["schedule"] = {**JOB["schedule"], "state": "Throttled"}
    seen: list[httpx.Request] = []
    with GraphSync(BASE, credential="t", transport=served(job_answer(newer), seen)) as graph:
        job = graph.service_principals(demo.BOX_SP).jobs(JOB["id"]).get()
    assert job.model_extra == {"newProperty": {"a": 1}}
    assert isinstance(job.status.code, UnknownMember) and job.status.code == "Warming"
    assert (
        isinstance(job.schedule.state, UnknownMember)
        and repr(job.schedule.state) == "UnknownMember('Throttled')"
    )
    assert not isinstance(job.schedule, dict)  # never a silent dict
    assert json.loads(job.model_dump_json(by_alias=True))["newProperty"] == {"a": 1}  # kept when sent back
    with GraphSync(BASE, credential="t", strict=True, transport=served(job_answer(newer), seen)) as graph:
        with pytest.raises(ContractError) as refused:
            graph.service_principals(demo.BOX_SP).jobs(JOB["id"]).get()
    assert "newProperty" in str(refused.value)


def test_listed_enum_members_are_the_enumeration_s() -> None:
    with GraphSync(BASE, credential="t", transport=served(job_answer(JOB), [])) as graph:
        job = graph.service_principals(demo.BOX_SP).jobs(JOB["id"]).get()
    assert job.status.code is SynchronizationStatusCode.active
    assert not isinstance(job.status.code, UnknownMember)


# Errors.


def test_failures_are_raised_with_graph_s_error_and_the_request_ids() -> None:
    envelope = {
        "error": {
            "code": "Request_ResourceNotFound",
            "message": "Resource 'x' does not exist.",
            "innerError": {"date": "2026-12-05T03:00:00", "request-id": "r-9", "client-request-id": "c-9"},
        }
    }
    answer = lambda request: httpx.Response(404, json=envelope, headers={"request-id": "r-9"})  # noqa: E731
    seen: list[httpx.Request] = []
    with GraphSync(BASE, credential="t", transport=served(answer, seen)) as graph:
        with pytest.raises(NotFound) as raised:
            graph.service_principals(demo.BOX_SP).jobs("missing").get()
    error = raised.value
    assert (error.status, error.code, error.message) == (
        404,
        "Request_ResourceNotFound",
        "Resource 'x' does not exist.",
    )
    assert error.request_id == "r-9" and error.inner_error["date"] == "2026-12-05T03:00:00"
    assert error.client_request_id == "c-9"  # the answer's header, else its inner error
    assert len(seen[0].headers["client-request-id"]) == 36  # each request carries one
    assert isinstance(error, GraphError) and error.response.status_code == 404
    assert str(error) == "404 Request_ResourceNotFound: Resource 'x' does not exist."


def test_an_answer_that_is_not_graph_s_envelope_is_still_a_graph_error() -> None:
    answer = lambda request: httpx.Response(502, text="<html>Bad gateway</html>")  # noqa: E731
    with GraphSync(BASE, credential="t", retries=0, transport=served(answer, [])) as graph:
        with pytest.raises(ServerError) as raised:
            graph.service_principals(demo.BOX_SP).jobs.count()
    assert (raised.value.status, raised.value.code, str(raised.value)) == (502, "", "502 Bad Gateway")


# Paging.


def test_list_follows_next_links_and_refuses_one_to_another_origin() -> None:
    def pages(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("$skiptoken")
        page = int(token or 0)
        body: dict[str, Any] = {"value": [{**JOB, "id": f"job-{page}-{i}"} for i in range(2)]}
        if page < 2:
            body["@odata.nextLink"] = f"{BASE}{JOBS}?$top=2&$skiptoken={page + 1}"
        return httpx.Response(200, json=body)

    seen: list[httpx.Request] = []
    with GraphSync(BASE, credential="t", transport=served(pages, seen)) as graph:
        ids = [job.id for job in graph.service_principals(demo.BOX_SP).jobs.list(top=2)]
    assert ids == [f"job-{p}-{i}" for p in range(3) for i in range(2)]
    assert [r.url.params.get("$top") for r in seen] == ["2", "2", "2"]

    elsewhere = lambda request: httpx.Response(  # noqa: E731
        200, json={"value": [], "@odata.nextLink": "https://attacker.example/v1.0/jobs?$skiptoken=1"}
    )
    with GraphSync(BASE, credential="t", transport=served(elsewhere, seen := [])) as graph:
        with pytest.raises(UnsafeLinkError):
            list(graph.service_principals(demo.BOX_SP).jobs.list())
    assert len(seen) == 1  # the token never went there


# Credentials.


@dataclass
class Token:
    token: str
    expires_on: int


class Credential:
    """azure-identity's shape: get_token(*scopes) -> AccessToken."""

    def __init__(self, lifetime_s: int) -> None:
        self.lifetime_s, self.calls = lifetime_s, []  # type: list[tuple[str, ...]]

    def get_token(self, *scopes: str, **kwargs: Any) -> Token:
        self.calls.append(scopes)
        return Token(f"token-{len(self.calls)}", int(time.time()) + self.lifetime_s)


class AsyncCredential(Credential):
    async def get_token(self, *scopes: str, **kwargs: Any) -> Token:  # type: ignore[override]
        return super().get_token(*scopes, **kwargs)


def test_a_credential_is_asked_for_graph_s_scope_and_again_before_its_token_expires() -> None:
    for lifetime, calls in ((3600, 1), (200, 3)):  # 200 s: inside the five minutes before expiry
        credential, seen = Credential(lifetime), []  # type: Credential, list[httpx.Request]
        with GraphSync(BASE, credential=credential, transport=served(job_answer(JOB), seen)) as graph:
            for _ in range(3):
                graph.service_principals(demo.BOX_SP).jobs("j").get()
        assert credential.calls == [(GRAPH_SCOPE,)] * calls
        assert seen[-1].headers["Authorization"] == f"Bearer token-{calls}"


def test_an_async_credential_serves_the_async_client_only() -> None:
    async def read() -> str:
        credential = AsyncCredential(3600)
        transport = httpx.MockTransport(lambda request: job_answer(JOB)(request))
        async with AsyncGraphSync(BASE, credential=credential, transport=transport) as graph:
            job = await graph.service_principals(demo.BOX_SP).jobs("j").get()
        assert credential.calls == [(GRAPH_SCOPE,)]
        return job.id

    assert asyncio.run(read()) == JOB["id"]
    with GraphSync(BASE, credential=AsyncCredential(3600), transport=served(job_answer(JOB), [])) as graph:
        with pytest.raises(TypeError, match="AsyncGraphSync"):
            graph.service_principals(demo.BOX_SP).jobs("j").get()
    with pytest.raises(TypeError, match="token string or an object with get_token"):
        GraphSync(BASE, credential=42)  # type: ignore[arg-type]


# Retries.


def test_a_create_is_retried_after_429_but_not_after_503_unless_asked() -> None:
    def flaky(status: int) -> Callable[[httpx.Request], httpx.Response]:
        answers = iter([httpx.Response(status, headers={"Retry-After": "0"}, json={"error": {"code": "x"}})])
        return lambda request: next(answers, None) or httpx.Response(201, json=JOB)

    for status, opt_in, attempts in ((429, False, 2), (503, False, 1), (503, True, 2)):
        seen: list[httpx.Request] = []
        with GraphSync(
            BASE, credential="t", retry_posts_when_unavailable=opt_in, transport=served(flaky(status), seen)
        ) as graph:
            jobs = graph.service_principals(demo.BOX_SP).jobs
            if attempts == 1:
                with pytest.raises(GraphError) as raised:
                    jobs.create(template_id="BoxOutDelta")
                assert raised.value.status == 503
            else:
                assert jobs.create(template_id="BoxOutDelta").id == JOB["id"]
        assert len(seen) == attempts, (status, opt_in)
    throttled = lambda request: httpx.Response(429, headers={"Retry-After": "0"})  # noqa: E731
    with GraphSync(BASE, credential="t", retries=0, transport=served(throttled, seen := [])) as graph:
        with pytest.raises(TooManyRequests) as raised:
            graph.service_principals(demo.BOX_SP).jobs("j").get()
    assert len(seen) == 1 and raised.value.retry_after == "0"


def test_graph_s_retry_after_in_milliseconds_comes_first() -> None:
    from graphsync_client.retry import GraphRetry

    retry = GraphRetry(total=3, max_backoff_wait=60)
    assert retry._calculate_sleep(httpx.Headers({"x-ms-retry-after-ms": "250", "Retry-After": "7"})) == 0.25
    assert retry._calculate_sleep(httpx.Headers({"Retry-After": "7"})) == 7
    assert retry._calculate_sleep(httpx.Headers({"x-ms-retry-after-ms": "999999"})) == 60


# The whole surface, against the emulator in-process, every exchange checked against the contract.


def test_every_resource_against_the_emulator_strictly(tmp_path: Path) -> None:
    settings = Settings(db=f"sqlite:///{tmp_path}/jobs.db", signing_key=tmp_path / "key.pem")
    token = mint_token(
        settings, tenant=demo.CONTOSO, app_id=demo.AUTOMATION_APP, roles=["Synchronization.ReadWrite.All"]
    )
    app = create_app(settings)

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        async with AsyncGraphSync(BASE, credential=token, strict=True, transport=transport) as graph:
            sync = graph.service_principals(demo.BOX_SP)
            assert type(await sync.get()).__name__ == "Synchronization"
            templates = [t.id async for t in sync.templates.list()]
            assert "BoxOutDelta" in templates and await sync.templates.count() == len(templates)
            created = [await sync.jobs.create(template_id="BoxOutDelta") for _ in range(3)]
            listed = [job.id async for job in sync.jobs.list(top=1)]
            assert {job.id for job in created} <= set(listed)
            job = sync.jobs(created[0].id)
            await job.start()
            assert (await job.get()).status.code in (
                SynchronizationStatusCode.not_run,
                SynchronizationStatusCode.active,
            )
            schema = await job.schema.get()
            await job.schema.put(schema)
            assert [d.id async for d in job.schema.directories.list()]
            assert [f.name async for f in job.schema.functions.list()]
            await sync.secrets.put(value=[])
            assert await sync.secrets.count() >= 0
            await job.delete()
            with pytest.raises(NotFound):
                await job.get()
            application = graph.applications("2d99cbd6-c369-41ba-b2c7-58a1325248a5")  # Box's application
            made = await application.jobs.create(template_id="BoxOutDelta")
            assert made.id in [j.id async for j in application.jobs.list()]
            await application.jobs(made.id).delete()
            assert not hasattr(application.jobs("x"), "bulk_upload")  # a service principal's only
            assert hasattr(sync.jobs("x"), "bulk_upload")

    asyncio.run(scenario())
