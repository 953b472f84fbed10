"""The handlers bound to a directory and the routes of the spec's operations to them: built at start,
and again when the control API puts another seed."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from graphsync.clock import Clock
from graphsync.control.lag import Lag
from graphsync.handlers import (
    BulkUploadHandlers,
    CredentialHandlers,
    CycleRunner,
    ExpressionHandlers,
    Handler,
    ImplementationError,
    JobHandlers,
    ProvisioningHandlers,
    SchemaHandlers,
    SecretHandlers,
    TemplateHandlers,
    bind,
)
from graphsync.handlers.cycles import CycleFault
from graphsync.ids import RandomIds
from graphsync.odata import SkipTokens
from graphsync.seed import Directory
from graphsync.spec import Operation, Spec
from graphsync.storage import JobStore
from graphsync.validation import BodyValidator, QueryValidator

OWNER_PARAMS = {"servicePrincipals": "servicePrincipal-id", "applications": "application-id"}


@dataclasses.dataclass(frozen=True, slots=True)
class Route:
    """An operation with its owner kind, handler and validators."""

    operation: Operation
    owner_kind: str
    owner_param: str
    handler: Handler
    query: QueryValidator
    body: BodyValidator | None


@dataclasses.dataclass(frozen=True)
class Bound:
    """The cycle runner, the job handlers and every operation's route, over one directory."""

    runner: CycleRunner
    jobs: JobHandlers
    routes: dict[str, Route]


def bind_directory(
    spec: Spec,
    store: JobStore,
    directory: Directory,
    *,
    max_page_size: int,
    ids: RandomIds,
    clock: Clock,
    lag: Lag,
    validators: Mapping[str, tuple[QueryValidator, BodyValidator | None]],
    cycle_fault: CycleFault,
    skiptokens: SkipTokens | None = None,
) -> Bound:
    """Build the handlers over `directory` and route every operation of `spec` to them."""
    secret_keys = spec.components["schemas"].get("synchronizationSecret", {}).get("enum", ())
    credentials = CredentialHandlers(store, directory, keys=secret_keys)
    schemas = SchemaHandlers(store, directory)
    runner = CycleRunner(
        store,
        directory,
        clock,
        schemas=schemas,
        credentials=credentials,
        fault=cycle_fault,
    )
    jobs = JobHandlers(
        store,
        directory,
        max_page_size=max_page_size,
        ids=ids,
        restart_members=spec.components["schemas"]["synchronizationJobRestartScope"]["x-graph-flags-members"],
        now=runner.now,
        lag=lag,
        skiptokens=skiptokens,
    )
    resources = {
        "jobs": jobs,
        "secrets": SecretHandlers(store, directory, keys=secret_keys),
        "templates": TemplateHandlers(directory),
        "credentials": credentials,
        "schemas": schemas,
        "expressions": ExpressionHandlers(schemas),
        "provisioning": ProvisioningHandlers(
            store, directory, schemas_of=schemas, credentials=credentials, ids=ids
        ),
        "bulkUpload": BulkUploadHandlers(store),
    }
    table = bind([op.operation_id for op in spec.operations], resources)
    routes = {
        op.operation_id: route(op, table[op.operation_id], *validators[op.operation_id])
        for op in spec.operations
    }
    return Bound(runner, jobs, routes)


def validators(spec: Spec, operation: Operation) -> tuple[QueryValidator, BodyValidator | None]:
    """The query and body validators of an operation (its schemas compile, or start-up stops)."""
    body = BodyValidator(spec, operation) if operation.body_schema is not None else None
    return QueryValidator(operation), body


def owner_kind(operation: Operation) -> str:
    """The kind of object the operation's path starts from; ImplementationError if jobs cannot belong to it."""
    owner_kind = operation.path.strip("/").split("/", 1)[0]
    if owner_kind not in OWNER_PARAMS:
        raise ImplementationError(
            f"openapi.yaml declares {operation.method} {operation.path} ({operation.operation_id}) under "
            f"/{owner_kind}, but jobs belong to {' or '.join(OWNER_PARAMS)}"
        )
    return owner_kind


def route(operation: Operation, handler: Handler, query: QueryValidator, body: BodyValidator | None) -> Route:
    """An operation with its owner kind, handler and validators."""
    kind = owner_kind(operation)
    return Route(operation, kind, OWNER_PARAMS[kind], handler, query, body)
