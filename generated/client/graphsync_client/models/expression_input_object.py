from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.object_definition import ObjectDefinition
    from ..models.string_key_object_value_pair import StringKeyObjectValuePair


T = TypeVar("T", bound="ExpressionInputObject")


@_attrs_define
class ExpressionInputObject:
    """An object to evaluate an expression on.

    Attributes:
        odata_type (Literal['#microsoft.graph.expressionInputObject'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        definition (None | ObjectDefinition | Unset): Its definition (optional).
        properties (list[StringKeyObjectValuePair] | Unset): Its attributes and their values.
    """

    odata_type: Literal["#microsoft.graph.expressionInputObject"] | Unset = UNSET
    definition: None | ObjectDefinition | Unset = UNSET
    properties: list[StringKeyObjectValuePair] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.object_definition import ObjectDefinition  # noqa: PLC0415

        odata_type = self.odata_type

        definition: dict[str, Any] | None | Unset
        if isinstance(self.definition, Unset):
            definition = UNSET
        elif isinstance(self.definition, ObjectDefinition):
            definition = self.definition.to_dict()
        else:
            definition = self.definition

        properties: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = []
            for properties_item_data in self.properties:
                properties_item = properties_item_data.to_dict()
                properties.append(properties_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if definition is not UNSET:
            field_dict["definition"] = definition
        if properties is not UNSET:
            field_dict["properties"] = properties

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.object_definition import ObjectDefinition  # noqa: PLC0415
        from ..models.string_key_object_value_pair import StringKeyObjectValuePair  # noqa: PLC0415

        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.expressionInputObject"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.expressionInputObject" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.expressionInputObject', got '{odata_type}'"
            )

        def _parse_definition(data: object) -> None | ObjectDefinition | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                definition_type_0 = ObjectDefinition.from_dict(data)

                return definition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ObjectDefinition | Unset, data)

        definition = _parse_definition(d.pop("definition", UNSET))

        _properties = d.pop("properties", UNSET)
        properties: list[StringKeyObjectValuePair] | Unset = UNSET
        if _properties is not UNSET:
            properties = []
            for properties_item_data in _properties:
                properties_item = StringKeyObjectValuePair.from_dict(properties_item_data)

                properties.append(properties_item)

        expression_input_object = cls(
            odata_type=odata_type,
            definition=definition,
            properties=properties,
        )

        return expression_input_object
