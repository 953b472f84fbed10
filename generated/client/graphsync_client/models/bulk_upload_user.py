from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BulkUploadUser")


@_attrs_define
class BulkUploadUser:
    """A SCIM user with the core and enterprise schemas, and any custom schema the job's mapping reads. `externalId`
    identifies the record in the source (matched with `employeeId` by default).

        Attributes:
            schemas (list[str]): Schema URNs, each once: the core and enterprise user schemas, and custom ones.
            external_id (str): Unique identifier of the record in the source system.
            user_name (str | Unset): User name (often the future userPrincipalName).
            active (bool | Unset): Whether the account is enabled.
    """

    schemas: list[str]
    external_id: str
    user_name: str | Unset = UNSET
    active: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        schemas = self.schemas

        external_id = self.external_id

        user_name = self.user_name

        active = self.active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "schemas": schemas,
                "externalId": external_id,
            }
        )
        if user_name is not UNSET:
            field_dict["userName"] = user_name
        if active is not UNSET:
            field_dict["active"] = active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        schemas = cast(list[str], d.pop("schemas"))

        external_id = d.pop("externalId")

        user_name = d.pop("userName", UNSET)

        active = d.pop("active", UNSET)

        bulk_upload_user = cls(
            schemas=schemas,
            external_id=external_id,
            user_name=user_name,
            active=active,
        )

        bulk_upload_user.additional_properties = d
        return bulk_upload_user

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
