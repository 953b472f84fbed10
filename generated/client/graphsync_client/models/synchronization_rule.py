from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_filter import ContainerFilter
    from ..models.group_filter import GroupFilter
    from ..models.object_mapping import ObjectMapping
    from ..models.string_key_string_value_pair import StringKeyStringValuePair


T = TypeVar("T", bound="SynchronizationRule")


@_attrs_define
class SynchronizationRule:
    """How objects flow from a source directory to a target directory.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationRule'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        container_filter (ContainerFilter | None | Unset): Containers in scope (Active Directory).
        editable (bool | Unset): Whether the rule may be changed.
        group_filter (GroupFilter | None | Unset): Groups in scope.
        id (None | str | Unset): The rule's id, the `ruleId` of provisionOnDemand: one of the ids the synchronization
            engine recognises, as the template's schema gives them.
        metadata (list[StringKeyStringValuePair] | Unset): Extension properties (e.g. `supportsProvisionOnDemand`).
        name (None | str | Unset): The rule's name, e.g. `USER_TO_USER`.
        object_mappings (list[ObjectMapping] | Unset): The object mappings.
        priority (int | Unset): Priority among the schema's rules.
        source_directory_name (None | str | Unset): Name of the source directory.
        target_directory_name (None | str | Unset): Name of the target directory.
    """

    odata_type: Literal["#microsoft.graph.synchronizationRule"] | Unset = UNSET
    container_filter: ContainerFilter | None | Unset = UNSET
    editable: bool | Unset = UNSET
    group_filter: GroupFilter | None | Unset = UNSET
    id: None | str | Unset = UNSET
    metadata: list[StringKeyStringValuePair] | Unset = UNSET
    name: None | str | Unset = UNSET
    object_mappings: list[ObjectMapping] | Unset = UNSET
    priority: int | Unset = UNSET
    source_directory_name: None | str | Unset = UNSET
    target_directory_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_filter import ContainerFilter  # noqa: PLC0415
        from ..models.group_filter import GroupFilter  # noqa: PLC0415

        odata_type = self.odata_type

        container_filter: dict[str, Any] | None | Unset
        if isinstance(self.container_filter, Unset):
            container_filter = UNSET
        elif isinstance(self.container_filter, ContainerFilter):
            container_filter = self.container_filter.to_dict()
        else:
            container_filter = self.container_filter

        editable = self.editable

        group_filter: dict[str, Any] | None | Unset
        if isinstance(self.group_filter, Unset):
            group_filter = UNSET
        elif isinstance(self.group_filter, GroupFilter):
            group_filter = self.group_filter.to_dict()
        else:
            group_filter = self.group_filter

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

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

        object_mappings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.object_mappings, Unset):
            object_mappings = []
            for object_mappings_item_data in self.object_mappings:
                object_mappings_item = object_mappings_item_data.to_dict()
                object_mappings.append(object_mappings_item)

        priority = self.priority

        source_directory_name: None | str | Unset
        if isinstance(self.source_directory_name, Unset):
            source_directory_name = UNSET
        else:
            source_directory_name = self.source_directory_name

        target_directory_name: None | str | Unset
        if isinstance(self.target_directory_name, Unset):
            target_directory_name = UNSET
        else:
            target_directory_name = self.target_directory_name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if container_filter is not UNSET:
            field_dict["containerFilter"] = container_filter
        if editable is not UNSET:
            field_dict["editable"] = editable
        if group_filter is not UNSET:
            field_dict["groupFilter"] = group_filter
        if id is not UNSET:
            field_dict["id"] = id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if name is not UNSET:
            field_dict["name"] = name
        if object_mappings is not UNSET:
            field_dict["objectMappings"] = object_mappings
        if priority is not UNSET:
            field_dict["priority"] = priority
        if source_directory_name is not UNSET:
            field_dict["sourceDirectoryName"] = source_directory_name
        if target_directory_name is not UNSET:
            field_dict["targetDirectoryName"] = target_directory_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_filter import ContainerFilter  # noqa: PLC0415
        from ..models.group_filter import GroupFilter  # noqa: PLC0415
        from ..models.object_mapping import ObjectMapping  # noqa: PLC0415
        from ..models.string_key_string_value_pair import StringKeyStringValuePair  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.synchronizationRule"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationRule" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.synchronizationRule', got '{odata_type}'")

        def _parse_container_filter(data: object) -> ContainerFilter | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                container_filter_type_0 = ContainerFilter.from_dict(data)

                return container_filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContainerFilter | None | Unset, data)

        container_filter = _parse_container_filter(d.pop("containerFilter", UNSET))

        editable = d.pop("editable", UNSET)

        def _parse_group_filter(data: object) -> GroupFilter | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                group_filter_type_0 = GroupFilter.from_dict(data)

                return group_filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GroupFilter | None | Unset, data)

        group_filter = _parse_group_filter(d.pop("groupFilter", UNSET))

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: list[StringKeyStringValuePair] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = StringKeyStringValuePair.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _object_mappings = d.pop("objectMappings", UNSET)
        object_mappings: list[ObjectMapping] | Unset = UNSET
        if _object_mappings is not UNSET:
            object_mappings = []
            for object_mappings_item_data in _object_mappings:
                object_mappings_item = ObjectMapping.from_dict(object_mappings_item_data)

                object_mappings.append(object_mappings_item)

        priority = d.pop("priority", UNSET)

        def _parse_source_directory_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_directory_name = _parse_source_directory_name(d.pop("sourceDirectoryName", UNSET))

        def _parse_target_directory_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_directory_name = _parse_target_directory_name(d.pop("targetDirectoryName", UNSET))

        synchronization_rule = cls(
            odata_type=odata_type,
            container_filter=container_filter,
            editable=editable,
            group_filter=group_filter,
            id=id,
            metadata=metadata,
            name=name,
            object_mappings=object_mappings,
            priority=priority,
            source_directory_name=source_directory_name,
            target_directory_name=target_directory_name,
        )

        return synchronization_rule
