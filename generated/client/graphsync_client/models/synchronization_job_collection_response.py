from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_job import SynchronizationJob


T = TypeVar("T", bound="SynchronizationJobCollectionResponse")


@_attrs_define
class SynchronizationJobCollectionResponse:
    """A page of synchronization jobs.

    Attributes:
        value (list[SynchronizationJob]):
        odata_context (str | Unset): OData context URL of the collection.
        odata_count (int | None | Unset): Total count; only sent when requested with `$count` (not supported by the
            emulator).
        odata_next_link (None | str | Unset): Absolute URL of the next page; absent on the last page. Opaque: follow it
            as it is.
    """

    value: list[SynchronizationJob]
    odata_context: str | Unset = UNSET
    odata_count: int | None | Unset = UNSET
    odata_next_link: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        value = []
        for value_item_data in self.value:
            value_item = value_item_data.to_dict()
            value.append(value_item)

        odata_context = self.odata_context

        odata_count: int | None | Unset
        if isinstance(self.odata_count, Unset):
            odata_count = UNSET
        else:
            odata_count = self.odata_count

        odata_next_link: None | str | Unset
        if isinstance(self.odata_next_link, Unset):
            odata_next_link = UNSET
        else:
            odata_next_link = self.odata_next_link

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )
        if odata_context is not UNSET:
            field_dict["@odata.context"] = odata_context
        if odata_count is not UNSET:
            field_dict["@odata.count"] = odata_count
        if odata_next_link is not UNSET:
            field_dict["@odata.nextLink"] = odata_next_link

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_job import SynchronizationJob  # noqa: PLC0415

        d = dict(src_dict)
        value = []
        _value = d.pop("value")
        for value_item_data in _value:
            value_item = SynchronizationJob.from_dict(value_item_data)

            value.append(value_item)

        odata_context = d.pop("@odata.context", UNSET)

        def _parse_odata_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        odata_count = _parse_odata_count(d.pop("@odata.count", UNSET))

        def _parse_odata_next_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        odata_next_link = _parse_odata_next_link(d.pop("@odata.nextLink", UNSET))

        synchronization_job_collection_response = cls(
            value=value,
            odata_context=odata_context,
            odata_count=odata_count,
            odata_next_link=odata_next_link,
        )

        return synchronization_job_collection_response
