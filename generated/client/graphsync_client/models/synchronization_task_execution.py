from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.synchronization_task_execution_result import SynchronizationTaskExecutionResult
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_error import SynchronizationError


T = TypeVar("T", bound="SynchronizationTaskExecution")


@_attrs_define
class SynchronizationTaskExecution:
    """Summary of one run of a synchronization job.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationTaskExecution'] | Unset): OData type annotation. Optional;
            Graph does not send it in responses.
        activity_identifier (None | str | Unset): Identifier of the job run.
        count_entitled (int | Unset): Count of processed entries that were assigned for this application.
        count_entitled_for_provisioning (int | Unset): Count of processed entries that were assigned for provisioning.
        count_escrowed (int | Unset): Count of entries that were escrowed (errors).
        count_escrowed_raw (int | Unset): Count of entries that were escrowed, including system-generated escrows.
        count_exported (int | Unset): Count of exported entries.
        count_exports (int | Unset): Count of entries that were expected to be exported.
        count_imported (int | Unset): Count of imported entries.
        count_imported_deltas (int | Unset): Count of imported delta-changes.
        count_imported_reference_deltas (int | Unset): Count of imported delta-changes pertaining to reference changes.
        error (None | SynchronizationError | Unset): If an error was encountered, contains a synchronizationError object
            with details.
        state (SynchronizationTaskExecutionResult | Unset): Result of a job run.
        time_began (str | Unset): Time when this job run began.
        time_ended (str | Unset): Time when this job run ended.
    """

    odata_type: Literal["#microsoft.graph.synchronizationTaskExecution"] | Unset = UNSET
    activity_identifier: None | str | Unset = UNSET
    count_entitled: int | Unset = UNSET
    count_entitled_for_provisioning: int | Unset = UNSET
    count_escrowed: int | Unset = UNSET
    count_escrowed_raw: int | Unset = UNSET
    count_exported: int | Unset = UNSET
    count_exports: int | Unset = UNSET
    count_imported: int | Unset = UNSET
    count_imported_deltas: int | Unset = UNSET
    count_imported_reference_deltas: int | Unset = UNSET
    error: None | SynchronizationError | Unset = UNSET
    state: SynchronizationTaskExecutionResult | Unset = UNSET
    time_began: str | Unset = UNSET
    time_ended: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.synchronization_error import SynchronizationError  # noqa: PLC0415

        odata_type = self.odata_type

        activity_identifier: None | str | Unset
        if isinstance(self.activity_identifier, Unset):
            activity_identifier = UNSET
        else:
            activity_identifier = self.activity_identifier

        count_entitled = self.count_entitled

        count_entitled_for_provisioning = self.count_entitled_for_provisioning

        count_escrowed = self.count_escrowed

        count_escrowed_raw = self.count_escrowed_raw

        count_exported = self.count_exported

        count_exports = self.count_exports

        count_imported = self.count_imported

        count_imported_deltas = self.count_imported_deltas

        count_imported_reference_deltas = self.count_imported_reference_deltas

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, SynchronizationError):
            error = self.error.to_dict()
        else:
            error = self.error

        state: str | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state.value

        time_began = self.time_began

        time_ended = self.time_ended

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if activity_identifier is not UNSET:
            field_dict["activityIdentifier"] = activity_identifier
        if count_entitled is not UNSET:
            field_dict["countEntitled"] = count_entitled
        if count_entitled_for_provisioning is not UNSET:
            field_dict["countEntitledForProvisioning"] = count_entitled_for_provisioning
        if count_escrowed is not UNSET:
            field_dict["countEscrowed"] = count_escrowed
        if count_escrowed_raw is not UNSET:
            field_dict["countEscrowedRaw"] = count_escrowed_raw
        if count_exported is not UNSET:
            field_dict["countExported"] = count_exported
        if count_exports is not UNSET:
            field_dict["countExports"] = count_exports
        if count_imported is not UNSET:
            field_dict["countImported"] = count_imported
        if count_imported_deltas is not UNSET:
            field_dict["countImportedDeltas"] = count_imported_deltas
        if count_imported_reference_deltas is not UNSET:
            field_dict["countImportedReferenceDeltas"] = count_imported_reference_deltas
        if error is not UNSET:
            field_dict["error"] = error
        if state is not UNSET:
            field_dict["state"] = state
        if time_began is not UNSET:
            field_dict["timeBegan"] = time_began
        if time_ended is not UNSET:
            field_dict["timeEnded"] = time_ended

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_error import SynchronizationError  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.synchronizationTaskExecution"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationTaskExecution" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationTaskExecution', got '{odata_type}'"
            )

        def _parse_activity_identifier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        activity_identifier = _parse_activity_identifier(d.pop("activityIdentifier", UNSET))

        count_entitled = d.pop("countEntitled", UNSET)

        count_entitled_for_provisioning = d.pop("countEntitledForProvisioning", UNSET)

        count_escrowed = d.pop("countEscrowed", UNSET)

        count_escrowed_raw = d.pop("countEscrowedRaw", UNSET)

        count_exported = d.pop("countExported", UNSET)

        count_exports = d.pop("countExports", UNSET)

        count_imported = d.pop("countImported", UNSET)

        count_imported_deltas = d.pop("countImportedDeltas", UNSET)

        count_imported_reference_deltas = d.pop("countImportedReferenceDeltas", UNSET)

        def _parse_error(data: object) -> None | SynchronizationError | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = SynchronizationError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationError | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        _state = d.pop("state", UNSET)
        state: SynchronizationTaskExecutionResult | Unset
        if isinstance(_state, Unset):
            state = UNSET
        else:
            state = SynchronizationTaskExecutionResult(_state)

        time_began = d.pop("timeBegan", UNSET)

        time_ended = d.pop("timeEnded", UNSET)

        synchronization_task_execution = cls(
            odata_type=odata_type,
            activity_identifier=activity_identifier,
            count_entitled=count_entitled,
            count_entitled_for_provisioning=count_entitled_for_provisioning,
            count_escrowed=count_escrowed,
            count_escrowed_raw=count_escrowed_raw,
            count_exported=count_exported,
            count_exports=count_exports,
            count_imported=count_imported,
            count_imported_deltas=count_imported_deltas,
            count_imported_reference_deltas=count_imported_reference_deltas,
            error=error,
            state=state,
            time_began=time_began,
            time_ended=time_ended,
        )

        return synchronization_task_execution
