from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SynchronizationProgress")


@_attrs_define
class SynchronizationProgress:
    """Progress of a synchronization job toward completion.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationProgress'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        completed_units (int | Unset): Numerator of the progress ratio: units already processed.
        progress_observation_date_time (str | Unset): Time of the progress observation.
        total_units (int | Unset): Denominator of the progress ratio: units to process.
        units (None | str | Unset): Optional description of the units.
    """

    odata_type: Literal["#microsoft.graph.synchronizationProgress"] | Unset = UNSET
    completed_units: int | Unset = UNSET
    progress_observation_date_time: str | Unset = UNSET
    total_units: int | Unset = UNSET
    units: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        completed_units = self.completed_units

        progress_observation_date_time = self.progress_observation_date_time

        total_units = self.total_units

        units: None | str | Unset
        if isinstance(self.units, Unset):
            units = UNSET
        else:
            units = self.units

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if completed_units is not UNSET:
            field_dict["completedUnits"] = completed_units
        if progress_observation_date_time is not UNSET:
            field_dict["progressObservationDateTime"] = progress_observation_date_time
        if total_units is not UNSET:
            field_dict["totalUnits"] = total_units
        if units is not UNSET:
            field_dict["units"] = units

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.synchronizationProgress"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationProgress" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationProgress', got '{odata_type}'"
            )

        completed_units = d.pop("completedUnits", UNSET)

        progress_observation_date_time = d.pop("progressObservationDateTime", UNSET)

        total_units = d.pop("totalUnits", UNSET)

        def _parse_units(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        units = _parse_units(d.pop("units", UNSET))

        synchronization_progress = cls(
            odata_type=odata_type,
            completed_units=completed_units,
            progress_observation_date_time=progress_observation_date_time,
            total_units=total_units,
            units=units,
        )

        return synchronization_progress
