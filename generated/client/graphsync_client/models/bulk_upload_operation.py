from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.bulk_upload_operation_method import BulkUploadOperationMethod
from ..models.bulk_upload_operation_path import BulkUploadOperationPath

if TYPE_CHECKING:
    from ..models.bulk_upload_user import BulkUploadUser


T = TypeVar("T", bound="BulkUploadOperation")


@_attrs_define
class BulkUploadOperation:
    """One user record of a bulk request.

    Attributes:
        method (BulkUploadOperationMethod): Always `POST`: the service creates or updates the user it matches.
        bulk_id (str): The operation's id, chosen by the client.
        path (BulkUploadOperationPath): Always `/Users`.
        data (BulkUploadUser): A SCIM user with the core and enterprise schemas, and any custom schema the job's mapping
            reads. `externalId` identifies the record in the source (matched with `employeeId` by default).
    """

    method: BulkUploadOperationMethod
    bulk_id: str
    path: BulkUploadOperationPath
    data: BulkUploadUser

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        bulk_id = self.bulk_id

        path = self.path.value

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "method": method,
                "bulkId": bulk_id,
                "path": path,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_upload_user import BulkUploadUser  # noqa: PLC0415

        d = dict(src_dict)
        method = BulkUploadOperationMethod(d.pop("method"))

        bulk_id = d.pop("bulkId")

        path = BulkUploadOperationPath(d.pop("path"))

        data = BulkUploadUser.from_dict(d.pop("data"))

        bulk_upload_operation = cls(
            method=method,
            bulk_id=bulk_id,
            path=path,
            data=data,
        )

        return bulk_upload_operation
