from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.filter_operand import FilterOperand


T = TypeVar("T", bound="FilterClause")


@_attrs_define
class FilterClause:
    """One condition on a source attribute.

    Attributes:
        odata_type (Literal['#microsoft.graph.filterClause'] | Unset): OData type annotation. Optional; Graph does not
            send it in responses.
        operator_name (None | str | Unset): Operator, one of filterOperators' names, e.g. `EQUALS`.
        source_operand_name (None | str | Unset): The source attribute tested.
        target_operand (FilterOperand | None | Unset): The values compared against.
    """

    odata_type: Literal["#microsoft.graph.filterClause"] | Unset = UNSET
    operator_name: None | str | Unset = UNSET
    source_operand_name: None | str | Unset = UNSET
    target_operand: FilterOperand | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.filter_operand import FilterOperand  # noqa: PLC0415

        odata_type = self.odata_type

        operator_name: None | str | Unset
        if isinstance(self.operator_name, Unset):
            operator_name = UNSET
        else:
            operator_name = self.operator_name

        source_operand_name: None | str | Unset
        if isinstance(self.source_operand_name, Unset):
            source_operand_name = UNSET
        else:
            source_operand_name = self.source_operand_name

        target_operand: dict[str, Any] | None | Unset
        if isinstance(self.target_operand, Unset):
            target_operand = UNSET
        elif isinstance(self.target_operand, FilterOperand):
            target_operand = self.target_operand.to_dict()
        else:
            target_operand = self.target_operand

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if operator_name is not UNSET:
            field_dict["operatorName"] = operator_name
        if source_operand_name is not UNSET:
            field_dict["sourceOperandName"] = source_operand_name
        if target_operand is not UNSET:
            field_dict["targetOperand"] = target_operand

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.filter_operand import FilterOperand  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.filterClause"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.filterClause" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.filterClause', got '{odata_type}'")

        def _parse_operator_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        operator_name = _parse_operator_name(d.pop("operatorName", UNSET))

        def _parse_source_operand_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_operand_name = _parse_source_operand_name(d.pop("sourceOperandName", UNSET))

        def _parse_target_operand(data: object) -> FilterOperand | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                target_operand_type_0 = FilterOperand.from_dict(data)

                return target_operand_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FilterOperand | None | Unset, data)

        target_operand = _parse_target_operand(d.pop("targetOperand", UNSET))

        filter_clause = cls(
            odata_type=odata_type,
            operator_name=operator_name,
            source_operand_name=source_operand_name,
            target_operand=target_operand,
        )

        return filter_clause
