"""A schema's functions: filterOperators and functions (the engine's catalogs), parseExpression (D36)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from support import APP_JOBS, JOBS
from support.asgi import InProcess
from support.graph import assert_graph_error

from graphsync.demo import BOX_APP, BOX_SP

SP_TEMPLATE = f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/templates/BoxOutDelta/schema"
APP_TEMPLATE = f"/v1.0/applications/{BOX_APP}/synchronization/templates/BoxOutDelta/schema"
REPLACE = 'Replace([preferredLanguage], "-", , , "_", , )'


def schemas(api: InProcess) -> list[str]:
    return [
        f"{JOBS}/{api.create(JOBS, 'BoxOutDelta')['id']}/schema",
        f"{APP_JOBS}/{api.create(APP_JOBS, 'BoxOutDelta')['id']}/schema",
        SP_TEMPLATE,
        APP_TEMPLATE,
    ]


def parse(
    api: InProcess, url: str, expression: str, properties: list[dict[str, Any]] | None = None
) -> httpx.Response:
    body: dict[str, Any] = {"expression": expression}
    if properties is not None:
        body["testInputObject"] = {"definition": None, "properties": properties}
    return api.post(f"{url}/parseExpression", json=body)


def test_filter_operators_and_functions_answer_the_engines_catalogs(api: InProcess) -> None:
    for url in schemas(api):
        operators = api.get(f"{url}/filterOperators")
        assert operators.status_code == 200
        assert operators.json()["@odata.context"].endswith(
            "$metadata#Collection(microsoft.graph.filterOperatorSchema)"
        )
        by_name = {o["name"]: o for o in operators.json()["value"]}
        assert by_name["EQUALS"] == {
            "id": "EQUALS",
            "name": "EQUALS",
            "arity": "Binary",
            "multivaluedComparisonType": "All",
            "supportedAttributeTypes": ["Integer", "String"],
        }
        assert by_name["IS NOT NULL"]["arity"] == "Unary"
        functions = {f["name"]: f for f in api.get(f"{url}/functions").json()["value"]}
        assert [p["name"] for p in functions["Replace"]["parameters"]] == [
            "source", "Find", "RegularExpression", "RegularExpressionGroupName", "Replacement",
            "ReplacementPropertyName", "Template",
        ]  # fmt: skip
        assert functions["Join"]["parameters"][-1]["allowMultipleOccurrences"] is True
        assert functions["DefaultDomain"]["parameters"] == []


def test_parse_expression_answers_graphs_documented_example(api: InProcess) -> None:
    properties = [
        {"key": "preferredLanguage", "value": "EN-US"},
        {
            "key": "appRoleAssignments",
            "value@odata.type": "#Collection(String)",
            "value": ["Default Assignment"],
        },
    ]
    answer = parse(api, SP_TEMPLATE, REPLACE, properties).json()
    assert answer["parsingSucceeded"] is True and answer["evaluationSucceeded"] is True
    assert answer["evaluationResult"] == ["EN_US"] and answer["error"] is None
    parsed = answer["parsedExpression"]
    assert (parsed["name"], parsed["type"]) == ("Replace", "Function")
    assert [(p["key"], p["value"]["type"], p["value"]["name"]) for p in parsed["parameters"]] == [
        ("source", "Attribute", "preferredLanguage"),
        ("Find", "Constant", "-"),
        ("Replacement", "Constant", "_"),
    ]  # the empty arguments are left out, as Graph's example shows


@pytest.mark.parametrize(
    ("expression", "fragment"),
    [
        ("Replace([a]", "Expected ')'"),
        ("Nope([a])", "'Nope' is not a function"),
        ('Append([a], "b", "c")', "at most 2 arguments"),
        ("[a] [b]", "Expected the end"),
        ("", "empty"),
        ("(" * 40, "Unexpected"),
        ("ToLower(" * 40 + "[a]" + ")" * 40, "nest more than 32"),
    ],
)
def test_an_expression_that_does_not_parse_is_200_with_the_reason(
    api: InProcess, expression: str, fragment: str
) -> None:
    answer = parse(api, SP_TEMPLATE, expression).json()
    assert answer["parsingSucceeded"] is False and answer["parsedExpression"] is None
    assert answer["error"]["code"] == "ParsingFailed" and fragment in answer["error"]["message"]


def test_evaluation_covers_the_common_functions_and_says_which_it_does_not(api: InProcess) -> None:
    values = [
        {"key": "givenName", "value": "Ada"},
        {"key": "surname", "value": "Lovelace"},
        {"key": "empty", "value": None},
    ]
    cases = {
        'Join(".", ToLower([givenName]), ToLower([surname]))': ["ada.lovelace"],
        'Append([givenName], "@contoso.com")': ["Ada@contoso.com"],
        "Coalesce([empty], [missing], [surname])": ["Lovelace"],
        "IIF(IsPresent([empty]), [givenName], [surname])": ["Lovelace"],
        'Replace([surname], "o", , , "0", , )': ["L0velace"],
        'StripSpaces("a b c")': ["abc"],
    }
    for expression, expected in cases.items():
        answer = parse(api, SP_TEMPLATE, expression, values).json()
        assert answer["evaluationResult"] == expected, (expression, answer)
    unevaluated = parse(api, SP_TEMPLATE, "Guid()", values).json()
    assert unevaluated["parsingSucceeded"] is True and unevaluated["evaluationSucceeded"] is False
    assert unevaluated["error"]["code"] == "EvaluationFailed" and "Guid" in unevaluated["error"]["message"]
    # a client's regular expression is never run: `(a+)+$` on a long value would backtrack for ages
    regex = parse(
        api,
        SP_TEMPLATE,
        'Replace([long], , "(a+)+$", , "x", , )',
        [{"key": "long", "value": "a" * 5000 + "b"}],
    )
    assert (
        regex.json()["evaluationSucceeded"] is False
        and "RegularExpression" in regex.json()["error"]["message"]
    )
    empty = api.post(
        f"{SP_TEMPLATE}/parseExpression", json={"expression": '"x"', "testInputObject": {}}
    ).json()
    assert empty["evaluationResult"] == ["x"]
    unparsed_only = parse(api, SP_TEMPLATE, "Guid()").json()
    assert unparsed_only["parsingSucceeded"] is True and unparsed_only["evaluationResult"] is None


def test_a_missing_schema_is_404(api: InProcess) -> None:
    assert_graph_error(api.get(f"{JOBS}/nope/schema/functions"), 404, "Request_ResourceNotFound")
    assert_graph_error(
        api.get(SP_TEMPLATE.replace("BoxOutDelta", "scim") + "/filterOperators"),
        404,
        "Request_ResourceNotFound",
    )
    assert_graph_error(parse(api, f"{JOBS}/nope/schema", "[a]"), 404, "Request_ResourceNotFound")
