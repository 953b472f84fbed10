from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_mapping_parameter_schema import AttributeMappingParameterSchema


T = TypeVar("T", bound="AttributeMappingFunctionSchema")


@_attrs_define
class AttributeMappingFunctionSchema:
    """A function attribute mapping expressions may call.

    Attributes:
        odata_type (Literal['#microsoft.graph.attributeMappingFunctionSchema'] | Unset): OData type annotation.
            Optional; Graph does not send it in responses.
        id (str | Unset): Identifier.
        name (str | Unset): The function's name, as expressions call it (see filterOperatorSchema.name on `id`).
        parameters (list[AttributeMappingParameterSchema] | Unset): Its parameters, in order.
    """

    odata_type: Literal["#microsoft.graph.attributeMappingFunctionSchema"] | Unset = UNSET
    id: str | Unset = UNSET
    name: str | Unset = UNSET
    parameters: list[AttributeMappingParameterSchema] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        id = self.id

        name = self.name

        parameters: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = []
            for parameters_item_data in self.parameters:
                parameters_item = parameters_item_data.to_dict()
                parameters.append(parameters_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if parameters is not UNSET:
            field_dict["parameters"] = parameters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_mapping_parameter_schema import AttributeMappingParameterSchema  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(
            Literal["#microsoft.graph.attributeMappingFunctionSchema"] | Unset, d.pop("@odata.type", UNSET)
        )
        if odata_type != "#microsoft.graph.attributeMappingFunctionSchema" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.attributeMappingFunctionSchema', got '{odata_type}'"
            )

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: list[AttributeMappingParameterSchema] | Unset = UNSET
        if _parameters is not UNSET:
            parameters = []
            for parameters_item_data in _parameters:
                parameters_item = AttributeMappingParameterSchema.from_dict(parameters_item_data)

                parameters.append(parameters_item)

        attribute_mapping_function_schema = cls(
            odata_type=odata_type,
            id=id,
            name=name,
            parameters=parameters,
        )

        return attribute_mapping_function_schema
