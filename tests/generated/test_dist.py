"""make dist: wheels and sdists of both generated distributions, reproducible, installable without an index.

The builds go through `make dist` with `-o generated/.stamp` (the stamp is taken as up to date, so
that a test never regenerates the repository's generated/ while other tests read it), into folders
under tmp_path. The installs go into fresh virtual environments with `pip --no-index` and no pip
configuration file or PIP_* variable (this machine's global pip configuration names wheel folders):
the two graphsync wheels must find each other in dist/ or on the command line. Their third-party
requirements (httpx, attrs, httpx-retries, pydantic, typing-extensions) are not built here: a .pth
file makes those of .venv visible to the new environment, as --system-site-packages does for a
system Python, and pip checks their versions against the wheels' requirements. Everything is
local; about 10 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
VERSION = str(yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["info"]["version"])
MAKE = shutil.which("make")
ARCHIVES = [
    f"graphsync_models-{VERSION}.tar.gz",
    f"graphsync_models-{VERSION}-py3-none-any.whl",
    f"graphsync_client-{VERSION}.tar.gz",
    f"graphsync_client-{VERSION}-py3-none-any.whl",
]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(MAKE is None, reason="make is not installed")]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: no make state, no pip configuration, no Python path."""
    dropped = ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DIST")
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("PIP_")}
    return {**env, "PIP_CONFIG_FILE": os.devnull, **extra}


