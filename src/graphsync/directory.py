"""The directory the emulator serves: tenants, their applications, service principals, users and
groups, and the synchronization templates those offer. Read-only, built from a seed (graphsync.seed)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

PERSONAL_ACCOUNTS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad"  # tid of every Microsoft account token
OWNER_KINDS = ("servicePrincipals", "applications")


@dataclasses.dataclass(frozen=True)
class JobDefaults:
    """What a new job of a template starts with (Graph: "partly inherited from the template")."""

    interval: str = "P10675199DT2H48M5.4775807S"  # never scheduled
    state: str = "Disabled"
    status_code: str = "NotConfigured"
    settings: tuple[tuple[str, str | None], ...] = ()  # (name, value) in order


@dataclasses.dataclass(frozen=True)
class Template:
    """A synchronization template; one not described by the seed has Graph's documented new-job defaults."""

    id: str
    application_id: str | None = None  # None: the owner's appId
    default: bool = True
    factory_tag: str | None = None
    description: str | None = None
    discoverable: bool = True
    metadata: tuple[tuple[str, str | None], ...] = ()
    job: JobDefaults = JobDefaults()
    schema: str | None = None  # the seed's synchronizationSchema (without `id`) as compact JSON text


@dataclasses.dataclass(frozen=True)
class User:
    """A directory user: a subject provisioning finds."""

    id: str
    user_principal_name: str
    display_name: str
    account_enabled: bool = True


@dataclasses.dataclass(frozen=True)
class Group:
    """A directory group and the ids of its member users."""

    id: str
    display_name: str
    members: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class DirectoryObject:
    """An application or service principal that can own synchronization jobs."""

    kind: str  # "servicePrincipals" or "applications"
    id: str
    app_id: str
    display_name: str
    owners: frozenset[str]
    templates: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Tenant:
    """One tenant of the seed: its directory objects and its service principals by appId."""

    id: str
    display_name: str
    objects: Mapping[tuple[str, str], DirectoryObject]  # (kind, object id) -> object
    service_principal_by_app_id: Mapping[str, str]  # appId -> object id of its service principal
    users: Mapping[str, User] = dataclasses.field(default_factory=dict)  # by object id
    groups: Mapping[str, Group] = dataclasses.field(default_factory=dict)  # by object id


@dataclasses.dataclass(frozen=True)
class Directory:
    """Read-only view of the seed, every lookup scoped to one tenant."""

    tenants: Mapping[str, Tenant]
    templates: Mapping[str, Template] = dataclasses.field(default_factory=dict)

    def owner(self, tenant_id: str, kind: str, object_id: str) -> DirectoryObject | None:
        """The application or service principal with this object id; GUIDs match in any case, as in Graph."""
        tenant = self.tenants.get(tenant_id)
        return None if tenant is None else tenant.objects.get((kind, object_id.lower()))

    def caller_object_id(self, tenant_id: str, app_id: str) -> str | None:
        """The object id of the calling app's service principal in the tenant, if the seed has one."""
        tenant = self.tenants.get(tenant_id)
        return None if tenant is None else tenant.service_principal_by_app_id.get(app_id)

    def user(self, tenant_id: str, object_id: str) -> User | None:
        """The tenant's user with this object id (any case), if the seed has one."""
        tenant = self.tenants.get(tenant_id)
        return None if tenant is None else tenant.users.get(object_id.lower())

    def group(self, tenant_id: str, object_id: str) -> Group | None:
        """The tenant's group with this object id (any case), if the seed has one."""
        tenant = self.tenants.get(tenant_id)
        return None if tenant is None else tenant.groups.get(object_id.lower())

    def template(self, template_id: str) -> Template:
        """The template the seed describes under this id, or one with the documented defaults."""
        return self.templates.get(template_id) or Template(id=template_id)
