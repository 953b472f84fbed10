from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_metadata_entry import SynchronizationMetadataEntry


T = TypeVar("T", bound="SynchronizationTemplate")


@_attrs_define
class SynchronizationTemplate:
    """Preconfigured synchronization settings of an application; new jobs of the template start from them.

    Attributes:
        id (str): The template id, which job ids start with.
        odata_context (str | Unset): OData context URL (on a template fetched by id).
        odata_type (Literal['#microsoft.graph.synchronizationTemplate'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        application_id (UUID | Unset): Identifier of the application the template belongs to (for gallery applications,
            the application template's id).
        default (bool | Unset): Whether the template is recommended as the application's default.
        description (None | str | Unset): Description of the template.
        discoverable (bool | Unset): Whether the template appears in the list of the service principal's templates.
        factory_tag (None | str | Unset): Which implementation of the synchronization engine runs jobs of the template.
        metadata (list[SynchronizationMetadataEntry] | Unset): Extension properties, e.g. `configurationFields`: a JSON
            list of the secrets the application needs, `"secret": true` on credentials.
    """

    id: str
    odata_context: str | Unset = UNSET
    odata_type: Literal["#microsoft.graph.synchronizationTemplate"] | Unset = UNSET
    application_id: UUID | Unset = UNSET
    default: bool | Unset = UNSET
    description: None | str | Unset = UNSET
    discoverable: bool | Unset = UNSET
    factory_tag: None | str | Unset = UNSET
    metadata: list[SynchronizationMetadataEntry] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        odata_context = self.odata_context

        odata_type = self.odata_type

        application_id: str | Unset = UNSET
        if not isinstance(self.application_id, Unset):
            application_id = str(self.application_id)

        default = self.default

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        discoverable = self.discoverable

        factory_tag: None | str | Unset
        if isinstance(self.factory_tag, Unset):
            factory_tag = UNSET
        else:
            factory_tag = self.factory_tag

        metadata: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = []
            for metadata_item_data in self.metadata:
                metadata_item = metadata_item_data.to_dict()
                metadata.append(metadata_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if odata_context is not UNSET:
            field_dict["@odata.context"] = odata_context
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if application_id is not UNSET:
            field_dict["applicationId"] = application_id
        if default is not UNSET:
            field_dict["default"] = default
        if description is not UNSET:
            field_dict["description"] = description
        if discoverable is not UNSET:
            field_dict["discoverable"] = discoverable
        if factory_tag is not UNSET:
            field_dict["factoryTag"] = factory_tag
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_metadata_entry import SynchronizationMetadataEntry  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        odata_context = d.pop("@odata.context", UNSET)

        odata_type = cast(Literal["#microsoft.graph.synchronizationTemplate"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationTemplate" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationTemplate', got '{odata_type}'"
            )

        _application_id = d.pop("applicationId", UNSET)
        application_id: UUID | Unset
        if isinstance(_application_id, Unset):
            application_id = UNSET
        else:
            application_id = UUID(_application_id)

        default = d.pop("default", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        discoverable = d.pop("discoverable", UNSET)

        def _parse_factory_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        factory_tag = _parse_factory_tag(d.pop("factoryTag", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: list[SynchronizationMetadataEntry] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = SynchronizationMetadataEntry.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        synchronization_template = cls(
            id=id,
            odata_context=odata_context,
            odata_type=odata_type,
            application_id=application_id,
            default=default,
            description=description,
            discoverable=discoverable,
            factory_tag=factory_tag,
            metadata=metadata,
        )

        return synchronization_template
