"""The replay command a report prints for each failure, in place of schemathesis' `st replay <case id>`.

`st replay <id>` does not work as printed: `st` is not on PATH (it is .venv/bin/st), it must run from the
repository root with the run's configuration and variables, the control API's failures need
`--config-file fuzz/control.toml`, and the emulator the run fuzzed is gone. `make fuzz-replay ID=<id>`
(fuzz/runner/replay.py) does all of that.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from fuzz.runner.paths import DEFAULT_REPORTS, rel

#: schemathesis' hint, alone on its line under a failure's curl reproducer.
ST_HINT = re.compile(r"^(?P<indent>\s*)st replay (?P<id>[A-Za-z0-9_-]+)(?P<end>\s*)$")
#: A case id as schemathesis writes it.
CASE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def replay_command(case_id: str, reports: Path) -> str:
    """The command that replays `case_id` of the run whose reports are in `reports`."""
    command = f"make fuzz-replay ID={case_id}"
    if reports.resolve() != DEFAULT_REPORTS.resolve():
        command += f" REPORTS={shlex.quote(rel(reports.resolve()))}"
    return command


def rewrite_hint(line: str, reports: Path) -> str:
    """`line` with schemathesis' `st replay <id>` replaced by the replay command; other lines unchanged."""
    match = ST_HINT.match(line)
    if match is None:
        return line
    return match["indent"] + replay_command(match["id"], reports) + match["end"]


def mentions_replay(text: str, case_id: str) -> bool:
    """Whether a run's console output offers a replay of `case_id` (either hint)."""
    pattern = rf"^\s*(?:st replay |make fuzz-replay ID=){re.escape(case_id)}(?:\s|$)"
    return re.search(pattern, text, re.MULTILINE) is not None
