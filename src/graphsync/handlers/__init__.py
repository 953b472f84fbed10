"""The behaviour behind each operation of openapi.yaml: one module per resource, one table of operation ids.

`OPERATIONS` names, for every operationId the emulator serves, the resource and the method that
answers it. `bind` checks it against the spec at start-up: an operation of the spec without an
entry stops the server with a message naming it. (A spec given with `--spec` may declare fewer
operations; tests/emulator/test_routing.py holds the table and openapi.yaml to each other.)
"""

from __future__ import annotations

from collections.abc import Mapping

from graphsync.handlers.base import JSON, Call, Handler, Reply
from graphsync.handlers.bulk_upload import BulkUploadHandlers
from graphsync.handlers.credentials import CredentialHandlers
from graphsync.handlers.cycles import EMULATOR, CycleRunner
from graphsync.handlers.expressions import ExpressionHandlers
from graphsync.handlers.jobs import JobHandlers, template_problems
from graphsync.handlers.provisioning import ProvisioningHandlers
from graphsync.handlers.schemas import SchemaHandlers
from graphsync.handlers.secrets import SecretHandlers
from graphsync.handlers.templates import TemplateHandlers

# operationId -> (resource, method of its handler class)
OPERATIONS: Mapping[str, tuple[str, str]] = {
    "servicePrincipals.synchronization.ListJobs": ("jobs", "list"),
    "servicePrincipals.synchronization.jobs.GetCount": ("jobs", "count"),
    "servicePrincipals.synchronization.CreateJobs": ("jobs", "create"),
    "servicePrincipals.synchronization.GetJobs": ("jobs", "get"),
    "servicePrincipals.synchronization.DeleteJobs": ("jobs", "delete"),
    "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.start": ("jobs", "start"),
    "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.pause": ("jobs", "pause"),
    "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.restart": ("jobs", "restart"),
    "servicePrincipals.GetSynchronization": ("secrets", "synchronization"),
    "servicePrincipals.synchronization.ListSecrets": ("secrets", "list"),
    "servicePrincipals.synchronization.SetSecrets": ("secrets", "put"),
    "servicePrincipals.synchronization.Secrets.GetCount": ("secrets", "count"),
    "servicePrincipals.synchronization.ListTemplates": ("templates", "list"),
    "servicePrincipals.synchronization.templates.GetCount": ("templates", "count"),
    "servicePrincipals.synchronization.GetTemplates": ("templates", "get"),
    "servicePrincipals.servicePrincipal.synchronization.jobs.validateCredentials": (
        "credentials",
        "validate_for_template",
    ),
    "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.validateCredentials": (
        "credentials",
        "validate_for_job",
    ),
    "servicePrincipals.synchronization.jobs.GetSchema": ("schemas", "get_for_job"),
    "servicePrincipals.synchronization.jobs.UpdateSchema": ("schemas", "put_for_job"),
    "servicePrincipals.synchronization.templates.GetSchema": ("schemas", "get_for_template"),
    "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.provisionOnDemand": (
        "provisioning",
        "provision_on_demand",
    ),
    "servicePrincipals.synchronization.jobs.PostBulkUpload": ("bulkUpload", "upload"),
    "servicePrincipals.synchronization.jobs.schema.ListDirectories": ("schemas", "list_directories"),
    "servicePrincipals.synchronization.jobs.schema.GetDirectories": ("schemas", "get_directory"),
    "servicePrincipals.synchronization.templates.schema.ListDirectories": ("schemas", "list_directories"),
    "servicePrincipals.synchronization.templates.schema.GetDirectories": ("schemas", "get_directory"),
    "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.schema.filterOperators": (
        "expressions",
        "filter_operators",
    ),
    "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.schema.functions": (
        "expressions",
        "functions",
    ),
    "servicePrincipals.servicePrincipal.synchronization.jobs.synchronizationJob.schema.parseExpression": (
        "expressions",
        "parse_expression",
    ),
    "servicePrincipals.servicePrincipal.synchronization.templates.synchronizationTemplate.schema.filterOperators": (
        "expressions",
        "filter_operators",
    ),
    "servicePrincipals.servicePrincipal.synchronization.templates.synchronizationTemplate.schema.functions": (
        "expressions",
        "functions",
    ),
    "servicePrincipals.servicePrincipal.synchronization.templates.synchronizationTemplate.schema.parseExpression": (
        "expressions",
        "parse_expression",
    ),
    "applications.synchronization.ListJobs": ("jobs", "list"),
    "applications.synchronization.jobs.GetCount": ("jobs", "count"),
    "applications.synchronization.CreateJobs": ("jobs", "create"),
    "applications.synchronization.GetJobs": ("jobs", "get"),
    "applications.synchronization.DeleteJobs": ("jobs", "delete"),
    "applications.application.synchronization.jobs.synchronizationJob.start": ("jobs", "start"),
    "applications.application.synchronization.jobs.synchronizationJob.pause": ("jobs", "pause"),
    "applications.application.synchronization.jobs.synchronizationJob.restart": ("jobs", "restart"),
    "applications.GetSynchronization": ("secrets", "synchronization"),
    "applications.synchronization.ListSecrets": ("secrets", "list"),
    "applications.synchronization.SetSecrets": ("secrets", "put"),
    "applications.synchronization.Secrets.GetCount": ("secrets", "count"),
    "applications.synchronization.ListTemplates": ("templates", "list"),
    "applications.synchronization.templates.GetCount": ("templates", "count"),
    "applications.synchronization.GetTemplates": ("templates", "get"),
    "applications.application.synchronization.jobs.validateCredentials": (
        "credentials",
        "validate_for_template",
    ),
    "applications.application.synchronization.jobs.synchronizationJob.validateCredentials": (
        "credentials",
        "validate_for_job",
    ),
    "applications.synchronization.jobs.GetSchema": ("schemas", "get_for_job"),
    "applications.synchronization.jobs.UpdateSchema": ("schemas", "put_for_job"),
    "applications.synchronization.templates.GetSchema": ("schemas", "get_for_template"),
    "applications.synchronization.jobs.schema.ListDirectories": ("schemas", "list_directories"),
    "applications.synchronization.jobs.schema.GetDirectories": ("schemas", "get_directory"),
    "applications.synchronization.templates.schema.ListDirectories": ("schemas", "list_directories"),
    "applications.synchronization.templates.schema.GetDirectories": ("schemas", "get_directory"),
    "applications.application.synchronization.jobs.synchronizationJob.schema.filterOperators": (
        "expressions",
        "filter_operators",
    ),
    "applications.application.synchronization.jobs.synchronizationJob.schema.functions": (
        "expressions",
        "functions",
    ),
    "applications.application.synchronization.jobs.synchronizationJob.schema.parseExpression": (
        "expressions",
        "parse_expression",
    ),
    "applications.application.synchronization.templates.synchronizationTemplate.schema.filterOperators": (
        "expressions",
        "filter_operators",
    ),
    "applications.application.synchronization.templates.synchronizationTemplate.schema.functions": (
        "expressions",
        "functions",
    ),
    "applications.application.synchronization.templates.synchronizationTemplate.schema.parseExpression": (
        "expressions",
        "parse_expression",
    ),
    "applications.application.synchronization.jobs.synchronizationJob.provisionOnDemand": (
        "provisioning",
        "provision_on_demand",
    ),
}


