from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synchronization_job_restart_criteria import SynchronizationJobRestartCriteria


T = TypeVar("T", bound="RestartRequest")


@_attrs_define
class RestartRequest:
    """Parameters of the restart action.

    Attributes:
        criteria (None | SynchronizationJobRestartCriteria | Unset): What to reset before restarting.
    """

    criteria: None | SynchronizationJobRestartCriteria | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.synchronization_job_restart_criteria import SynchronizationJobRestartCriteria  # noqa: PLC0415

        criteria: dict[str, Any] | None | Unset
        if isinstance(self.criteria, Unset):
            criteria = UNSET
        elif isinstance(self.criteria, SynchronizationJobRestartCriteria):
            criteria = self.criteria.to_dict()
        else:
            criteria = self.criteria

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if criteria is not UNSET:
            field_dict["criteria"] = criteria

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_job_restart_criteria import SynchronizationJobRestartCriteria  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_criteria(data: object) -> None | SynchronizationJobRestartCriteria | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                criteria_type_0 = SynchronizationJobRestartCriteria.from_dict(data)

                return criteria_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SynchronizationJobRestartCriteria | Unset, data)

        criteria = _parse_criteria(d.pop("criteria", UNSET))

        restart_request = cls(
            criteria=criteria,
        )

        return restart_request
