from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.synchronization_schedule_state import SynchronizationScheduleState
from ..types import UNSET, Unset

T = TypeVar("T", bound="SynchronizationSchedule")


@_attrs_define
class SynchronizationSchedule:
    """Schedule used to run a synchronization job.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationSchedule'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        expiration (None | str | Unset): Date and time when this job expires (UTC). Null when the job does not expire.
        interval (str | Unset): Edm.Duration: an ISO 8601 duration of days, hours, minutes and (fractional) seconds,
            optionally negative, such as `PT40M` or Graph's default `P10675199DT2H48M5.4775807S`. Years, months and weeks
            are not allowed, and at least one component is required (`P` and `PT` are invalid). Deliberately no `format:
            duration` (RFC 3339's grammar rejects signs and fractional seconds).
        state (SynchronizationScheduleState | Unset): State of a job schedule.
    """

    odata_type: Literal["#microsoft.graph.synchronizationSchedule"] | Unset = UNSET
    expiration: None | str | Unset = UNSET
    interval: str | Unset = UNSET
    state: SynchronizationScheduleState | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        expiration: None | str | Unset
        if isinstance(self.expiration, Unset):
            expiration = UNSET
        else:
            expiration = self.expiration

        interval = self.interval

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if expiration is not UNSET:
            field_dict["expiration"] = expiration
        if interval is not UNSET:
            field_dict["interval"] = interval
        if state is not UNSET:
            field_dict["state"] = state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.synchronizationSchedule"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationSchedule" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationSchedule', got '{odata_type}'"
            )

        def _parse_expiration(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expiration = _parse_expiration(d.pop("expiration", UNSET))

        interval = d.pop("interval", UNSET)

        _state = d.pop("state", UNSET)
        state: SynchronizationScheduleState | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = SynchronizationScheduleState(_state)

        synchronization_schedule = cls(
            odata_type=odata_type,
            expiration=expiration,
            interval=interval,
            state=state,
        )

        return synchronization_schedule
