"""pytest fixtures for testing code that calls Microsoft Graph's synchronization API: the emulator in
the test process or in a process of its own, tokens for it, and seeds of one's own.

Installing graphsync registers this module as the `graphsync` pytest plugin (entry point `pytest11`);
its fixtures are named `graphsync_*` so that they never shadow a project's own. Guide and an example
suite: docs/testing-with-graphsync.md.

- `graphsync_seed`: the directory `graphsync_app` serves: empty, which means the demo seed
  (graphsync.demo). Override it (a fixture of the same name in a test module or conftest.py that
  returns a filled `Seed`) to serve a directory of one's own.
- `graphsync_app`: the emulator as an ASGI app in the test process, on a throw-away in-memory
  database (per test; fastest: drive it with `httpx.ASGITransport` or any ASGI client).
- `graphsync_server`: `graphsync serve` on a free loopback port and a SQLite file, for clients that
  need a URL (msgraph-sdk, PowerShell, Terraform, a service under test); one per test session, on
  the demo seed. Its `base_url` ends in `/v1.0`.
- `graphsync_token`: mints tokens both accept, `graphsync_token(roles=[...], tenant=..., app_id=...)`;
  by default the demo automation app in the demo tenant with Synchronization.ReadWrite.All.
- `graphsync_control`: the control API of `graphsync_server` (a `ControlClient`): advance its clock,
  inject faults, read the journal. At the end of each test its faults and lag are cleared.

Both emulators run on a manual clock: provisioning cycles run when a test advances it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import pytest

from graphsync import demo
from graphsync.app import GraphSyncApp, create_app
from graphsync.auth import load_key_set, mint_token
from graphsync.control.client import ControlClient
from graphsync.launch import EmulatorProcess
from graphsync.settings import Settings

OPERATOR_KEY = "graphsync-test-operator-key"  # the fixtures' emulators are the test's own: no secret


class TokenFactory(Protocol):
    def __call__(
        self,
        *,
        roles: Sequence[str] = ...,
        tenant: str = ...,
        app_id: str = ...,
        scopes: Sequence[str] = ...,
        directory_roles: Sequence[str] = ...,
        expires_in: int = ...,
    ) -> str: ...


@dataclasses.dataclass
class Seed:
    """A seed built in a test (docs/seed-format.md); empty means the demo seed."""

    tenants: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    templates: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def tenant(self, tenant_id: str, display_name: str = "Test tenant", **objects: Any) -> dict[str, Any]:
        """Add a tenant (`servicePrincipals=[...]`, `applications=[...]`, `users=[...]`, `groups=[...]`)."""
        entry = {"id": tenant_id, "displayName": display_name, **objects}
        self.tenants.append(entry)
        return entry

    def template(self, template_id: str, **fields: Any) -> dict[str, Any]:
        """Add a template to the catalog (`jobDefaults=...`, `schema=...`, `metadata=...`)."""
        entry = {"id": template_id, **fields}
        self.templates.append(entry)
        return entry

    @property
    def empty(self) -> bool:
        return not self.tenants and not self.templates

    def document(self) -> dict[str, Any]:
        """The seed as the emulator reads it."""
        return {"version": 1, "templates": self.templates, "tenants": self.tenants}


@dataclasses.dataclass(frozen=True)
class Served:
    """A running `graphsync serve`: where it answers, and its process (to stop or restart it)."""

    base_url: str  # http://127.0.0.1:PORT/v1.0
    origin: str  # http://127.0.0.1:PORT
    process: EmulatorProcess
    operator_key: str  # of its control API (/_graphsync/) and web view (/_graphsync/ui)


@pytest.fixture(scope="session")
def graphsync_signing_key(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's development signing key (created once: an RSA key takes a moment)."""
    path = tmp_path_factory.mktemp("graphsync-key") / "signing-key.pem"
    load_key_set(Settings(signing_key=path))
    return path


@pytest.fixture(scope="session")
def graphsync_token(graphsync_signing_key: Path) -> TokenFactory:
    """Mints tokens for the session's key; every emulator of these fixtures accepts them."""
    settings = Settings(signing_key=graphsync_signing_key)
    keys = load_key_set(settings)

    def token(
        *,
        roles: Sequence[str] = (demo.READ_WRITE,),
        tenant: str = demo.CONTOSO,
        app_id: str = demo.AUTOMATION_APP,
        scopes: Sequence[str] = (),
        directory_roles: Sequence[str] = (),
        expires_in: int = 3600,
    ) -> str:
        return mint_token(
            settings,
            tenant=tenant,
            app_id=app_id,
            roles=[] if scopes else roles,
            scopes=scopes,
            directory_roles=directory_roles,
            expires_in=expires_in,
            keys=keys,
        )

    return token


@pytest.fixture
def graphsync_seed() -> Seed:
    """An empty seed (the demo seed is served); override this fixture to serve another directory."""
    return Seed()


@pytest.fixture
def graphsync_app(
    graphsync_seed: Seed, graphsync_signing_key: Path, tmp_path: Path
) -> Iterator[GraphSyncApp]:
    """The emulator in the test process, on a new in-memory database: an ASGI app."""
    seed = None
    if not graphsync_seed.empty:
        seed = tmp_path / "graphsync-seed.json"  # JSON is YAML
        seed.write_text(json.dumps(graphsync_seed.document()), encoding="utf-8")
    settings = Settings(db="memory:", signing_key=graphsync_signing_key, seed=seed, clock="manual")
    app = create_app(settings, operator_key=OPERATOR_KEY)
    yield app
    import asyncio

    asyncio.run(app.aclose())


@pytest.fixture(scope="session")
def graphsync_server(
    graphsync_signing_key: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """`graphsync serve` for the session: demo seed, a SQLite file, a free loopback port."""
    workdir = tmp_path_factory.mktemp("graphsync-server")
    key_file = workdir / "operator-key"
    key_file.write_text(OPERATOR_KEY + "\n", encoding="ascii")
    process = EmulatorProcess(
        settings={
            "db": f"sqlite:///{workdir}/jobs.db",
            "signing_key": str(graphsync_signing_key),
            "clock": "manual",
            "operator_key_file": str(key_file),
        },
        workdir=workdir,
    )
    origin = process.start()
    try:
        yield Served(base_url=f"{origin}/v1.0", origin=origin, process=process, operator_key=OPERATOR_KEY)
    finally:
        process.stop()
        process.close()


@pytest.fixture
def graphsync_control(graphsync_server: Served) -> Iterator[ControlClient]:
    """The served emulator's control API; faults and lag a test set are cleared after it."""
    with ControlClient(graphsync_server.origin, graphsync_server.operator_key) as control:
        yield control
        control.clear_faults()
        control.consistency(create_s=0, delete_s=0)
