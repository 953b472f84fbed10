from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_job_subject import SynchronizationJobSubject


T = TypeVar("T", bound="SynchronizationLinkedObjects")


@_attrs_define
class SynchronizationLinkedObjects:
    """Objects linked to a subject.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationLinkedObjects'] | Unset): OData type annotation. Optional;
            Graph does not send it in responses.
        manager (None | SynchronizationJobSubject | Unset): The manager.
        members (list[SynchronizationJobSubject] | Unset): Group members.
        owners (list[SynchronizationJobSubject] | Unset): Owners.
    """

    odata_type: Literal["#microsoft.graph.synchronizationLinkedObjects"] | Unset = UNSET
    manager: None | SynchronizationJobSubject | Unset = UNSET
    members: list[SynchronizationJobSubject] | Unset = UNSET
    owners: list[SynchronizationJobSubject] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.synchronization_job_subject import SynchronizationJobSubject  # noqa: PLC0415

        odata_type = self.odata_type

        manager: dict[str, Any] | None | Unset
        if isinstance(self.manager, Unset):
            manager = UNSET
        elif isinstance(self.manager, SynchronizationJobSubject):
            manager = self.manager.to_dict()
        else:
            manager = self.manager

        members: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.members, Unset):
            members = []
            for members_item_data in self.members:
                members_item = members_item_data.to_dict()
                members.append(members_item)

        owners: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.owners, Unset):
            owners = []
            for owners_item_data in self.owners:
                owners_item = owners_item_data.to_dict()
                owners.append(owners_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if manager is not UNSET:
            field_dict["manager"] = manager
        if members is not UNSET:
            field_dict["members"] = members
        if owners is not UNSET:
            field_dict["owners"] = owners

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_job_subject import SynchronizationJobSubject  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.synchronizationLinkedObjects"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationLinkedObjects" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationLinkedObjects', got '{odata_type}'"
            )

        def _parse_manager(data: object) -> None | SynchronizationJobSubject | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                manager_type_0 = SynchronizationJobSubject.from_dict(data)

                return manager_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationJobSubject | Unset, data)

        manager = _parse_manager(d.pop("manager", UNSET))

        _members = d.pop("members", UNSET)
        members: list[SynchronizationJobSubject] | Unset = UNSET
        if _members is not UNSET:
            members = []
            for members_item_data in _members:
                members_item = SynchronizationJobSubject.from_dict(members_item_data)

                members.append(members_item)

        _owners = d.pop("owners", UNSET)
        owners: list[SynchronizationJobSubject] | Unset = UNSET
        if _owners is not UNSET:
            owners = []
            for owners_item_data in _owners:
                owners_item = SynchronizationJobSubject.from_dict(owners_item_data)

                owners.append(owners_item)

        synchronization_linked_objects = cls(
            odata_type=odata_type,
            manager=manager,
            members=members,
            owners=owners,
        )

        return synchronization_linked_objects
