"""Small seeds for tests: a valid minimal seed, its problems, the `graphsync` command; and in-process apps
on a seed of one's own (one tenant whose service principal and application offer the given catalog)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graphsync.app import create_app
from graphsync.demo import AUTOMATION_APP, BOX_APP, BOX_SP, CONTOSO, FABRIKAM, FABRIKAM_BOX_SP
from graphsync.seed import SeedError, parse_seed
from graphsync.settings import Settings
from support import SRC
from support.asgi import InProcess
from support.tokens import Tokens

VALID: dict[str, Any] = {
    "version": 1,
    "tenants": [
        {
            "id": CONTOSO,
            "displayName": "Contoso",
            "servicePrincipals": [
                {
                    "id": BOX_SP,
                    "appId": AUTOMATION_APP,
                    "displayName": "Box",
                    "synchronizationTemplates": ["BoxOutDelta"],
                }
            ],
        }
    ],
}


def problems(data: Any) -> str:
    with pytest.raises(SeedError) as info:
        parse_seed(data)
    return str(info.value)


def cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "graphsync", *args],
        check=False,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=60,
    )


TENANT = FABRIKAM
SERVICE_PRINCIPAL = FABRIKAM_BOX_SP  # also its appId
APPLICATION = BOX_APP


def app_with_templates(settings: Settings, tokens: Tokens, templates: list[dict[str, Any]]) -> InProcess:
    """An app whose seed has `templates` as its catalog, offered by SERVICE_PRINCIPAL and APPLICATION of
    TENANT (tokens: `client.tokens.header(tenant=TENANT)`). Close it when done."""
    offered = [template["id"] for template in templates]
    owner = {"appId": SERVICE_PRINCIPAL, "displayName": "Custom", "synchronizationTemplates": offered}
    seed = {
        "version": 1,
        "templates": templates,
        "tenants": [
            {
                "id": TENANT,
                "displayName": "Fabrikam",
                "servicePrincipals": [{"id": SERVICE_PRINCIPAL, **owner}],
                "applications": [{"id": APPLICATION, **owner}],
            }
        ],
    }
    text = json.dumps(seed)
    path = settings.signing_key.parent / f"seed-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    path.write_text(text, encoding="utf-8")
    return InProcess(create_app(dataclasses.replace(settings, seed=path)), tokens)
