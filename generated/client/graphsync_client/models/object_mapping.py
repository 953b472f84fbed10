from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_mapping import AttributeMapping
    from ..models.filter_ import Filter
    from ..models.object_mapping_metadata_entry import ObjectMappingMetadataEntry


T = TypeVar("T", bound="ObjectMapping")


@_attrs_define
class ObjectMapping:
    """How one kind of source object maps to one kind of target object.

    Attributes:
        odata_type (Literal['#microsoft.graph.objectMapping'] | Unset): OData type annotation. Optional; Graph does not
            send it in responses.
        attribute_mappings (list[AttributeMapping] | Unset): The attribute mappings.
        enabled (bool | Unset): Whether the mapping is used.
        flow_types (str | Unset): Flags enum, a comma-separated list of member names (`"Add, Update, Delete"`): which
            changes an object mapping provisions.
        metadata (list[ObjectMappingMetadataEntry] | Unset): Extension properties.
        name (None | str | Unset): Human-readable name.
        scope (Filter | None | Unset): Which source objects are in scope; null: all.
        source_object_name (None | str | Unset): Name of the source object.
        target_object_name (None | str | Unset): Name of the target object.
    """

    odata_type: Literal["#microsoft.graph.objectMapping"] | Unset = UNSET
    attribute_mappings: list[AttributeMapping] | Unset = UNSET
    enabled: bool | Unset = UNSET
    flow_types: str | Unset = UNSET
    metadata: list[ObjectMappingMetadataEntry] | Unset = UNSET
    name: None | str | Unset = UNSET
    scope: Filter | None | Unset = UNSET
    source_object_name: None | str | Unset = UNSET
    target_object_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.filter_ import Filter  # noqa: PLC0415

        odata_type = self.odata_type

        attribute_mappings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attribute_mappings, Unset):
            attribute_mappings = []
            for attribute_mappings_item_data in self.attribute_mappings:
                attribute_mappings_item = attribute_mappings_item_data.to_dict()
                attribute_mappings.append(attribute_mappings_item)

        enabled = self.enabled

        flow_types = self.flow_types

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

        scope: dict[str, Any] | None | Unset
        if isinstance(self.scope, Unset):
            scope = UNSET
        elif isinstance(self.scope, Filter):
            scope = self.scope.to_dict()
        else:
            scope = self.scope

        source_object_name: None | str | Unset
        if isinstance(self.source_object_name, Unset):
            source_object_name = UNSET
        else:
            source_object_name = self.source_object_name

        target_object_name: None | str | Unset
        if isinstance(self.target_object_name, Unset):
            target_object_name = UNSET
        else:
            target_object_name = self.target_object_name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if attribute_mappings is not UNSET:
            field_dict["attributeMappings"] = attribute_mappings
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if flow_types is not UNSET:
            field_dict["flowTypes"] = flow_types
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if name is not UNSET:
            field_dict["name"] = name
        if scope is not UNSET:
            field_dict["scope"] = scope
        if source_object_name is not UNSET:
            field_dict["sourceObjectName"] = source_object_name
        if target_object_name is not UNSET:
            field_dict["targetObjectName"] = target_object_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_mapping import AttributeMapping  # noqa: PLC0415
        from ..models.filter_ import Filter  # noqa: PLC0415
        from ..models.object_mapping_metadata_entry import ObjectMappingMetadataEntry  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.objectMapping"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.objectMapping" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.objectMapping', got '{odata_type}'")

        _attribute_mappings = d.pop("attributeMappings", UNSET)
        attribute_mappings: list[AttributeMapping] | Unset = UNSET
        if _attribute_mappings is not UNSET:
            attribute_mappings = []
            for attribute_mappings_item_data in _attribute_mappings:
                attribute_mappings_item = AttributeMapping.from_dict(attribute_mappings_item_data)

                attribute_mappings.append(attribute_mappings_item)

        enabled = d.pop("enabled", UNSET)

        flow_types = d.pop("flowTypes", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: list[ObjectMappingMetadataEntry] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = ObjectMappingMetadataEntry.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_scope(data: object) -> Filter | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scope_type_0 = Filter.from_dict(data)

                return scope_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Filter | None | Unset, data)

        scope = _parse_scope(d.pop("scope", UNSET))

        def _parse_source_object_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_object_name = _parse_source_object_name(d.pop("sourceObjectName", UNSET))

        def _parse_target_object_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_object_name = _parse_target_object_name(d.pop("targetObjectName", UNSET))

        object_mapping = cls(
            odata_type=odata_type,
            attribute_mappings=attribute_mappings,
            enabled=enabled,
            flow_types=flow_types,
            metadata=metadata,
            name=name,
            scope=scope,
            source_object_name=source_object_name,
            target_object_name=target_object_name,
        )

        return object_mapping
