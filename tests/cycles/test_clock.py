"""graphsync.clock: real and manual time, advancing, resuming after a restart, and the end of time."""

from __future__ import annotations

import datetime as dt

import pytest

from graphsync.clock import Clock
from graphsync.settings import LATEST_CLOCK_TIME as LATEST

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


class Wall:
    """A wall clock a test moves."""

    def __init__(self) -> None:
        self.seconds = 1_000.0

    def __call__(self) -> float:
        return self.seconds


def test_a_manual_clock_stands_still_until_advanced() -> None:
    wall = Wall()
    clock = Clock("manual", speed=50, start=START, wall=wall)
    wall.seconds += 3600
    assert clock.now() == START and clock.speed == 0.0
    assert clock.advance(dt.timedelta(minutes=40)) == START + dt.timedelta(minutes=40)
    with pytest.raises(ValueError, match="never moves back"):
        clock.advance(dt.timedelta(seconds=-1))


def test_a_real_clock_follows_the_wall_times_its_speed_and_can_be_advanced() -> None:
    wall = Wall()
    clock = Clock("real", speed=3600, start=START, wall=wall)
    wall.seconds += 2
    assert clock.now() == START + dt.timedelta(hours=2)
    clock.advance(dt.timedelta(days=1))
    wall.seconds += 1
    assert clock.now() == START + dt.timedelta(days=1, hours=3)


def test_resuming_moves_only_forward() -> None:
    clock = Clock("manual", start=START)
    clock.resume(START - dt.timedelta(days=3))
    assert clock.now() == START
    clock.resume(START + dt.timedelta(days=3))
    assert clock.now() == START + dt.timedelta(days=3)


def test_the_clock_stops_at_its_latest_time_instead_of_overflowing() -> None:
    """A real clock at the highest speed, left running for centuries of wall time, and a manual one
    advanced to the end: every time either gives is one a timestamp can hold."""
    wall = Wall()
    clock = Clock("real", speed=1_000_000, start=LATEST - dt.timedelta(days=1), wall=wall)
    wall.seconds += 1e12
    assert clock.now() == LATEST
    manual = Clock("manual", start=LATEST - dt.timedelta(days=1))
    with pytest.raises(ValueError, match="no further than 9000-01-01"):
        manual.advance(dt.timedelta(days=2))
    assert manual.advance(dt.timedelta(days=1)) == LATEST
    with pytest.raises(ValueError, match="starts at 9000-01-01 at the latest"):
        Clock("manual", start=LATEST + dt.timedelta(seconds=1))


def test_an_unknown_clock_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown clock 'fast'"):
        Clock("fast")
