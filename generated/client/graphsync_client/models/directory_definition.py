from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_definition import ObjectDefinition


T = TypeVar("T", bound="DirectoryDefinition")


@_attrs_define
class DirectoryDefinition:
    """A directory a schema connects: its objects and their attributes.

    Attributes:
        odata_context (str | Unset): OData context URL (on a directory fetched on its own).
        odata_type (Literal['#microsoft.graph.directoryDefinition'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        id (str | Unset): Identifier.
        discoverabilities (str | Unset): Flags enum, a comma-separated list of member names (`"AttributeNames,
            AttributeDataTypes"`): what discovery can find out about the directory.
        discovery_date_time (None | str | Unset): When the directory's objects were last discovered.
        name (None | str | Unset): The directory's name, which rules name as source or target.
        objects (list[ObjectDefinition] | Unset): The kinds of object the directory holds.
        read_only (bool | Unset): Whether the directory is read-only.
        version (None | str | Unset): The directory's version.
    """

    odata_context: str | Unset = UNSET
    odata_type: Literal["#microsoft.graph.directoryDefinition"] | Unset = UNSET
    id: str | Unset = UNSET
    discoverabilities: str | Unset = UNSET
    discovery_date_time: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    objects: list[ObjectDefinition] | Unset = UNSET
    read_only: bool | Unset = UNSET
    version: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_context = self.odata_context

        odata_type = self.odata_type

        id = self.id

        discoverabilities = self.discoverabilities

        discovery_date_time: None | str | Unset
        if isinstance(self.discovery_date_time, Unset):
            discovery_date_time = UNSET
        else:
            discovery_date_time = self.discovery_date_time

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        objects: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.objects, Unset):
            objects = []
            for objects_item_data in self.objects:
                objects_item = objects_item_data.to_dict()
                objects.append(objects_item)

        read_only = self.read_only

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_context is not UNSET:
            field_dict["@odata.context"] = odata_context
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if id is not UNSET:
            field_dict["id"] = id
        if discoverabilities is not UNSET:
            field_dict["discoverabilities"] = discoverabilities
        if discovery_date_time is not UNSET:
            field_dict["discoveryDateTime"] = discovery_date_time
        if name is not UNSET:
            field_dict["name"] = name
        if objects is not UNSET:
            field_dict["objects"] = objects
        if read_only is not UNSET:
            field_dict["readOnly"] = read_only
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.object_definition import ObjectDefinition  # noqa: PLC0415

        d = dict(src_dict)
        odata_context = d.pop("@odata.context", UNSET)

        odata_type = cast(Literal["#microsoft.graph.directoryDefinition"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.directoryDefinition" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.directoryDefinition', got '{odata_type}'")

        id = d.pop("id", UNSET)

        discoverabilities = d.pop("discoverabilities", UNSET)

        def _parse_discovery_date_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        discovery_date_time = _parse_discovery_date_time(d.pop("discoveryDateTime", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _objects = d.pop("objects", UNSET)
        objects: list[ObjectDefinition] | Unset = UNSET
        if _objects is not UNSET:
            objects = []
            for objects_item_data in _objects:
                objects_item = ObjectDefinition.from_dict(objects_item_data)

                objects.append(objects_item)

        read_only = d.pop("readOnly", UNSET)

        def _parse_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        directory_definition = cls(
            odata_context=odata_context,
            odata_type=odata_type,
            id=id,
            discoverabilities=discoverabilities,
            discovery_date_time=discovery_date_time,
            name=name,
            objects=objects,
            read_only=read_only,
            version=version,
        )

        return directory_definition
