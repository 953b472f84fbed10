"""The options of one run, as the command line gave them (checked by cli.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PHASES = ("examples", "coverage", "fuzzing", "stateful")
#: Whether the control API (/_graphsync/) is fuzzed after the Graph API: also, not, or instead.
CONTROL_MODES = ("on", "off", "only")
#: The operator key of the control API's run: set by the runner for `st` (fuzz/control.toml reads it), and
#: given by the caller of a URL run (make fuzz CONTROL_KEY=...), like the token never on a command line.
CONTROL_KEY_VARIABLE = "GRAPHSYNC_FUZZ_CONTROL_KEY"
#: The web view's cookie value for that key (graphsync.control.operator.session), set by the runner.
CONTROL_COOKIE_VARIABLE = "GRAPHSYNC_FUZZ_CONTROL_COOKIE"


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
    control: str = "off"  # in CONTROL_MODES, resolved by cli.py (its `auto` is on for the emulator)
    control_max_examples: int = 100  # examples per control API operation and phase

    @property
    def graph(self) -> bool:
        """Whether the Graph API is fuzzed."""
        return self.control != "only"

    @property
    def fuzz_control(self) -> bool:
        """Whether the control API is fuzzed."""
        return self.control != "off"
