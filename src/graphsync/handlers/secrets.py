"""The secrets of an owner's synchronization: replace them all (PUT), read them masked (GET), count them;
and the synchronization itself, which carries them."""

from __future__ import annotations

from collections.abc import Iterable

from graphsync.directory import Directory
from graphsync.domain import secrets
from graphsync.handlers.base import JSON, TEXT, Call, Reply
from graphsync.http import json_bytes
from graphsync.odata import synchronization_context
from graphsync.storage import JobStore

DOCUMENT = "secrets"  # the owner's document that holds them


class SecretHandlers:
    """PUT, GET and `$count` of `.../synchronization/secrets`; `keys` are the spec's `synchronizationSecret`."""

    def __init__(self, store: JobStore, directory: Directory, *, keys: Iterable[str]) -> None:
        self._store = store
        self._directory = directory
        self._keys = tuple(keys)
        self._masked: dict[
            tuple[str, ...], frozenset[str]
        ] = {}  # by the owner's templates (the seed is fixed)

    async def put(self, call: Call) -> Reply:
        """204 once the given secrets durably replace the saved ones."""
        document = secrets.dumps(secrets.to_save(call.body["value"]))
        await self._store.write_document(call.owner, DOCUMENT, lambda _current: document)
        return Reply(204)

    async def list(self, call: Call) -> Reply:
        """200 with the saved secrets, credentials masked as `*`."""
        saved = secrets.loads(await self._store.get_document(call.owner, DOCUMENT))
        shown = secrets.masked(saved, self._secret_keys(call))
        body = {
            "@odata.context": synchronization_context(call.base_url, call.owner, DOCUMENT),
            "value": shown,
        }
        return Reply(200, json_bytes(body), [JSON])

    async def synchronization(self, call: Call) -> Reply:
        """200 with the owner's synchronization: its id (the owner's object id, D32) and its secrets, masked."""
        saved = secrets.loads(await self._store.get_document(call.owner, DOCUMENT))
        body = {
            "@odata.context": synchronization_context(call.base_url, call.owner, "$entity"),
            "id": call.owner.owner_id,
            "secrets": secrets.masked(saved, self._secret_keys(call)),
        }
        return Reply(200, json_bytes(body), [JSON])

    async def count(self, call: Call) -> Reply:
        """The number of saved secrets, as plain text."""
        saved = secrets.loads(await self._store.get_document(call.owner, DOCUMENT))
        return Reply(200, str(len(saved)).encode(), [TEXT])

    def _secret_keys(self, call: Call) -> frozenset[str]:
        """The keys masked for this owner: credentials, and what its templates' configurationFields mark secret."""
        templates = call.directory_object.templates
        found = self._masked.get(templates)
        if found is None:
            texts = configuration_fields(self._directory, templates)
            found = self._masked[templates] = secrets.secret_keys(texts, self._keys)
        return found


def configuration_fields(directory: Directory, template_ids: Iterable[str]) -> list[str | None]:
    """The `configurationFields` metadata values of these templates."""
    return [
        value
        for template_id in template_ids
        for key, value in directory.template(template_id).metadata
        if key == "configurationFields"
    ]
