from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_linked_objects import SynchronizationLinkedObjects


T = TypeVar("T", bound="SynchronizationJobSubject")


@_attrs_define
class SynchronizationJobSubject:
    """An object to provision on demand.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationJobSubject'] | Unset): OData type annotation. Optional;
            Graph does not send it in responses.
        links (None | SynchronizationLinkedObjects | Unset): For a group: the members to provision with it.
        object_id (None | str | Unset): Id of the object in the source: an Entra ID object id, an Active Directory
            distinguished name or a Workday worker id.
        object_type_name (None | str | Unset): `User` or `Group` (Entra ID to an application), `user` (Active Directory
            and Entra ID), `Worker` (Workday).
    """

    odata_type: Literal["#microsoft.graph.synchronizationJobSubject"] | Unset = UNSET
    links: None | SynchronizationLinkedObjects | Unset = UNSET
    object_id: None | str | Unset = UNSET
    object_type_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.synchronization_linked_objects import SynchronizationLinkedObjects  # noqa: PLC0415

        odata_type = self.odata_type

        links: dict[str, Any] | None | Unset
        if isinstance(self.links, Unset):
            links = UNSET
        elif isinstance(self.links, SynchronizationLinkedObjects):
            links = self.links.to_dict()
        else:
            links = self.links

        object_id: None | str | Unset
        if isinstance(self.object_id, Unset):
            object_id = UNSET
        else:
            object_id = self.object_id

        object_type_name: None | str | Unset
        if isinstance(self.object_type_name, Unset):
            object_type_name = UNSET
        else:
            object_type_name = self.object_type_name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if links is not UNSET:
            field_dict["links"] = links
        if object_id is not UNSET:
            field_dict["objectId"] = object_id
        if object_type_name is not UNSET:
            field_dict["objectTypeName"] = object_type_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_linked_objects import SynchronizationLinkedObjects  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.synchronizationJobSubject"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationJobSubject" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationJobSubject', got '{odata_type}'"
            )

        def _parse_links(data: object) -> None | SynchronizationLinkedObjects | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                links_type_0 = SynchronizationLinkedObjects.from_dict(data)

                return links_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationLinkedObjects | Unset, data)

        links = _parse_links(d.pop("links", UNSET))

        def _parse_object_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        object_id = _parse_object_id(d.pop("objectId", UNSET))

        def _parse_object_type_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        object_type_name = _parse_object_type_name(d.pop("objectTypeName", UNSET))

        synchronization_job_subject = cls(
            odata_type=odata_type,
            links=links,
            object_id=object_id,
            object_type_name=object_type_name,
        )

        return synchronization_job_subject
