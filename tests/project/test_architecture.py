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
    "graphsync.seed",
]
STORAGE = ["graphsync.storage"]
DOMAIN = ["graphsync.domain"]
SERVICES = [
    "graphsync.auth",
    "graphsync.http",
    "graphsync.odata",
    "graphsync.routes",
    "graphsync.validation",
    "graphsync.throttle",
]
HANDLERS = ["graphsync.handlers"]
COMPOSITION = ["graphsync.app", "graphsync.server"]

# module (or package prefix) -> project modules it may import; prefixes match submodules too.
ALLOWED: dict[str, list[str]] = {
    "graphsync.demo": [],
    "graphsync.errors": [],
    "graphsync.files": [],
    "graphsync.settings": [],
    "graphsync.ids": [],
    "graphsync.spec": ["graphsync.errors", "graphsync.files"],
    "graphsync.seed": ["graphsync.demo", "graphsync.errors", "graphsync.files"],
    "graphsync.storage": STORAGE,
    "graphsync.domain": DOMAIN,
    **{name: [*FOUNDATION, *STORAGE, name] for name in SERVICES},
    "graphsync.handlers": [*FOUNDATION, *STORAGE, *DOMAIN, *SERVICES, *HANDLERS],
    **{name: [*FOUNDATION, *STORAGE, *DOMAIN, *SERVICES, *HANDLERS] for name in COMPOSITION},
    "graphsync.launch": [],
    "graphsync.cli": ["graphsync"],
    "graphsync.servecli": ["graphsync"],
    "graphsync.tokencli": ["graphsync"],
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


def test_the_launcher_needs_only_the_standard_library() -> None:
    """graphsync.launch starts the emulator for the fuzz runner, the benchmark and the tests without loading it."""
    tree = ast.parse((SRC / "graphsync" / "launch.py").read_text(encoding="utf-8"))
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
    if folder == "codegen":  # client-extras/ is copied into the generated client, which may use the models
        files = [f for f in files if "client-extras" not in f.parts]
    assert files, f"no Python files under {folder}: the check would pass vacuously"
    offenders = []
    for path in files:
        for name in project_imports(path, ""):
            if name.split(".")[0] in forbidden:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not offenders, "\n".join(offenders)


# fuzz/run.py mints the emulator's tokens and reads the seed's templates; it starts the emulator as a
# process (`python -m graphsync serve`), so it imports no other part of it.
FUZZ_RUNNER_ALLOWED = ["graphsync.auth", "graphsync.settings", "graphsync.seed", "fuzz.checks"]


def test_fuzz_runner_imports_only_what_it_needs_to_mint_tokens() -> None:
    imported = project_imports(ROOT / "fuzz" / "run.py", "fuzz")
    assert "graphsync.auth" in imported, "the check would pass vacuously: has fuzz/run.py moved?"
    bad = sorted(name for name in imported if not permitted(name, FUZZ_RUNNER_ALLOWED))
    assert not bad, f"fuzz/run.py imports {bad}; ARCHITECTURE.md allows only {FUZZ_RUNNER_ALLOWED}"


def test_fuzz_checks_only_speak_http() -> None:
    """The checks run against any implementation, so they cannot depend on this one."""
    for name in ("checks.py", "hooks.py"):
        imported = project_imports(ROOT / "fuzz" / name, "fuzz")
        assert not [i for i in imported if i.startswith("graphsync")], f"fuzz/{name} imports {imported}"
