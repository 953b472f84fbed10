from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_definition import AttributeDefinition
    from ..models.object_definition_metadata_entry import ObjectDefinitionMetadataEntry


T = TypeVar("T", bound="ObjectDefinition")


@_attrs_define
class ObjectDefinition:
    """A kind of object in a directory (User, Group, ...).

    Attributes:
        odata_type (Literal['#microsoft.graph.objectDefinition'] | Unset): OData type annotation. Optional; Graph does
            not send it in responses.
        attributes (list[AttributeDefinition] | Unset): Its attributes.
        metadata (list[ObjectDefinitionMetadataEntry] | Unset): Extension properties.
        name (None | str | Unset): The object's name.
        supported_apis (list[str] | Unset): Names of the APIs that handle the object.
    """

    odata_type: Literal["#microsoft.graph.objectDefinition"] | Unset = UNSET
    attributes: list[AttributeDefinition] | Unset = UNSET
    metadata: list[ObjectDefinitionMetadataEntry] | Unset = UNSET
    name: None | str | Unset = UNSET
    supported_apis: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        attributes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = []
            for attributes_item_data in self.attributes:
                attributes_item = attributes_item_data.to_dict()
                attributes.append(attributes_item)

        metadata: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = []
            for metadata_item_data in self.metadata:
                metadata_item = metadata_item_data.to_dict()
                metadata.append(metadata_item)

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        supported_apis: list[str] | Unset = UNSET
        if not isinstance(self.supported_apis, Unset):
            supported_apis = self.supported_apis

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if name is not UNSET:
            field_dict["name"] = name
        if supported_apis is not UNSET:
            field_dict["supportedApis"] = supported_apis

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_definition import AttributeDefinition  # noqa: PLC0415
        from ..models.object_definition_metadata_entry import ObjectDefinitionMetadataEntry  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.objectDefinition"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.objectDefinition" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.objectDefinition', got '{odata_type}'")

        _attributes = d.pop("attributes", UNSET)
        attributes: list[AttributeDefinition] | Unset = UNSET
        if _attributes is not UNSET:
            attributes = []
            for attributes_item_data in _attributes:
                attributes_item = AttributeDefinition.from_dict(attributes_item_data)

                attributes.append(attributes_item)

        _metadata = d.pop("metadata", UNSET)
        metadata: list[ObjectDefinitionMetadataEntry] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = ObjectDefinitionMetadataEntry.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        supported_apis = cast(list[str], d.pop("supportedApis", UNSET))

        object_definition = cls(
            odata_type=odata_type,
            attributes=attributes,
            metadata=metadata,
            name=name,
            supported_apis=supported_apis,
        )

        return object_definition
