"""run.json in the report folder: the options of the run whose reports these are, for `make fuzz-replay`.

It holds no token and no operator key (they reach the runner through the environment only, for a replay
too); paths (IDENTITIES, the seed file) are stored absolute, so that a replay finds them from anywhere.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from fuzz.runner.errors import UsageError
from fuzz.runner.options import Options
from fuzz.runner.paths import rel

RECORD = "run.json"
_TUPLES = ("include", "exclude", "st_options", "st_args")


def write_record(reports: Path, options: Options) -> None:
    """Write the run's options to `reports`/run.json."""
    data = dataclasses.asdict(options)
    data["reports"] = str(options.reports.resolve())
    for name in ("identities", "seed_file"):
        if data[name]:
            data[name] = str(Path(data[name]).resolve())
    (reports / RECORD).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def read_record(reports: Path) -> Options:
    """The options of the run recorded in `reports`; UsageError when there is none or it cannot be read."""
    path = reports / RECORD
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"{rel(path)} does not exist: there is no run to replay in {rel(reports)} (make fuzz writes it)"
        ) from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{rel(path)} cannot be read: {exc}") from None
    names = {field.name for field in dataclasses.fields(Options)}
    if not isinstance(data, dict) or not {"url", "reports"} <= data.keys():
        raise UsageError(f"{rel(path)} is not a run record of fuzz/run.py")
    values = {name: value for name, value in data.items() if name in names}
    values.update({name: tuple(values.get(name) or ()) for name in _TUPLES})
    values["reports"] = Path(values["reports"])
    try:
        return Options(**values)
    except TypeError as exc:
        raise UsageError(f"{rel(path)} is not a run record of fuzz/run.py: {exc}") from None
