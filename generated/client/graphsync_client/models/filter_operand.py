from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FilterOperand")


@_attrs_define
class FilterOperand:
    """Values of a clause.

    Attributes:
        odata_type (Literal['#microsoft.graph.filterOperand'] | Unset): OData type annotation. Optional; Graph does not
            send it in responses.
        values (list[str] | Unset): The values.
    """

    odata_type: Literal["#microsoft.graph.filterOperand"] | Unset = UNSET
    values: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        values: list[str] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = self.values

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.filterOperand"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.filterOperand" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.filterOperand', got '{odata_type}'")

        values = cast(list[str], d.pop("values", UNSET))

        filter_operand = cls(
            odata_type=odata_type,
            values=values,
        )

        return filter_operand
