"""The synchronization templates an owner offers, read from the seed: list, `$count` and get (D30)."""

from __future__ import annotations

from typing import Any

from graphsync.directory import Directory, Template
from graphsync.errors import resource_not_found
from graphsync.handlers.base import JSON, TEMPLATE_PARAM, TEXT, Call, Reply
from graphsync.http import json_bytes
from graphsync.odata import synchronization_context

MEMBER = "templates"


class TemplateHandlers:
    """GET of `.../synchronization/templates`, its `$count` and one template, from the directory."""

    def __init__(self, directory: Directory) -> None:
        self._directory = directory

    async def list(self, call: Call) -> Reply:
        """200 with the owner's templates: a service principal lists its discoverable ones, an application all."""
        body = {
            "@odata.context": synchronization_context(call.base_url, call.owner, MEMBER),
            "value": [document(template, call) for template in self._listed(call)],
        }
        return Reply(200, json_bytes(body), [JSON])

    async def count(self, call: Call) -> Reply:
        """The number of templates the list answers, as plain text."""
        return Reply(200, str(len(self._listed(call))).encode(), [TEXT])

    async def get(self, call: Call) -> Reply:
        """200 with one of the owner's templates (discoverable or not), or 404."""
        template_id = call.path[TEMPLATE_PARAM]
        if template_id not in call.directory_object.templates:
            raise resource_not_found(template_id)
        context = synchronization_context(call.base_url, call.owner, MEMBER) + "/$entity"
        body = {"@odata.context": context, **document(self._directory.template(template_id), call)}
        return Reply(200, json_bytes(body), [JSON])

    def _listed(self, call: Call) -> tuple[Template, ...]:
        templates = tuple(
            self._directory.template(template_id) for template_id in call.directory_object.templates
        )
        if call.owner.owner_kind == "servicePrincipals":
            return tuple(template for template in templates if template.discoverable)
        return templates


def document(template: Template, call: Call) -> dict[str, Any]:
    """A template as Graph answers it; `applicationId` is the owner's appId unless the seed names one."""
    return {
        "id": template.id,
        "applicationId": template.application_id or call.directory_object.app_id,
        "default": template.default,
        "description": template.description,
        "discoverable": template.discoverable,
        "factoryTag": template.factory_tag,
        "metadata": [{"key": key, "value": value} for key, value in template.metadata],
    }
