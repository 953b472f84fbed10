"""Synchronization schemas: a template's, the one a job starts with, what a PUT keeps (D33).

A template's schema is the seed's, with the id Graph gives template schemas (`{templateId}.` and 32
zeros); a template the seed gives none has a schema without directories or rules. A job's schema is
its template's, under the job's id, until a PUT replaces it whole.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

Schema = dict[str, Any]
_DIRECTORY_IDS = uuid.UUID("6f9619ff-8b86-d011-b42d-00c04fc964ff")  # namespace of derived directory ids


def template_schema(template_id: str, seeded: str | None) -> Schema:
    """The schema of a template as Graph answers it; directories without an id get a stable one."""
    body: Schema = {"version": None, "directories": [], "synchronizationRules": []}
    body.update(json.loads(seeded) if seeded else {})
    body["directories"] = [
        {"id": str(uuid.uuid5(_DIRECTORY_IDS, f"{template_id}/{directory.get('name')}")), **directory}
        for directory in body["directories"]
    ]
    return {"id": f"{template_id}.{'0' * 32}", **body}


def job_schema(job_id: str, template: Schema, saved: str | None) -> Schema:
    """A job's schema: the one saved by a PUT, else its template's under the job's id."""
    if saved is not None:
        return dict(json.loads(saved))
    return {**template, "id": job_id}


def to_save(job_id: str, body: Mapping[str, Any]) -> str:
    """What a PUT keeps: the body as sent (it replaces the schema whole), under the job's id."""
    kept = {key: value for key, value in body.items() if not key.startswith("@odata.") and key != "id"}
    return json.dumps({"id": job_id, **kept}, ensure_ascii=False, separators=(",", ":"))


def rules(schema: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The schema's synchronization rules by id (compared exactly); the first of an id wins."""
    found: dict[str, Mapping[str, Any]] = {}
    for rule in schema.get("synchronizationRules") or ():
        if isinstance(rule, dict) and isinstance(rule.get("id"), str):
            found.setdefault(rule["id"], rule)
    return found
