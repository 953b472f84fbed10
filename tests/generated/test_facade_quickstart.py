"""codegen/client-templates/quickstart.py (the client README shows it), a new user's flow with `GraphSync`: it runs against a served
emulator (a throttled create retried, 401/403 and 404 handled), is under 60 lines, and passes
mypy --strict with no `type: ignore`."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from graphsync import demo
from graphsync.control.client import ControlClient
from graphsync.pytest_plugin import Served, TokenFactory

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "codegen" / "client-templates" / "quickstart.py"
for _dist in ("models", "client"):
    sys.path.insert(0, str(ROOT / "generated" / _dist))

from graphsync_client import GraphSync  # noqa: E402

CREATE = "servicePrincipals.synchronization.CreateJobs"
LIST = "servicePrincipals.synchronization.ListJobs"


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("client_quickstart", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_flow_runs_against_the_emulator_through_a_throttled_create(
    graphsync_server: Served, graphsync_token: TokenFactory, graphsync_control: ControlClient
) -> None:
    graphsync_control.reset()  # no job and an empty journal, whatever this session's other tests did
    with GraphSync(graphsync_server.base_url, credential=graphsync_token()) as graph:
        jobs = graph.service_principals(demo.BOX_SP).jobs
        for _ in range(4):  # so that the listing has pages to page through (top=2)
            jobs.create(template_id="BoxOutDelta")
        existing = jobs.count()
        graphsync_control.inject(CREATE, status=429, retryAfter=1, count=1)
        steps = example().job_lifecycle(graph, demo.BOX_SP)
    created, listed, restarted, deleted = steps
    assert created.startswith("created BoxOutDelta.") and created.endswith(
        ": NotConfigured, every P10675199DT2H48M5.4775807S"
    ), created
    assert listed == f"{existing + 1} jobs listed, page after page"
    pages = graphsync_control.journal(operation=LIST)
    assert len(pages) == -(-(existing + 1) // 2) and all(entry["status"] == 200 for entry in pages), pages
    assert restarted == "paused True, restarted: NotRun, 0 failures"
    assert deleted == "deleted: 404 Request_ResourceNotFound"
    statuses = [entry["status"] for entry in graphsync_control.journal(operation=CREATE)]
    assert statuses[:2] == [201, 429]  # newest first: the client waited Retry-After and sent it again


def test_a_caller_without_the_permission_is_refused(
    graphsync_server: Served, graphsync_token: TokenFactory
) -> None:
    reader = graphsync_token(roles=["Synchronization.Read.All"])
    with GraphSync(graphsync_server.base_url, credential=reader) as graph:
        refused = example().create_without_permission(graph, demo.BOX_SP)
    assert refused.startswith("refused: 401 UnknownError, request-id "), refused


def test_the_flow_is_short_and_passes_mypy_strict_without_ignores() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 60
    assert "type: ignore" not in text and "cast(" not in text and "Any" not in text
    env = {
        **os.environ,
        "MYPYPATH": os.pathsep.join(str(ROOT / "generated" / d) for d in ("models", "client")),
    }
    result = subprocess.run(
        # no cache written anywhere (a cache inside generated/ would be a change to the generated tree)
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            os.devnull,
            "--no-warn-unused-configs",
            str(EXAMPLE),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
