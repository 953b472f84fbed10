from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.directory_definition import DirectoryDefinition


T = TypeVar("T", bound="DirectoryDefinitionCollectionResponse")


@_attrs_define
class DirectoryDefinitionCollectionResponse:
    """The directories of a schema.

    Attributes:
        value (list[DirectoryDefinition]): The directories.
        odata_context (str | Unset): OData context URL.
    """

    value: list[DirectoryDefinition]
    odata_context: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        value = []
        for value_item_data in self.value:
            value_item = value_item_data.to_dict()
            value.append(value_item)

        odata_context = self.odata_context

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )
        if odata_context is not UNSET:
            field_dict["@odata.context"] = odata_context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.directory_definition import DirectoryDefinition  # noqa: PLC0415

        d = dict(src_dict)
        value = []
        _value = d.pop("value")
        for value_item_data in _value:
            value_item = DirectoryDefinition.from_dict(value_item_data)

            value.append(value_item)

        odata_context = d.pop("@odata.context", UNSET)

        directory_definition_collection_response = cls(
            value=value,
            odata_context=odata_context,
        )

        return directory_definition_collection_response
