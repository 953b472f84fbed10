"""What `GraphSync` and `AsyncGraphSync` (graphsync_client.facade) stand on: errors, credentials, the
HTTP session (retries, strict checks, paging).

Failures are raised, never returned: every answer outside 2xx is a `GraphError` (a subclass per
status a caller handles differently: `NotFound`, `Forbidden`, `TooManyRequests`, ...), holding
Graph's error code and message, the request ids and the response.

A credential is a token string, or any object with azure-identity's `get_token(*scopes)` (sync or
async; `azure.identity.DefaultAzureCredential`, `ClientSecretCredential`, ...): it is asked for
`https://graph.microsoft.com/.default` and asked again five minutes before the token expires.
"""

from __future__ import annotations

import inspect
import threading
import time
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Generator, Iterator, Mapping
from typing import Any, Protocol, TypeVar
from urllib.parse import quote, urlsplit

import httpx
import pydantic

from . import contract
from .retry import RetryingTransport

__all__ = [
    "GRAPH_SCOPE",
    "AccessTokenInfo",
    "AsyncSession",
    "AsyncTokenCredential",
    "BadRequest",
    "Conflict",
    "Forbidden",
    "GraphError",
    "NotFound",
    "ServerError",
    "ServiceUnavailable",
    "Session",
    "TokenCredential",
    "TooManyRequests",
    "Unauthorized",
    "UnsafeLinkError",
]

GRAPH_SCOPE = "https://graph.microsoft.com/.default"
DEFAULT_BASE_URL = "https://graph.microsoft.com/v1.0"
REFRESH_BEFORE_S = 300.0
Model = TypeVar("Model", bound=pydantic.BaseModel)
Item = TypeVar("Item")


# --- errors ---------------------------------------------------------------------------------


