"""The callers of a fuzz run, and the identities file that lists them (docs/fuzzing.md, "Identities").

The runner builds one `Identity` per caller (minted for the emulator, or read from the IDENTITIES
file of a URL run) and writes the callers other than the main one to the file the checks read
(`GRAPHSYNC_FUZZ_IDENTITIES`). The format, JSON:

    {"identities": [{"name": "...", "token": "...", "tenant": "home" | "other",
                     "kind": "application" | "delegated", "permissions": [...],
                     "directoryRoles": [...], "owns": true | false | null}]}

`name` and `token` are required; a `Bearer ` prefix on a token is dropped. An entry may also carry a
`description`, which the runner's report shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Directory role that includes every other role (docs/security.md, "Authorization").
GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10"
OWNED_BY = "Application.ReadWrite.OwnedBy"  # like every `*.OwnedBy` permission: only objects the caller owns


class IdentitiesError(ValueError):
    """An identities file that cannot be used; the message says why, in one line."""


@dataclass
class Identity:
    """One caller, with what Graph's permission model says about it.

    `tenant` is "home" when the identity belongs to the tenant that owns the fuzzed service
    principal and application, "other" for another tenant. `kind` is "application" (permissions
    are the token's `roles`) or "delegated" (`scp`, plus the user's directory roles in `wids`).
    """

    name: str
    token: str = ""
    tenant: str = "home"
    kind: str = "application"
    permissions: tuple[str, ...] = ()
    directory_roles: tuple[str, ...] = ()
    #: Whether the caller's service principal owns the fuzzed service principal and application;
    #: matters only for `Application.ReadWrite.OwnedBy` (None: unknown, such calls are not judged).
    owns: bool | None = None
    #: What the report says about the caller.
    description: str = ""
    #: The token's tenant and application ids (`tid`, `appid`) when the run mints the token itself.
    tenant_id: str = ""
    app_id: str = ""

    def may_call(self, operation: Mapping[str, Any]) -> bool | None:
        """Whether `x-graph-permissions` lets this caller call the operation; None when it depends on ownership."""
        table = operation.get("x-graph-permissions")
        if not isinstance(table, Mapping):
            return False
        if self.kind == "delegated":
            roles = {
                r.get("templateId", "").lower()
                for r in table.get("directoryRoles") or []
                if isinstance(r, Mapping)
            }
            has_role = any(role.lower() in roles | {GLOBAL_ADMINISTRATOR} for role in self.directory_roles)
            return has_role and bool(set(self.permissions) & set(table.get("delegatedWork") or []))
        granted = set(self.permissions) & set(table.get("application") or [])
        if {name for name in granted if not name.endswith(".OwnedBy")}:
            return True
        return self.owns if granted else False

    def as_json(self) -> dict[str, Any]:
        """The identity as an entry of the identities file."""
        return {
            "name": self.name,
            "token": self.token,
            "tenant": self.tenant,
            "kind": self.kind,
            "permissions": list(self.permissions),
            "directoryRoles": list(self.directory_roles),
            "owns": self.owns,
        }

    @classmethod
    def from_json(cls, entry: Mapping[str, Any]) -> Identity:
        """An entry of the identities file; KeyError when `name` or `token` is missing."""
        return cls(
            name=str(entry["name"]),
            token=str(entry["token"]).removeprefix("Bearer ").strip(),
            tenant=str(entry.get("tenant", "home")),
            kind=str(entry.get("kind", "application")),
            permissions=tuple(entry.get("permissions") or ()),
            directory_roles=tuple(entry.get("directoryRoles") or ()),
            owns=entry.get("owns"),
            description=str(entry.get("description", "")),
        )


def read_identities(path: str | Path) -> tuple[Identity, ...]:
    """The identities of an identities file; IdentitiesError when it is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        entries = data["identities"]
        if not isinstance(entries, list):
            raise TypeError(f"`identities` is {type(entries).__name__}, not a list")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IdentitiesError(f'expected {{"identities": [...]}} (docs/fuzzing.md): {exc}') from None
    try:
        return tuple(Identity.from_json(entry) for entry in entries)
    except KeyError as exc:
        raise IdentitiesError(f"an entry lacks {exc}") from None
    except (TypeError, AttributeError):
        raise IdentitiesError("every entry must be an object with a `name` and a `token`") from None


def write_identities(path: Path, identities: Iterable[Identity]) -> None:
    """Write an identities file (the runner's, for the checks)."""
    data = {"identities": [identity.as_json() for identity in identities]}
    path.write_text(json.dumps(data), encoding="utf-8")