def make_dist(out: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MAKE), "--no-print-directory", "-o", "generated/.stamp", "dist", f"DIST={out}"],
        cwd=ROOT,
        env=clean_env(**extra),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A folder name that a shell would split or expand: it must arrive byte for byte.
    out = tmp_path_factory.mktemp("dist") / "it's a $HOME `dist`"
    result = make_dist(out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def new_venv(where: Path) -> Path:
    """A fresh environment without pip that sees .venv's packages (not its .pth files) after its own."""
    venv.EnvBuilder(with_pip=False, symlinks=True).create(where)
    python = where / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "dev-venv.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return python


def pip(python: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """.venv's pip, run against ``python``'s environment, offline and without configuration."""
    return subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "--isolated", *args],
        env=clean_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def installed(python: Path) -> dict[str, str]:
    """Version and location of both distributions in ``python``'s environment, and the client's imports."""
    probe = (
        "import importlib.metadata as m, graphsync_client, graphsync_models\n"
        "from graphsync_client import contract\n"
        "assert contract.graphsync_models is graphsync_models\n"
        "print(m.version('graphsync-client'), m.version('graphsync-models'))\n"
        "print(graphsync_client.__file__)\n"
        "print(graphsync_models.__file__)\n"
    )
    result = subprocess.run(
        [str(python), "-c", probe], env=clean_env(), cwd="/", capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    versions, client_file, models_file = result.stdout.splitlines()
    client_version, models_version = versions.split()
    return {
        "client": client_version,
        "models": models_version,
        "client_file": client_file,
        "models_file": models_file,
    }


def test_make_dist_builds_both_distributions_at_the_spec_version(dist: Path) -> None:
    assert sorted(p.name for p in dist.iterdir()) == sorted(ARCHIVES)
    with zipfile.ZipFile(dist / f"graphsync_client-{VERSION}-py3-none-any.whl") as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(f"graphsync_client-{VERSION}.dist-info/METADATA").decode()
    assert {
        "graphsync_client/contract.py",
        "graphsync_client/_operations.py",
        "graphsync_client/py.typed",
    } <= names
    assert f"Requires-Dist: graphsync-models=={VERSION}\n" in metadata
    with tarfile.open(dist / f"graphsync_models-{VERSION}.tar.gz") as sdist:
        members = set(sdist.getnames())
    assert {
        f"graphsync_models-{VERSION}/pyproject.toml",
        f"graphsync_models-{VERSION}/graphsync_models/__init__.py",
        f"graphsync_models-{VERSION}/graphsync_models/py.typed",
    } <= members
    assert not [name for name in members if "__pycache__" in name or name.endswith(".pyc")]


def test_two_builds_are_byte_identical(dist: Path, tmp_path: Path) -> None:
    """Another folder, another umask, another TMPDIR: the same bytes (SOURCE_DATE_EPOCH, hatchling)."""
    again = tmp_path / "again"
    (tmp_path / "tmp").mkdir()
    previous = os.umask(0o002)
    try:
        result = make_dist(again, TMPDIR=str(tmp_path / "tmp"))
    finally:
        os.umask(previous)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ARCHIVES:
        assert (again / name).read_bytes() == (dist / name).read_bytes(), name
    # The output is the archives' sha256 sums, in the format of `sha256sum`.
    assert [line.split("  ")[1] for line in result.stdout.splitlines()] == [str(again / n) for n in ARCHIVES]


def test_the_client_installs_from_dist_without_an_index(dist: Path, tmp_path: Path) -> None:
    """The install line of the docs: graphsync-models comes from dist/, nothing from an index."""
    python = new_venv(tmp_path / "venv")
    result = pip(python, "install", "--no-index", "--find-links", str(dist), "graphsync-client")
    assert result.returncode == 0, result.stdout + result.stderr
    found = installed(python)
    assert found["client"] == found["models"] == VERSION
    site = str(tmp_path / "venv")
    assert found["client_file"].startswith(site) and found["models_file"].startswith(site)
    check = pip(python, "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_two_wheels_install_together_and_the_contract_extra_still_resolves(
    dist: Path, tmp_path: Path
) -> None:
    python = new_venv(tmp_path / "venv")
    client = dist / f"graphsync_client-{VERSION}-py3-none-any.whl"
    models = dist / f"graphsync_models-{VERSION}-py3-none-any.whl"
    result = pip(python, "install", "--no-index", f"{client}[contract]", str(models))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr  # e.g. "does not provide the extra 'contract'"
    found = installed(python)
    assert found["client"] == found["models"] == VERSION


def test_the_client_alone_names_the_missing_models(tmp_path: Path, dist: Path) -> None:
    """Without the models wheel there is nothing to fall back on: pip says which requirement is missing."""
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(dist / f"graphsync_client-{VERSION}-py3-none-any.whl", alone)
    python = new_venv(tmp_path / "venv")
    result = pip(python, "install", "--no-index", "--find-links", str(alone), "graphsync-client")
    assert result.returncode != 0
    assert f"graphsync-models=={VERSION}" in result.stderr


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"SOURCE_DATE_EPOCH": "yesterday"}, "error: SOURCE_DATE_EPOCH='yesterday' is not a whole number"),
        ({"SOURCE_DATE_EPOCH": "0"}, "error: SOURCE_DATE_EPOCH='0' is not a whole number"),
    ],
)
def test_bad_input_is_one_readable_line(tmp_path: Path, variables: dict[str, str], message: str) -> None:
    result = make_dist(tmp_path / "out", **variables)
    assert result.returncode != 0
    assert result.stderr.startswith(message), result.stderr
    assert len([line for line in result.stderr.splitlines() if not line.startswith("make")]) == 1
    assert not (tmp_path / "out").exists()


def test_a_stale_generated_tree_is_refused(tmp_path: Path) -> None:
    """A generated/ of another version than the spec's is not packaged (make dist regenerates first)."""
    generated = tmp_path / "generated"
    shutil.copytree(ROOT / "generated", generated, ignore=shutil.ignore_patterns("__pycache__", ".stamp"))
    pyproject = generated / "client" / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(f'version = "{VERSION}"', 'version = "0.0.1"', 1),
        encoding="utf-8",
    )
    command = [sys.executable, str(ROOT / "codegen" / "dist.py"), "--generated", str(generated)]
    result = subprocess.run(
        [*command, "--out", str(tmp_path / "out")], cwd=ROOT, env=clean_env(), capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"error: {pyproject}: version 0.0.1, but openapi.yaml's info.version is {VERSION}; run `make generate`\n"
    )
    assert not (tmp_path / "out").exists()
