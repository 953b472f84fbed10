"""The directory the emulator serves: tenants, their applications and service principals, read from a YAML seed.

The format is documented in docs/seed-format.md. Loading validates everything and reports each
problem as `path: problem` (for example `tenants[0].servicePrincipals[2].appId: not a GUID: 'x'`).
"""

from __future__ import annotations

import dataclasses
import re
import reprlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from graphsync.demo import SEED as DEMO_SEED
from graphsync.files import read_limited

SEED_VERSION = 1
MAX_SEED_BYTES = 16 * 1024 * 1024  # the demo seed is 2 KiB; 10,000 objects take about 3 MiB
MAX_DEPTH = 32  # a seed is 5 levels deep; deeper YAML would only make loading recurse
PERSONAL_ACCOUNTS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad"  # tid of every Microsoft account token
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


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """SafeLoader that refuses duplicate mapping keys instead of silently keeping the last one."""


def _construct_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a mapping key must be a plain value, not a list or a mapping",
                key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {_shown(key)}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_seed(path: Path | None) -> Directory:
    """Read and validate a seed file; None is the built-in demo seed (graphsync.demo).

    SeedUnreadable (one line) when the file cannot be read as YAML data at all: not a regular file,
    over 16 MiB, not UTF-8, not YAML, aliases, a list or mapping as a key, nesting deeper than 32
    levels. SeedError listing every problem when the data is not a valid seed. Work and output are
    bounded by the file's size: aliases (which could expand a small file without end) are refused.
    """
    if path is None:
        return parse_seed(DEMO_SEED)
    try:
        text = read_limited(Path(path), MAX_SEED_BYTES).decode("utf-8")
    except OSError as exc:
        raise SeedUnreadable(f"{path}: cannot read the seed file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise SeedUnreadable(
            f"{path}: cannot read the seed file: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
            f"at offset {exc.start})"
        ) from None
    try:
        _check_events(text)
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise SeedUnreadable(f"{path}: not valid YAML: {_one_line(exc)}") from None
    try:
        return parse_seed(data)
    except SeedError as exc:
        raise SeedError(f"{path}: invalid seed:\n{exc}") from None


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting in one streaming pass, before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        problem = None
        if isinstance(event, yaml.AliasEvent):
            problem = "aliases (*name) are not supported in a seed: write the value out"
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problem = f"nested more than {MAX_DEPTH} levels deep"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if problem is not None:
            mark = event.start_mark
            where = "" if mark is None else f"line {mark.line + 1}, column {mark.column + 1}: "
            raise yaml.YAMLError(where + problem)


def _one_line(exc: yaml.YAMLError) -> str:
    """A YAML error as `line L, column C: problem` (PyYAML's own text spans several lines with a snippet)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None:
            return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"
        return str(problem)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


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
                self.fail(where, f"unknown key {_shown(key)} (allowed: {allowed})")
        for key in sorted(required - set(value)):
            self.fail(where, f"missing required key {key!r}")
        return value

    def guid(self, value: Any, where: str) -> str | None:
        """The value if it is a lower-case GUID, else None (the problem is recorded)."""
        if value is _ABSENT:
            return None
        if not isinstance(value, str) or not _GUID.fullmatch(value):
            self.fail(where, f"not a lower-case GUID: {_shown(value)}")
            return None
        return value

    def text(self, value: Any, where: str) -> str:
        """The value if it is a non-blank string, else an empty string (the problem is recorded)."""
        if value is _ABSENT:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"expected a non-empty string, got {_shown(value)}")
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
        version = root.get("version")
        if "version" in root and (type(version) is not int or version != SEED_VERSION):
            self.fail(
                "version",
                f"unsupported seed version {_shown(version)} (this release reads the whole number {SEED_VERSION})",
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
                self.fail(
                    at, f"not a template id (a letter, then letters, digits, '_' or '-'): {_shown(template)}"
                )
            elif template in templates:
                self.fail(at, f"duplicate template id {_shown(template)}")
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


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxdict = 2, 60, 60, 4, 4


def _shown(value: Any) -> str:
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
