"""The cycles section: provisioning cycles on a manual clock, and what the journal and fault injection
cost per request when no fault is set. In-process (the app called through ASGI, no socket), so that
only the emulator's own work is measured; CPU time of this process, ratios within one run."""

from __future__ import annotations

import asyncio
import datetime
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from results import CyclesResult

from graphsync import demo
from graphsync.app import GraphSyncApp, create_app
from graphsync.auth import mint_token
from graphsync.settings import Settings

USERS = 1_000
REQUESTS = 3_000
ROUNDS = 5  # best of: the least disturbed round


def _seed(workdir: Path) -> Path:
    """The demo seed with 1,000 more users in Contoso."""
    seed: dict[str, Any] = json.loads(json.dumps(demo.SEED))
    contoso = next(tenant for tenant in seed["tenants"] if tenant["id"] == demo.CONTOSO)
    contoso["users"] = contoso.get("users", []) + [
        {
            "id": f"00000000-0000-4000-8000-{n:012d}",
            "userPrincipalName": f"u{n}@contoso.com",
            "displayName": f"U {n}",
        }
        for n in range(USERS)
    ]
    path = workdir / "seed.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    return path


def _app(workdir: Path, db: str) -> tuple[GraphSyncApp, str]:
    settings = Settings(db=db, signing_key=workdir / "key.pem", seed=_seed(workdir), clock="manual")
    token = mint_token(settings, tenant=demo.CONTOSO, app_id=demo.AUTOMATION_APP, roles=[demo.READ_WRITE])
    return create_app(settings, operator_key="b" * 32), token


async def _advance_month(workdir: Path) -> tuple[float, int]:
    """Seconds to advance 30 days for a started job with 1,000+ users in scope, on SQLite; cycles run."""
    app, token = _app(workdir, f"sqlite:///{workdir}/cycles.db")
    jobs = f"/v1.0/servicePrincipals/{demo.BOX_SP}/synchronization/jobs"
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://graph.test"
    ) as client:
        headers = {"Authorization": f"Bearer {token}"}
        job = (await client.post(jobs, json={"templateId": "BoxOutDelta"}, headers=headers)).json()
        await client.post(f"{jobs}/{job['id']}/start", headers=headers)
        started = time.perf_counter()
        _, _, ran = await app.runner.advance(datetime.timedelta(days=30))
        seconds = time.perf_counter() - started
    await app.aclose()
    return seconds, ran


async def _cpu_per_get(client: httpx.AsyncClient, token: str, job_path: str) -> float:
    """Process CPU microseconds per GET of one job over REQUESTS requests."""
    headers = {"Authorization": f"Bearer {token}"}
    started = time.process_time()
    for _ in range(REQUESTS):
        await client.get(job_path, headers=headers)
    return (time.process_time() - started) / REQUESTS * 1e6


async def _overhead(workdir: Path) -> tuple[float, float]:
    """CPU per GET with the journal and the fault check as served, and with both taken out: rounds
    alternate, the best of each is kept."""
    app, token = _app(workdir, "memory:")
    jobs = f"/v1.0/servicePrincipals/{demo.BOX_SP}/synchronization/jobs"
    served, bare = float("inf"), float("inf")
    journal, faults = app.journal, app.faults
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://graph.test"
    ) as client:
        headers = {"Authorization": f"Bearer {token}"}
        job = (await client.post(jobs, json={"templateId": "BoxOutDelta"}, headers=headers)).json()
        path = f"{jobs}/{job['id']}"
        for _ in range(ROUNDS):
            app.journal, app.faults = journal, faults
            served = min(served, await _cpu_per_get(client, token, path))
            app.journal, app.faults = _NoJournal(), _NoFaults()  # type: ignore[assignment]
            bare = min(bare, await _cpu_per_get(client, token, path))
    await app.aclose()
    return served, bare


class _NoJournal:
    def record(self, *_: Any) -> None:
        pass


class _NoFaults:
    def __bool__(self) -> bool:
        return False


def section(workdir: Path) -> CyclesResult:
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        month_s, cycles = asyncio.run(_advance_month(Path(scratch)))
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        served_us, bare_us = asyncio.run(_overhead(Path(scratch)))
    return CyclesResult(
        users=USERS, month_s=month_s, month_cycles=cycles, get_cpu_us=served_us, get_cpu_bare_us=bare_us
    )
