from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attribute_mapping_source_type import AttributeMappingSourceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.string_key_attribute_mapping_source_value_pair import StringKeyAttributeMappingSourceValuePair


T = TypeVar("T", bound="AttributeMappingSource")


@_attrs_define
class AttributeMappingSource:
    """The source of a value: an attribute, a constant or a function of other sources.

    Attributes:
        odata_type (Literal['#microsoft.graph.attributeMappingSource'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        expression (None | str | Unset): The expression in Graph's mapping syntax, e.g. `[userPrincipalName]`.
        name (None | str | Unset): Attribute name, constant value or function name.
        parameters (list[StringKeyAttributeMappingSourceValuePair] | Unset): A function's parameters.
        type_ (AttributeMappingSourceType | Unset): Kind of source.
    """

    odata_type: Literal["#microsoft.graph.attributeMappingSource"] | Unset = UNSET
    expression: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    parameters: list[StringKeyAttributeMappingSourceValuePair] | Unset = UNSET
    type_: AttributeMappingSourceType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        expression: None | str | Unset
        if isinstance(self.expression, Unset):
            expression = UNSET
        else:
            expression = self.expression

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if expression is not UNSET:
            field_dict["expression"] = expression
        if name is not UNSET:
            field_dict["name"] = name
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.string_key_attribute_mapping_source_value_pair import StringKeyAttributeMappingSourceValuePair  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.attributeMappingSource"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.attributeMappingSource" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.attributeMappingSource', got '{odata_type}'"
            )

        def _parse_expression(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expression = _parse_expression(d.pop("expression", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _parameters = d.pop("parameters", UNSET)
        parameters: list[StringKeyAttributeMappingSourceValuePair] | Unset = UNSET
        if _parameters is not UNSET:
            parameters = []
            for parameters_item_data in _parameters:
                parameters_item = StringKeyAttributeMappingSourceValuePair.from_dict(parameters_item_data)

                parameters.append(parameters_item)

        _type_ = d.pop("type", UNSET)
        type_: AttributeMappingSourceType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = AttributeMappingSourceType(_type_)

        attribute_mapping_source = cls(
            odata_type=odata_type,
            expression=expression,
            name=name,
            parameters=parameters,
            type_=type_,
        )

        return attribute_mapping_source
