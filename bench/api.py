"""The Graph requests the benchmark sends: create, get and list on the job collection of the demo
tenant's Box service principal (openapi.yaml's examples), as the automation app of the demo seed.

graphsync has no `py.typed` marker, so mypy sees its modules as untyped imports; the names taken from
them are given their types here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from graphsync.demo import (
    AUTOMATION_APP,
    BOX_SP,
    BOX_TEMPLATES,
    CONTOSO,
    READ_WRITE,
)

TENANT: str = CONTOSO
APP_ID: str = AUTOMATION_APP  # the calling app of every request
SERVICE_PRINCIPAL: str = BOX_SP
TEMPLATE: str = BOX_TEMPLATES[0]  # BoxOutDelta
ROLES: list[str] = [READ_WRITE]
CREATE_BODY = json.dumps({"templateId": TEMPLATE}, separators=(",", ":"))
COLLECTION = f"/servicePrincipals/{SERVICE_PRINCIPAL}/synchronization/jobs"
API = "/v1.0"  # where the emulator serves the API (Prism serves the spec's paths at the root)

OPERATIONS = ("create", "get", "list")
CONNECTIONS = (16, 64)
EXPECTED_STATUS = {"create": 201, "get": 200, "list": 200}
PAGE_JOBS = 100  # jobs stored before get/list on a "fresh" database: one full list page


@dataclass(frozen=True)
class Request:
    """One request of an operation: method, path (with the API prefix) and JSON body."""

    method: str
    path: str
    body: str | None = None


def requests(base: str, job_path: str) -> dict[str, Request]:
    """The create, get and list requests to a server whose API is under `base`; get reads `job_path`."""
    return {
        "create": Request("POST", f"{base}{COLLECTION}", CREATE_BODY),
        "get": Request("GET", job_path),
        "list": Request("GET", f"{base}{COLLECTION}"),
    }


def write_paths(path: Path, job_ids: list[str], base: str = API) -> Path:
    """Write each job's URL path, one a line, for wrk's get runs to cycle through; return the file."""
    path.write_text("".join(f"{base}{COLLECTION}/{quote(j, safe='')}\n" for j in job_ids))
    return path


def first_path(paths: Path) -> str:
    """The first job path of a file written by `write_paths`."""
    return paths.read_text().split("\n", 1)[0]
