from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ReferencedObject")


@_attrs_define
class ReferencedObject:
    """An object a reference attribute may refer to.

    Attributes:
        odata_type (Literal['#microsoft.graph.referencedObject'] | Unset): OData type annotation. Optional; Graph does
            not send it in responses.
        referenced_object_name (None | str | Unset): Name of the referenced object.
        referenced_property (None | str | Unset): The property referenced.
    """

    odata_type: Literal["#microsoft.graph.referencedObject"] | Unset = UNSET
    referenced_object_name: None | str | Unset = UNSET
    referenced_property: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        referenced_object_name: None | str | Unset
        if isinstance(self.referenced_object_name, Unset):
            referenced_object_name = UNSET
        else:
            referenced_object_name = self.referenced_object_name

        referenced_property: None | str | Unset
        if isinstance(self.referenced_property, Unset):
            referenced_property = UNSET
        else:
            referenced_property = self.referenced_property

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if referenced_object_name is not UNSET:
            field_dict["referencedObjectName"] = referenced_object_name
        if referenced_property is not UNSET:
            field_dict["referencedProperty"] = referenced_property

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.referencedObject"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.referencedObject" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.referencedObject', got '{odata_type}'")

        def _parse_referenced_object_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referenced_object_name = _parse_referenced_object_name(d.pop("referencedObjectName", UNSET))

        def _parse_referenced_property(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        referenced_property = _parse_referenced_property(d.pop("referencedProperty", UNSET))

        referenced_object = cls(
            odata_type=odata_type,
            referenced_object_name=referenced_object_name,
            referenced_property=referenced_property,
        )

        return referenced_object
