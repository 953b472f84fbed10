from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attribute_type import AttributeType
from ..models.scope_operator_multi_valued_comparison_type import ScopeOperatorMultiValuedComparisonType
from ..models.scope_operator_type import ScopeOperatorType
from ..types import UNSET, Unset

T = TypeVar("T", bound="FilterOperatorSchema")


@_attrs_define
class FilterOperatorSchema:
    """An operator scoping filters may use (`filterClause.operatorName`).

    Attributes:
        odata_type (Literal['#microsoft.graph.filterOperatorSchema'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        id (str | Unset): Identifier.
        name (str | Unset): The operator's name, as `filterClause.operatorName` spells it (Graph's examples answer it;
            its metadata has only `id`, which the emulator answers with the same value: docs/spec-decisions.md D36).
        arity (ScopeOperatorType | Unset): Whether an operator takes a value.
        multivalued_comparison_type (ScopeOperatorMultiValuedComparisonType | Unset): How an operator compares a multi-
            valued attribute.
        supported_attribute_types (list[AttributeType] | Unset): The attribute types the operator applies to.
    """

    odata_type: Literal["#microsoft.graph.filterOperatorSchema"] | Unset = UNSET
    id: str | Unset = UNSET
    name: str | Unset = UNSET
    arity: ScopeOperatorType | Unset = UNSET
    multivalued_comparison_type: ScopeOperatorMultiValuedComparisonType | Unset = UNSET
    supported_attribute_types: list[AttributeType] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        id = self.id

        name = self.name

        arity: str | Unset = UNSET
        if not isinstance(self.arity, Unset):
            arity = self.arity.value

        multivalued_comparison_type: str | Unset = UNSET
        if not isinstance(self.multivalued_comparison_type, Unset):
            multivalued_comparison_type = self.multivalued_comparison_type.value

        supported_attribute_types: list[str] | Unset = UNSET
        if not isinstance(self.supported_attribute_types, Unset):
            supported_attribute_types = []
            for supported_attribute_types_item_data in self.supported_attribute_types:
                supported_attribute_types_item = supported_attribute_types_item_data.value
                supported_attribute_types.append(supported_attribute_types_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if arity is not UNSET:
            field_dict["arity"] = arity
        if multivalued_comparison_type is not UNSET:
            field_dict["multivaluedComparisonType"] = multivalued_comparison_type
        if supported_attribute_types is not UNSET:
            field_dict["supportedAttributeTypes"] = supported_attribute_types

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.filterOperatorSchema"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.filterOperatorSchema" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.filterOperatorSchema', got '{odata_type}'"
            )

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        _arity = d.pop("arity", UNSET)
        arity: ScopeOperatorType | Unset
        if isinstance(_arity, Unset):
            arity = UNSET
        else:
            arity = ScopeOperatorType(_arity)

        _multivalued_comparison_type = d.pop("multivaluedComparisonType", UNSET)
        multivalued_comparison_type: ScopeOperatorMultiValuedComparisonType | Unset
        if isinstance(_multivalued_comparison_type, Unset):
            multivalued_comparison_type = UNSET
        else:
            multivalued_comparison_type = ScopeOperatorMultiValuedComparisonType(_multivalued_comparison_type)

        _supported_attribute_types = d.pop("supportedAttributeTypes", UNSET)
        supported_attribute_types: list[AttributeType] | Unset = UNSET
        if _supported_attribute_types is not UNSET:
            supported_attribute_types = []
            for supported_attribute_types_item_data in _supported_attribute_types:
                supported_attribute_types_item = AttributeType(supported_attribute_types_item_data)

                supported_attribute_types.append(supported_attribute_types_item)

        filter_operator_schema = cls(
            odata_type=odata_type,
            id=id,
            name=name,
            arity=arity,
            multivalued_comparison_type=multivalued_comparison_type,
            supported_attribute_types=supported_attribute_types,
        )

        return filter_operator_schema
