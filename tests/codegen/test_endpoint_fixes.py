"""codegen/endpoints.py's fixes of openapi-python-client's endpoints: list options and `$count` bodies."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "codegen"))

from endpoints import EndpointFixError, fix_endpoints
from operations_table import OperationTableError, operation_table


def spec_with_list_option(**style: Any) -> dict[str, Any]:
    option = {"name": "$select", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}}
    return {"paths": {"/widgets": {"get": {"parameters": [option | style], "responses": {}}}}}


@pytest.mark.parametrize("style", [{}, {"explode": True}, {"style": "spaceDelimited", "explode": False}])
def test_a_list_option_the_client_cannot_send_comma_separated_stops_generation(
    tmp_path: Path, style: dict[str, Any]
) -> None:
    with pytest.raises(
        EndpointFixError, match=r"GET /widgets: list query option \$select must be style form"
    ):
        fix_endpoints(tmp_path, spec_with_list_option(**style))


def test_an_endpoint_in_an_unexpected_spelling_stops_generation(tmp_path: Path) -> None:
    (tmp_path / "widgets.py").write_text(
        "params: dict[str, Any] = {}\nparams = dict(params)\n", encoding="utf-8"
    )
    with pytest.raises(EndpointFixError, match="update codegen/endpoints.py"):
        fix_endpoints(tmp_path, spec_with_list_option(style="form", explode=False))


def test_only_integer_plain_text_bodies_enter_theoperation_table() -> None:
    def spec(content: dict[str, Any]) -> dict[str, Any]:
        response = {"description": "x", "content": content}
        return {"paths": {"/widgets/$count": {"get": {"operationId": "c", "responses": {"200": response}}}}}

    counted = operation_table(spec({"text/plain": {"schema": {"type": "integer"}}}), {})
    assert counted[0][5] == {"200": "text/plain"}
    with pytest.raises(OperationTableError, match="integer text/plain bodies only"):
        operation_table(spec({"text/plain": {"schema": {"type": "string"}}}), {})
    with pytest.raises(OperationTableError, match="integer text/plain bodies only"):
        operation_table(spec({"application/octet-stream": {"schema": {"type": "string"}}}), {})
