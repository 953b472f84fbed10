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


#: Where `st` keeps the crash files `st replay` reads, relative to the repository root (the `[cache] directory`
#: of schemathesis.toml and of fuzz/control.toml, plus schemathesis' `crashes`): one folder per document, so
#: that each run's manifest (document, base URL) stays its own.
GRAPH_CRASHES = ROOT / ".schemathesis" / "graph" / "cache" / "crashes"
CONTROL_CRASHES = ROOT / ".schemathesis" / "control" / "cache" / "crashes"
