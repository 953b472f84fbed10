"""Retries of throttled (429) and unavailable (503, 504) requests, on httpx-retries.

    from graphsync_client import AuthenticatedClient
    from graphsync_client.retry import RetryingTransport

    client = AuthenticatedClient(base_url, token=token, httpx_args={"transport": RetryingTransport()})

Graph's `x-ms-retry-after-ms` (milliseconds, sent by some of its services) or else `Retry-After` is
waited (bounded by `max_wait_s`), else an exponential back-off. A 429 means the
service refused the request unprocessed, so every method is retried on it; a 503 or 504 may come after
the work was done, so a POST (a create or an action) is retried on them only with
`retry_posts_when_unavailable=True`.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx
from httpx_retries import Retry, RetryTransport

ALL_METHODS = ("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE", "POST")


class GraphRetry(Retry):
    """httpx-retries' policy, reading Graph's `x-ms-retry-after-ms` before `Retry-After`."""

    def _calculate_sleep(self, headers: httpx.Headers | Mapping[str, str]) -> float:
        raw = headers.get("x-ms-retry-after-ms", "").strip()
        if self.respect_retry_after_header and raw.isdigit():
            wait = min(int(raw) / 1000.0, self.max_backoff_wait)
            if self.total_timeout is not None:
                wait = min(wait, max(0.0, self.total_timeout - self.elapsed_sleep))
            return wait
        return super()._calculate_sleep(headers)


class RetryingTransport(RetryTransport):
    """An httpx transport (sync and async) that retries as the module docstring says."""

    def __init__(
        self,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        *,
        attempts: int = 3,
        max_wait_s: float = 60.0,
        retry_posts_when_unavailable: bool = False,
    ) -> None:
        retry = GraphRetry(
            total=attempts,
            allowed_methods=ALL_METHODS,
            status_forcelist=(429, 503, 504),
            backoff_factor=0.5,
            respect_retry_after_header=True,
            max_backoff_wait=max_wait_s,
            total_timeout=max_wait_s,
        )
        self._posts = retry if retry_posts_when_unavailable else retry.copy_with(status_forcelist=(429,))
        super().__init__(transport, retry=retry)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._choose(request)
        return super().handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._choose(request)
        return await super().handle_async_request(request)

    def _choose(self, request: httpx.Request) -> None:
        if request.method == "POST":
            request.extensions.setdefault("retry", self._posts)
