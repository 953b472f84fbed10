"""The synchronization templates of the fuzzed objects, the users provisionOnDemand may name and the ids
of their schemas' directories, as a seed holds them."""

from __future__ import annotations

from pathlib import Path

from fuzz.runner.errors import UsageError
from graphsync.domain.schemas import template_schema
from graphsync.seed import SeedError, load_seed


def seed_templates(seed: Path | None, kind: str, object_id: str) -> list[str]:
    """The templates of the `kind` object `object_id` in `seed` (None: the built-in demo seed)."""
    try:
        directory = load_seed(seed)
    except SeedError as exc:
        raise UsageError(str(exc)) from None
    for tenant in directory.tenants.values():
        obj = tenant.objects.get((kind, object_id))
        if obj is not None:
            return list(obj.templates)
    raise UsageError(f"the seed {seed or '(built-in demo)'} has no {kind} object {object_id}")


def seed_subjects(seed: Path | None, kind: str, object_id: str) -> list[str]:
    """The object ids of the users of the tenant that holds the `kind` object `object_id`."""
    directory = load_seed(seed)  # seed_templates has read it already: errors were reported there
    for tenant in directory.tenants.values():
        if (kind, object_id) in tenant.objects:
            return sorted(tenant.users)
    return []


def seed_directories(seed: Path | None, templates: list[str]) -> list[str]:
    """`template:directory id` for the directories of these templates' schemas, as the emulator answers them."""
    directory = load_seed(seed)
    found: list[str] = []
    for template_id in dict.fromkeys(templates):
        schema = template_schema(template_id, directory.template(template_id).schema)
        found += [f"{template_id}:{d['id']}" for d in schema["directories"]]
    return found
