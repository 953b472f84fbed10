"""OData rendering: `@odata.context`, entity and collection bodies, next links and their skip tokens.

Stored job documents are compact JSON text; a response splices the context into them instead of
decoding and re-encoding them.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence
from urllib.parse import quote

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from graphsync.errors import BAD_REQUEST, GraphError
from graphsync.storage import OwnerKey

_CACHE_ENTRIES = 4096
_SKIPTOKEN = re.compile(r"[A-Za-z0-9_-]{22,200}")
INVALID_SKIPTOKEN = "The $skiptoken is not valid; use the @odata.nextLink as returned."


def _json(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def odata_key(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def synchronization_context(base_url: str, owner: OwnerKey, member: str) -> str:
    """The `@odata.context` of a member of the owner's synchronization, e.g. `secrets`."""
    return f"{base_url}/$metadata#{owner.owner_kind}({odata_key(owner.owner_id)})/synchronization/{member}"


class Collections:
    """The URLs and contexts of a job collection (`.../{owner}/synchronization/jobs`) under a base URL.

    Cached per (base URL, owner): a response needs them on every request.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[str, OwnerKey], tuple[str, str, str]] = {}

    def _of(self, base_url: str, owner: OwnerKey) -> tuple[str, str, str]:
        """(collection URL + "/", JSON of the collection context, JSON of the entity context)."""
        key = (base_url, owner)
        found = self._cache.get(key)
        if found is None:
            url = f"{base_url}/{owner.owner_kind}/{quote(owner.owner_id, safe='')}/synchronization/jobs"
            context = (
                f"{base_url}/$metadata#{owner.owner_kind}({odata_key(owner.owner_id)})/synchronization/jobs"
            )
            found = (url + "/", _json(context), _json(context + "/$entity"))
            if len(self._cache) >= _CACHE_ENTRIES:
                self._cache.clear()
            self._cache[key] = found
        return found

    def url(self, base_url: str, owner: OwnerKey) -> str:
        """The collection's URL."""
        return self._of(base_url, owner)[0][:-1]

    def member_url(self, base_url: str, owner: OwnerKey, job_id: str) -> str:
        """The URL of one job (job ids need no percent-encoding: letters, digits, `.`, `_`, `-`)."""
        return self._of(base_url, owner)[0] + job_id

    def entity(
        self, base_url: str, owner: OwnerKey, document: str, select: Sequence[str] | None = None
    ) -> bytes:
        """A job's response body: its document with the entity `@odata.context` first.

        With `$select`, the context names the selected properties (`.../jobs(templateId)/$entity`).
        """
        if select:
            context = _json(json.loads(self._of(base_url, owner)[1]) + f"({','.join(select)})/$entity")
        else:
            context = self._of(base_url, owner)[2]
        return f'{{"@odata.context":{context},{document[1:]}'.encode()

    def page(
        self,
        base_url: str,
        owner: OwnerKey,
        items: list[str],
        next_link: str | None,
        *,
        select: Sequence[str] | None = None,
        count: int | None = None,
    ) -> bytes:
        """A list response body: the collection context, `@odata.count` if asked, the page's documents, the
        next link if any."""
        context = self._of(base_url, owner)[1]
        if select:
            context = _json(json.loads(context) + f"({','.join(select)})")
        body = f'{{"@odata.context":{context},'
        if count is not None:
            body += f'"@odata.count":{count},'
        body += f'"value":[{",".join(items)}]'
        if next_link is not None:
            body += f',"@odata.nextLink":{_json(next_link)}'
        return (body + "}").encode()


class SkipTokens:
    """`$skiptoken` values: a storage engine's page cursor, encrypted and bound to its collection.

    Cursors are positions in one creation sequence shared by every tenant, so a readable cursor
    would tell a caller how many jobs others created between two of its own. AES-SIV (deterministic
    authenticated encryption) with the collection as associated data: equal cursors of a collection
    give equal tokens, nothing else can be learnt, and a token is valid only for the collection it
    came from. The key is chosen at start-up; the emulator then adopts the one kept in its database
    (`use_key`, graphsync.runtime), so that every process serving that database reads the tokens of
    the others, also after a restart.
    """

    def __init__(self, key: bytes | None = None) -> None:
        self.use_key(key if key is not None else AESSIV.generate_key(256))

    def use_key(self, key: bytes) -> None:
        """Seal and open tokens with `key` (64 bytes) from now on."""
        self.key = key
        self._cipher = AESSIV(key)

    def encode(self, owner: OwnerKey, cursor: str) -> str:
        """The token of `cursor` in the collection of `owner`, base64url without padding."""
        sealed = self._cipher.encrypt(cursor.encode("utf-8"), _associated(owner))
        return base64.urlsafe_b64encode(sealed).decode("ascii").rstrip("=")

    def decode(self, owner: OwnerKey, token: str) -> str:
        """The cursor a token holds; GraphError 400 for anything this server did not issue for this collection."""
        if _SKIPTOKEN.fullmatch(token):
            try:
                sealed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
                return self._cipher.decrypt(sealed, _associated(owner)).decode("utf-8")
            except (binascii.Error, ValueError, InvalidTag):
                pass
        raise GraphError(400, BAD_REQUEST, INVALID_SKIPTOKEN)


def _associated(owner: OwnerKey) -> list[bytes]:
    return [owner.tenant_id.encode(), owner.owner_kind.encode(), owner.owner_id.encode()]
