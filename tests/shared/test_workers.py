"""`graphsync serve --workers N`: N processes forked on one listening socket, for PostgreSQL only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from support import JOBS, SRC
from support.tokens import Tokens

from graphsync.launch import EmulatorProcess

pytestmark = [pytest.mark.socket, pytest.mark.slow]


def workers_of(pid: int) -> set[int]:
    return {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def create(origin: str, token: str, count: int) -> list[str]:
    """`count` creates from 8 clients at once; the ids acknowledged."""

    def one(_: int) -> str:
        with httpx.Client(base_url=origin, headers={"Authorization": f"Bearer {token}"}, timeout=20) as http:
            response = http.post(JOBS, json={"templateId": "BoxOutDelta"})
            assert response.status_code == 201, response.text
            return str(response.json()["id"])

    with ThreadPoolExecutor(max_workers=8) as executor:
        return list(executor.map(one, range(count)))


def test_workers_share_the_socket_and_a_killed_one_is_replaced(
    postgres_url: str, signing_key: Path, tmp_path: Path, tokens: Tokens
) -> None:
    emulator = EmulatorProcess(
        settings={"db": postgres_url, "signing_key": str(signing_key), "clock": "manual"},
        args=["--workers", "2"],
        workdir=tmp_path,
        env={"PYTHONPATH": str(SRC)},
    )
    token = tokens()
    with emulator:
        first = workers_of(emulator.pid)
        assert len(first) == 2
        before = {pid: cpu_seconds(pid) for pid in first}
        acked = create(emulator.origin, token, 300)
        assert all(cpu_seconds(pid) > before[pid] for pid in first), "a worker served nothing"

        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while len(workers_of(emulator.pid) - {victim}) < 2:
            assert time.monotonic() < deadline, emulator.tail()
            time.sleep(0.05)
        acked += create(emulator.origin, token, 50)
        with httpx.Client(base_url=emulator.origin, headers={"Authorization": f"Bearer {token}"}) as http:
            count = http.get(f"{JOBS}/$count", headers={"ConsistencyLevel": "eventual"})
        assert count.text == str(len(set(acked)))
        survivors = workers_of(emulator.pid)
        assert emulator.stop(signal.SIGTERM) == 0
        assert not any(Path(f"/proc/{pid}").exists() for pid in survivors)
    assert "killed by signal 9: starting another" in emulator.output()


@pytest.mark.parametrize("db", ["memory:", "sqlite:///jobs.db"])
def test_workers_need_postgresql(db: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "graphsync", "serve", "--workers", "2", "--db", db, "--port", "0"],
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    expected = (
        "graphsync serve: error: --workers 2 needs a postgresql:// database (processes share only "
        f"PostgreSQL); {db.split(':')[0]}: serves one process"
    )
    assert result.stderr.splitlines() == [expected]
