"""Bearer-token authentication and permission checks of the emulator (docs/security.md).

`Authenticator` turns an `Authorization` header into a `Principal` or a 401; `authorize` checks a
principal against an operation's `x-graph-permissions` and raises Graph's refusal; `mint_token` signs a token
with the development key so that `graphsync token` and the tests can call the emulator.
"""

from graphsync.auth.keys import KeySet, key_id, load_key_set
from graphsync.auth.policy import (
    DIRECTORY_ROLES,
    GLOBAL_ADMINISTRATOR,
    OWNED_BY,
    authorize,
    permission_denied,
)
from graphsync.auth.tokens import (
    CHALLENGE,
    GRAPH_RESOURCE,
    LEEWAY_S,
    Authenticator,
    Principal,
    mint_token,
)
from graphsync.directory import PERSONAL_ACCOUNTS_TENANT

__all__ = [
    "CHALLENGE",
    "DIRECTORY_ROLES",
    "GLOBAL_ADMINISTRATOR",
    "GRAPH_RESOURCE",
    "LEEWAY_S",
    "OWNED_BY",
    "PERSONAL_ACCOUNTS_TENANT",
    "Authenticator",
    "KeySet",
    "Principal",
    "authorize",
    "key_id",
    "load_key_set",
    "mint_token",
    "permission_denied",
]
