"""The import rules of ARCHITECTURE.md, checked on every import statement of the project's code."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"

# The layers of ARCHITECTURE.md, bottom up. A module may import its own layer's modules listed before
# it (foundation) or its own package (the others), and the layers below.
FOUNDATION = [
    "graphsync.demo",
    "graphsync.errors",
    "graphsync.files",
    "graphsync.settings",
    "graphsync.ids",
    "graphsync.spec",
    "graphsync.directory",
    "graphsync.seed_checks",
    "graphsync.seed",
]
STORAGE = ["graphsync.storage"]
DOMAIN = ["graphsync.domain"]
SERVICES = [
    "graphsync.auth",
    "graphsync.http",
    "graphsync.odata",
    "graphsync.odata_query",
    "graphsync.routes",
    "graphsync.validation",
    "graphsync.throttle",
    "graphsync.clock",
    "graphsync.control.faults",
    "graphsync.control.lag",
    "graphsync.control.journal",
    "graphsync.control.operator",
]
HANDLERS = ["graphsync.handlers"]
CONTROL = ["graphsync.control"]  # the control API and web view (its services are listed above)
COMPOSITION = ["graphsync.app", "graphsync.binding", "graphsync.runtime", "graphsync.server"]

# module (or package prefix) -> project modules it may import; prefixes match submodules too.
ALLOWED: dict[str, list[str]] = {
    "graphsync.demo": [],
    "graphsync.errors": [],
    "graphsync.files": [],
    "graphsync.settings": [],
    "graphsync.ids": [],
    "graphsync.spec": ["graphsync.errors", "graphsync.files"],
    "graphsync.directory": [],
    "graphsync.seed_checks": ["graphsync.directory"],
    "graphsync.seed": [
        "graphsync.demo",
        "graphsync.directory",
        "graphsync.errors",
        "graphsync.files",
        "graphsync.seed_checks",
    ],
    "graphsync.storage": STORAGE,
    "graphsync.domain": DOMAIN,
    **{name: [*FOUNDATION, *STORAGE, name] for name in SERVICES},
    "graphsync.handlers": [*FOUNDATION, *STORAGE, *DOMAIN, *SERVICES, *HANDLERS],
    "graphsync.control": [*FOUNDATION, *STORAGE, *DOMAIN, *SERVICES, *HANDLERS, *CONTROL],
    "graphsync.control.client": [],
    **{name: [*FOUNDATION, *STORAGE, *DOMAIN, *SERVICES, *HANDLERS, *CONTROL] for name in COMPOSITION},
    # The app factory is assembled from its two halves.
    "graphsync.app": [
        *FOUNDATION,
        *STORAGE,
        *DOMAIN,
        *SERVICES,
        *HANDLERS,
        *CONTROL,
        "graphsync.binding",
        "graphsync.runtime",
    ],
    "graphsync.launch": [],
    "graphsync.pgcluster": [],
    "graphsync.cli": ["graphsync"],
    "graphsync.servecli": ["graphsync"],
    "graphsync.workers": ["graphsync"],
    "graphsync.tokencli": ["graphsync"],
    "graphsync.pytest_plugin": ["graphsync"],
    "graphsync.__main__": ["graphsync"],
}
PROJECT_TOP_LEVEL = ("graphsync", "graphsync_models", "graphsync_client", "codegen", "fuzz", "bench")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_imports(path: Path, package: str) -> set[str]:
    """Absolute names of the project modules a file imports, relative imports resolved."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                found.add(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                found.add(node.module)
    return {name for name in found if name.split(".")[0] in PROJECT_TOP_LEVEL}


def allowed_for(module: str) -> list[str] | None:
    matches = [key for key in ALLOWED if module == key or module.startswith(key + ".")]
    return ALLOWED[max(matches, key=len)] if matches else None


def permitted(imported: str, allowed: list[str]) -> bool:
    return any(imported == a or imported.startswith(a + ".") for a in allowed)


EMULATOR_FILES = sorted((SRC / "graphsync").rglob("*.py"))