class GraphError(Exception):
    """An answer outside 2xx, with Graph's error envelope read (`code` and `message` are empty when the
    body is not one)."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.status = response.status_code
        error = _envelope(response)
        self.code = str(error.get("code") or "")
        self.message = str(error.get("message") or "")
        inner = error.get("innerError") or error.get("innererror")
        self.inner_error: dict[str, Any] = inner if isinstance(inner, dict) else {}
        self.request_id = response.headers.get("request-id") or _text(self.inner_error.get("request-id"))
        self.client_request_id = response.headers.get("client-request-id") or _text(
            self.inner_error.get("client-request-id")
        )
        self.retry_after = response.headers.get("Retry-After")
        super().__init__(f"{self.status} {self.code or response.reason_phrase}: {self.message}".rstrip(": "))


class BadRequest(GraphError):
    """400: the request is invalid (Graph's `code` says how)."""


class Unauthorized(GraphError):
    """401: no valid token (Graph answers some permission errors with 401 too)."""


class Forbidden(GraphError):
    """403: the caller lacks a permission or an owner relationship."""


class NotFound(GraphError):
    """404: no such object in the caller's tenant."""


class Conflict(GraphError):
    """409: the object's state does not allow the operation."""


class TooManyRequests(GraphError):
    """429: throttled, after the retries (if any) ran out; `retry_after` is Graph's `Retry-After`."""


class ServiceUnavailable(GraphError):
    """503: unavailable, after the retries (if any) ran out."""


class ServerError(GraphError):
    """Any other 5xx."""


_BY_STATUS: dict[int, type[GraphError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    429: TooManyRequests,
    503: ServiceUnavailable,
}


def error_for(response: httpx.Response) -> GraphError:
    """The `GraphError` subclass for the response's status."""
    kind = _BY_STATUS.get(response.status_code) or (ServerError if response.status_code >= 500 else GraphError)
    return kind(response)


class UnsafeLinkError(ValueError):
    """An `@odata.nextLink` to another origin than the client's: it is not followed (it would get the token)."""


def _envelope(response: httpx.Response) -> Mapping[str, Any]:
    try:
        body = response.json()
    except ValueError:  # not JSON (a proxy's page, an empty body)
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


# --- credentials ----------------------------------------------------------------------------


class AccessTokenInfo(Protocol):
    """What azure-identity's `get_token` returns (`azure.core.credentials.AccessToken`)."""

    @property
    def token(self) -> str: ...

    @property
    def expires_on(self) -> int: ...


class TokenCredential(Protocol):
    """azure-identity's synchronous credentials (`azure.core.credentials.TokenCredential`)."""

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessTokenInfo: ...


class AsyncTokenCredential(Protocol):
    """azure-identity's asynchronous credentials (`azure.core.credentials_async.AsyncTokenCredential`)."""

    def get_token(self, *scopes: str, **kwargs: Any) -> Awaitable[AccessTokenInfo]: ...


Credential = str | TokenCredential | AsyncTokenCredential


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer ...` from a token string or a credential, the token kept until five minutes
    before it expires."""

    def __init__(self, credential: Credential, scopes: tuple[str, ...]) -> None:
        self._source: TokenCredential | AsyncTokenCredential | None = None
        if isinstance(credential, str):
            if not credential.strip():
                raise ValueError("the token is empty")
            self._token: str | None = credential
            self._expires_on = float("inf")
        elif callable(getattr(credential, "get_token", None)):
            self._source, self._token, self._expires_on = credential, None, 0.0
        else:
            raise TypeError("credential must be a token string or an object with get_token(*scopes)")
        self._scopes = scopes
        self._lock = threading.Lock()

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        with self._lock:
            if self._source is not None and self._stale():
                token = self._source.get_token(*self._scopes)
                if inspect.isawaitable(token):
                    if inspect.iscoroutine(token):
                        token.close()
                    raise TypeError("an async credential needs AsyncGraphSync")
                self._keep(token)
        yield self._authorized(request)

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self._source is not None and self._stale():
            token = self._source.get_token(*self._scopes)
            self._keep(await token if inspect.isawaitable(token) else token)
        yield self._authorized(request)

    def _stale(self) -> bool:
        return self._token is None or time.time() >= self._expires_on - REFRESH_BEFORE_S

    def _keep(self, token: AccessTokenInfo) -> None:
        self._token, self._expires_on = token.token, float(token.expires_on)

    def _authorized(self, request: httpx.Request) -> httpx.Request:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request


# --- sessions -------------------------------------------------------------------------------


def segment(value: str) -> str:
    """A path parameter as one URL path segment."""
    return quote(str(value), safe="")


def query(params: Mapping[str, Any]) -> dict[str, str]:
    """Query options as Graph reads them: unset ones left out, lists comma-separated, booleans lower case."""
    found = {}
    for name, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            found[name] = "true" if value else "false"
        elif isinstance(value, (list, tuple)):
            found[name] = ",".join(str(item) for item in value)
        else:
            found[name] = str(value)
    return found


def _options(
    base_url: str,
    credential: Credential,
    *,
    strict: bool,
    retries: int,
    retry_posts_when_unavailable: bool,
    timeout: float,
    scopes: tuple[str, ...],
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None,
    hooks: Mapping[str, list[Any]],
) -> dict[str, Any]:
    options: dict[str, Any] = {
        "base_url": base_url.rstrip("/"),
        "auth": BearerAuth(credential, scopes),
        "timeout": timeout,
        "headers": {"Accept": "application/json"},
    }
    if retries > 0:
        options["transport"] = RetryingTransport(
            transport, attempts=retries, retry_posts_when_unavailable=retry_posts_when_unavailable
        )
    elif transport is not None:
        options["transport"] = transport
    if strict:
        options["event_hooks"] = hooks
    return options


def _body(body: pydantic.BaseModel | None) -> bytes | None:
    return None if body is None else body.model_dump_json(by_alias=True).encode()


def _headers(media_type: str | None) -> dict[str, str]:
    headers = {"client-request-id": str(uuid.uuid4())}
    if media_type:
        headers["Content-Type"] = media_type
    return headers


class _Base:
    base_url: str

    def _checked(self, response: httpx.Response) -> httpx.Response:
        if response.status_code >= 400 or response.status_code < 200:
            raise error_for(response)
        return response

    def _next(self, link: Any) -> str | None:
        if not isinstance(link, str) or not link:
            return None
        here, there = urlsplit(self.base_url), urlsplit(link)
        if (there.scheme, there.netloc) != (here.scheme, here.netloc):
            raise UnsafeLinkError(f"@odata.nextLink leads to another origin ({there.scheme}://{there.netloc})")
        return link


class Session(_Base):
    """One `httpx.Client` with the credential, retries and (strict) the contract's checks."""

    def __init__(self, base_url: str, credential: Credential, **settings: Any) -> None:
        options = _options(base_url, credential, hooks=contract.event_hooks(), **settings)
        self.base_url = options["base_url"]
        self.http = httpx.Client(**options)

    def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: pydantic.BaseModel | None = None,
        media_type: str | None = None,
    ) -> httpx.Response:
        response = self.http.request(
            method,
            self.base_url + path,
            params=query(params or {}),
            content=_body(body),
            headers=_headers(media_type if body is not None else None),
        )
        return self._checked(response)

    def read(self, response: httpx.Response, model: type[Model]) -> Model:
        return model.model_validate_json(response.content)

    def pages(
        self, path: str, params: Mapping[str, Any] | None = None, *, page: type[Any], item: type[Item]
    ) -> Iterator[Item]:
        """The items (`item`) of every page (`page`), following `@odata.nextLink` (whose own query replaces
        `params`)."""
        response = self.send("GET", path, params=params)
        while True:
            current = self.read(response, page)
            yield from current.value
            link = self._next(getattr(current, "field_odata_next_link", None))
            if link is None:
                return
            response = self._checked(self.http.get(link, headers=_headers(None)))

    def close(self) -> None:
        self.http.close()


class AsyncSession(_Base):
    """`Session`, on an `httpx.AsyncClient`."""

    def __init__(self, base_url: str, credential: Credential, **settings: Any) -> None:
        options = _options(base_url, credential, hooks=contract.async_event_hooks(), **settings)
        self.base_url = options["base_url"]
        self.http = httpx.AsyncClient(**options)

    async def send(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: pydantic.BaseModel | None = None,
        media_type: str | None = None,
    ) -> httpx.Response:
        response = await self.http.request(
            method,
            self.base_url + path,
            params=query(params or {}),
            content=_body(body),
            headers=_headers(media_type if body is not None else None),
        )
        return self._checked(response)

    def read(self, response: httpx.Response, model: type[Model]) -> Model:
        return model.model_validate_json(response.content)

    async def pages(
        self, path: str, params: Mapping[str, Any] | None = None, *, page: type[Any], item: type[Item]
    ) -> AsyncIterator[Item]:
        response = await self.send("GET", path, params=params)
        while True:
            current = self.read(response, page)
            for each in current.value:
                yield each
            link = self._next(getattr(current, "field_odata_next_link", None))
            if link is None:
                return
            response = self._checked(await self.http.get(link, headers=_headers(None)))

    async def aclose(self) -> None:
        await self.http.aclose()
