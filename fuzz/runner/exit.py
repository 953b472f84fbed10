"""How a run and a replay end: their exit statuses, the last line that names them, and SIGTERM as Ctrl-C.

fuzz/run.py exits 0 when the run passed, 1 when it failed (a conformance failure, a warning, nothing run, or
a target that could not be fuzzed), 2 for a usage error and 130 when interrupted, and says so on its last
line (standard error), e.g. `make fuzz: exit status 1 (conformance failure)`. `make fuzz` cannot pass 1
on: GNU make exits 2 whenever a recipe fails, and prints the recipe's status after that line
(`make: *** [mk/fuzz.mk:NN: fuzz] Error 1`); docs/fuzzing.md, "Exit status".
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

PASSED, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130


def finish(program: str, status: int, meaning: str) -> int:
    """Print the last line, `<program>: exit status <status> (<meaning>)`, to standard error; return `status`."""
    sys.stdout.flush()
    print(f"{program}: exit status {status} ({meaning})", file=sys.stderr, flush=True)
    return status


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM (e.g. a CI timeout) like Ctrl-C, so that the `finally` blocks stop the server."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = (
        signal.signal(signal.SIGTERM, handler)
        if threading.current_thread() is threading.main_thread()
        else None
    )
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