@pytest.mark.parametrize("path", EMULATOR_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_emulator_module_imports_only_its_layers(path: Path) -> None:
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    allowed = allowed_for(module)
    if module == "graphsync":
        allowed = ["graphsync"]
    assert allowed is not None, f"{module} is in no layer of ARCHITECTURE.md: add it there and here"
    bad = sorted(name for name in project_imports(path, package) if not permitted(name, allowed))
    assert not bad, f"{module} imports {bad}; ARCHITECTURE.md allows only {allowed}"


@pytest.mark.parametrize("name", ["launch.py", "pgcluster.py"])
def test_the_launcher_and_the_throwaway_postgresql_need_only_the_standard_library(name: str) -> None:
    """graphsync.launch starts the emulator, graphsync.pgcluster a throw-away PostgreSQL, for the fuzz runner,
    the benchmark and the tests, without loading the emulator."""
    tree = ast.parse((SRC / "graphsync" / name).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and not node.level
    }
    assert imported and imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("src/graphsync", ("graphsync_models", "graphsync_client", "codegen", "fuzz", "bench")),
        ("codegen", ("graphsync", "graphsync_client", "fuzz", "bench")),
        ("fuzz", ("graphsync_models", "graphsync_client", "codegen", "bench")),
        ("generated", ("graphsync", "codegen", "fuzz", "bench")),
    ],
)
def test_layers_do_not_reach_across(folder: str, forbidden: tuple[str, ...]) -> None:
    files = sorted((ROOT / folder).rglob("*.py"))
    if folder == "codegen":
        # client-extras/ is copied into the generated client, which may use the models; quickstart.py is the
        # client README's example, a user of the client
        files = [f for f in files if "client-extras" not in f.parts and f.name != "quickstart.py"]
    assert files, f"no Python files under {folder}: the check would pass vacuously"
    offenders = []
    for path in files:
        for name in project_imports(path, ""):
            if name.split(".")[0] in forbidden:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


# The parts of fuzz/ (ARCHITECTURE.md): the checks see only HTTP exchanges; the runner mints the
# emulator's tokens, reads seed templates and starts the emulator with the launcher.
FUZZ_ALLOWED: dict[str, list[str]] = {
    "fuzz/__init__.py": [],
    "fuzz/identities.py": [],
    "fuzz/checks": ["fuzz.checks", "fuzz.identities"],
    "fuzz/hooks.py": ["fuzz.checks"],
    "fuzz/runner": [
        "fuzz.runner",
        "fuzz.checks",
        "fuzz.identities",
        "graphsync.launch",
        "graphsync.demo",
        "graphsync.auth",
        "graphsync.settings",
        "graphsync.seed",
        "graphsync.domain.schemas",
        "graphsync.control.operator",
    ],
    "fuzz/run.py": ["fuzz.runner"],
}


def imported_names(path: Path) -> set[str]:
    """Project names a file imports, `from a import b` read as `a.b` (so `from graphsync import demo` is
    `graphsync.demo`, not all of `graphsync`)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in PROJECT_TOP_LEVEL}


@pytest.mark.parametrize(
    "path", sorted((ROOT / "fuzz").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_fuzz_module_imports_only_what_its_part_may(path: Path) -> None:
    relative = path.relative_to(ROOT).as_posix()
    keys = [key for key in FUZZ_ALLOWED if relative == key or relative.startswith(key + "/")]
    assert keys, f"{relative} is in no part of fuzz/ in ARCHITECTURE.md"
    allowed = FUZZ_ALLOWED[max(keys, key=len)]
    bad = sorted(name for name in imported_names(path) if not permitted(name, allowed))
    assert not bad, f"{relative} imports {bad}; ARCHITECTURE.md allows only {allowed}"


def test_the_fuzz_runner_starts_the_emulator_with_the_launcher() -> None:
    imported = set().union(*(imported_names(p) for p in (ROOT / "fuzz" / "runner").rglob("*.py")))
    assert any(permitted(name, ["graphsync.launch"]) for name in imported), "has fuzz/runner/ moved?"
