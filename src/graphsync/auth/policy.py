"""Permission checks: a verified principal against an operation's `x-graph-permissions` (docs/x-extensions.md)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from graphsync.auth.tokens import Principal
from graphsync.directory import PERSONAL_ACCOUNTS_TENANT
from graphsync.errors import GraphError

OWNED_BY = "Application.ReadWrite.OwnedBy"
OWNED_BY_SUFFIX = ".OwnedBy"  # the permissions that cover only the objects the calling app owns
GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10"

DIRECTORY_ROLES = {
    "Application Administrator": "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
    "Cloud Application Administrator": "158c047a-c907-4556-b7ef-446551a6b5f7",
    "Hybrid Identity Administrator": "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2",
    "Global Administrator": GLOBAL_ADMINISTRATOR,
}


def authorize(
    principal: Principal,
    permissions: Mapping[str, Any],
    *,
    owner_ids: Collection[str],
    caller_object_id: str | None,
    errors: str = "observed",
) -> None:
    """Return if the principal may call the operation, else raise `permission_denied(errors)`.

    `owner_ids` are the owners of the addressed application or service principal and
    `caller_object_id` the calling app's service principal in that tenant: they matter only for
    the `*.OwnedBy` permissions (`Application.ReadWrite.OwnedBy`,
    `SynchronizationData-User.Upload.OwnedBy`). Fails closed on a missing or malformed permission table.
    """
    if not _allowed(principal, permissions, owner_ids, caller_object_id):
        raise permission_denied(errors)


def permission_denied(errors: str) -> GraphError:
    """Graph's refusal of a caller without permission.

    `observed`: 401 `UnknownError` with an empty message and no challenge, as synchronization
    endpoints answer (docs/spec-decisions.md D24); `documented`: the 403 of Graph's pages.
    """
    if errors == "documented":
        return GraphError(
            403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."
        )
    return GraphError(401, "UnknownError", "")


def _allowed(
    principal: Principal, permissions: Mapping[str, Any], owner_ids: Collection[str], caller: str | None
) -> bool:
    """The decision table of docs/security.md."""
    if principal.tenant_id == PERSONAL_ACCOUNTS_TENANT:
        return principal.delegated and bool(principal.scopes & _names(permissions, "delegatedPersonal"))
    if principal.delegated:
        roles = {GLOBAL_ADMINISTRATOR} | {
            entry["templateId"].lower()
            for entry in _list(permissions, "directoryRoles")
            if isinstance(entry, Mapping) and isinstance(entry.get("templateId"), str)
        }
        return bool(principal.scopes & _names(permissions, "delegatedWork")) and bool(
            principal.directory_roles & roles
        )
    granted = principal.roles & _names(permissions, "application")
    owned_by = {name for name in granted if name.endswith(OWNED_BY_SUFFIX)}
    if granted - owned_by:
        return True
    return bool(owned_by) and caller is not None and caller in owner_ids


def _list(permissions: Mapping[str, Any], key: str) -> list[Any]:
    value = permissions.get(key)
    return value if isinstance(value, list) else []


def _names(permissions: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(name for name in _list(permissions, key) if isinstance(name, str))
