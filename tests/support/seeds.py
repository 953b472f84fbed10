"""In-process apps on a small seed of one's own: one tenant whose service principal and application offer
the given template catalog."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from graphsync.app import create_app
from graphsync.demo import BOX_APP, FABRIKAM, FABRIKAM_BOX_SP
from graphsync.settings import Settings
from support.asgi import InProcess
from support.tokens import Tokens

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
