from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attribute_type import AttributeType
from ..types import UNSET, Unset

T = TypeVar("T", bound="AttributeMappingParameterSchema")


@_attrs_define
class AttributeMappingParameterSchema:
    """A parameter of a function.

    Attributes:
        odata_type (Literal['#microsoft.graph.attributeMappingParameterSchema'] | Unset): OData type annotation.
            Optional; Graph does not send it in responses.
        allow_multiple_occurrences (bool | Unset): Whether the parameter may be given several times (the last parameter
            of Join, Coalesce, Switch).
        name (None | str | Unset): The parameter's name, the `key` of a parsed argument.
        required (bool | Unset): Whether the parameter must be given.
        type_ (AttributeType | Unset): Data type of an attribute.
    """

    odata_type: Literal["#microsoft.graph.attributeMappingParameterSchema"] | Unset = UNSET
    allow_multiple_occurrences: bool | Unset = UNSET
    name: None | str | Unset = UNSET
    required: bool | Unset = UNSET
    type_: AttributeType | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        allow_multiple_occurrences = self.allow_multiple_occurrences

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        required = self.required

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if allow_multiple_occurrences is not UNSET:
            field_dict["allowMultipleOccurrences"] = allow_multiple_occurrences
        if name is not UNSET:
            field_dict["name"] = name
        if required is not UNSET:
            field_dict["required"] = required
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(
            Literal["#microsoft.graph.attributeMappingParameterSchema"] | Unset, d.pop("@odata.type", UNSET)
        )
        if odata_type != "#microsoft.graph.attributeMappingParameterSchema" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.attributeMappingParameterSchema', got '{odata_type}'"
            )

        allow_multiple_occurrences = d.pop("allowMultipleOccurrences", UNSET)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        required = d.pop("required", UNSET)

        _type_ = d.pop("type", UNSET)
        type_: AttributeType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = AttributeType(_type_)

        attribute_mapping_parameter_schema = cls(
            odata_type=odata_type,
            allow_multiple_occurrences=allow_multiple_occurrences,
            name=name,
            required=required,
            type_=type_,
        )

        return attribute_mapping_parameter_schema
