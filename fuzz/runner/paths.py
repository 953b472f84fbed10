"""Where the runner finds the contract and writes its reports."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
#: The emulator's control API (/_graphsync/): its document and the schemathesis configuration of its run.
CONTROL_SPEC = ROOT / "src" / "graphsync" / "control" / "openapi.yaml"
CONTROL_CONFIG = ROOT / "fuzz" / "control.toml"
DEFAULT_REPORTS = ROOT / "reports" / "fuzz"


def rel(path: Path) -> str:
    """`path` relative to the repository root when it is inside it, for messages."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


#: The variable naming the `[cache] directory` of schemathesis.toml and fuzz/control.toml: where `st run`
#: writes the crash files `st replay` reads (under `crashes/`).
CACHE_VARIABLE = "GRAPHSYNC_FUZZ_CACHE"


def cache_dir(reports: Path, run: str) -> Path:
    """The schemathesis cache of a run's `run` ('graph' or 'control') document: inside its report folder, so
    that runs into other folders (parallel ones included) never remove each other's crash files, and one
    folder per document, so that each manifest (document, base URL) stays its own."""
    return reports.resolve() / "cache" / run


def crashes_dir(reports: Path, run: str) -> Path:
    """Where `st run` leaves the crash files of `run`'s failures."""
    return cache_dir(reports, run) / "crashes"
