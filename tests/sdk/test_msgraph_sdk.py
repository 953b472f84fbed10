"""Microsoft's official msgraph-sdk against the emulator: real client flows, in .venv-sdk (make sdk-venv)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support import ROOT
from support.sockets import Server
from support.tokens import Tokens

from graphsync.control.client import ControlClient
from graphsync.demo import BOX_SP, OUTBOUND_RULE

SDK_PYTHON = ROOT / ".venv-sdk" / "bin" / "python"
FLOWS = Path(__file__).with_name("flows.py")

pytestmark = pytest.mark.skipif(
    not SDK_PYTHON.exists(), reason="msgraph-sdk is in .venv-sdk: run `make sdk-venv` (make test does)"
)


def run_flow(flow: str, server: Server, token: str) -> dict[str, Any]:
    done = subprocess.run(
        [str(SDK_PYTHON), str(FLOWS), flow, server.base, token, BOX_SP],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_the_configure_guide_flow_runs_on_msgraph_sdk(server: Server, tokens: Tokens) -> None:
    seen = run_flow("configure_guide", server, tokens())
    assert seen["templates"] == ["BoxOutDelta", "SfSandboxOutDelta"]
    assert seen["job_id"].startswith("SfSandboxOutDelta.")
    assert seen["interval_seconds"] == 40 * 60  # the template's default, read as a timedelta by Kiota
    assert seen["incomplete_credentials"] == {"status": 400, "code": "CredentialsMissing"}
    assert (seen["state_after_start"], seen["status_after_start"]) == ("Active", "NotRun")
    assert seen["job_id"] in seen["listed"]
    assert seen["after_delete"] == {"status": 404, "code": "Request_ResourceNotFound"}


def test_terraforms_secret_calls_run_on_msgraph_sdk(server: Server, tokens: Tokens) -> None:
    seen = run_flow("terraform_secrets", server, tokens())
    assert seen["read"] == {"BaseAddress": "https://test-address.azuredatabricks.net", "SecretToken": "*"}
    assert seen["count"] == 2
    assert seen["after_delete"] == []


def test_schema_and_provision_on_demand_run_on_msgraph_sdk(server: Server, tokens: Tokens) -> None:
    seen = run_flow("schema_and_provision_on_demand", server, tokens())
    assert seen["schema_id"] == seen["job_id"] and seen["template_schema_id"] == "BoxOutDelta." + "0" * 32
    assert seen["rules"] == [OUTBOUND_RULE]
    assert seen["directories"] == ["Azure Active Directory", "Box"]
    assert seen["patch"] == {"status": 404, "code": "UnknownError"}  # as Graph answers the SDK's PATCH
    assert seen["key"] == "Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo"
    assert (seen["first"], seen["second"]) == (["Success"], ["RedundantExport"])
    assert seen["without_credentials"] == {"status": 400, "code": "CredentialsMissing"}


def test_msgraph_sdks_retry_handler_runs_on_injected_throttling(server: Server, tokens: Tokens) -> None:
    """Two 429s with Retry-After injected on create: the SDK waits and retries, and its create succeeds."""
    key = (server.workdir / "var" / "operator-key").read_text().strip()
    with ControlClient(server.origin, key) as control:
        create = "servicePrincipals.synchronization.CreateJobs"
        control.inject(create, status=429, retryAfter=1, count=2)
        seen = run_flow("create_through_throttling", server, tokens())
        statuses = [entry["status"] for entry in control.journal(operation=create)]
    assert seen["id"].startswith("BoxOutDelta.")
    assert statuses == [201, 429, 429]  # newest first: the SDK's third attempt went through


def test_docs_client_md_s_msgraph_sdk_flow_runs_as_the_facade_s_does(server: Server, tokens: Tokens) -> None:
    """bench/sdk_quickstart.py, the msgraph-sdk side of docs/client.md: the steps of the facade's quickstart,
    with the SDK's timedelta in place of the wire's interval."""
    env = {
        "PATH": "/usr/bin:/bin",
        "GRAPHSYNC_URL": server.base,
        "GRAPHSYNC_TOKEN": tokens(),
        "GRAPHSYNC_SERVICE_PRINCIPAL": BOX_SP,
    }
    done = subprocess.run(
        [str(SDK_PYTHON), str(ROOT / "bench" / "sdk_quickstart.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    created, listed, restarted, deleted = done.stdout.splitlines()
    assert created.startswith("created BoxOutDelta.") and created.endswith(
        ": NotConfigured, every 10675199 days, 2:48:05.477581"  # the 7th digit rounded away
    ), created
    assert listed.endswith(" jobs listed, page after page") and int(listed.split()[0]) >= 1
    assert restarted == "paused True, restarted: NotRun, 0 failures"
    assert deleted == "deleted: 404 Request_ResourceNotFound"
