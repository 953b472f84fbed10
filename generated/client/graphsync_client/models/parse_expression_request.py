from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_definition import AttributeDefinition
    from ..models.expression_input_object import ExpressionInputObject


T = TypeVar("T", bound="ParseExpressionRequest")


@_attrs_define
class ParseExpressionRequest:
    """Body of parseExpression.

    Attributes:
        expression (str): The expression to parse, in the attribute mapping language.
        test_input_object (ExpressionInputObject | None | Unset): An object to evaluate the expression on; without one
            it is only parsed.
        target_attribute_definition (AttributeDefinition | None | Unset): The attribute the expression will be mapped to
            (optional).
    """

    expression: str
    test_input_object: ExpressionInputObject | None | Unset = UNSET
    target_attribute_definition: AttributeDefinition | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.attribute_definition import AttributeDefinition  # noqa: PLC0415
        from ..models.expression_input_object import ExpressionInputObject  # noqa: PLC0415

        expression = self.expression

        test_input_object: dict[str, Any] | None | Unset
        if isinstance(self.test_input_object, Unset):
            test_input_object = UNSET
        elif isinstance(self.test_input_object, ExpressionInputObject):
            test_input_object = self.test_input_object.to_dict()
        else:
            test_input_object = self.test_input_object

        target_attribute_definition: dict[str, Any] | None | Unset
        if isinstance(self.target_attribute_definition, Unset):
            target_attribute_definition = UNSET
        elif isinstance(self.target_attribute_definition, AttributeDefinition):
            target_attribute_definition = self.target_attribute_definition.to_dict()
        else:
            target_attribute_definition = self.target_attribute_definition

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "expression": expression,
            }
        )
        if test_input_object is not UNSET:
            field_dict["testInputObject"] = test_input_object
        if target_attribute_definition is not UNSET:
            field_dict["targetAttributeDefinition"] = target_attribute_definition

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_definition import AttributeDefinition  # noqa: PLC0415
        from ..models.expression_input_object import ExpressionInputObject  # noqa: PLC0415

        d = dict(src_dict)
        expression = d.pop("expression")

        def _parse_test_input_object(data: object) -> ExpressionInputObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                test_input_object_type_0 = ExpressionInputObject.from_dict(data)

                return test_input_object_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExpressionInputObject | None | Unset, data)

        test_input_object = _parse_test_input_object(d.pop("testInputObject", UNSET))

        def _parse_target_attribute_definition(data: object) -> AttributeDefinition | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                target_attribute_definition_type_0 = AttributeDefinition.from_dict(data)

                return target_attribute_definition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttributeDefinition | None | Unset, data)

        target_attribute_definition = _parse_target_attribute_definition(d.pop("targetAttributeDefinition", UNSET))

        parse_expression_request = cls(
            expression=expression,
            test_input_object=test_input_object,
            target_attribute_definition=target_attribute_definition,
        )

        return parse_expression_request
