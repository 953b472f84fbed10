"""How many extra requests the checks sent, written when `st` exits for the runner's report."""

from __future__ import annotations

import json
import os
import threading

from fuzz.checks.config import ENV_STATS

# Module-level on purpose: schemathesis keeps registered checks in a process-wide registry and calls a
# check function with (ctx, response, case) only; CheckContext has __slots__, no room for run state.
# `st run` is one process per run, so these counters are the run's (hooks.py writes them at exit).
_stats_lock = threading.Lock()
STATS: dict[str, int] = {"identity_probes": 0, "pages_followed": 0}


def count(name: str, amount: int = 1) -> None:
    """Add to one of the counters."""
    with _stats_lock:
        STATS[name] = STATS.get(name, 0) + amount


def write_stats() -> None:
    """Write STATS as JSON to $GRAPHSYNC_FUZZ_STATS (the runner reads it for its report)."""
    path = os.environ.get(ENV_STATS)
    if path:
        with _stats_lock, open(path, "w", encoding="utf-8") as file:
            json.dump(STATS, file)
