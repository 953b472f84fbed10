from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.synchronization_job_application_parameters import SynchronizationJobApplicationParameters


T = TypeVar("T", bound="ProvisionOnDemandRequest")


@_attrs_define
class ProvisionOnDemandRequest:
    """Body of provisionOnDemand.

    Attributes:
        parameters (list[SynchronizationJobApplicationParameters]): The rule and subjects (Graph handles one entry with
            one subject per call in its portal); at most 50 subjects in all, with the members of groups (the emulator's
            bound, D34).
    """

    parameters: list[SynchronizationJobApplicationParameters]

    def to_dict(self) -> dict[str, Any]:
        parameters = []
        for parameters_item_data in self.parameters:
            parameters_item = parameters_item_data.to_dict()
            parameters.append(parameters_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "parameters": parameters,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synchronization_job_application_parameters import SynchronizationJobApplicationParameters  # noqa: PLC0415

        d = dict(src_dict)
        parameters = []
        _parameters = d.pop("parameters")
        for parameters_item_data in _parameters:
            parameters_item = SynchronizationJobApplicationParameters.from_dict(parameters_item_data)

            parameters.append(parameters_item)

        provision_on_demand_request = cls(
            parameters=parameters,
        )

        return provision_on_demand_request
