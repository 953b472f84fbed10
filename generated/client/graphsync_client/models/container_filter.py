from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerFilter")


@_attrs_define
class ContainerFilter:
    """Containers in scope.

    Attributes:
        odata_type (Literal['#microsoft.graph.containerFilter'] | Unset): OData type annotation. Optional; Graph does
            not send it in responses.
        included_containers (list[str] | Unset): Distinguished names of the containers.
    """

    odata_type: Literal["#microsoft.graph.containerFilter"] | Unset = UNSET
    included_containers: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        included_containers: list[str] | Unset = UNSET
        if not isinstance(self.included_containers, Unset):
            included_containers = self.included_containers

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if included_containers is not UNSET:
            field_dict["includedContainers"] = included_containers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.containerFilter"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.containerFilter" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.containerFilter', got '{odata_type}'")

        included_containers = cast(list[str], d.pop("includedContainers", UNSET))

        container_filter = cls(
            odata_type=odata_type,
            included_containers=included_containers,
        )

        return container_filter
