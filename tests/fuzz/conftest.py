"""Fixtures of the fuzz tests (fuzz/): the `fuzz` package on the path, openapi.yaml for the checks, and for the
runner's real runs a second emulator app and a way to serve an app on a loopback port."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis

ROOT = Path(__file__).resolve().parents[2]
# The `fuzz` package lives at the repository root, which pytest's importlib mode does not put on sys.path.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="module")
def schema() -> Any:
    """openapi.yaml without schemathesis.toml (no hooks, no ${...}): the checks only need operations."""
    return schemathesis.openapi.from_path(ROOT / "openapi.yaml", config=schemathesis.Config.from_dict({}))


@pytest.fixture
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    """An emulator instance of its own (app, database, key; its store binds to one event loop), and a token."""
    from fuzz.runner.callers import emulator_identities, mint_tokens
    from graphsync.app import create_app
    from graphsync.settings import Settings

    workdir = tmp_path_factory.mktemp("second-emulator")
    main, _ = emulator_identities()
    mint_tokens([main], workdir / "key.pem")
    app = create_app(Settings(db=f"sqlite:///{workdir}/jobs.db", signing_key=workdir / "key.pem"))
    yield app, main.token
    app.store.close_sync()


@contextlib.contextmanager
def _serving(app: Any) -> Iterator[str]:
    """`app` under uvicorn on a free loopback port, in a thread; yields the base URL (…/v1.0)."""
    import uvicorn

    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/v1.0"
    finally:
        server.should_exit = True
        thread.join(20)


@pytest.fixture
def serving() -> Callable[[Any], contextlib.AbstractContextManager[str]]:
    """`serving(app)`: a context manager serving `app` on a loopback port, yielding its base URL (…/v1.0)."""
    return _serving
