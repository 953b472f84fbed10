"""Seed data to the directory: every value checked, every problem recorded as `location: problem`."""

from __future__ import annotations

import json
import re
import reprlib
from typing import Any

from graphsync.directory import (
    OWNER_KINDS,
    PERSONAL_ACCOUNTS_TENANT,
    Directory,
    DirectoryObject,
    Group,
    JobDefaults,
    Template,
    Tenant,
    User,
)

SEED_VERSION = 1
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TEMPLATE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,127}")
_ABSENT = object()  # a required key that is missing: `mapping` has reported it, the value checks stay quiet


class SeedChecker:
    """Builds the directory from seed data, recording every problem (with its location) instead of stopping."""

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
                self.fail(where, f"unknown key {shown(key)} (allowed: {allowed})")
        for key in sorted(required - set(value)):
            self.fail(where, f"missing required key {key!r}")
        return value

    def guid(self, value: Any, where: str) -> str | None:
        """The value if it is a lower-case GUID, else None (the problem is recorded)."""
        if value is _ABSENT:
            return None
        if not isinstance(value, str) or not _GUID.fullmatch(value):
            self.fail(where, f"not a lower-case GUID: {shown(value)}")
            return None
        return value

    def text(self, value: Any, where: str) -> str:
        """The value if it is a non-blank string, else an empty string (the problem is recorded)."""
        if value is _ABSENT:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"expected a non-empty string, got {shown(value)}")
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
        root = self.mapping(data, "(top level)", {"version", "tenants"}, {"templates"})
        if root is None:
            return Directory(tenants={})
        version = root.get("version")
        if "version" in root and (type(version) is not int or version != SEED_VERSION):
            self.fail(
                "version",
                f"unsupported seed version {shown(version)} (this release reads the whole number {SEED_VERSION})",
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
        return Directory(tenants=tenants, templates=self.templates(root.get("templates")))

    def templates(self, value: Any) -> dict[str, Template]:
        """The catalog of templates (`templates:`), by id."""
        catalog: dict[str, Template] = {}
        for index, entry in enumerate(self.seq(value, "templates")):
            where = f"templates[{index}]"
            fields = self.mapping(
                entry,
                where,
                {"id"},
                {
                    "applicationId",
                    "default",
                    "factoryTag",
                    "description",
                    "discoverable",
                    "metadata",
                    "jobDefaults",
                    "schema",
                },
            )
            if fields is None:
                continue
            template_id = self.template_id(fields.get("id", _ABSENT), f"{where}.id")
            if template_id is None:
                continue
            if template_id in catalog:
                self.fail(f"{where}.id", f"duplicate template id {shown(template_id)}")
            flags = {name: fields.get(name, True) for name in ("default", "discoverable")}
            for name, flag in flags.items():
                if not isinstance(flag, bool):
                    self.fail(f"{where}.{name}", f"expected true or false, got {shown(flag)}")
            application_id = fields.get("applicationId")
            catalog[template_id] = Template(
                id=template_id,
                application_id=None
                if application_id is None
                else self.guid(application_id, f"{where}.applicationId"),
                default=flags["default"] is True,
                factory_tag=self.optional_text(fields.get("factoryTag"), f"{where}.factoryTag"),
                description=self.optional_text(fields.get("description"), f"{where}.description"),
                discoverable=flags["discoverable"] is True,
                metadata=self.pairs(fields.get("metadata"), f"{where}.metadata", "key"),
                job=self.job_defaults(fields.get("jobDefaults"), f"{where}.jobDefaults"),
                schema=self.schema(fields.get("schema"), f"{where}.schema"),
            )
        return catalog

    def schema(self, value: Any, where: str) -> str | None:
        """The template's synchronizationSchema as JSON text: rules with unique ids (provisionOnDemand's
        `ruleId`); the rest is checked against openapi.yaml where the spec is at hand."""
        if value is None:
            return None
        fields = self.mapping(value, where, set(), {"version", "directories", "synchronizationRules"})
        if fields is None:
            return None
        for index, directory in enumerate(self.seq(fields.get("directories"), f"{where}.directories")):
            if not isinstance(directory, dict):
                self.fail(f"{where}.directories[{index}]", f"expected a mapping, got {_kind(directory)}")
        rule_ids: set[str] = set()
        for index, rule in enumerate(
            self.seq(fields.get("synchronizationRules"), f"{where}.synchronizationRules")
        ):
            at = f"{where}.synchronizationRules[{index}]"
            if not isinstance(rule, dict):
                self.fail(at, f"expected a mapping, got {_kind(rule)}")
                continue
            rule_id = self.text(rule.get("id"), f"{at}.id")  # required: provisionOnDemand names rules by it
            if rule_id in rule_ids:
                self.fail(f"{at}.id", f"duplicate rule id {shown(rule_id)}")
            rule_ids.add(rule_id)
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))

    def people(self, fields: dict[str, Any], where: str) -> tuple[dict[str, User], dict[str, Group]]:
        """The tenant's users and groups, by object id; members must be users of the tenant."""
        users: dict[str, User] = {}
        for index, item in enumerate(self.seq(fields.get("users"), f"{where}.users")):
            at = f"{where}.users[{index}]"
            entry = self.mapping(item, at, {"id", "userPrincipalName", "displayName"}, {"accountEnabled"})
            if entry is None:
                continue
            enabled = entry.get("accountEnabled", True)
            if not isinstance(enabled, bool):
                self.fail(f"{at}.accountEnabled", f"expected true or false, got {shown(enabled)}")
            user_id = self.unique_id(entry.get("id", _ABSENT), f"{at}.id")
            upn = self.text(entry.get("userPrincipalName", _ABSENT), f"{at}.userPrincipalName")
            name = self.text(entry.get("displayName", _ABSENT), f"{at}.displayName")
            if user_id is not None:
                users[user_id] = User(user_id, upn, name, enabled is not False)
        groups: dict[str, Group] = {}
        for index, item in enumerate(self.seq(fields.get("groups"), f"{where}.groups")):
            at = f"{where}.groups[{index}]"
            entry = self.mapping(item, at, {"id", "displayName"}, {"members"})
            if entry is None:
                continue
            group_id = self.unique_id(entry.get("id", _ABSENT), f"{at}.id")
            name = self.text(entry.get("displayName", _ABSENT), f"{at}.displayName")
            members: list[str] = []
            for number, member in enumerate(self.seq(entry.get("members"), f"{at}.members")):
                member_id = self.guid(member, f"{at}.members[{number}]")
                if member_id is not None and member_id not in users:
                    self.fail(f"{at}.members[{number}]", f"{member_id} is not a user of this tenant")
                elif member_id is not None and member_id not in members:
                    members.append(member_id)
            if group_id is not None:
                groups[group_id] = Group(group_id, name, tuple(members))
        return users, groups

    def unique_id(self, value: Any, where: str) -> str | None:
        """A GUID not used by any other object of the seed (the problem is recorded otherwise)."""
        object_id = self.guid(value, where)
        if object_id is not None:
            if object_id in self.object_ids:
                self.fail(where, f"object id {object_id} is already used by {self.object_ids[object_id]}")
                return None
            self.object_ids[object_id] = where.removesuffix(".id")
        return object_id

    def job_defaults(self, value: Any, where: str) -> JobDefaults:
        """What a new job of the template starts with; missing keys keep Graph's documented defaults."""
        if value is None:
            return JobDefaults()
        fields = self.mapping(value, where, set(), {"interval", "state", "statusCode", "settings"})
        if fields is None:
            return JobDefaults()
        documented = JobDefaults()
        return JobDefaults(
            interval=self.optional_text(fields.get("interval"), f"{where}.interval") or documented.interval,
            state=self.optional_text(fields.get("state"), f"{where}.state") or documented.state,
            status_code=self.optional_text(fields.get("statusCode"), f"{where}.statusCode")
            or documented.status_code,
            settings=self.pairs(fields.get("settings"), f"{where}.settings", "name"),
        )

    def pairs(self, value: Any, where: str, key: str) -> tuple[tuple[str, str | None], ...]:
        """A list of `{key|name: text, value: text or null}`, in order."""
        found: list[tuple[str, str | None]] = []
        for index, item in enumerate(self.seq(value, where)):
            fields = self.mapping(item, f"{where}[{index}]", {key}, {"value"})
            if fields is None:
                continue
            name = self.text(fields.get(key, _ABSENT), f"{where}[{index}].{key}")
            found.append(
                (name, self.optional_text(fields.get("value"), f"{where}[{index}].value", empty=True))
            )
        return tuple(found)

    def optional_text(self, value: Any, where: str, *, empty: bool = False) -> str | None:
        """A string or null (absent); anything else is recorded. `empty`: "" is a value too."""
        if value is None:
            return None
        if not isinstance(value, str) or (not empty and not value.strip()):
            self.fail(
                where, f"expected a {'string' if empty else 'non-empty string'} or null, got {shown(value)}"
            )
            return None
        return value

    def template_id(self, value: Any, where: str) -> str | None:
        """The value if it is a template id, else None (the problem is recorded)."""
        if value is _ABSENT:
            return None
        if not isinstance(value, str) or not _TEMPLATE_ID.fullmatch(value):
            self.fail(
                where, f"not a template id (a letter, then letters, digits, '_' or '-'): {shown(value)}"
            )
            return None
        return value

    def tenant(self, entry: Any, where: str) -> Tenant | None:
        """One tenant and its objects (appIds unique per kind); None if the entry or its id is unusable."""
        fields = self.mapping(entry, where, {"id", "displayName"}, {*OWNER_KINDS, "users", "groups"})
        if fields is None:
            return None
        tenant_id = self.guid(fields.get("id", _ABSENT), f"{where}.id")
        if tenant_id == PERSONAL_ACCOUNTS_TENANT:
            self.fail(
                f"{where}.id",
                f"{tenant_id} is the tenant of personal Microsoft accounts, which own no applications "
                "or service principals: use a work or school tenant id",
            )
            tenant_id = None
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
        users, groups = self.people(fields, where)
        if tenant_id is None:
            return None
        return Tenant(
            id=tenant_id,
            display_name=name,
            objects=objects,
            service_principal_by_app_id=sp_by_app,
            users=users,
            groups=groups,
        )

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
            template_id = self.template_id(template, at)
            if template_id is None:
                continue
            if template_id in templates:
                self.fail(at, f"duplicate template id {shown(template_id)}")
            else:
                templates.append(template_id)
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


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxdict = 2, 60, 60, 4, 4


def shown(value: Any) -> str:
    """A value for a message, cut short whatever its size (a seed value can be a megabyte-long string)."""
    return _REPR.repr(value)


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
