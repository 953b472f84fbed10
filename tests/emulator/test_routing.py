"""The table of operations (graphsync.handlers.OPERATIONS) and openapi.yaml are held to each other."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import yaml
from support import SPEC_PATH

from graphsync.app import create_app
from graphsync.handlers import (
    OPERATIONS,
    BulkUploadHandlers,
    CredentialHandlers,
    ExpressionHandlers,
    ImplementationError,
    JobHandlers,
    ProvisioningHandlers,
    SchemaHandlers,
    SecretHandlers,
    TemplateHandlers,
    check,
)
from graphsync.settings import Settings
from graphsync.spec import Spec

SPEC = Spec.load(SPEC_PATH)
RESOURCES = {
    "jobs": JobHandlers,
    "secrets": SecretHandlers,
    "templates": TemplateHandlers,
    "credentials": CredentialHandlers,
    "schemas": SchemaHandlers,
    "provisioning": ProvisioningHandlers,
    "bulkUpload": BulkUploadHandlers,
    "expressions": ExpressionHandlers,
}


def test_every_operation_of_the_spec_has_exactly_one_entry_and_no_entry_is_spare() -> None:
    declared = [op.operation_id for op in SPEC.operations]
    assert len(declared) == len(set(declared))
    assert sorted(declared) == sorted(OPERATIONS)


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_each_entry_names_a_coroutine_of_its_resource(operation_id: str) -> None:
    resource, method = OPERATIONS[operation_id]
    handler = getattr(RESOURCES[resource], method, None)
    assert handler is not None and inspect.iscoroutinefunction(handler), (operation_id, resource, method)


def test_entries_of_one_kind_of_operation_share_a_handler_across_owner_kinds() -> None:
    """The same operation under /servicePrincipals and /applications behaves alike."""
    by_path: dict[str, set[tuple[str, str]]] = {}
    for op in SPEC.operations:
        shape = op.path.split("/", 2)[2] + " " + op.method  # the path after /{owner kind}/{id}
        by_path.setdefault(shape, set()).add(OPERATIONS[op.operation_id])
    assert all(len(handlers) == 1 for handlers in by_path.values()), by_path


def test_a_spec_operation_without_an_entry_stops_start_up_before_the_database_is_opened(
    tmp_path: Path, settings: Settings
) -> None:
    document = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    item = document["paths"][
        "/servicePrincipals/{servicePrincipal-id}/synchronization/jobs/{synchronizationJob-id}"
    ]
    item["patch"] = {**item["get"], "operationId": "servicePrincipals.synchronization.UpdateJobs"}
    spec = tmp_path / "openapi.yaml"
    spec.write_text(yaml.safe_dump(document), encoding="utf-8")
    database = tmp_path / "never.db"
    with pytest.raises(ImplementationError, match="servicePrincipals.synchronization.UpdateJobs"):
        create_app(Settings(spec=spec, db=f"sqlite:///{database}", signing_key=settings.signing_key))
    assert not database.exists()
    with pytest.raises(ImplementationError, match="OPERATIONS"):
        check(["nobody.CreatesThis"])