class ImplementationError(RuntimeError):
    """openapi.yaml and the emulator's table of operations disagree."""


def check(operation_ids: list[str]) -> None:
    """ImplementationError naming every operation of the spec that has no entry in `OPERATIONS`."""
    missing = [op for op in operation_ids if op not in OPERATIONS]
    if missing:
        raise ImplementationError(
            f"openapi.yaml declares {', '.join(missing)}, which the emulator does not implement "
            "(graphsync/handlers/__init__.py, OPERATIONS)"
        )


def bind(operation_ids: list[str], resources: Mapping[str, object]) -> dict[str, Handler]:
    """The handler of each operation id of the spec, from `OPERATIONS` and the resources' handler objects."""
    check(operation_ids)
    table: dict[str, Handler] = {}
    for operation_id in operation_ids:
        resource, method = OPERATIONS[operation_id]
        table[operation_id] = getattr(resources[resource], method)
    return table


__all__ = [
    "EMULATOR",
    "JSON",
    "OPERATIONS",
    "BulkUploadHandlers",
    "Call",
    "CredentialHandlers",
    "CycleRunner",
    "ExpressionHandlers",
    "Handler",
    "ImplementationError",
    "JobHandlers",
    "ProvisioningHandlers",
    "Reply",
    "SchemaHandlers",
    "SecretHandlers",
    "TemplateHandlers",
    "bind",
    "check",
    "template_problems",
]
