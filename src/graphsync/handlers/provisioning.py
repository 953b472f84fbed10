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
from graphsync.storage import JobNotFound, JobStore, job_document
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
        parameters = call.body["parameters"]
        total = sum(_size(subject) for parameter in parameters for subject in parameter.get("subjects") or ())
        if total > provisioning.MAX_SUBJECTS:
            raise GraphError(
                400, INVALID, f"At most {provisioning.MAX_SUBJECTS} subjects (with members) per request."
            )
        rules = schemas.rules(await self._schemas.of_job(call.owner, call.job))
        requested = [(self._rule(rules, p.get("ruleId")), self._subjects(call, p)) for p in parameters]
        self._window.check((call.owner, call.job))  # counts the requests that provision (D34)
        name = job_document(call.job, DOCUMENT)
        seen = set(json.loads(await self._store.get_document(call.owner, name) or "[]"))
        entries = []
        for rule, subjects in requested:  # `seen` gains each subject: one named twice is provisioned once
            entries += provisioning.report(
                subjects, rule, provisioned=seen, now=self._now(), new_id=self._ids.uuid4
            )

        def remember(current: str | None) -> str:
            return json.dumps(sorted(set(json.loads(current or "[]")) | seen))

        try:
            await self._store.write_document(call.owner, name, remember, of_job=call.job)
        except JobNotFound:  # deleted meanwhile
            raise resource_not_found(call.job) from None
        context = f"{call.base_url}/$metadata#microsoft.graph.stringKeyStringValuePair"
        return Reply(200, json_bytes({"@odata.context": context, **provisioning.answer(entries)}), [JSON])

    def _rule(self, rules: Mapping[str, Mapping[str, Any]], rule_id: Any) -> Mapping[str, Any]:
        if not isinstance(rule_id, str):
            raise GraphError(400, INVALID, "Each parameter needs a ruleId (GET .../jobs/{id}/schema).")
        rule = rules.get(rule_id)
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
            if members and group.kind != "Group":
                raise GraphError(
                    400, INVALID, f"{group.object_id} is a user: only a group's subject has members."
                )
            for member in members:
                user = self._find(call.owner.tenant_id, member)
                if user.object_id not in group.members:
                    raise GraphError(
                        400, INVALID, f"{user.object_id} is not a member of the group {group.object_id}."
                    )
                found.append(user)
        return found

    def _find(self, tenant_id: str, subject: Mapping[str, Any]) -> provisioning.Subject:
        object_id = subject.get("objectId")
        kind = subject.get("objectTypeName")
        if not isinstance(object_id, str) or not isinstance(kind, str):
            raise GraphError(400, INVALID, "Each subject needs an objectId and an objectTypeName.")
        if kind in USER_TYPES:
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
        elif kind in GROUP_TYPES:
            group = self._directory.group(tenant_id, object_id)
            if group is not None:
                attributes = {"objectId": group.id, "displayName": group.display_name}
                return provisioning.Subject(group.id, "Group", group.display_name, attributes, group.members)
        shown = json.dumps(object_id[:100], ensure_ascii=False)
        kind_shown = json.dumps(kind[:40], ensure_ascii=False)
        raise GraphError(
            400, INVALID, f"The subject {shown} of type {kind_shown} was not found in the source directory."
        )


def _size(subject: Any) -> int:
    """A subject and the members its links name."""
    links = subject.get("links") if isinstance(subject, dict) else None
    return 1 + len((links or {}).get("members") or [])
