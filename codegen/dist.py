"""Build the wheels and sdists of generated/models and generated/client (`make dist`).

    python codegen/dist.py [--spec openapi.yaml] [--generated generated] [--out dist]

Run it with the Python of the pinned tool environment (.venv). The build frontend is `build`
(pinned in requirements/dev.lock), run with --no-isolation: the build backend is the hatchling
installed next to it (pinned too, and equal to both pyproject.toml's `requires`), so nothing is
downloaded. As `build` does by default, each sdist is built first and the wheel is built from it:
a file missing from an sdist shows as a file missing from the wheel.

Both versions must equal the spec's info.version (otherwise generated/ is stale: `make generate`).
The archives are reproducible: every timestamp in them is SOURCE_DATE_EPOCH (1580601600,
2020-02-02T00:00:00Z, unless the environment sets another), and hatchling normalises owners,
permissions and the order of entries, so two builds of the same tree are byte-identical.

The four files replace those of earlier builds of both distributions in --out (any version);
other files there are left alone. A problem is one `error:` line on stderr and exit status 1
(2 for a missing spec), with the build frontend's output after it when a build failed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from packaging.version import InvalidVersion, Version

CODEGEN = Path(__file__).resolve().parent
sys.path.insert(0, str(CODEGEN))

from derive import DeriveError, load

# (folder under --generated, file name prefix of the distribution's archives)
DISTRIBUTIONS = (("models", "graphsync_models"), ("client", "graphsync_client"))
# The timestamp of every archive entry when the environment sets none: hatchling's own default.
DEFAULT_SOURCE_DATE_EPOCH = 1580601600
# Zip archives (wheels) hold times from 1980-01-01 to 2107-12-31 only.
ZIP_EPOCHS = range(315532800, 4354819200)


class DistError(Exception):
    pass


def spec_version(spec: Path) -> str:
    try:
        document = load(spec)
    except DeriveError as err:
        raise DistError(f"{spec}: {' '.join(str(err).split())}") from None  # one line
    return str(document["info"]["version"])  # as generate.py writes it into both pyproject.toml files


def project_version(pyproject: Path) -> str:
    try:
        version = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except FileNotFoundError:
        raise DistError(f"{pyproject}: no such file; run `make generate`") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as err:
        raise DistError(f"{pyproject}: no readable project.version ({type(err).__name__})") from None
    return str(version)


def source_date_epoch() -> str:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or str(DEFAULT_SOURCE_DATE_EPOCH)
    if not value.isdigit() or int(value) not in ZIP_EPOCHS:
        raise DistError(
            f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds from "
            f"{ZIP_EPOCHS.start} (1980-01-01) to {ZIP_EPOCHS.stop - 1} (2107-12-31), the range of a wheel's times"
        )
    return value


def build(spec: Path, generated: Path, out: Path) -> list[Path]:
    """Build both distributions into ``out``; return the four archives."""
    if out.exists() and not out.is_dir():
        raise DistError(f"{out}: exists and is not a folder")
    version = spec_version(spec)
    try:
        Version(version)
    except InvalidVersion:
        raise DistError(
            f"{spec}: info.version {version!r} is not a Python package version (PEP 440, such as 1.3.0), "
            "which both distributions take"
        ) from None
    for folder, _ in DISTRIBUTIONS:
        pyproject = generated / folder / "pyproject.toml"
        if (found := project_version(pyproject)) != version:
            raise DistError(
                f"{pyproject}: version {found}, but {spec}'s info.version is {version}; run `make generate`"
            )
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch()}
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".dist-", dir=out) as tmp:
        # The two builds are independent: run them side by side.
        frontend = [sys.executable, "-m", "build", "--no-isolation", "--outdir", tmp]
        jobs = [
            (
                generated / folder,
                subprocess.Popen(
                    [*frontend, str(generated / folder)],
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                ),
            )
            for folder, _ in DISTRIBUTIONS
        ]
        failures = []
        try:
            for source, process in jobs:
                output, _ = process.communicate()
                if process.returncode != 0:
                    failures.append(
                        f"building {source} failed (exit {process.returncode}):\n{output.strip()}"
                    )
        finally:
            for _, process in jobs:
                if process.poll() is None:
                    process.kill()
                    process.wait()
        if failures:
            raise DistError("\n".join(failures))
        # File names carry the normalised version (1.3.0-rc.1 gives 1.3.0rc1).
        normalised = str(Version(version))
        expected = [
            name
            for _, prefix in DISTRIBUTIONS
            for name in (f"{prefix}-{normalised}.tar.gz", f"{prefix}-{normalised}-py3-none-any.whl")
        ]
        built = sorted(p.name for p in Path(tmp).iterdir())
        if built != sorted(expected):
            raise DistError(f"the build gave {', '.join(built) or 'nothing'}, not {', '.join(expected)}")
        for _, prefix in DISTRIBUTIONS:
            for old in out.glob(f"{prefix}-*"):
                if old.suffix in (".whl", ".gz") and old.is_file():
                    old.unlink()
        for name in expected:
            shutil.move(os.path.join(tmp, name), out / name)
    return [out / name for name in expected]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", maxsplit=1)[0])
    parser.add_argument("--spec", type=Path, default=Path("openapi.yaml"))
    parser.add_argument("--generated", type=Path, default=Path("generated"))
    parser.add_argument("--out", default="dist", help="the folder of the archives (created if missing)")
    args = parser.parse_args(argv)
    spec: Path = args.spec
    if not spec.is_file():
        print(f"error: {spec}: no such file", file=sys.stderr)
        return 2
    if not args.out.strip():
        print("error: the output folder is empty (DIST= names it)", file=sys.stderr)
        return 1
    try:
        archives = build(spec, args.generated, Path(args.out))
    except DistError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for archive in archives:
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        print(f"{digest}  {archive}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
