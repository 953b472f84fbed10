"""Fixtures shared by every test folder (a pytest plugin: tests/conftest.py loads it).

`settings` gives in-process apps the in-memory engine (fast, nothing to clean up); `sqlite_settings`
is for the tests that need the durable engine behind the app. Socket servers (`server`) always run
on SQLite, as `graphsync serve` is run for real.
`postgres_url` is a new database on a throw-away PostgreSQL server started once per test process
(support/postgres.py), for the tests of the PostgreSQL engine; skipped where its binaries are absent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graphsync import demo
from graphsync.app import create_app
from graphsync.auth import KeySet, load_key_set, mint_token
from graphsync.settings import Settings
from support.asgi import InProcess, RawResponse, call_asgi
from support.postgres import PostgresServer, started_server
from support.sockets import Server
from support.tokens import Tokens


@pytest.fixture(scope="session")
def signing_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One development key for the whole session (creating an RSA key takes a while)."""
    path = tmp_path_factory.mktemp("keys") / "dev-signing-key.pem"
    mint_token(Settings(signing_key=path), tenant=demo.CONTOSO, app_id=demo.AUTOMATION_APP)
    return path


@pytest.fixture(scope="session")
def key_set(signing_key: Path) -> KeySet:
    """The session key, loaded once: loading checks the RSA key (tens of milliseconds)."""
    return load_key_set(Settings(signing_key=signing_key))


@pytest.fixture
def settings(signing_key: Path, tmp_path: Path) -> Settings:
    """An in-process app's settings: the in-memory engine, the session key, a short body time-out, a manual
    clock and an operator key of its own (`operator_key(settings)`)."""
    return Settings(
        db="memory:",
        signing_key=signing_key,
        body_timeout_s=0.5,
        clock="manual",
        operator_key_file=tmp_path / "operator-key",
    )


@pytest.fixture
def sqlite_settings(tmp_path: Path, signing_key: Path) -> Settings:
    """The same on a SQLite file under `tmp_path` (reopened by a second app on the same settings)."""
    return Settings(
        db=f"sqlite:///{tmp_path}/db/jobs.db",
        signing_key=signing_key,
        body_timeout_s=0.5,
        clock="manual",
        operator_key_file=tmp_path / "operator-key",
    )


@pytest.fixture
def tokens(settings: Settings, key_set: KeySet) -> Tokens:
    return Tokens(settings, key_set)  # `settings` signs with the session key


@pytest.fixture
def api(settings: Settings, tokens: Tokens, key_set: KeySet) -> Iterator[InProcess]:
    client = InProcess(create_app(settings, keys=key_set), tokens)
    yield client
    client.close()


@pytest.fixture
def raw_asgi(api: InProcess) -> Callable[..., RawResponse | None]:
    """Synchronous `call_asgi` against the `api` app (same loop, same database)."""

    def call(method: str, path: bytes | str, **kwargs: object) -> RawResponse | None:
        result: RawResponse | None = api.run(call_asgi(api.app, method, path, **kwargs))  # type: ignore[arg-type]
        return result

    return call


@pytest.fixture
def server(tmp_path: Path, signing_key: Path) -> Iterator[Server]:
    """`graphsync serve` on a free loopback port and a SQLite file of its own."""
    instance = Server(tmp_path, signing_key)
    instance.start()
    yield instance
    instance.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throw-away PostgreSQL server for the test process, stopped and removed at the end."""
    with started_server() as server:
        yield server


@pytest.fixture
def own_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this test's own, which it may stop and start again."""
    with started_server() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of a new, empty database on the test process's server."""
    return postgres_server.create_database()
