from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GroupFilter")


@_attrs_define
class GroupFilter:
    """Groups in scope.

    Attributes:
        odata_type (Literal['#microsoft.graph.groupFilter'] | Unset): OData type annotation. Optional; Graph does not
            send it in responses.
        included_groups (list[str] | Unset): Ids of the groups.
    """

    odata_type: Literal["#microsoft.graph.groupFilter"] | Unset = UNSET
    included_groups: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        included_groups: list[str] | Unset = UNSET
        if not isinstance(self.included_groups, Unset):
            included_groups = self.included_groups

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if included_groups is not UNSET:
            field_dict["includedGroups"] = included_groups

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.groupFilter"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.groupFilter" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.groupFilter', got '{odata_type}'")

        included_groups = cast(list[str], d.pop("includedGroups", UNSET))

        group_filter = cls(
            odata_type=odata_type,
            included_groups=included_groups,
        )

        return group_filter
