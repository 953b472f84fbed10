from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.key_value_pair import KeyValuePair
    from ..models.synchronization_schedule import SynchronizationSchedule
    from ..models.synchronization_status import SynchronizationStatus


T = TypeVar("T", bound="SynchronizationJob")


@_attrs_define
class SynchronizationJob:
    """Performs synchronization by periodically running in the background, polling for changes in one directory, and
    pushing them to another directory. Always belongs to a service principal (or its application).

        Attributes:
            odata_type (Literal['#microsoft.graph.synchronizationJob'] | Unset): OData type annotation. Optional; Graph does
                not send it in responses.
            odata_context (str | Unset): OData context URL of a single-entity response. Set by the service; rejected in
                requests.
            id (str | Unset): Unique synchronization job identifier, set by the service (rejected in requests). Graph issues
                dotted ids: the template id, 32 hexadecimal digits and, typically, the tenant id. Not a GUID; treat it as
                opaque.
            template_id (None | str | Unset): Identifier of the synchronization template this job is based on. Required on
                create; must be one of the templates of the owning service principal or application.
            schedule (None | SynchronizationSchedule | Unset): Schedule used to run the job. Read-only: set by the service
                (accepted on create for compatibility and ignored; see docs/spec-decisions.md).
            status (None | SynchronizationStatus | Unset): Status of the job, including the last run and its errors. Set by
                the service (accepted on create for compatibility and ignored).
            synchronization_job_settings (list[KeyValuePair] | Unset): Settings of the job; partly inherited from the
                template.
    """

    odata_type: Literal["#microsoft.graph.synchronizationJob"] | Unset = UNSET
    odata_context: str | Unset = UNSET
    id: str | Unset = UNSET
    template_id: None | str | Unset = UNSET
    schedule: None | SynchronizationSchedule | Unset = UNSET
    status: None | SynchronizationStatus | Unset = UNSET
    synchronization_job_settings: list[KeyValuePair] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.synchronization_schedule import SynchronizationSchedule  # noqa: PLC0415
        from ..models.synchronization_status import SynchronizationStatus  # noqa: PLC0415

        odata_type = self.odata_type

        odata_context = self.odata_context

        id = self.id

        template_id: None | str | Unset
        if isinstance(self.template_id, Unset):
            template_id = UNSET
        else:
            template_id = self.template_id

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

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if odata_context is not UNSET:
            field_dict["@odata.context"] = odata_context
        if id is not UNSET:
            field_dict["id"] = id
        if template_id is not UNSET:
            field_dict["templateId"] = template_id
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
        odata_type = cast(Literal["#microsoft.graph.synchronizationJob"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationJob" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.synchronizationJob', got '{odata_type}'")

        odata_context = d.pop("@odata.context", UNSET)

        id = d.pop("id", UNSET)

        def _parse_template_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        template_id = _parse_template_id(d.pop("templateId", UNSET))

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

        synchronization_job = cls(
            odata_type=odata_type,
            odata_context=odata_context,
            id=id,
            template_id=template_id,
            schedule=schedule,
            status=status,
            synchronization_job_settings=synchronization_job_settings,
        )

        return synchronization_job
