"""Optional throttling (Settings.rate_limit_per_s): a token bucket per calling app in each tenant, as Graph throttles.

A refused request gets 429 `TooManyRequests` with `Retry-After` (whole seconds). Off when the rate is 0.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from graphsync.errors import GraphError

MAX_BUCKETS = 10_000


class Throttle:
    """Token buckets of `rate` requests per second, holding at most one second's worth (at least 1)."""

    def __init__(self, rate_per_s: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._rate = rate_per_s
        self._burst = max(1.0, rate_per_s)
        self._clock = clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}  # key -> (tokens, time)

    @property
    def enabled(self) -> bool:
        return self._rate > 0

    def check(self, tenant_id: str, app_id: str) -> None:
        """Take one token for (tenant, app), or raise GraphError 429."""
        now = self._clock()
        key = (tenant_id, app_id)
        tokens, then = self._buckets.get(key, (self._burst, now))
        tokens = min(self._burst, tokens + (now - then) * self._rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            retry_after = max(1, math.ceil((1.0 - tokens) / self._rate))
            raise GraphError(
                429,
                "TooManyRequests",
                "Too many requests. Retry after the time in the Retry-After header.",
                {"Retry-After": str(retry_after)},
            )
        if key not in self._buckets and len(self._buckets) >= MAX_BUCKETS:
            self._buckets.clear()  # full buckets again for everyone: errs on the side of letting requests through
        self._buckets[key] = (tokens - 1.0, now)


class RateWindow:
    """At most `limit` requests per `period_s` seconds for each key (a sliding window), as Graph limits
    provisionOnDemand (5 per 10 s) and bulkUpload (40 per 5 s) per job; refused requests do not count."""

    def __init__(self, limit: int, period_s: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._period = period_s
        self._clock = clock
        self._times: dict[object, deque[float]] = {}

    def check(self, key: object) -> None:
        """Count one request for `key`, or raise GraphError 429 with `Retry-After` (whole seconds)."""
        now = self._clock()
        times = self._times.get(key)
        if times is None:
            if len(self._times) >= MAX_BUCKETS:
                self._times.clear()  # errs on the side of letting requests through, as Throttle does
            times = self._times[key] = deque()
        while times and now - times[0] >= self._period:
            times.popleft()
        if len(times) >= self._limit:
            retry_after = max(1, math.ceil(self._period - (now - times[0])))
            raise GraphError(
                429,
                "TooManyRequests",
                "Too many requests. Retry after the time in the Retry-After header.",
                {"Retry-After": str(retry_after)},
            )
        times.append(now)
