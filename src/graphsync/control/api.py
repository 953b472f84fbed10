"""The control API under `/_graphsync/`, as its own OpenAPI document (control/openapi.yaml) describes it.

Requests are authenticated with the operator key (a Graph token is refused), bodies are validated
against the document's schemas, and errors use Graph's envelope. The web view (`/_graphsync/ui`)
takes the key once, from its sign-in form (POST) or as `?key=`, and trades it for a cookie valid for
the view only, whose value is derived from the key (`operator.session`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, unquote_to_bytes

from graphsync.clock import Clock
from graphsync.control import operator, ui
from graphsync.control.faults import CYCLE, EVERY, Faults
from graphsync.control.journal import Journal
from graphsync.control.lag import Lag
from graphsync.directory import Directory
from graphsync.domain import cycles
from graphsync.errors import BAD_REQUEST, GraphError
from graphsync.handlers.base import Reply
from graphsync.handlers.cycles import CycleRunner
from graphsync.http import (
    Receive,
    RequestHeaders,
    Scope,
    check_json_content_type,
    json_bytes,
    parse_json,
    read_body,
)
from graphsync.settings import LATEST_CLOCK_TIME as LATEST
from graphsync.spec import Operation, Spec
from graphsync.storage import JobStore, OwnerKey, split_annotated
from graphsync.validation import BodyValidator, QueryValidator

PREFIX = "/_graphsync"
DOCUMENT = Path(__file__).with_name("openapi.yaml")
JSON = (b"content-type", b"application/json")
COOKIE = "graphsync_operator"
MAX_LISTED_JOBS = 500
MAX_ADVANCE = dt.timedelta(days=36_500)
CHALLENGE = 'Bearer realm="graphsync control API"'
_DURATION = re.compile(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?")
_FAULT = re.compile(r"/_graphsync/faults/([^/]+)")


class Emulator(Protocol):
    """What the control API acts on (graphsync.app.GraphSyncApp)."""

    store: JobStore
    directory: Directory
    clock: Clock
    runner: CycleRunner
    faults: Faults
    lag: Lag
    journal: Journal
    seed: Any
    operation_ids: frozenset[str]
    max_body_bytes: int
    body_timeout_s: float

    async def replace_seed(self, data: Any) -> None: ...

    async def reset(self) -> None: ...


class ControlPlane:
    """Answers `/_graphsync/...` for one emulator, with its operator key."""

    def __init__(self, emulator: Emulator, key: str) -> None:
        self._emulator = emulator
        self._key = key
        self.spec = Spec.load(DOCUMENT)
        self._operations = {(op.method, op.path): op for op in self.spec.operations}
        self._bodies = {
            op.operation_id: BodyValidator(self.spec, op) for op in self.spec.operations if op.body_schema
        }
        self._queries = {
            op.operation_id: QueryValidator(op) for op in self.spec.operations if op.query_parameters
        }

    @staticmethod
    def serves(path: str) -> bool:
        return path == PREFIX or path.startswith(PREFIX + "/")

    async def handle(self, scope: Scope, receive: Receive, headers: RequestHeaders) -> Reply:
        path, method = scope["path"], scope["method"]
        if path == f"{PREFIX}/openapi.yaml":
            if method in ("GET", "HEAD"):
                return Reply(200, self.spec.raw, [(b"content-type", b"application/yaml")])
            raise _method_not_allowed(method, path, ["GET", "HEAD"])
        fault = _FAULT.fullmatch(path)
        template = f"{PREFIX}/faults/{{faultId}}" if fault else path
        operation = self._operations.get((method, template))
        if operation is None:
            allowed = sorted(known_method for known_method, known in self._operations if known == template)
            if allowed:
                raise _method_not_allowed(method, path, allowed)
            raise GraphError(404, "NotFound", f"The control API has no resource {path[:200]}.")
        if operation.operation_id == "webView":
            return await self._web_view(scope, self._query(operation, scope))
        if operation.operation_id == "signIn":
            return await self._sign_in(receive, headers)
        if not operator.matches(self._key, operator.bearer(headers.authorization)):
            raise GraphError(
                401,
                "InvalidAuthenticationToken",
                "The control API needs the operator key as a bearer token.",
                {"WWW-Authenticate": CHALLENGE},
            )
        query = self._query(operation, scope)
        body = None
        validator = self._bodies.get(operation.operation_id)
        if validator is not None:
            check_json_content_type(headers.content_type, "application/json", 415)
            raw = await read_body(
                receive,
                limit=self._emulator.max_body_bytes,
                timeout_s=self._emulator.body_timeout_s,
                content_length=headers.content_length,
            )
            body = parse_json(raw)
            validator.validate(body)
        handler = getattr(self, "_" + operation.operation_id)
        result: Reply = await handler(body, query, unquote(fault.group(1)) if fault else None)
        return result

    def _query(self, operation: Operation, scope: Scope) -> dict[str, Any]:
        """The operation's declared query parameters, checked against the document (400) and typed; others
        are ignored, and so is a parameter without a value (the web view's empty filter fields)."""
        validator = self._queries.get(operation.operation_id)
        if validator is None:
            return {}
        names = operation.query_parameters
        kept = []
        for pair in scope.get("query_string", b"").split(b"&"):
            name, _, value = pair.partition(b"=")
            if value and unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8", "replace") in names:
                kept.append(pair)
        return validator.parse(b"&".join(kept))

    # The operations, one method each, named after their operationId.

    async def _getClock(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        clock = self._emulator.clock
        return _json(200, {"now": self._emulator.runner.now(), "mode": clock.mode, "speed": clock.speed})

    async def _advanceClock(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        runner = self._emulator.runner
        start = self._emulator.clock.now()
        if "by" in body:
            by = _duration(body["by"])
        else:
            try:
                to = cycles.parse_timestamp(body["to"])
            except (ValueError, OverflowError):  # OverflowError: a time that is not in years 1 to 9999 in UTC
                raise GraphError(
                    400, BAD_REQUEST, "'to' must be a date and time with a UTC offset."
                ) from None
            by = to - start
            if by < dt.timedelta(0):
                raise GraphError(
                    400, BAD_REQUEST, f"The clock never moves back: it is {runner.now()} already."
                )
        if by > MAX_ADVANCE:
            raise GraphError(400, BAD_REQUEST, "The clock advances at most 36,500 days at once.")
        if by > LATEST - start:
            raise GraphError(
                400,
                BAD_REQUEST,
                f"The clock goes no further than {LATEST:%Y-%m-%dT%H:%M:%SZ}: it is {runner.now()}.",
            )
        reached, jobs, ran = await runner.advance(by)
        return _json(200, {"now": reached, "jobs": jobs, "cycles": ran})

    async def _listFaults(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        return _json(200, {"value": self._emulator.faults.listed()})

    async def _createFault(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        operation = body["operation"]
        if operation not in (EVERY, CYCLE) and operation not in self._emulator.operation_ids:
            raise GraphError(
                400, BAD_REQUEST, "'operation' must be an operationId of openapi.yaml, '*' or 'cycle'."
            )
        if operation != CYCLE and "status" not in body and not body.get("latencyMs"):
            raise GraphError(400, BAD_REQUEST, "A fault on requests needs a 'status', a 'latencyMs' or both.")
        try:
            return _json(201, self._emulator.faults.add(body))
        except OverflowError as exc:
            raise GraphError(400, BAD_REQUEST, str(exc)) from None

    async def _clearFaults(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        self._emulator.faults.clear()
        return Reply(204)

    async def _deleteFault(self, body: Any, query: Mapping[str, Any], fault_id: Any) -> Reply:
        if not self._emulator.faults.remove(str(fault_id)):
            raise GraphError(404, "NotFound", f"There is no fault {str(fault_id)[:40]}.")
        return Reply(204)

    async def _getConsistency(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        return _json(200, self._emulator.lag.settings())

    async def _setConsistency(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        self._emulator.lag.configure(float(body["createSeconds"]), float(body["deleteSeconds"]))
        return _json(200, self._emulator.lag.settings())

    async def _readJournal(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        return _json(200, {"value": self._journal(query)})

    async def _clearJournal(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        self._emulator.journal.clear()
        return Reply(204)

    async def _listAllJobs(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        return _json(200, {"value": await self.jobs(query.get("tenant") or None)})

    async def _getSeed(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        return _json(200, self._emulator.seed)

    async def _replaceSeed(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        await self._emulator.replace_seed(body)
        return _json(200, self._emulator.seed)

    async def _reset(self, body: Any, query: Mapping[str, Any], _: Any) -> Reply:
        await self._emulator.reset()
        return Reply(204)

    # Shared by the API and the web view.

    async def jobs(self, tenant: str | None) -> list[dict[str, Any]]:
        """Every job of the directory's owners (of one tenant), with its run record; at most MAX_LISTED_JOBS."""
        store, found = self._emulator.store, []
        for tenant_id, entry in sorted(self._emulator.directory.tenants.items()):
            if tenant is not None and tenant_id != tenant.lower():
                continue
            for (kind, object_id), owner in sorted(entry.objects.items()):
                key = OwnerKey(tenant_id, kind, object_id)
                page = await store.list_page(
                    key, cursor=None, limit=MAX_LISTED_JOBS, max_bytes=16 * 1024 * 1024
                )
                for document in page.items:
                    job_id = str(json.loads(document)["id"])
                    annotated = await store.get(key, job_id, annotated=True)
                    if annotated is None:
                        continue
                    text, note = split_annotated(annotated)
                    run = cycles.load_run(note)
                    found.append(
                        {
                            "tenant": tenant_id,
                            "ownerKind": kind,
                            "ownerId": object_id,
                            "ownerName": owner.display_name,
                            "job": json.loads(text),
                            "due": run["due"],
                            "cycles": run["cycles"],
                            "timeline": run["timeline"],
                        }
                    )
                    if len(found) >= MAX_LISTED_JOBS:
                        return found
        return found

    def _journal(self, query: Mapping[str, Any]) -> list[dict[str, Any]]:
        return self._emulator.journal.read(
            operation=query.get("operation"),
            status=query.get("status"),
            tenant=query.get("tenant"),
            top=query.get("top", 100),
        )

    async def _web_view(self, scope: Scope, query: Mapping[str, Any]) -> Reply:
        """The page, a redirect that trades `?key=` for a cookie, or the sign-in page (401)."""
        offered = query.get("key")
        if offered is not None:
            return self._signed_in(offered)
        if not operator.matches(operator.session(self._key), _cookie(scope, COOKIE)):
            return Reply(401, ui.sign_in(failed=False), list(ui.HEADERS))
        entries = self._journal(
            {k: v for k, v in query.items() if k in ("operation", "status")} | {"top": 200}
        )
        page = ui.page(
            tenants=self._emulator.directory.tenants,
            jobs=await self.jobs(None),
            journal=entries,
            operations=self._emulator.journal.operations(),
            clock={"now": self._emulator.runner.now(), "mode": self._emulator.clock.mode},
            filters={k: str(query[k]) for k in ("operation", "status") if k in query},
        )
        return Reply(200, page, list(ui.HEADERS))

    async def _sign_in(self, receive: Receive, headers: RequestHeaders) -> Reply:
        """The sign-in form's POST: the key in a form body, out of the address, history and access logs."""
        check_json_content_type(headers.content_type, "application/x-www-form-urlencoded", 415)
        raw = await read_body(
            receive,
            limit=self._emulator.max_body_bytes,
            timeout_s=self._emulator.body_timeout_s,
            content_length=headers.content_length,
        )
        keys = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True).get("key", [])
        return self._signed_in(keys[0] if len(keys) == 1 else None)

    def _signed_in(self, offered: str | None) -> Reply:
        """303 to the view with its cookie for the operator key; the sign-in page (401) for anything else."""
        if not operator.matches(self._key, offered):
            return Reply(401, ui.sign_in(failed=True), list(ui.HEADERS))
        cookie = f"{COOKIE}={operator.session(self._key)}; Path={PREFIX}/ui; HttpOnly; SameSite=Strict"
        return Reply(
            303,
            b"",
            [
                (b"location", f"{PREFIX}/ui".encode()),
                (b"set-cookie", cookie.encode()),
                (b"cache-control", b"no-store"),
                (b"referrer-policy", b"no-referrer"),
            ],
        )


def _json(status: int, value: Any) -> Reply:
    return Reply(status, json_bytes(value), [JSON])


def _duration(text: str) -> dt.timedelta:
    match = _DURATION.fullmatch(text)
    if match is None:  # the schema's pattern let it through only if it matches
        raise GraphError(400, BAD_REQUEST, "'by' must be an ISO 8601 duration such as PT40M or P30D.")
    days, hours, minutes, seconds = (float(part) if part else 0.0 for part in match.groups())
    return dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def _method_not_allowed(method: str, path: str, allowed: list[str]) -> GraphError:
    """405 with `Allow` naming the path's methods (RFC 9110 §15.5.6)."""
    shown = method if method.isascii() and method.isalpha() and len(method) <= 20 else "?"
    return GraphError(
        405, "MethodNotAllowed", f"{shown} is not supported on {path[:200]}.", {"Allow": ", ".join(allowed)}
    )


def _cookie(scope: Scope, name: str) -> str | None:
    for header, value in scope.get("headers", ()):
        if header.lower() == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, found = part.strip().partition("=")
                if key == name:
                    return str(found)
    return None
