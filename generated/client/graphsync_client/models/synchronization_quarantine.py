from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.quarantine_reason import QuarantineReason
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_error import SynchronizationError


T = TypeVar("T", bound="SynchronizationQuarantine")


@_attrs_define
class SynchronizationQuarantine:
    """Quarantine details of a synchronization job.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationQuarantine'] | Unset): OData type annotation. Optional;
            Graph does not send it in responses.
        current_began (str | Unset): Date and time when the quarantine was last evaluated and imposed.
        error (None | SynchronizationError | Unset): Describes the error(s) that occurred when putting the job into
            quarantine.
        next_attempt (str | Unset): Date and time when the quarantine will next be re-evaluated.
        reason (QuarantineReason | Unset): Why a job is quarantined. Not a flags enum, although its underlying values
            are powers of two.
        series_began (str | Unset): Date and time when the quarantine was first imposed in this series.
        series_count (int | Unset): Number of times in this series the quarantine was re-evaluated and left in effect.
    """

    odata_type: Literal["#microsoft.graph.synchronizationQuarantine"] | Unset = UNSET
    current_began: str | Unset = UNSET
    error: None | SynchronizationError | Unset = UNSET
    next_attempt: str | Unset = UNSET
    reason: QuarantineReason | Unset = UNSET
    series_began: str | Unset = UNSET
    series_count: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.synchronization_error import SynchronizationError  # noqa: PLC0415

        odata_type = self.odata_type

        current_began = self.current_began

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, SynchronizationError):
            error = self.error.to_dict()
        else:
            error = self.error

        next_attempt = self.next_attempt

        reason: str | Unset = UNSET
        if not isinstance(self.reason, Unset):
            reason = self.reason.value

        series_began = self.series_began

        series_count = self.series_count

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if current_began is not UNSET:
            field_dict["currentBegan"] = current_began
        if error is not UNSET:
            field_dict["error"] = error
        if next_attempt is not UNSET:
            field_dict["nextAttempt"] = next_attempt
        if reason is not UNSET:
            field_dict["reason"] = reason
        if series_began is not UNSET:
            field_dict["seriesBegan"] = series_began
        if series_count is not UNSET:
            field_dict["seriesCount"] = series_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_error import SynchronizationError  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.synchronizationQuarantine"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.synchronizationQuarantine" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationQuarantine', got '{odata_type}'"
            )

        current_began = d.pop("currentBegan", UNSET)

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

        next_attempt = d.pop("nextAttempt", UNSET)

        _reason = d.pop("reason", UNSET)
        reason: QuarantineReason | Unset
        if isinstance(_reason, Unset):
            reason = UNSET
        else:
            reason = QuarantineReason(_reason)

        series_began = d.pop("seriesBegan", UNSET)

        series_count = d.pop("seriesCount", UNSET)

        synchronization_quarantine = cls(
            odata_type=odata_type,
            current_began=current_began,
            error=error,
            next_attempt=next_attempt,
            reason=reason,
            series_began=series_began,
            series_count=series_count,
        )

        return synchronization_quarantine
