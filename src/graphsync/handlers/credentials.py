"""validateCredentials, job-bound and before a job exists: do credentials satisfy the template? (D31)"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graphsync.directory import Directory
from graphsync.domain import jobs, secrets
from graphsync.errors import BAD_REQUEST, GraphError, resource_not_found
from graphsync.handlers.base import Call, Reply
from graphsync.handlers.jobs import unavailable_template
from graphsync.handlers.secrets import DOCUMENT, configuration_fields
from graphsync.storage import JobStore, OwnerKey

CREDENTIALS_MISSING = "CredentialsMissing"  # Graph's code for unconfigured provisioning (Terraform's tests)


class CredentialHandlers:
    """The two validateCredentials actions; `keys` are the spec's `synchronizationSecret` members."""

    def __init__(self, store: JobStore, directory: Directory, *, keys: Iterable[str]) -> None:
        self._store = store
        self._directory = directory
        self._keys = tuple(keys)
        self._required: dict[str, list[str]] = {}  # by template id (the seed is fixed)

    async def validate_for_template(self, call: Call) -> Reply:
        """204 when the credentials satisfy the template `templateId` names (collection-bound)."""
        template_id = call.body.get("templateId")
        if not template_id:
            raise GraphError(
                400,
                BAD_REQUEST,
                "The parameter 'templateId' is required to validate credentials without a job.",
            )
        if template_id not in call.directory_object.templates:
            raise unavailable_template(template_id, call.owner.owner_kind)
        return await self._check(call, template_id)

    async def validate_for_job(self, call: Call) -> Reply:
        """204 when the credentials satisfy the job's template; 404 without the job."""
        document = await self._store.get(call.owner, call.job)
        if document is None:
            raise resource_not_found(call.job)
        return await self._check(call, str(jobs.loads(document)["templateId"]))

    async def require_saved(self, owner: OwnerKey, template_id: str) -> None:
        """Return if the saved secrets satisfy the template, else 400 `CredentialsMissing` (provisionOnDemand)."""
        self._require(template_id, secrets.loads(await self._store.get_document(owner, DOCUMENT)))

    async def missing_saved(self, owner: OwnerKey, template_id: str) -> list[str]:
        """The keys the template requires that the saved secrets give no value (provisioning cycles)."""
        return self._absent(template_id, secrets.loads(await self._store.get_document(owner, DOCUMENT)))

    async def _check(self, call: Call, template_id: str) -> Reply:
        if call.body.get("useSavedCredentials"):
            await self.require_saved(call.owner, template_id)
        else:
            self._require(template_id, call.body.get("credentials") or [])
        return Reply(204)

    def _absent(self, template_id: str, pairs: Sequence[Mapping[str, Any]]) -> list[str]:
        required = self._required.get(template_id)
        if required is None:
            texts = configuration_fields(self._directory, [template_id])
            required = self._required[template_id] = secrets.required_keys(texts, self._keys)
        return secrets.missing(required, pairs)

    def _require(self, template_id: str, pairs: Sequence[Mapping[str, Any]]) -> None:
        absent = self._absent(template_id, pairs)
        if absent:
            raise GraphError(
                400,
                CREDENTIALS_MISSING,
                f"Please configure provisioning: the credentials have no value for {', '.join(absent)}.",
            )
