from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.synchronization_status_code import SynchronizationStatusCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.string_key_long_value_pair import StringKeyLongValuePair
    from ..models.synchronization_progress import SynchronizationProgress
    from ..models.synchronization_quarantine import SynchronizationQuarantine
    from ..models.synchronization_task_execution import SynchronizationTaskExecution


T = TypeVar("T", bound="SynchronizationStatus")


@_attrs_define
class SynchronizationStatus:
    """Status of a synchronization job.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationStatus'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        code (SynchronizationStatusCode | Unset): High-level state of a job.
        count_successive_complete_failures (int | Unset): Number of consecutive times this job failed.
        escrows_pruned (bool | Unset): true if the job's escrows (object-level errors) were pruned during initial
            synchronization.
        last_execution (None | SynchronizationTaskExecution | Unset): Details of the last execution of the job.
        last_successful_execution (None | SynchronizationTaskExecution | Unset): Details of the last execution of this
            job that did not have any errors.
        last_successful_execution_with_exports (None | SynchronizationTaskExecution | Unset): Details of the last
            execution of the job that exported objects into the target directory.
        progress (list[SynchronizationProgress] | Unset): Progress of the job toward completion.
        quarantine (None | SynchronizationQuarantine | Unset): Quarantine details, if the job is quarantined.
        steady_state_first_achieved_time (str | Unset): First time the job reached steady state; `0001-01-01T00:00:00Z`
            when never.
        steady_state_last_achieved_time (str | Unset): Last time the job reached steady state; `0001-01-01T00:00:00Z`
            when never.
        synchronized_entry_count_by_type (list[StringKeyLongValuePair] | Unset): Count of synchronized objects, listed
            by object type.
        troubleshooting_url (None | str | Unset): URL of troubleshooting steps for the issue, if any.
    """

    odata_type: Literal["#microsoft.graph.synchronizationStatus"] | Unset = UNSET
    code: SynchronizationStatusCode | Unset = UNSET
    count_successive_complete_failures: int | Unset = UNSET
    escrows_pruned: bool | Unset = UNSET
    last_execution: None | SynchronizationTaskExecution | Unset = UNSET
    last_successful_execution: None | SynchronizationTaskExecution | Unset = UNSET
    last_successful_execution_with_exports: None | SynchronizationTaskExecution | Unset = UNSET
    progress: list[SynchronizationProgress] | Unset = UNSET
    quarantine: None | SynchronizationQuarantine | Unset = UNSET
    steady_state_first_achieved_time: str | Unset = UNSET
    steady_state_last_achieved_time: str | Unset = UNSET
    synchronized_entry_count_by_type: list[StringKeyLongValuePair] | Unset = UNSET
    troubleshooting_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.synchronization_quarantine import SynchronizationQuarantine  # noqa: PLC0415
        from ..models.synchronization_task_execution import SynchronizationTaskExecution  # noqa: PLC0415

        odata_type = self.odata_type

        code: str | Unset = UNSET
        if not isinstance(self.code, Unset):
            code = self.code.value

        count_successive_complete_failures = self.count_successive_complete_failures

        escrows_pruned = self.escrows_pruned

        last_execution: dict[str, Any] | None | Unset
        if isinstance(self.last_execution, Unset):
            last_execution = UNSET
        elif isinstance(self.last_execution, SynchronizationTaskExecution):
            last_execution = self.last_execution.to_dict()
        else:
            last_execution = self.last_execution

        last_successful_execution: dict[str, Any] | None | Unset
        if isinstance(self.last_successful_execution, Unset):
            last_successful_execution = UNSET
        elif isinstance(self.last_successful_execution, SynchronizationTaskExecution):
            last_successful_execution = self.last_successful_execution.to_dict()
        else:
            last_successful_execution = self.last_successful_execution

        last_successful_execution_with_exports: dict[str, Any] | None | Unset
        if isinstance(self.last_successful_execution_with_exports, Unset):
            last_successful_execution_with_exports = UNSET
        elif isinstance(self.last_successful_execution_with_exports, SynchronizationTaskExecution):
            last_successful_execution_with_exports = self.last_successful_execution_with_exports.to_dict()
        else:
            last_successful_execution_with_exports = self.last_successful_execution_with_exports

        progress: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.progress, Unset):
            progress = []
            for progress_item_data in self.progress:
                progress_item = progress_item_data.to_dict()
                progress.append(progress_item)

        quarantine: dict[str, Any] | None | Unset
        if isinstance(self.quarantine, Unset):
            quarantine = UNSET
        elif isinstance(self.quarantine, SynchronizationQuarantine):
            quarantine = self.quarantine.to_dict()
        else:
            quarantine = self.quarantine

        steady_state_first_achieved_time = self.steady_state_first_achieved_time

        steady_state_last_achieved_time = self.steady_state_last_achieved_time

        synchronized_entry_count_by_type: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.synchronized_entry_count_by_type, Unset):
            synchronized_entry_count_by_type = []
            for synchronized_entry_count_by_type_item_data in self.synchronized_entry_count_by_type:
                synchronized_entry_count_by_type_item = synchronized_entry_count_by_type_item_data.to_dict()
                synchronized_entry_count_by_type.append(synchronized_entry_count_by_type_item)

        troubleshooting_url: None | str | Unset
        if isinstance(self.troubleshooting_url, Unset):
            troubleshooting_url = UNSET
        else:
            troubleshooting_url = self.troubleshooting_url

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if code is not UNSET:
            field_dict["code"] = code
        if count_successive_complete_failures is not UNSET:
            field_dict["countSuccessiveCompleteFailures"] = count_successive_complete_failures
        if escrows_pruned is not UNSET:
            field_dict["escrowsPruned"] = escrows_pruned
        if last_execution is not UNSET:
            field_dict["lastExecution"] = last_execution
        if last_successful_execution is not UNSET:
            field_dict["lastSuccessfulExecution"] = last_successful_execution
        if last_successful_execution_with_exports is not UNSET:
            field_dict["lastSuccessfulExecutionWithExports"] = last_successful_execution_with_exports
        if progress is not UNSET:
            field_dict["progress"] = progress
        if quarantine is not UNSET:
            field_dict["quarantine"] = quarantine
        if steady_state_first_achieved_time is not UNSET:
            field_dict["steadyStateFirstAchievedTime"] = steady_state_first_achieved_time
        if steady_state_last_achieved_time is not UNSET:
            field_dict["steadyStateLastAchievedTime"] = steady_state_last_achieved_time
        if synchronized_entry_count_by_type is not UNSET:
            field_dict["synchronizedEntryCountByType"] = synchronized_entry_count_by_type
        if troubleshooting_url is not UNSET:
            field_dict["troubleshootingUrl"] = troubleshooting_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.string_key_long_value_pair import StringKeyLongValuePair  # noqa: PLC0415
        from ..models.synchronization_progress import SynchronizationProgress  # noqa: PLC0415
        from ..models.synchronization_quarantine import SynchronizationQuarantine  # noqa: PLC0415
        from ..models.synchronization_task_execution import SynchronizationTaskExecution  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.synchronizationStatus"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationStatus" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationStatus', got '{odata_type}'"
            )

        _code = d.pop("code", UNSET)
        code: SynchronizationStatusCode | Unset
        if isinstance(_code, Unset):
            code = UNSET
        else:
            code = SynchronizationStatusCode(_code)

        count_successive_complete_failures = d.pop("countSuccessiveCompleteFailures", UNSET)

        escrows_pruned = d.pop("escrowsPruned", UNSET)

        def _parse_last_execution(data: object) -> None | SynchronizationTaskExecution | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_execution_type_0 = SynchronizationTaskExecution.from_dict(data)

                return last_execution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationTaskExecution | Unset, data)

        last_execution = _parse_last_execution(d.pop("lastExecution", UNSET))

        def _parse_last_successful_execution(data: object) -> None | SynchronizationTaskExecution | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_successful_execution_type_0 = SynchronizationTaskExecution.from_dict(data)

                return last_successful_execution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationTaskExecution | Unset, data)

        last_successful_execution = _parse_last_successful_execution(d.pop("lastSuccessfulExecution", UNSET))

        def _parse_last_successful_execution_with_exports(data: object) -> None | SynchronizationTaskExecution | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_successful_execution_with_exports_type_0 = SynchronizationTaskExecution.from_dict(data)

                return last_successful_execution_with_exports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationTaskExecution | Unset, data)

        last_successful_execution_with_exports = _parse_last_successful_execution_with_exports(
            d.pop("lastSuccessfulExecutionWithExports", UNSET)
        )

        _progress = d.pop("progress", UNSET)
        progress: list[SynchronizationProgress] | Unset = UNSET
        if _progress is not UNSET:
            progress = []
            for progress_item_data in _progress:
                progress_item = SynchronizationProgress.from_dict(progress_item_data)

                progress.append(progress_item)

        def _parse_quarantine(data: object) -> None | SynchronizationQuarantine | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quarantine_type_0 = SynchronizationQuarantine.from_dict(data)

                return quarantine_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationQuarantine | Unset, data)

        quarantine = _parse_quarantine(d.pop("quarantine", UNSET))

        steady_state_first_achieved_time = d.pop("steadyStateFirstAchievedTime", UNSET)

        steady_state_last_achieved_time = d.pop("steadyStateLastAchievedTime", UNSET)

        _synchronized_entry_count_by_type = d.pop("synchronizedEntryCountByType", UNSET)
        synchronized_entry_count_by_type: list[StringKeyLongValuePair] | Unset = UNSET
        if _synchronized_entry_count_by_type is not UNSET:
            synchronized_entry_count_by_type = []
            for synchronized_entry_count_by_type_item_data in _synchronized_entry_count_by_type:
                synchronized_entry_count_by_type_item = StringKeyLongValuePair.from_dict(
                    synchronized_entry_count_by_type_item_data
                )

                synchronized_entry_count_by_type.append(synchronized_entry_count_by_type_item)

        def _parse_troubleshooting_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        troubleshooting_url = _parse_troubleshooting_url(d.pop("troubleshootingUrl", UNSET))

        synchronization_status = cls(
            odata_type=odata_type,
            code=code,
            count_successive_complete_failures=count_successive_complete_failures,
            escrows_pruned=escrows_pruned,
            last_execution=last_execution,
            last_successful_execution=last_successful_execution,
            last_successful_execution_with_exports=last_successful_execution_with_exports,
            progress=progress,
            quarantine=quarantine,
            steady_state_first_achieved_time=steady_state_first_achieved_time,
            steady_state_last_achieved_time=steady_state_last_achieved_time,
            synchronized_entry_count_by_type=synchronized_entry_count_by_type,
            troubleshooting_url=troubleshooting_url,
        )

        return synchronization_status
