"""Helpers every test folder may use (fixtures are in support/fixtures.py, loaded by tests/conftest.py).

| Module | What |
|---|---|
| `asgi` | `InProcess` (an app driven through httpx), `call_asgi` (hand-built ASGI messages), `RewriteJobs` |
| `sockets` | `Server` (`graphsync serve` via graphsync.launch) and raw HTTP/1.1 over a socket |
| `tokens` | `Tokens` (minted tokens), hand-made claims |
| `graph` | assertions on Graph's error envelope |
| `stores` | the storage tests' collections and changes |
| `hostile` | the catalogue of hostile requests |

Demo ids come from `graphsync.demo`, the one place that names them.
"""

from __future__ import annotations

from pathlib import Path

from graphsync import demo

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
SPEC_PATH = ROOT / "openapi.yaml"
JOBS = f"/v1.0/servicePrincipals/{demo.BOX_SP}/synchronization/jobs"
APP_JOBS = f"/v1.0/applications/{demo.BOX_APP}/synchronization/jobs"
