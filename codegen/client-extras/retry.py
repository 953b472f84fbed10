"""Retries of throttled (429) and unavailable (503, 504) requests, on httpx-retries.

    from graphsync_client import AuthenticatedClient
    from graphsync_client.retry import RetryingTransport

    client = AuthenticatedClient(base_url, token=token, httpx_args={"transport": RetryingTransport()})

`Retry-After` is waited (bounded by `max_wait_s`), else an exponential back-off. A 429 means the
service refused the request unprocessed, so every method is retried on it; a 503 or 504 may come after
the work was done, so a POST (a create or an action) is retried on them only with
`retry_posts_when_unavailable=True`.
"""

from __future__ import annotations

import httpx
from httpx_retries import Retry, RetryTransport

ALL_METHODS = ("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE", "POST")


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
        retry = Retry(
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
