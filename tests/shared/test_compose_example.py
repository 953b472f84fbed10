"""docs/examples/shared-emulator/compose.yaml, checked without running it: its emulators name real
settings, one PostgreSQL database, one signing key and operator key on a volume both mount, and one
public URL; the image installs the postgresql extra."""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml
from support import ROOT

from graphsync.settings import Settings

EXAMPLE = ROOT / "docs" / "examples" / "shared-emulator"


def test_the_compose_example_runs_two_emulators_on_one_database() -> None:
    compose: dict[str, Any] = yaml.safe_load((EXAMPLE / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    emulators = {name: service for name, service in services.items() if name.startswith("emulator-")}
    assert len(emulators) == 2
    settings = {field.name for field in dataclasses.fields(Settings)}
    environments = [service["environment"] for service in emulators.values()]
    assert environments[0] == environments[1]
    environment = environments[0]
    for name in environment:
        assert name.startswith("GRAPHSYNC_") and name.removeprefix("GRAPHSYNC_").lower() in settings, name
    database = environment["GRAPHSYNC_DB"]
    assert database.startswith("postgresql://") and "@db:5432/" in database
    assert services["db"]["image"] == "postgres:15"
    assert environment["GRAPHSYNC_HOST"] == "0.0.0.0" and environment["GRAPHSYNC_PUBLIC_URL"]
    for service in emulators.values():
        (volume,) = service["volumes"]
        mount = volume.split(":")[1]
        assert environment["GRAPHSYNC_SIGNING_KEY"].startswith(mount + "/")
        assert environment["GRAPHSYNC_OPERATOR_KEY_FILE"].startswith(mount + "/")
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert service["depends_on"]["keys"]["condition"] == "service_completed_successfully"
        assert (ROOT / "docs/examples/shared-emulator" / service["build"]["context"]).resolve() == ROOT
        assert (EXAMPLE / "Dockerfile").resolve() == (ROOT / service["build"]["dockerfile"]).resolve()
    keys = services["keys"]["environment"]
    assert keys["GRAPHSYNC_SIGNING_KEY"] == environment["GRAPHSYNC_SIGNING_KEY"]
    assert keys["GRAPHSYNC_OPERATOR_KEY_FILE"] == environment["GRAPHSYNC_OPERATOR_KEY_FILE"]
    assert "'.[postgresql]'" in (EXAMPLE / "Dockerfile").read_text(encoding="utf-8")
    nginx = (EXAMPLE / "nginx.conf").read_text(encoding="utf-8")
    assert all(f"server {name}:8000" in nginx for name in emulators)
