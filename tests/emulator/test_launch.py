"""The one launcher (graphsync.launch.EmulatorProcess), `serve --ready-file` and `graphsync demo`."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from support import JOBS, SRC
from support.tokens import Tokens

from graphsync import demo
from graphsync.launch import EmulatorProcess, LaunchError

pytestmark = pytest.mark.socket
PYTHONPATH = {"PYTHONPATH": str(SRC)}


def launcher(tmp_path: Path, signing_key: Path, **settings: str) -> EmulatorProcess:
    return EmulatorProcess(
        settings={"signing_key": str(signing_key), "db": "memory:", **settings},
        workdir=tmp_path,
        env=PYTHONPATH,
    )


def test_start_on_a_free_port_serve_and_stop_gracefully(tmp_path: Path, signing_key: Path) -> None:
    emulator = launcher(tmp_path, signing_key)
    origin = emulator.start()
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:[0-9]+", origin) and emulator.base_url == origin + "/v1.0"
        assert httpx.get(f"{origin}/openapi.yaml", timeout=5).status_code == 200  # ready means serving
        assert emulator.alive() and emulator.address[1] == int(origin.rsplit(":", 1)[1])
        assert not list(tmp_path.glob("ready-*"))  # the ready file is consumed
    finally:
        status = emulator.stop()
    assert status == 0 and not emulator.alive()  # SIGTERM: a graceful shutdown, exit status 0
    assert "serving" in emulator.output()
    assert emulator.stop() is None


def test_the_callers_graphsync_variables_never_reach_the_server(
    tmp_path: Path, signing_key: Path, tokens: Tokens, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "GRAPHSYNC_AUDIENCES": "api://elsewhere",
        "GRAPHSYNC_JWKS": str(tmp_path / "missing.json"),
        "GRAPHSYNC_RATE_LIMIT_PER_S": "not a number",
        "GRAPHSYNC_PORT": "1",
    }.items():
        monkeypatch.setenv(name, value)
    emulator = launcher(tmp_path, signing_key, max_page_size="2")
    assert "GRAPHSYNC_JWKS" not in emulator.environment()
    assert emulator.environment()["GRAPHSYNC_MAX_PAGE_SIZE"] == "2"
    with emulator:
        token = tokens()
        headers = {"Authorization": f"Bearer {token}"}
        for _ in range(3):
            httpx.post(f"{emulator.origin}{JOBS}", json={"templateId": "BoxOutDelta"}, headers=headers)
        page = httpx.get(f"{emulator.origin}{JOBS}", headers=headers).json()
        assert len(page["value"]) == 2 and "@odata.nextLink" in page  # the setting it was given


def test_a_server_that_cannot_start_is_reported_with_its_log(tmp_path: Path, signing_key: Path) -> None:
    emulator = launcher(tmp_path, signing_key, db="postgres://nowhere")
    with pytest.raises(LaunchError, match=r"exited with 2:[\s\S]*unsupported database URL 'postgres'"):
        emulator.start()


def test_restart_keeps_a_durable_database_and_sigkill_is_immediate(tmp_path: Path, signing_key: Path) -> None:
    emulator = launcher(tmp_path, signing_key, db=f"sqlite:///{tmp_path}/jobs.db")
    emulator.start()
    try:
        emulator.restart(signal.SIGKILL)
        assert emulator.alive() and httpx.get(f"{emulator.origin}/openapi.yaml", timeout=5).status_code == 200
    finally:
        assert emulator.stop(signal.SIGKILL) == -signal.SIGKILL


def test_a_ready_file_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "graphsync",
            "serve",
            "--db",
            "memory:",
            "--ready-file",
            str(tmp_path / "no" / "r"),
        ],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **PYTHONPATH},
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "--ready-file " + str(tmp_path / "no" / "r") + ": its folder does not exist"
    )


def test_demo_prints_a_token_and_curl_lines_that_work_as_printed(tmp_path: Path, signing_key: Path) -> None:
    """What `make run` shows: the token is the demo tenant's and the create line creates a job."""
    ready = tmp_path / "ready"
    out = tmp_path / "out.txt"
    env = {**os.environ, **PYTHONPATH, "GRAPHSYNC_SIGNING_KEY": str(signing_key)}
    with out.open("w") as stdout:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "graphsync",
                "demo",
                "--port",
                "0",
                "--db",
                "memory:",
                "--ready-file",
                str(ready),
            ],
            stdout=stdout,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + 30
        while not ready.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        origin = ready.read_text().strip()
        text = out.read_text()
        token = re.search(r"export TOKEN=(\S+)", text)
        create = re.search(r"-d '(\{.*\})' (\S+)", text)
        assert token and create, text
        assert f"Base URL:  {origin}/v1.0" in text and f"servicePrincipals/{demo.BOX_SP}" in create.group(2)
        response = httpx.post(
            create.group(2),
            content=create.group(1),
            headers={"Authorization": f"Bearer {token.group(1)}", "Content-Type": "application/json"},
        )
        assert (
            response.status_code == 201
            and response.json()["templateId"] == json.loads(create.group(1))["templateId"]
        )
        listing = re.search(
            r"curl -sS -H \"Authorization: Bearer \$TOKEN\" (\S+/templates)$", text, re.MULTILINE
        )
        assert listing, text
        templates = httpx.get(listing.group(1), headers={"Authorization": f"Bearer {token.group(1)}"})
        assert json.loads(create.group(1))["templateId"] in [t["id"] for t in templates.json()["value"]]
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_demo_prints_the_built_in_seed() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "graphsync", "demo", "--print-seed"],
        capture_output=True,
        text=True,
        env={**os.environ, **PYTHONPATH},
        timeout=60,
        check=True,
    )
    assert demo.CONTOSO in result.stdout and demo.BOX_SP in result.stdout
