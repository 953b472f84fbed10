from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_value_pair import KeyValuePair
    from ..models.synchronization_schedule import SynchronizationSchedule
    from ..models.synchronization_status import SynchronizationStatus


T = TypeVar("T", bound="SynchronizationJobCreate")


@_attrs_define
class SynchronizationJobCreate:
    """Body of Create synchronizationJob: a synchronizationJob in which `templateId` is required and not null. Server-owned
    properties (`schedule`, `status`) are accepted and ignored; `id` and `@odata.context` are rejected.

        Attributes:
            template_id (str): Identifier of the synchronization template this job is based on. Required on create; must be
                one of the templates of the owning service principal or application.
            odata_type (Literal['#microsoft.graph.synchronizationJob'] | Unset): OData type annotation. Optional; Graph does
                not send it in responses.
            schedule (None | SynchronizationSchedule | Unset): Schedule used to run the job. Read-only: set by the service
                (accepted on create for compatibility and ignored; see docs/spec-decisions.md).
            status (None | SynchronizationStatus | Unset): Status of the job, including the last run and its errors. Set by
                the service (accepted on create for compatibility and ignored).
            synchronization_job_settings (list[KeyValuePair] | Unset): Settings of the job; partly inherited from the
                template.
    """

    template_id: str
    odata_type: Literal["#microsoft.graph.synchronizationJob"] | Unset = UNSET
    schedule: None | SynchronizationSchedule | Unset = UNSET
    status: None | SynchronizationStatus | Unset = UNSET
    synchronization_job_settings: list[KeyValuePair] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.synchronization_schedule import SynchronizationSchedule  # noqa: PLC0415
        from ..models.synchronization_status import SynchronizationStatus  # noqa: PLC0415

        template_id = self.template_id

        odata_type = self.odata_type

        schedule: dict[str, Any] | None | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, SynchronizationSchedule):
            schedule = self.schedule.to_dict()
        else:
            schedule = self.schedule

        status: dict[str, Any] | None | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, SynchronizationStatus):
            status = self.status.to_dict()
        else:
            status = self.status

        synchronization_job_settings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.synchronization_job_settings, Unset):
            synchronization_job_settings = []
            for synchronization_job_settings_item_data in self.synchronization_job_settings:
                synchronization_job_settings_item = synchronization_job_settings_item_data.to_dict()
                synchronization_job_settings.append(synchronization_job_settings_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "templateId": template_id,
            }
        )
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if status is not UNSET:
            field_dict["status"] = status
        if synchronization_job_settings is not UNSET:
            field_dict["synchronizationJobSettings"] = synchronization_job_settings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.key_value_pair import KeyValuePair  # noqa: PLC0415
        from ..models.synchronization_schedule import SynchronizationSchedule  # noqa: PLC0415
        from ..models.synchronization_status import SynchronizationStatus  # noqa: PLC0415

        d = dict(src_dict)
        template_id = d.pop("templateId")

        odata_type = cast(Literal["#microsoft.graph.synchronizationJob"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationJob" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.synchronizationJob', got '{odata_type}'")

        def _parse_schedule(data: object) -> None | SynchronizationSchedule | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schedule_type_0 = SynchronizationSchedule.from_dict(data)

                return schedule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationSchedule | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        def _parse_status(data: object) -> None | SynchronizationStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                status_type_0 = SynchronizationStatus.from_dict(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        _synchronization_job_settings = d.pop("synchronizationJobSettings", UNSET)
        synchronization_job_settings: list[KeyValuePair] | Unset = UNSET
        if _synchronization_job_settings is not UNSET:
            synchronization_job_settings = []
            for synchronization_job_settings_item_data in _synchronization_job_settings:
                synchronization_job_settings_item = KeyValuePair.from_dict(synchronization_job_settings_item_data)

                synchronization_job_settings.append(synchronization_job_settings_item)

        synchronization_job_create = cls(
            template_id=template_id,
            odata_type=odata_type,
            schedule=schedule,
            status=status,
            synchronization_job_settings=synchronization_job_settings,
        )

        return synchronization_job_create
