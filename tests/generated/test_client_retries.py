"""The generated client's retry path (graphsync_client.retry, on httpx-retries) against faults injected in
the emulator: throttled creates are retried after Retry-After, unavailable ones only when asked."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
for _dist in ("models", "client"):
    sys.path.insert(0, str(ROOT / "generated" / _dist))

from graphsync_client import AuthenticatedClient
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_create_jobs as create_job,
)
from graphsync_client.api.service_principals_synchronization import (
    service_principals_synchronization_list_jobs as list_jobs,
)
from graphsync_client.models import SynchronizationJob, SynchronizationJobCreate
from graphsync_client.retry import RetryingTransport

from graphsync import demo
from graphsync.app import GraphSyncApp, create_app
from graphsync.auth import mint_token
from graphsync.settings import Settings

CREATE = "servicePrincipals.synchronization.CreateJobs"
LIST = "servicePrincipals.synchronization.ListJobs"


def emulator(tmp_path: Path) -> tuple[GraphSyncApp, str]:
    settings = Settings(db="memory:", signing_key=tmp_path / "key.pem", clock="manual")
    token = mint_token(settings, tenant=demo.CONTOSO, app_id=demo.AUTOMATION_APP, roles=[demo.READ_WRITE])
    return create_app(settings, operator_key="k" * 32), token


def statuses(app: GraphSyncApp, operation: str) -> list[int]:
    return [int(entry["status"]) for entry in app.journal.read(operation=operation)][::-1]


def run(app: GraphSyncApp, token: str, transport: RetryingTransport, call: object) -> object:
    async def scenario() -> object:
        client = AuthenticatedClient(
            base_url="http://graph.test/v1.0", token=token, httpx_args={"transport": transport}
        )
        async with client as api:
            return await call(api)  # type: ignore[operator]

    try:
        return asyncio.run(scenario())
    finally:
        asyncio.run(app.aclose())


def create(api: AuthenticatedClient) -> object:
    return create_job.asyncio_detailed(
        demo.BOX_SP, client=api, body=SynchronizationJobCreate(template_id="BoxOutDelta")
    )


def test_a_throttled_create_is_retried_after_retry_after(tmp_path: Path) -> None:
    app, token = emulator(tmp_path)
    app.faults.add({"operation": CREATE, "status": 429, "retryAfter": 1, "count": 2})
    started = time.monotonic()
    response = run(app, token, RetryingTransport(httpx.ASGITransport(app=app)), create)
    waited = time.monotonic() - started
    assert isinstance(response.parsed, SynchronizationJob), response  # type: ignore[attr-defined]
    assert statuses(app, CREATE) == [429, 429, 201]
    assert waited >= 2  # Retry-After: 1, twice


def test_an_unavailable_create_is_not_retried_unless_asked(tmp_path: Path) -> None:
    app, token = emulator(tmp_path)
    app.faults.add({"operation": CREATE, "status": 503, "retryAfter": 0, "count": 1})
    response = run(app, token, RetryingTransport(httpx.ASGITransport(app=app)), create)
    assert response.status_code == 503 and statuses(app, CREATE) == [503]  # type: ignore[attr-defined]

    app, token = emulator(tmp_path)
    app.faults.add({"operation": CREATE, "status": 503, "retryAfter": 0, "count": 1})
    transport = RetryingTransport(httpx.ASGITransport(app=app), retry_posts_when_unavailable=True)
    response = run(app, token, transport, create)
    assert response.status_code == 201 and statuses(app, CREATE) == [503, 201]  # type: ignore[attr-defined]


def test_reads_are_retried_when_unavailable_and_attempts_are_bounded(tmp_path: Path) -> None:
    app, token = emulator(tmp_path)
    app.faults.add({"operation": LIST, "status": 503, "retryAfter": 0})  # every attempt fails

    def listing(api: AuthenticatedClient) -> object:
        return list_jobs.asyncio_detailed(demo.BOX_SP, client=api)

    response = run(app, token, RetryingTransport(httpx.ASGITransport(app=app), attempts=2), listing)
    assert response.status_code == 503  # type: ignore[attr-defined]
    assert statuses(app, LIST) == [503, 503, 503]  # the first attempt and two retries
