"""A schema's functions: filterOperators and functions (the engine's catalogs) and parseExpression (D36)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphsync.domain import catalog, expressions
from graphsync.handlers.base import JSON, Call, Reply
from graphsync.handlers.schemas import SchemaHandlers
from graphsync.http import json_bytes


class ExpressionHandlers:
    """GET `.../schema/filterOperators` and `.../schema/functions`, POST `.../schema/parseExpression`,
    on a job's schema or a template's."""

    def __init__(self, schemas: SchemaHandlers) -> None:
        self._schemas = schemas
        self._functions = {function.name: function for function in catalog.FUNCTIONS}

    async def filter_operators(self, call: Call) -> Reply:
        """200 with the operators scoping filters may use; 404 without the schema."""
        await self._schema_exists(call)
        return self._collection(call, "filterOperatorSchema", catalog.filter_operators())

    async def functions(self, call: Call) -> Reply:
        """200 with the functions expressions may call; 404 without the schema."""
        await self._schema_exists(call)
        return self._collection(call, "attributeMappingFunctionSchema", catalog.functions())

    async def parse_expression(self, call: Call) -> Reply:
        """200 with the parsed expression and, given a test object, what it evaluates to."""
        await self._schema_exists(call)
        body: dict[str, Any] = {
            "@odata.context": f"{call.base_url}/$metadata#microsoft.graph.parseExpressionResponse",
            "error": None,
            "evaluationResult": None,
            "evaluationSucceeded": False,
            "parsedExpression": None,
            "parsingSucceeded": False,
        }
        try:
            parsed = expressions.parse(call.body["expression"], self._functions)
        except expressions.ExpressionError as error:
            body["error"] = _error("ParsingFailed", str(error))
            return Reply(200, json_bytes(body), [JSON])
        body.update(parsedExpression=parsed, parsingSucceeded=True)
        test = call.body.get("testInputObject")
        if test is not None:  # an empty object is evaluated too (its attributes are all absent)
            try:
                result = expressions.evaluate(parsed, _values(test.get("properties") or []))
            except expressions.ExpressionError as error:
                body["error"] = _error("EvaluationFailed", str(error))
            else:
                body.update(evaluationResult=result, evaluationSucceeded=True)
        return Reply(200, json_bytes(body), [JSON])

    async def _schema_exists(self, call: Call) -> None:
        await self._schemas.addressed(call)  # 404 without the job or the owner's template

    @staticmethod
    def _collection(call: Call, type_name: str, items: Sequence[dict[str, Any]]) -> Reply:
        context = f"{call.base_url}/$metadata#Collection(microsoft.graph.{type_name})"
        return Reply(200, json_bytes({"@odata.context": context, "value": list(items)}), [JSON])


def _values(properties: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    """The test object's attributes: a string is one value, a list of strings several, null none."""
    values: dict[str, list[str]] = {}
    for pair in properties:
        value = pair.get("value")
        if isinstance(pair.get("key"), str):
            values[pair["key"]] = [] if value is None else [value] if isinstance(value, str) else list(value)
    return values


def _error(code: str, message: str) -> dict[str, Any]:
    return {"code": code, "details": [], "innerError": None, "message": message, "target": None}
