from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SynchronizationJobRestartCriteria")


@_attrs_define
class SynchronizationJobRestartCriteria:
    """What a restart resets.

    Attributes:
        odata_type (Literal['#microsoft.graph.synchronizationJobRestartCriteria'] | Unset): OData type annotation.
            Optional; Graph does not send it in responses.
        reset_scope (None | str | Unset): Comma-separated combination of synchronizationJobRestartScope members; may be
            empty.
    """

    odata_type: Literal["#microsoft.graph.synchronizationJobRestartCriteria"] | Unset = UNSET
    reset_scope: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        reset_scope: None | str | Unset
        if isinstance(self.reset_scope, Unset):
            reset_scope = UNSET
        else:
            reset_scope = self.reset_scope

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if reset_scope is not UNSET:
            field_dict["resetScope"] = reset_scope

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(
            Literal["#microsoft.graph.synchronizationJobRestartCriteria"] | Unset, d.pop("@odata.type", UNSET)
        )
        if odata_type != "#microsoft.graph.synchronizationJobRestartCriteria" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.synchronizationJobRestartCriteria', got '{odata_type}'"
            )

        def _parse_reset_scope(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reset_scope = _parse_reset_scope(d.pop("resetScope", UNSET))

        synchronization_job_restart_criteria = cls(
            odata_type=odata_type,
            reset_scope=reset_scope,
        )

        return synchronization_job_restart_criteria
