"""The directory the emulator serves: tenants, their applications and service principals, read from a YAML seed.

The format is documented in docs/seed-format.md. Loading validates everything and reports each
problem as `path: problem` (for example `tenants[0].servicePrincipals[2].appId: not a GUID: 'x'`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

SEED_VERSION = 1
OWNER_KINDS = ("servicePrincipals", "applications")
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TEMPLATE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,127}")
_MAX_PROBLEMS = 20
_ABSENT = object()  # a required key that is missing: `mapping` has reported it, the value checks stay quiet


class SeedError(ValueError):
    """The seed file cannot be read or is invalid; the message lists each problem with its location."""


class SeedUnreadable(SeedError):
    """The seed file cannot be read at all (missing, a folder, not UTF-8): bad input, not an invalid seed."""


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


@dataclasses.dataclass(frozen=True)
class Directory:
    """Read-only view of the seed, every lookup scoped to one tenant."""

    tenants: Mapping[str, Tenant]

    def owner(self, tenant_id: str, kind: str, object_id: str) -> DirectoryObject | None:
        """The application or service principal with this object id; GUIDs match in any case, as in Graph."""
        tenant = self.tenants.get(tenant_id)
        return None if tenant is None else tenant.objects.get((kind, object_id.lower()))

    def caller_object_id(self, tenant_id: str, app_id: str) -> str | None:
        """The object id of the calling app's service principal in the tenant, if the seed has one."""
        tenant = self.tenants.get(tenant_id)
        return None if tenant is None else tenant.service_principal_by_app_id.get(app_id)


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader that refuses duplicate mapping keys instead of silently keeping the last one."""


def _construct_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_seed(path: Path) -> Directory:
    """Read and validate a seed file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise SeedUnreadable(f"{path}: cannot read the seed file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise SeedUnreadable(
            f"{path}: cannot read the seed file: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
            f"at offset {exc.start})"
        ) from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise SeedError(f"{path}: not valid YAML: {exc}") from None
    try:
        return parse_seed(data)
    except SeedError as exc:
        raise SeedError(f"{path}: invalid seed:\n{exc}") from None


def parse_seed(data: Any) -> Directory:
    """Validate seed data (already parsed from YAML) and build the directory; SeedError lists the problems."""
    problems: list[str] = []
    checker = _Checker(problems)
    directory = checker.seed(data)
    if problems:
        shown = problems[:_MAX_PROBLEMS]
        if len(problems) > _MAX_PROBLEMS:
            shown.append(f"... and {len(problems) - _MAX_PROBLEMS} more")
        raise SeedError("\n".join(f"  {p}" for p in shown))
    return directory


