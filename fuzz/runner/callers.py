"""The callers of an emulator run: the main identity, eight others, and the tokens minted for them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from fuzz.identities import OWNED_BY, Identity
from graphsync import demo
from graphsync.auth import DIRECTORY_ROLES, load_key_set, mint_token
from graphsync.settings import Settings

READ = "Synchronization.Read.All"
APPLICATION_READ = "Application.Read.All"
READ_WRITE = demo.READ_WRITE
UPLOAD = demo.UPLOAD
APPLICATION_ADMINISTRATOR = DIRECTORY_ROLES["Application Administrator"]
TOKEN_LIFETIME_S = 6 * 3600


def emulator_identities() -> tuple[Identity, list[Identity]]:
    """The main identity and the others the emulator run replays every case as."""
    automation_app = Identity("", tenant_id=demo.CONTOSO, app_id=demo.AUTOMATION_APP)
    main = replace(
        automation_app,
        name="owner-app",
        description=f"demo tenant, automation app, application permissions {READ_WRITE} and {UPLOAD}",
        permissions=(READ_WRITE, UPLOAD),
    )
    return main, _other_identities(automation_app)


def _other_identities(app: Identity) -> list[Identity]:
    """The callers other than the main one: variants of `app`, the automation app in the demo tenant."""
    return [
        replace(app, name="reader-app", description=f"demo tenant, application permission {READ} only",
                permissions=(READ,)),
        replace(app, name="application-reader-app",
                description=f"demo tenant, application permission {APPLICATION_READ} only",
                permissions=(APPLICATION_READ,)),
        replace(app, name="no-permission-app", description="demo tenant, a token without any permission"),
        replace(app, name="owned-by-owner-app",
                description=f"demo tenant, {OWNED_BY}; its service principal owns the fuzzed objects",
                permissions=(OWNED_BY,), owns=True),
        replace(app, name="owned-by-stranger-app",
                description=f"demo tenant, {OWNED_BY}, another app that owns neither fuzzed object",
                permissions=(OWNED_BY,), owns=False, app_id=demo.SALESFORCE_APP_ID),
        replace(app, name="delegated-admin",
                description=f"demo tenant, delegated {READ_WRITE}, user is Application Administrator",
                kind="delegated", permissions=(READ_WRITE,), directory_roles=(APPLICATION_ADMINISTRATOR,)),
        replace(app, name="delegated-no-role",
                description=f"demo tenant, delegated {READ_WRITE}, user without a directory role",
                kind="delegated", permissions=(READ_WRITE,)),
        replace(app, name="other-tenant-app",
                description=f"second tenant (Fabrikam), same automation app with {READ_WRITE}",
                tenant="other", permissions=(READ_WRITE,), tenant_id=demo.FABRIKAM),
    ]  # fmt: skip


def mint_tokens(identities: Sequence[Identity], signing_key: Path) -> None:
    """Sign a token for each identity with the key the emulator of this run trusts (sets `token`)."""
    settings = Settings(signing_key=signing_key)
    keys = load_key_set(settings)
    for identity in identities:
        delegated = identity.kind == "delegated"
        identity.token = mint_token(
            settings,
            tenant=identity.tenant_id,
            app_id=identity.app_id,
            roles=[] if delegated else list(identity.permissions),
            scopes=list(identity.permissions) if delegated else (),
            directory_roles=list(identity.directory_roles),
            expires_in=TOKEN_LIFETIME_S,
            keys=keys,
        )
