"""generated/: passes mypy --strict, and both folders build as wheels offline (pip, hatchling from .venv)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
# Both distributions carry the spec's info.version.
VERSION = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["info"]["version"]
GENERATED = ROOT / "generated"
BIN = Path(sys.executable).parent


@pytest.mark.slow
def test_generated_packages_pass_mypy_strict() -> None:
    """The client strictly (as openapi-python-client checks its own output), the models too."""
    env = {**os.environ, "MYPYPATH": f"{GENERATED / 'models'}{os.pathsep}{GENERATED / 'client'}"}
    result = subprocess.run(
        [
            str(BIN / "mypy"),
            "--strict",
            "--python-version",
            "3.11",
            "--no-warn-unused-configs",
            "--cache-dir",
            str(ROOT / ".mypy_cache" / "generated"),
            "-p",
            "graphsync_client",
            "-p",
            "graphsync_models",
        ],
        cwd=GENERATED,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")


@pytest.mark.slow
def test_generated_distributions_build_offline(tmp_path: Path) -> None:
    """`pip install ./generated/client` needs only hatchling, pinned and already in .venv."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(GENERATED / "models"),
            str(GENERATED / "client"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = {p.name.split("-")[0]: p for p in tmp_path.glob("*.whl")}
    assert set(wheels) == {"graphsync_models", "graphsync_client"}

    with zipfile.ZipFile(wheels["graphsync_client"]) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(f"graphsync_client-{VERSION}.dist-info/METADATA").decode()
    assert {
        "graphsync_client/py.typed",
        "graphsync_client/contract.py",
        "graphsync_client/_operations.py",
    } <= names
    assert any(name.startswith("graphsync_client/api/service_principals_synchronization/") for name in names)
    assert "Requires-Dist: httpx" in metadata
    assert "Requires-Dist: attrs" in metadata
    # The models of the same version are a requirement; `[contract]` is an empty alias kept for old install lines.
    assert f"Requires-Dist: graphsync-models=={VERSION}\n" in metadata
    assert "Provides-Extra: contract\n" in metadata
    assert "extra == 'contract'" not in metadata

    with zipfile.ZipFile(wheels["graphsync_models"]) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(f"graphsync_models-{VERSION}.dist-info/METADATA").decode()
    assert {"graphsync_models/__init__.py", "graphsync_models/py.typed"} <= names
    assert "Requires-Dist: pydantic<3,>=2.14" in metadata
    # Building leaves nothing behind in the source folders.
    assert not [p for p in GENERATED.rglob("*") if p.name in ("build", "dist") or p.suffix == ".egg-info"]
