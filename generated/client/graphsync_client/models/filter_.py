from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.filter_group import FilterGroup


T = TypeVar("T", bound="Filter")


@_attrs_define
class Filter:
    """Scoping filter: an object is in scope when a group's clauses all hold.

    Attributes:
        odata_type (Literal['#microsoft.graph.filter'] | Unset): OData type annotation. Optional; Graph does not send it
            in responses.
        category_filter_groups (list[FilterGroup] | Unset): Category filters (must all pass, with input filters).
        groups (list[FilterGroup] | Unset): Filter groups: in scope when one group passes.
        input_filter_groups (list[FilterGroup] | Unset): Input filters.
    """

    odata_type: Literal["#microsoft.graph.filter"] | Unset = UNSET
    category_filter_groups: list[FilterGroup] | Unset = UNSET
    groups: list[FilterGroup] | Unset = UNSET
    input_filter_groups: list[FilterGroup] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        category_filter_groups: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.category_filter_groups, Unset):
            category_filter_groups = []
            for category_filter_groups_item_data in self.category_filter_groups:
                category_filter_groups_item = category_filter_groups_item_data.to_dict()
                category_filter_groups.append(category_filter_groups_item)

        groups: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.groups, Unset):
            groups = []
            for groups_item_data in self.groups:
                groups_item = groups_item_data.to_dict()
                groups.append(groups_item)

        input_filter_groups: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.input_filter_groups, Unset):
            input_filter_groups = []
            for input_filter_groups_item_data in self.input_filter_groups:
                input_filter_groups_item = input_filter_groups_item_data.to_dict()
                input_filter_groups.append(input_filter_groups_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if category_filter_groups is not UNSET:
            field_dict["categoryFilterGroups"] = category_filter_groups
        if groups is not UNSET:
            field_dict["groups"] = groups
        if input_filter_groups is not UNSET:
            field_dict["inputFilterGroups"] = input_filter_groups

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.filter_group import FilterGroup  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.filter"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.filter" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.filter', got '{odata_type}'")

        _category_filter_groups = d.pop("categoryFilterGroups", UNSET)
        category_filter_groups: list[FilterGroup] | Unset = UNSET
        if _category_filter_groups is not UNSET:
            category_filter_groups = []
            for category_filter_groups_item_data in _category_filter_groups:
                category_filter_groups_item = FilterGroup.from_dict(category_filter_groups_item_data)

                category_filter_groups.append(category_filter_groups_item)

        _groups = d.pop("groups", UNSET)
        groups: list[FilterGroup] | Unset = UNSET
        if _groups is not UNSET:
            groups = []
            for groups_item_data in _groups:
                groups_item = FilterGroup.from_dict(groups_item_data)

                groups.append(groups_item)

        _input_filter_groups = d.pop("inputFilterGroups", UNSET)
        input_filter_groups: list[FilterGroup] | Unset = UNSET
        if _input_filter_groups is not UNSET:
            input_filter_groups = []
            for input_filter_groups_item_data in _input_filter_groups:
                input_filter_groups_item = FilterGroup.from_dict(input_filter_groups_item_data)

                input_filter_groups.append(input_filter_groups_item)

        filter_ = cls(
            odata_type=odata_type,
            category_filter_groups=category_filter_groups,
            groups=groups,
            input_filter_groups=input_filter_groups,
        )

        return filter_
