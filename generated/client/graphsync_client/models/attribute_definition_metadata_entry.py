from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AttributeDefinitionMetadataEntry")


@_attrs_define
class AttributeDefinitionMetadataEntry:
    """Extension property of an attribute definition.

    Attributes:
        odata_type (Literal['#microsoft.graph.attributeDefinitionMetadataEntry'] | Unset): OData type annotation.
            Optional; Graph does not send it in responses.
        key (None | str | Unset): The entry's name. Graph's metadata types it as the attributeDefinitionMetadata enum;
            answers also carry other names, so any string is accepted (docs/spec-decisions.md D30).
        value (None | str | Unset): The entry's value, as text (often JSON).
    """

    odata_type: Literal["#microsoft.graph.attributeDefinitionMetadataEntry"] | Unset = UNSET
    key: None | str | Unset = UNSET
    value: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if key is not UNSET:
            field_dict["key"] = key
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(
            Literal["#microsoft.graph.attributeDefinitionMetadataEntry"] | Unset, d.pop("@odata.type", UNSET)
        )
        if odata_type != "#microsoft.graph.attributeDefinitionMetadataEntry" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.attributeDefinitionMetadataEntry', got '{odata_type}'"
            )

        def _parse_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        attribute_definition_metadata_entry = cls(
            odata_type=odata_type,
            key=key,
            value=value,
        )

        return attribute_definition_metadata_entry
