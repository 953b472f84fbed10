from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.bulk_upload_request_schemas_item import BulkUploadRequestSchemasItem
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bulk_upload_operation import BulkUploadOperation


T = TypeVar("T", bound="BulkUploadRequest")


@_attrs_define
class BulkUploadRequest:
    """A SCIM bulk request (RFC 7644, 3.7) of user records for API-driven inbound provisioning (docs/spec-decisions.md
    D35).

        Attributes:
            schemas (list[BulkUploadRequestSchemasItem]): The bulk request's schema URN.
            operations (list[BulkUploadOperation]): The records, at most 50.
            fail_on_errors (int | None | Unset): Errors after which the service stops processing (SCIM); Graph processes
                every record.
    """

    schemas: list[BulkUploadRequestSchemasItem]
    operations: list[BulkUploadOperation]
    fail_on_errors: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        schemas = []
        for schemas_item_data in self.schemas:
            schemas_item = schemas_item_data.value
            schemas.append(schemas_item)

        operations = []
        for operations_item_data in self.operations:
            operations_item = operations_item_data.to_dict()
            operations.append(operations_item)

        fail_on_errors: int | None | Unset
        if isinstance(self.fail_on_errors, Unset):
            fail_on_errors = UNSET
        else:
            fail_on_errors = self.fail_on_errors

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "schemas": schemas,
                "Operations": operations,
            }
        )
        if fail_on_errors is not UNSET:
            field_dict["failOnErrors"] = fail_on_errors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_upload_operation import BulkUploadOperation  # noqa: PLC0415

        d = dict(src_dict)
        schemas = []
        _schemas = d.pop("schemas")
        for schemas_item_data in _schemas:
            schemas_item = BulkUploadRequestSchemasItem(schemas_item_data)

            schemas.append(schemas_item)

        operations = []
        _operations = d.pop("Operations")
        for operations_item_data in _operations:
            operations_item = BulkUploadOperation.from_dict(operations_item_data)

            operations.append(operations_item)

        def _parse_fail_on_errors(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fail_on_errors = _parse_fail_on_errors(d.pop("failOnErrors", UNSET))

        bulk_upload_request = cls(
            schemas=schemas,
            operations=operations,
            fail_on_errors=fail_on_errors,
        )

        return bulk_upload_request
