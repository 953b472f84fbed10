"""The emulator as a raw ASGI application: `create_app(settings)`.

Request pipeline (docs/emulator.md, "Request pipeline"): one valid Host (400) -> route (400/405) ->
authenticate (401, also for a tenant the seed does not hold) -> throttle (429, when enabled) ->
personal accounts (403) -> resolve the owner in the caller's tenant (404) -> authorize (401
`UnknownError`, or 403 with `permission_errors=documented`) ->
query options (400) -> body: declared size (413), content type (415), streamed read (413/408),
JSON (400), schema (400) -> the operation's handler (handlers.OPERATIONS). Every response carries
`request-id`, `client-request-id` (the client's, else the `request-id`) and the headers Graph's
gateway adds (`GATEWAY_HEADERS`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from typing import Any
from urllib.parse import quote

from graphsync.auth import PERSONAL_ACCOUNTS_TENANT, Authenticator, KeySet, Principal, authorize
from graphsync.binding import Route, bind_directory, owner_kind, validators
from graphsync.clock import Clock
from graphsync.control import operator
from graphsync.control.api import ControlPlane
from graphsync.control.faults import Faults
from graphsync.control.journal import Journal
from graphsync.control.lag import Lag
from graphsync.domain.cycles import parse_timestamp
from graphsync.errors import GraphError, envelope, resource_not_found
from graphsync.handlers import (
    Call,
    Reply,
    check,
    template_problems,
)
from graphsync.http import (
    GATEWAY_HEADERS,
    ClientDisconnected,
    Receive,
    RequestHeaders,
    Scope,
    Send,
    check_json_content_type,
    json_bytes,
    parse_json,
    read_body,
    send_response,
    too_large,
)
from graphsync.ids import RandomIds
from graphsync.odata import SkipTokens
from graphsync.routes import Router, Unrouted
from graphsync.runtime import RunTime
from graphsync.seed import Directory, DirectoryObject, SeedError, read_seed
from graphsync.settings import Settings
from graphsync.spec import Spec
from graphsync.storage import JobStore, OwnerKey, StorageError, open_store
from graphsync.throttle import Throttle
from graphsync.validation import BodyValidator

log = logging.getLogger("graphsync.server")

CLOSED_APP = "this app was shut down and its job store closed; build a new one with create_app(settings)"
JOB_PARAM = "synchronizationJob-id"
OFFLOAD_ABOVE = 64 * 1024  # larger bodies are parsed and validated off the event loop
JSON_WHITESPACE = b" \t\r\n"  # RFC 8259 insignificant whitespace; bytes.strip() also strips \x0b and \x0c
CLOSE_UNREAD_ABOVE = 64 * 1024  # unread request bodies larger than this (or unsized) close the connection
_HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?"
)


class GraphSyncApp(RunTime):
    """One emulator instance: spec, directory, authenticator and job store, served over ASGI."""

    def __init__(
        self,
        settings: Settings,
        *,
        store: JobStore | None = None,
        directory: Directory | None = None,
        authenticator: Authenticator | None = None,
        keys: KeySet | None = None,
        operator_key: str | None = None,
    ) -> None:
        """Overrides replace what `settings` would build (tests share a store, seed or loaded key set)."""
        self.settings = settings
        self.max_body_bytes = settings.max_body_bytes
        self.body_timeout_s = settings.body_timeout_s
        self.spec = Spec.load(settings.spec)
        self.router = Router(self.spec)
        if directory is None:
            self.seed, directory = read_seed(settings.seed)
        else:
            self.seed = None
        self.start_seed = self.seed
        self.directory = directory
        self._check_templates(directory)
        self.authenticator = (
            authenticator
            if authenticator is not None
            else Authenticator(settings, tenants={*directory.tenants, PERSONAL_ACCOUNTS_TENANT}, keys=keys)
        )
        self.ids = RandomIds()
        self.throttle = Throttle(settings.rate_limit_per_s)
        start = parse_timestamp(settings.clock_start) if settings.clock_start else None
        self.clock = Clock(settings.clock, speed=settings.clock_speed, start=start)
        self.faults = Faults()
        self.lag = Lag()
        self.journal = Journal()
        self.skiptokens = SkipTokens()  # one key for every binding; the database's once prepared
        # Everything that can fail on the spec is checked before the database is opened.
        self._validators = {op.operation_id: validators(self.spec, op) for op in self.spec.operations}
        self.operation_ids = frozenset(op.operation_id for op in self.spec.operations)
        check(list(self.operation_ids))
        for operation in self.spec.operations:
            owner_kind(operation)
        key = (
            operator_key if operator_key is not None else operator.load_or_create(settings.operator_key_file)
        )
        self.control = ControlPlane(self, key)
        self.store = store if store is not None else open_store(settings.db)
        self._bind(directory)
        self._base_urls: dict[tuple[str, str, str], str] = {}
        self._closed = False
        self._ready = False
        self._ready_lock = asyncio.Lock()
        self._ticker: asyncio.Task[None] | None = None

    def _check_templates(self, directory: Directory) -> None:
        problems = template_problems(self.spec, directory)
        if problems:
            raise SeedError("the seed's templates do not make valid jobs and schemas: " + "; ".join(problems))

    def _bind(self, directory: Directory) -> None:
        """Build the handlers over `directory` and route every operation to them (again when it changes)."""
        self.directory = directory
        bound = bind_directory(
            self.spec,
            self.store,
            directory,
            max_page_size=self.settings.max_page_size,
            ids=self.ids,
            clock=self.clock,
            lag=self.lag,
            validators=self._validators,
            cycle_fault=self._cycle_fault,
            skiptokens=self.skiptokens,
        )
        self.runner, self.handlers, self._routes = bound.runner, bound.jobs, bound.routes

    async def aclose(self) -> None:
        """Stop the clock's ticker, finish queued writes and close the store (idempotent)."""
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
        if not self._closed:
            self._closed = True
            await self.store.close()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if self._closed:  # the store is gone; serving would answer 503 to every request
                    await send({"type": "lifespan.startup.failed", "message": CLOSED_APP})
                    return
                if self.clock.mode == "real":
                    self._ticker = asyncio.get_running_loop().create_task(self._tick())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = self.ids.uuid4()
        headers = RequestHeaders(scope["headers"])
        state = _State()
        started = time.perf_counter()
        control = self.control.serves(scope["path"])
        try:
            if not self._ready:
                await self._prepare()
            if control:
                reply = await self.control.handle(scope, receive, headers)
            else:
                reply = await self._handle(scope, receive, headers, state)
        except GraphError as exc:
            reply = self._error(exc, request_id, headers)
        except ClientDisconnected:
            return
        except StorageError as exc:
            log.error("request %s: storage failure: %s", request_id, exc)
            reply = self._error(
                GraphError(
                    503,
                    "serviceNotAvailable",
                    "The service is temporarily unavailable; retry later.",
                    {"Retry-After": "1"},
                ),
                request_id,
                headers,
            )
        except Exception:
            log.exception("request %s: unhandled error", request_id)
            reply = self._error(GraphError(500, "UnknownError", ""), request_id, headers)
        if reply.status >= 400 and headers.has_body and not state.body_read:
            unsized_or_large = headers.content_length is None or headers.content_length > CLOSE_UNREAD_ABOVE
            if unsized_or_large and (b"connection", b"close") not in reply.headers:
                reply.headers.append((b"connection", b"close"))
        client_request_id = headers.client_request_id or request_id
        reply.headers += [
            (b"request-id", request_id.encode()),
            (b"client-request-id", client_request_id.encode()),
            *GATEWAY_HEADERS,
        ]
        await send_response(send, reply.status, reply.headers, reply.body)
        if not control:
            self.journal.record(
                scope["method"],
                scope["path"],
                scope.get("query_string", b""),
                reply.status,
                state.operation,
                state.tenant,
                state.app_id,
                request_id,
                client_request_id,
                started,
                state.body,
                reply.body,
            )

    def _error(self, exc: GraphError, request_id: str, headers: RequestHeaders) -> Reply:
        body = json_bytes(envelope(exc.code, exc.message, request_id, headers.client_request_id))
        extra = [
            (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in exc.headers.items()
        ]
        return Reply(exc.status, body, [(b"content-type", b"application/json"), *extra])

    async def _handle(self, scope: Scope, receive: Receive, headers: RequestHeaders, state: _State) -> Reply:
        headers.check_host(scope.get("http_version", "1.1"))
        raw_path = scope.get("raw_path") or quote(scope["path"]).encode("ascii")
        try:
            match = self.router.match(scope["method"], raw_path)
        except Unrouted:  # Graph's gateway authenticates before its service answers 404
            self.authenticator.authenticate(headers.authorization)
            raise
        if match is None:
            return Reply(200, self.spec.raw, [(b"content-type", b"application/yaml")])
        route = self._routes[match.operation.operation_id]
        state.operation = match.operation.operation_id
        principal = self.authenticator.authenticate(headers.authorization)
        state.tenant, state.app_id = principal.tenant_id, principal.app_id
        if self.throttle.enabled:
            self.throttle.check(principal.tenant_id, principal.app_id)
        if self.faults:
            await self._inject(state.operation, principal.tenant_id, match.params.get(JOB_PARAM))
        if principal.tenant_id == PERSONAL_ACCOUNTS_TENANT:
            # A personal account owns nothing in any tenant: refused (403) before any object is looked up.
            authorize(
                principal,
                route.operation.permissions,
                owner_ids=(),
                caller_object_id=None,
                errors="documented",
            )
        owner_id = match.params[route.owner_param]
        directory_object = self.directory.owner(principal.tenant_id, route.owner_kind, owner_id)
        if directory_object is None:
            raise resource_not_found(owner_id)
        self._authorize(principal, route, directory_object)
        query = route.query.parse(scope.get("query_string", b""))
        body = None
        limit = self.settings.max_body_bytes
        if route.body is not None:
            body = await self._body(route, receive, headers, state)
        elif headers.content_length is not None and headers.content_length > limit:
            raise too_large(limit)
        call = Call(
            owner=OwnerKey(principal.tenant_id, route.owner_kind, directory_object.id),
            directory_object=directory_object,
            base_url=self._base_url(scope, headers, match.version),
            job_id=match.params.get(JOB_PARAM),
            body=body,
            query=query,
            path=match.params,
        )
        return await route.handler(call)

    def _authorize(self, principal: Principal, route: Route, owner: DirectoryObject) -> None:
        """The operation's permissions from the spec, applied to the caller and the owning object."""
        authorize(
            principal,
            route.operation.permissions,
            owner_ids=owner.owners,
            caller_object_id=self.directory.caller_object_id(principal.tenant_id, principal.app_id),
            errors=self.settings.permission_errors,
        )

    async def _body(self, route: Route, receive: Receive, headers: RequestHeaders, state: _State) -> Any:
        """Read, parse and validate the JSON body of an operation that declares one."""
        assert route.body is not None
        limit = self.settings.max_body_bytes
        if headers.content_length is not None and headers.content_length > limit:
            raise too_large(limit)
        if headers.content_type is not None or headers.has_body:
            operation = route.operation
            check_json_content_type(
                headers.content_type, operation.body_media_type, operation.media_type_status
            )
        raw = await read_body(
            receive,
            limit=limit,
            timeout_s=self.settings.body_timeout_s,
            content_length=headers.content_length,
        )
        state.body_read = True
        state.body = raw
        if not raw.strip(JSON_WHITESPACE) and not route.operation.body_required:
            return None
        if len(raw) > OFFLOAD_ABOVE:
            return await asyncio.to_thread(_parse_and_validate, route.body, raw)
        return _parse_and_validate(route.body, raw)

    def _base_url(self, scope: Scope, headers: RequestHeaders, version: str) -> str:
        """`{origin}/{version}` for links: the configured public URL, else the address the client connected to.

        The `Host` header is used only when the operator asks for it (`links_from_host`) and it is a
        plain host name or address: a request header must not decide where other clients are sent.
        """
        if self.settings.public_url:
            return f"{self.settings.public_url.rstrip('/')}/{version}"
        scheme = scope.get("scheme") or "http"
        host = headers.host if self.settings.links_from_host and headers.host else ""
        server = scope.get("server") or ("127.0.0.1", self.settings.port)
        key = (scheme, host or str(server), version)
        base = self._base_urls.get(key)
        if base is None:
            if not _HOST.fullmatch(host):
                address = f"[{server[0]}]" if ":" in str(server[0]) else str(server[0])
                host = address if server[1] is None else f"{address}:{server[1]}"
            base = f"{scheme}://{host}/{version}"
            if len(self._base_urls) >= 64:
                self._base_urls.clear()
            self._base_urls[key] = base
        return base


def _parse_and_validate(validator: BodyValidator, raw: bytes) -> Any:
    value = parse_json(raw)
    validator.validate(value)
    return value


class _State:
    """What the pipeline learnt about a request (for the journal)."""

    __slots__ = ("app_id", "body", "body_read", "operation", "tenant")

    def __init__(self) -> None:
        self.body_read = False
        self.body = b""
        self.operation: str | None = None
        self.tenant: str | None = None
        self.app_id: str | None = None


def create_app(settings: Settings | None = None, **overrides: Any) -> GraphSyncApp:
    """Build an emulator: loads the spec, seed and keys, opens (and migrates) the database."""
    return GraphSyncApp(settings if settings is not None else Settings.from_env(), **overrides)
