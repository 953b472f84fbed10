"""The emulator's clock: when provisioning cycles are due and what time they record.

`real` follows the wall clock (times `speed`, from where it started); `manual` stands still until
the control API advances it. Either can be advanced, never moved back. The time a manual clock
reached is kept in the job store, so a restarted emulator resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from graphsync.settings import LATEST_CLOCK_TIME as LATEST

CLOCKS = ("real", "manual")
UTC = dt.UTC


class Clock:
    """The emulator's time (see the module docstring); `wall` is for tests."""

    def __init__(
        self,
        mode: str = "real",
        *,
        speed: float = 1.0,
        start: dt.datetime | None = None,
        wall: Callable[[], float] = time.time,
    ) -> None:
        if mode not in CLOCKS:
            raise ValueError(f"unknown clock {mode!r}: use one of {', '.join(CLOCKS)}")
        self.mode = mode
        self.speed = speed if mode == "real" else 0.0
        self._wall = wall
        self._wall_origin = wall()
        self._origin = (start or dt.datetime.fromtimestamp(self._wall_origin, UTC)).astimezone(UTC)
        if self._origin > LATEST:
            raise ValueError(f"the clock starts at {LATEST:%Y-%m-%d} at the latest")

    def now(self) -> dt.datetime:
        """The current time of the emulator (a real clock stops at `LATEST`)."""
        if self.mode == "manual":
            return self._origin
        elapsed = (self._wall() - self._wall_origin) * self.speed
        return self._origin + dt.timedelta(seconds=min(elapsed, (LATEST - self._origin).total_seconds()))

    def advance(self, by: dt.timedelta) -> dt.datetime:
        """Move the clock forward by `by` (not negative, not past `LATEST`); the new time."""
        if by < dt.timedelta(0):
            raise ValueError("the clock never moves back")
        if by > LATEST - self.now():
            raise ValueError(f"the clock goes no further than {LATEST:%Y-%m-%d}")
        self._origin += by
        return self.now()

    def resume(self, at: dt.datetime) -> None:
        """Continue from a time the clock reached before (a restart); a time behind it changes nothing."""
        behind = at - self.now()
        if behind > dt.timedelta(0):
            self._origin += behind
