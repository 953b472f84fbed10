"""Synchronization schemas: a job's (GET, PUT) and a template's (GET), D33."""

from __future__ import annotations

from typing import Any

from graphsync.directory import Directory
from graphsync.domain import jobs, schemas
from graphsync.errors import resource_not_found
from graphsync.handlers.base import JSON, TEMPLATE_PARAM, Call, Reply
from graphsync.http import json_bytes
from graphsync.odata import odata_key, synchronization_context
from graphsync.storage import JobNotFound, JobStore, OwnerKey, job_document

DOCUMENT = "schema"  # the job's document that holds a schema saved by PUT


class SchemaHandlers:
    """GET and PUT of `.../jobs/{id}/schema`, GET of `.../templates/{id}/schema`."""

    def __init__(self, store: JobStore, directory: Directory) -> None:
        self._store = store
        self._directory = directory
        self._templates: dict[str, schemas.Schema] = {}  # by template id (the seed is fixed)

    async def get_for_job(self, call: Call) -> Reply:
        """200 with the job's schema: saved by a PUT, else its template's; 404 without the job."""
        schema = await self.of_job(call.owner, call.job)
        member = f"jobs({odata_key(call.job)})/schema/$entity"
        body = {"@odata.context": synchronization_context(call.base_url, call.owner, member), **schema}
        return Reply(200, json_bytes(body), [JSON])

    async def put_for_job(self, call: Call) -> Reply:
        """204 once the body durably replaces the job's schema; 404 without the job."""
        saved = schemas.to_save(call.job, call.body)
        name = job_document(call.job, DOCUMENT)
        try:
            await self._store.write_document(call.owner, name, lambda _: saved, of_job=call.job)
        except JobNotFound:
            raise resource_not_found(call.job) from None
        return Reply(204)

    async def get_for_template(self, call: Call) -> Reply:
        """200 with the schema of one of the owner's templates, or 404."""
        template_id = call.path[TEMPLATE_PARAM]
        if template_id not in call.directory_object.templates:
            raise resource_not_found(template_id)
        member = f"templates({odata_key(template_id)})/schema/$entity"
        context = synchronization_context(call.base_url, call.owner, member)
        return Reply(200, json_bytes({"@odata.context": context, **self.of_template(template_id)}), [JSON])

    async def list_directories(self, call: Call) -> Reply:
        """200 with the directories of the job's or template's schema; 404 without the schema."""
        schema, member = await self.addressed(call)
        body = {
            "@odata.context": synchronization_context(call.base_url, call.owner, f"{member}/directories"),
            "value": schema.get("directories") or [],
        }
        return Reply(200, json_bytes(body), [JSON])

    async def get_directory(self, call: Call) -> Reply:
        """200 with one directory of the schema, by id, or 404."""
        schema, member = await self.addressed(call)
        directory_id = call.path["directoryDefinition-id"]
        for directory in schema.get("directories") or ():
            if isinstance(directory, dict) and directory.get("id") == directory_id:
                context = synchronization_context(call.base_url, call.owner, f"{member}/directories/$entity")
                return Reply(200, json_bytes({"@odata.context": context, **directory}), [JSON])
        raise resource_not_found(directory_id)

    async def addressed(self, call: Call) -> tuple[dict[str, Any], str]:
        """The schema the path addresses (a job's or a template's) and its OData path."""
        template_id = call.path.get(TEMPLATE_PARAM)
        if template_id is None:
            return await self.of_job(call.owner, call.job), f"jobs({odata_key(call.job)})/schema"
        if template_id not in call.directory_object.templates:
            raise resource_not_found(template_id)
        return self.of_template(template_id), f"templates({odata_key(template_id)})/schema"

    async def of_job(self, owner: OwnerKey, job_id: str) -> dict[str, Any]:
        """The job's schema (ResourceNotFound without the job)."""
        document = await self._store.get(owner, job_id)
        if document is None:
            raise resource_not_found(job_id)
        saved = await self._store.get_document(owner, job_document(job_id, DOCUMENT))
        template = self.of_template(str(jobs.loads(document)["templateId"]))
        return schemas.job_schema(job_id, template, saved)

    def of_template(self, template_id: str) -> schemas.Schema:
        found = self._templates.get(template_id)
        if found is None:
            seeded = self._directory.template(template_id).schema
            found = self._templates[template_id] = schemas.template_schema(template_id, seeded)
        return found
