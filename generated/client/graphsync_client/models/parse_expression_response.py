from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attribute_mapping_source import AttributeMappingSource
    from ..models.public_error import PublicError


T = TypeVar("T", bound="ParseExpressionResponse")


@_attrs_define
class ParseExpressionResponse:
    """What parsing (and evaluating) an expression gave.

    Attributes:
        odata_context (str | Unset): OData context URL.
        odata_type (Literal['#microsoft.graph.parseExpressionResponse'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        error (None | PublicError | Unset): Why parsing or evaluating failed; null when both succeeded.
        evaluation_result (list[str] | None | Unset): The values the expression gives the test object; null when not
            evaluated.
        evaluation_succeeded (bool | Unset): Whether the expression was evaluated on the test object.
        parsed_expression (AttributeMappingSource | None | Unset): The parsed expression.
        parsing_succeeded (bool | Unset): Whether the expression parsed.
    """

    odata_context: str | Unset = UNSET
    odata_type: Literal["#microsoft.graph.parseExpressionResponse"] | Unset = UNSET
    error: None | PublicError | Unset = UNSET
    evaluation_result: list[str] | None | Unset = UNSET
    evaluation_succeeded: bool | Unset = UNSET
    parsed_expression: AttributeMappingSource | None | Unset = UNSET
    parsing_succeeded: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.attribute_mapping_source import AttributeMappingSource  # noqa: PLC0415
        from ..models.public_error import PublicError  # noqa: PLC0415

        odata_context = self.odata_context

        odata_type = self.odata_type

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, PublicError):
            error = self.error.to_dict()
        else:
            error = self.error

        evaluation_result: list[str] | None | Unset
        if isinstance(self.evaluation_result, Unset):
            evaluation_result = UNSET
        elif isinstance(self.evaluation_result, list):
            evaluation_result = self.evaluation_result

        else:
            evaluation_result = self.evaluation_result

        evaluation_succeeded = self.evaluation_succeeded

        parsed_expression: dict[str, Any] | None | Unset
        if isinstance(self.parsed_expression, Unset):
            parsed_expression = UNSET
        elif isinstance(self.parsed_expression, AttributeMappingSource):
            parsed_expression = self.parsed_expression.to_dict()
        else:
            parsed_expression = self.parsed_expression

        parsing_succeeded = self.parsing_succeeded

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_context is not UNSET:
            field_dict["@odata.context"] = odata_context
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if error is not UNSET:
            field_dict["error"] = error
        if evaluation_result is not UNSET:
            field_dict["evaluationResult"] = evaluation_result
        if evaluation_succeeded is not UNSET:
            field_dict["evaluationSucceeded"] = evaluation_succeeded
        if parsed_expression is not UNSET:
            field_dict["parsedExpression"] = parsed_expression
        if parsing_succeeded is not UNSET:
            field_dict["parsingSucceeded"] = parsing_succeeded

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attribute_mapping_source import AttributeMappingSource  # noqa: PLC0415
        from ..models.public_error import PublicError  # noqa: PLC0415

        d = dict(src_dict)
        odata_context = d.pop("@odata.context", UNSET)

        odata_type = cast(Literal["#microsoft.graph.parseExpressionResponse"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.parseExpressionResponse" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.parseExpressionResponse', got '{odata_type}'"
            )

        def _parse_error(data: object) -> None | PublicError | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = PublicError.from_dict(data)

                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PublicError | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_evaluation_result(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                evaluation_result_type_0 = cast(list[str], data)

                return evaluation_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        evaluation_result = _parse_evaluation_result(d.pop("evaluationResult", UNSET))

        evaluation_succeeded = d.pop("evaluationSucceeded", UNSET)

        def _parse_parsed_expression(data: object) -> AttributeMappingSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                parsed_expression_type_0 = AttributeMappingSource.from_dict(data)

                return parsed_expression_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AttributeMappingSource | None | Unset, data)

        parsed_expression = _parse_parsed_expression(d.pop("parsedExpression", UNSET))

        parsing_succeeded = d.pop("parsingSucceeded", UNSET)

        parse_expression_response = cls(
            odata_context=odata_context,
            odata_type=odata_type,
            error=error,
            evaluation_result=evaluation_result,
            evaluation_succeeded=evaluation_succeeded,
            parsed_expression=parsed_expression,
            parsing_succeeded=parsing_succeeded,
        )

        return parse_expression_response
