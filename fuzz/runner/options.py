"""The options of one run, as the command line gave them (checked by cli.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PHASES = ("examples", "coverage", "fuzzing", "stateful")


@dataclass(frozen=True)
class Options:
    """fuzz/run.py's options; empty strings and None stand for "not given"."""

    url: str
    sp_id: str
    app_id: str
    sp_templates: str
    app_templates: str
    identities: str
    seed_file: str
    max_examples: int
    phases: str  # comma-separated, in PHASES
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    rate_limit: str
    workers: int | None
    seed: int | None
    max_time: int | None
    probe_share: float
    tls_verify: bool
    reports: Path
    st_options: tuple[str, ...]  # FUZZ_ARGS, split like a shell line
    st_args: tuple[str, ...]  # after --
