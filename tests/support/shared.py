"""What the shared-emulator tests (tests/shared) have in common: the type of their `start_pair` fixture."""

from __future__ import annotations

from collections.abc import Callable

from graphsync.launch import EmulatorProcess

CLOCK_START = "2026-01-05T09:00:00Z"  # where both processes' manual clocks start

# start_pair(url, **settings): emulators A and B on the database `url`
StartPair = Callable[..., tuple[EmulatorProcess, EmulatorProcess]]
