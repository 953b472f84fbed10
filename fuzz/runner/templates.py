"""The synchronization templates of the fuzzed objects, as a seed holds them."""

from __future__ import annotations

from pathlib import Path

from fuzz.runner.errors import UsageError
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
