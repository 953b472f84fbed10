"""Fixtures of the fuzz tests (fuzz/): the `fuzz` package on the path, and openapi.yaml for the checks."""

from __future__ import annotations

import sys
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