class _Checker:
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        self.object_ids: dict[str, str] = {}

    def fail(self, where: str, problem: str) -> None:
        """Record a problem at `where`, a path into the seed such as `tenants[0].id`."""
        self.problems.append(f"{where}: {problem}")

    def mapping(
        self, value: Any, where: str, required: set[str], optional: set[str]
    ) -> dict[str, Any] | None:
        """The value if it is a mapping, else None; unknown and missing keys are recorded, not fatal."""
        if not isinstance(value, dict):
            self.fail(where, f"expected a mapping, got {_kind(value)}")
            return None
        for key in value:
            if key not in required | optional:
                allowed = ", ".join(sorted(required | optional))
                self.fail(where, f"unknown key {key!r} (allowed: {allowed})")
        for key in sorted(required - set(value)):
            self.fail(where, f"missing required key {key!r}")
        return value

    def guid(self, value: Any, where: str) -> str | None:
        """The value if it is a lower-case GUID, else None (the problem is recorded)."""
        if value is _ABSENT:
            return None
        if not isinstance(value, str) or not _GUID.fullmatch(value):
            self.fail(where, f"not a lower-case GUID: {value!r}")
            return None
        return value

    def text(self, value: Any, where: str) -> str:
        """The value if it is a non-blank string, else an empty string (the problem is recorded)."""
        if value is _ABSENT:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"expected a non-empty string, got {value!r}")
            return ""
        return value

    def seq(self, value: Any, where: str) -> list[Any]:
        """The value if it is a list; null reads as empty, anything else is recorded and read as empty."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, f"expected a list, got {_kind(value)}")
            return []
        return value

    def seed(self, data: Any) -> Directory:
        """The whole document: its version and its tenants, duplicate tenant ids recorded."""
        root = self.mapping(data, "(top level)", {"version", "tenants"}, set())
        if root is None:
            return Directory(tenants={})
        if "version" in root and root["version"] != SEED_VERSION:
            self.fail(
                "version", f"unsupported seed version {root['version']!r} (this release reads {SEED_VERSION})"
            )
        tenants: dict[str, Tenant] = {}
        entries = self.seq(root.get("tenants"), "tenants")
        if "tenants" in root and not entries:
            self.fail("tenants", "at least one tenant is required")
        for index, entry in enumerate(entries):
            tenant = self.tenant(entry, f"tenants[{index}]")
            if tenant is None:
                continue
            if tenant.id in tenants:
                self.fail(f"tenants[{index}].id", f"duplicate tenant id {tenant.id}")
            tenants[tenant.id] = tenant
        return Directory(tenants=tenants)

    def tenant(self, entry: Any, where: str) -> Tenant | None:
        """One tenant and its objects (appIds unique per kind); None if the entry or its id is unusable."""
        fields = self.mapping(entry, where, {"id", "displayName"}, set(OWNER_KINDS))
        if fields is None:
            return None
        tenant_id = self.guid(fields.get("id", _ABSENT), f"{where}.id")
        name = self.text(fields.get("displayName", _ABSENT), f"{where}.displayName")
        objects: dict[tuple[str, str], DirectoryObject] = {}
        sp_by_app: dict[str, str] = {}
        for kind in OWNER_KINDS:
            app_ids: dict[str, str] = {}
            for index, item in enumerate(self.seq(fields.get(kind), f"{where}.{kind}")):
                at = f"{where}.{kind}[{index}]"
                obj = self.directory_object(kind, item, at)
                if obj is None:
                    continue
                if obj.app_id in app_ids:
                    self.fail(f"{at}.appId", f"appId {obj.app_id} is already used by {app_ids[obj.app_id]}")
                app_ids[obj.app_id] = at
                objects[(kind, obj.id)] = obj
                if kind == "servicePrincipals":
                    sp_by_app[obj.app_id] = obj.id
        if tenant_id is None:
            return None
        return Tenant(id=tenant_id, display_name=name, objects=objects, service_principal_by_app_id=sp_by_app)

    def directory_object(self, kind: str, item: Any, where: str) -> DirectoryObject | None:
        """One application or service principal, None if its id or appId is unusable.

        Object ids must be unique across the whole seed: every tenant, both kinds.
        """
        fields = self.mapping(
            item, where, {"id", "appId", "displayName"}, {"owners", "synchronizationTemplates"}
        )
        if fields is None:
            return None
        object_id = self.guid(fields.get("id", _ABSENT), f"{where}.id")
        app_id = self.guid(fields.get("appId", _ABSENT), f"{where}.appId")
        name = self.text(fields.get("displayName", _ABSENT), f"{where}.displayName")
        owners = []
        for index, owner in enumerate(self.seq(fields.get("owners"), f"{where}.owners")):
            owner_id = self.guid(owner, f"{where}.owners[{index}]")
            if owner_id is not None:
                owners.append(owner_id)
        templates: list[str] = []
        for index, template in enumerate(
            self.seq(fields.get("synchronizationTemplates"), f"{where}.synchronizationTemplates")
        ):
            at = f"{where}.synchronizationTemplates[{index}]"
            if not isinstance(template, str) or not _TEMPLATE_ID.fullmatch(template):
                self.fail(at, f"not a template id (a letter, then letters, digits, '_' or '-'): {template!r}")
            elif template in templates:
                self.fail(at, f"duplicate template id {template!r}")
            else:
                templates.append(template)
        if object_id is not None:
            if object_id in self.object_ids:
                self.fail(
                    f"{where}.id", f"object id {object_id} is already used by {self.object_ids[object_id]}"
                )
            self.object_ids[object_id] = where
        if object_id is None or app_id is None:
            return None
        return DirectoryObject(
            kind=kind,
            id=object_id,
            app_id=app_id,
            display_name=name,
            owners=frozenset(owners),
            templates=tuple(templates),
        )


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {
        dict: "a mapping",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)
