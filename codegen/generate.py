"""Generate generated/ (pydantic models and an httpx client) from openapi.yaml, or check it.

    python codegen/generate.py [--spec openapi.yaml] [--out generated]
    python codegen/generate.py --check [--spec openapi.yaml] [--out generated]

Run it with the Python of the pinned tool environment (.venv): the generators
and ruff are taken from the folder of that interpreter, never from elsewhere on
PATH. Everything is generated into a fresh folder first. Without --check, that
folder then replaces the contents of --out (so nothing stale survives a removed
operation or schema); with --check, it is compared with --out, which is left
untouched, and every changed, missing or extra file is reported (exit 1).

The layout of the output folder:

    README.md, .gitignore
    models/   graphsync-models: pyproject.toml, README.md, graphsync_models/{__init__.py,py.typed}
              (the strict models), graphsync_models/tolerant.py (codegen/tolerant.py) and
              graphsync_models/unknown.py (from codegen/models-extras/)
    client/   graphsync-client: openapi-python-client's project, plus
              graphsync_client/contract.py, retry.py and runtime.py (from codegen/client-extras/),
              graphsync_client/_operations.py (the operation table contract.py reads) and
              graphsync_client/facade.py (GraphSync and AsyncGraphSync, codegen/facade.py)
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import json
import os
import shutil
import string
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CODEGEN = Path(__file__).resolve().parent
sys.path.insert(0, str(CODEGEN))

from derive import DeriveError, derive, dump, load
from endpoints import EndpointFixError, fix_endpoints
from facade import FacadeError, write_facade
from operations_table import OperationTableError, operations_module
from tolerant import GENERATOR_OPTIONS, tolerant

BIN = Path(sys.executable).parent
CLIENT_PACKAGE = "graphsync_client"
MODELS_PACKAGE = "graphsync_models"
# The spec file name the generators see (and write into headers and docstrings).
SPEC_NAME = "openapi.yaml"
# Present in an output folder but not generated content: ignored by --check, kept by the swap.
NOT_GENERATED = frozenset({".stamp", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"})


class GenerationError(Exception):
    pass


# --- running the generators -------------------------------------------------------------


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        raise GenerationError(f"{name} is not installed next to {sys.executable}; run `make venv`")
    return str(path)


class _Job:
    """A generator process running in the background; ``wait()`` raises GenerationError when it failed."""

    def __init__(self, args: list[str], *, cwd: Path, what: str) -> None:
        env = dict(os.environ)
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
        env["RUFF_NO_CACHE"] = "true"
        env["PYTHONUTF8"] = "1"
        self.what = what
        self.process = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )

    def wait(self) -> None:
        output, _ = self.process.communicate()
        if self.process.returncode != 0:
            raise GenerationError(f"{self.what} failed (exit {self.process.returncode}):\n{output.strip()}")


def _run(args: list[str], *, cwd: Path, what: str) -> None:
    _Job(args, cwd=cwd, what=what).wait()


def _start_models(spec_file: Path, work: Path, out: Path) -> _Job:
    """Start datamodel-codegen for out/ (the graphsync-models distribution).

    datamodel-codegen reads its settings from the pyproject.toml nearest to its working
    directory, and its formatter from the one nearest to the output: both are the copy of
    codegen/pyproject.toml at the root of the work folder, so no other file can change the output.
    """
    shutil.copyfile(CODEGEN / "pyproject.toml", work / "pyproject.toml")
    (out / MODELS_PACKAGE).mkdir(parents=True)
    return _Job(
        [
            _tool("datamodel-codegen"),
            "--input",
            str(spec_file),
            "--output",
            str(out / MODELS_PACKAGE / "__init__.py"),
            "--emit-model-metadata",
            str(work / "models-metadata.json"),
        ],
        cwd=work,
        what="datamodel-codegen",
    )


def _start_tolerant_models(spec: dict[str, Any], work: Path, out: Path) -> _Job:
    """Start datamodel-codegen for graphsync_models/tolerant.py, after `_start_models` (its settings file)."""
    folder = work / "tolerant"
    folder.mkdir()
    spec_file = folder / SPEC_NAME  # the same name in the module's header
    spec_file.write_text(dump(tolerant(spec)), encoding="utf-8")
    return _Job(
        [
            _tool("datamodel-codegen"),
            "--input",
            str(spec_file),
            "--output",
            str(out / MODELS_PACKAGE / "tolerant.py"),
            *GENERATOR_OPTIONS,
        ],
        cwd=work,
        what="datamodel-codegen (tolerant models)",
    )


def _finish_models(work: Path, out: Path, spec: dict[str, Any]) -> dict[str, str]:
    """Complete the models distribution; return {schema pointer: class name}."""
    (out / MODELS_PACKAGE / "py.typed").write_text("", encoding="utf-8")
    shutil.copyfile(CODEGEN / "models-extras" / "unknown.py", out / MODELS_PACKAGE / "unknown.py")
    values = {"version": str(spec["info"]["version"]), "title": str(spec["info"]["title"])}
    for name in ("pyproject.toml", "README.md"):
        template = string.Template((CODEGEN / "models-package" / f"{name}.in").read_text(encoding="utf-8"))
        (out / name).write_text(template.substitute(values), encoding="utf-8")
    classes: dict[str, str] = {}
    for model in json.loads((work / "models-metadata.json").read_text(encoding="utf-8"))["models"]:
        _, _, pointer = model["source_ref"].partition("#")
        if pointer in classes and classes[pointer] != model["class_name"]:
            raise GenerationError(f"two models for {pointer}: {classes[pointer]} and {model['class_name']}")
        classes[pointer] = model["class_name"]
    return classes


def _start_client(spec_file: Path, out: Path) -> _Job:
    return _Job(
        [
            _tool("openapi-python-client"),
            "generate",
            "--path",
            str(spec_file),
            "--config",
            str(CODEGEN / "client-config.yaml"),
            "--custom-template-path",
            str(CODEGEN / "client-templates"),
            "--output-path",
            str(out),
            # Only selects that pyproject.toml, README.md and .gitignore are written; the
            # pyproject.toml template in codegen/client-templates ignores the meta type.
            "--meta",
            "uv",
            # Any warning (an operation or schema it could not handle and left out,
            # post-hooks skipped because ruff is missing) fails the generation.
            "--fail-on-warning",
        ],
        cwd=spec_file.parent,
        what="openapi-python-client",
    )


def _add_contract(client: Path, spec: dict[str, Any], classes: dict[str, str]) -> None:
    package = client / CLIENT_PACKAGE
    for extra in ("contract.py", "retry.py", "runtime.py"):
        shutil.copyfile(CODEGEN / "client-extras" / extra, package / extra)
    try:
        text = operations_module(SPEC_NAME, spec, classes)
    except OperationTableError as err:
        raise GenerationError(str(err)) from None
    (package / "_operations.py").write_text(text, encoding="utf-8")
    # Format the added and fixed modules like the rest of the client (its own pyproject.toml holds ruff's settings).
    for command in (["check", "--fix-only"], ["format"]):
        _run(
            [_tool("ruff"), *command, "--quiet", "--no-respect-gitignore", "."],
            cwd=client,
            what=f"ruff {command[0]}",
        )


def build(spec_path: Path, work: Path) -> Path:
    """Generate the whole output tree inside the empty folder ``work``; return the tree's root.

    Everything runs inside ``work`` (a temporary folder outside the repository), so that no
    configuration file near the final destination (pyproject.toml, .gitignore) can change the output.
    """
    try:
        spec = derive(load(spec_path))
    except DeriveError as err:
        raise GenerationError(f"{spec_path}: {err}") from None
    tree = work / "generated"
    tree.mkdir()
    spec_file = work / SPEC_NAME
    spec_file.write_text(dump(spec), encoding="utf-8")
    # The two generators are independent: run them side by side.
    jobs = [_start_models(spec_file, work, tree / "models"), _start_client(spec_file, tree / "client")]
    jobs.append(_start_tolerant_models(spec, work, tree / "models"))
    try:
        for job in jobs:
            job.wait()
    finally:
        for job in jobs:
            if job.process.poll() is None:
                job.process.kill()
                job.process.wait()
    classes = _finish_models(work, tree / "models", spec)
    try:
        fix_endpoints(tree / "client" / CLIENT_PACKAGE / "api", spec)
    except EndpointFixError as err:
        raise GenerationError(str(err)) from None
    try:
        write_facade(tree / "client" / CLIENT_PACKAGE, spec, classes)
    except FacadeError as err:
        raise GenerationError(f"{spec_path}: {err}") from None
    _add_contract(tree / "client", spec, classes)
    shutil.copyfile(CODEGEN / "generated-README.md", tree / "README.md")
    shutil.copyfile(CODEGEN / "generated.gitignore", tree / ".gitignore")
    for cache in tree.rglob(".ruff_cache"):
        shutil.rmtree(cache)
    return tree


# --- swap and check ---------------------------------------------------------------------


def swap_in(new: Path, out: Path) -> None:
    """Replace the generated contents of ``out`` with ``new`` (a folder on the same file system)."""
    out.mkdir(parents=True, exist_ok=True)
    old = Path(tempfile.mkdtemp(prefix=".old-", dir=out))
    try:
        for entry in sorted(out.iterdir()):
            if entry not in (new, old) and entry.name not in NOT_GENERATED:
                entry.rename(old / entry.name)
        for entry in sorted(new.iterdir()):
            entry.rename(out / entry.name)
    finally:
        shutil.rmtree(old, ignore_errors=True)
        shutil.rmtree(new, ignore_errors=True)


def _files(root: Path) -> set[str]:
    found = set()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in NOT_GENERATED and not d.startswith(".old-"))
        for name in filenames:
            if name not in NOT_GENERATED and not name.endswith(".pyc"):
                found.add(Path(dirpath, name).relative_to(root).as_posix())
    return found


def compare(expected: Path, actual: Path, label: str) -> list[str]:
    """Readable differences between a fresh generation ``expected`` and the folder ``actual``."""
    want, have = _files(expected), _files(actual)
    report: list[str] = []
    for name in sorted(want | have):
        if name not in have:
            report.append(f"missing: {label}/{name} (would be generated)")
        elif name not in want:
            report.append(f"extra:   {label}/{name} (not generated any more, or not generated at all)")
        elif not filecmp.cmp(expected / name, actual / name, shallow=False):
            try:
                old = (actual / name).read_text(encoding="utf-8").splitlines(keepends=True)
                new = (expected / name).read_text(encoding="utf-8").splitlines(keepends=True)
            except UnicodeDecodeError:
                report.append(f"changed: {label}/{name} (binary)")
                continue
            diff = difflib.unified_diff(
                old, new, f"{label}/{name} (committed)", f"{label}/{name} (generated)"
            )
            report.append("".join(line if line.endswith("\n") else line + "\n" for line in diff).rstrip("\n"))
    return report


def main(argv: list[str] | None = None) -> int:
    """Generate into --out, or with --check compare a fresh generation with it; return the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", maxsplit=1)[0])
    parser.add_argument("--spec", type=Path, default=Path("openapi.yaml"))
    parser.add_argument("--out", type=Path, default=Path("generated"))
    parser.add_argument(
        "--check", action="store_true", help="compare a fresh generation with --out; change nothing"
    )
    args = parser.parse_args(argv)
    spec_path: Path = args.spec
    out: Path = args.out
    if not spec_path.is_file():
        print(f"error: {spec_path}: no such file", file=sys.stderr)
        return 2
    try:
        with tempfile.TemporaryDirectory(prefix="graphsync-codegen-") as tmp:
            tree = build(spec_path, Path(tmp))
            if args.check:
                report = compare(tree, out, out.as_posix().rstrip("/"))
                if report:
                    print("\n".join(report))
                    print(
                        f"\n{out}/ does not match {spec_path} and codegen/ ({len(report)} file(s) differ). "
                        "Run `make generate` and commit the result; never edit generated files by hand.",
                        file=sys.stderr,
                    )
                    return 1
                print(f"{out}/ is up to date with {spec_path}")
                return 0
            out.mkdir(parents=True, exist_ok=True)
            new = Path(tempfile.mkdtemp(prefix=".new-", dir=out))
            try:
                shutil.copytree(tree, new, dirs_exist_ok=True)
            except BaseException:
                shutil.rmtree(new, ignore_errors=True)
                raise
            swap_in(new, out)
        print(f"generated {out}/models and {out}/client from {spec_path}")
        return 0
    except GenerationError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
