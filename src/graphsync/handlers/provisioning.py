"""provisionOnDemand: provision seeded users and groups through a rule of the job's schema (D34)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from graphsync.directory import Directory
from graphsync.domain import jobs, provisioning, schemas
from graphsync.errors import GraphError, resource_not_found
from graphsync.handlers.base import JSON, Call, Reply
from graphsync.handlers.credentials import CredentialHandlers
from graphsync.handlers.schemas import SchemaHandlers
from graphsync.http import json_bytes
from graphsync.ids import RandomIds
from graphsync.storage import JobStore, job_document
from graphsync.throttle import RateWindow

INVALID = "RequestParameterInvalid"
DOCUMENT = "provisioned"  # the job's document: ids of the subjects it provisioned
USER_TYPES = {"User", "user"}  # Entra ID to an application; Active Directory and Entra ID
GROUP_TYPES = {"Group"}


class ProvisioningHandlers:
    """POST `.../jobs/{id}/provisionOnDemand`: at most 5 requests per 10 seconds per job."""

    def __init__(
        self,
        store: JobStore,
        directory: Directory,
        *,
        schemas_of: SchemaHandlers,
        credentials: CredentialHandlers,
        ids: RandomIds,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._directory = directory
        self._schemas = schemas_of
        self._credentials = credentials
        self._ids = ids
        self._now = now
        self._window = RateWindow(5, 10.0)

    async def provision_on_demand(self, call: Call) -> Reply:
        """200 with the report of every subject; 404, 429, or 400 (credentials, rule, subject)."""
        document = await self._store.get(call.owner, call.job)
        if document is None:
            raise resource_not_found(call.job)
        await self._credentials.require_saved(call.owner, str(jobs.loads(document)["templateId"]))
        schema = await self._schemas.of_job(call.owner, call.job)
        requested = [
            (self._rule(schema, parameter.get("ruleId")), self._subjects(call, parameter))
            for parameter in call.body["parameters"]
        ]
        if sum(len(subjects) for _, subjects in requested) > provisioning.MAX_SUBJECTS:
            raise GraphError(
                400, INVALID, f"At most {provisioning.MAX_SUBJECTS} subjects (with members) per request."
            )
        self._window.check((call.owner, call.job))  # counts the requests that provision (D34)
        name = job_document(call.job, DOCUMENT)
        provisioned = frozenset(json.loads(await self._store.get_document(call.owner, name) or "[]"))
        entries = []
        for rule, subjects in requested:
            entries += provisioning.report(
                subjects, rule, provisioned=provisioned, now=self._now(), new_id=self._ids.uuid4
            )
        ids = {subject.object_id for _, subjects in requested for subject in subjects}

        def remember(current: str | None) -> str:
            return json.dumps(sorted(set(json.loads(current or "[]")) | ids))

        await self._store.write_document(call.owner, name, remember)
        context = f"{call.base_url}/$metadata#microsoft.graph.stringKeyStringValuePair"
        return Reply(200, json_bytes({"@odata.context": context, **provisioning.answer(entries)}), [JSON])

    def _rule(self, schema: Mapping[str, Any], rule_id: Any) -> Mapping[str, Any]:
        rule = schemas.rule(schema, rule_id) if isinstance(rule_id, str) else None
        if rule is None:
            shown = json.dumps(str(rule_id)[:100], ensure_ascii=False)
            raise GraphError(
                400,
                INVALID,
                f"The ruleId {shown} is not a rule of the job's schema (GET .../jobs/{{id}}/schema).",
            )
        return rule

    def _subjects(self, call: Call, parameter: Mapping[str, Any]) -> list[provisioning.Subject]:
        """The subjects of one parameter, groups followed by the members their links name."""
        given = parameter.get("subjects") or []
        if not given:
            raise GraphError(400, INVALID, "Each parameter needs at least one subject.")
        found: list[provisioning.Subject] = []
        for subject in given:
            found.append(self._find(call.owner.tenant_id, subject))
            links = subject.get("links") or {}
            members = links.get("members") or []
            group = found[-1]
            for member in members:
                user = self._find(call.owner.tenant_id, member)
                if user.object_id not in group.members:
                    raise GraphError(
                        400, INVALID, f"{user.object_id} is not a member of the group {group.object_id}."
                    )
                found.append(user)
            if len(found) > provisioning.MAX_SUBJECTS:
                break  # refused by the caller; no need to look further
        return found

    def _find(self, tenant_id: str, subject: Mapping[str, Any]) -> provisioning.Subject:
        object_id = subject.get("objectId")
        kind = subject.get("objectTypeName")
        if isinstance(object_id, str) and kind in USER_TYPES:
            user = self._directory.user(tenant_id, object_id)
            if user is not None:
                attributes = {
                    "objectId": user.id,
                    "userPrincipalName": user.user_principal_name,
                    "displayName": user.display_name,
                    "mailNickname": user.user_principal_name.split("@")[0],
                    "accountEnabled": str(user.account_enabled),
                }
                return provisioning.Subject(user.id, "User", user.user_principal_name, attributes)
        elif isinstance(object_id, str) and kind in GROUP_TYPES:
            group = self._directory.group(tenant_id, object_id)
            if group is not None:
                attributes = {"objectId": group.id, "displayName": group.display_name}
                return provisioning.Subject(group.id, "Group", group.display_name, attributes, group.members)
        shown = json.dumps(str(object_id)[:100], ensure_ascii=False)
        kind_shown = json.dumps(str(kind)[:40], ensure_ascii=False)
        raise GraphError(
            400, INVALID, f"The subject {shown} of type {kind_shown} was not found in the source directory."
        )
