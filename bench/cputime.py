"""This process's CPU time per call: the measure of the client section's drivers (bench/client_calls.py in
.venv, bench/sdk_calls.py in .venv-sdk; standard library only, so that both interpreters import it)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable


def cpu_us(call: Callable[[], object], calls: int, warmup: int) -> float:
    """This process's CPU microseconds per call of `call`, after `warmup` untimed calls."""
    for _ in range(warmup):
        call()
    started = time.process_time()
    for _ in range(calls):
        call()
    return (time.process_time() - started) / calls * 1e6


async def cpu_us_async(call: Callable[[], Awaitable[object]], calls: int, warmup: int) -> float:
    """`cpu_us` of a coroutine function."""
    for _ in range(warmup):
        await call()
    started = time.process_time()
    for _ in range(calls):
        await call()
    return (time.process_time() - started) / calls * 1e6
