"""OData query options on synchronization jobs: $select, $count (option and segment), $filter, $orderby,
$skip, $top with next links and $skiptoken, and the options that are not declared."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest
from support import APP_JOBS, JOBS
from support.asgi import InProcess
from support.graph import assert_graph_error

from graphsync.demo import AUTOMATION_SP, BOX_APP, BOX_SP, FABRIKAM, FABRIKAM_BOX_SP, SEED
from graphsync.odata_query import parse_filter

BASE = "http://graph.test"
JOB_TYPE = "microsoft.graph.synchronizationJob"
# A service principal of Contoso that the automation app owns and that has no jobs.
EMPTY_SP = next(
    sp["id"]
    for sp in SEED["tenants"][0]["servicePrincipals"]
    if AUTOMATION_SP in sp["owners"] and sp["id"] != BOX_SP
)
OWNERS = [
    pytest.param((JOBS, f"servicePrincipals('{BOX_SP}')"), id="servicePrincipal"),
    pytest.param((APP_JOBS, f"applications('{BOX_APP}')"), id="application"),
]
BOX, SF = "BoxOutDelta", "SfSandboxOutDelta"


def url(path: str, **options: str) -> str:
    """`path` with `$name=value` for each option (`filter=...` is `$filter=...`), values percent-encoded."""
    return path + "?" + "&".join(f"${name}={quote(value, safe=',')}" for name, value in options.items())


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [job["id"] for job in response.json()["value"]]


def ids_of(page: dict[str, Any]) -> list[str]:
    return [j["id"] for j in page["value"]]


def context(owner: str, suffix: str = "") -> str:
    return f"{BASE}/v1.0/$metadata#{owner}/synchronization/jobs{suffix}"


def follow(api: InProcess, first: str) -> list[dict[str, Any]]:
    """Every page from `first` on, through `@odata.nextLink`."""
    pages = [api.get(first).json()]
    while "@odata.nextLink" in pages[-1]:
        assert len(pages) < 20, "next links do not end"
        response = api.get(pages[-1]["@odata.nextLink"])
        assert response.status_code == 200, response.text
        pages.append(response.json())
    return pages


def error_message(response: httpx.Response, code: str) -> str:
    return str(assert_graph_error(response, 400, code)["message"])


@pytest.fixture
def mixed(api: InProcess) -> list[dict[str, Any]]:
    """Seven jobs of the Box service principal, interleaved: Box, Sf, Box, Sf, Box, Sf, Box."""
    return [api.create(JOBS, BOX if n % 2 == 0 else SF) for n in range(7)]


# --- $select ------------------------------------------------------------------------------------


@pytest.mark.parametrize("owner", OWNERS)
def test_select_on_list_and_get_projects_and_names_the_properties_in_the_context(
    api: InProcess, owner: tuple[str, str]
) -> None:
    path, name = owner
    created = [api.create(path) for _ in range(2)]
    pages = follow(api, url(path, select="id,templateId", top="1"))  # the next link keeps $select
    assert [page["@odata.context"] for page in pages] == [context(name, "(id,templateId)")] * 2
    assert [j for page in pages for j in page["value"]] == [
        {"id": j["id"], "templateId": j["templateId"]} for j in created
    ]
    one = api.get(url(f"{path}/{created[1]['id']}", select="id,templateId")).json()
    assert one == {
        "@odata.context": context(name, "(id,templateId)/$entity"),
        "id": created[1]["id"],
        "templateId": created[1]["templateId"],
    }


def test_select_always_keeps_id_and_keeps_the_documents_order(api: InProcess) -> None:
    job = api.create()
    listed = api.get(url(JOBS, select="status")).json()
    assert listed["@odata.context"] == context(f"servicePrincipals('{BOX_SP}')", "(status)")
    assert listed["value"] == [{"id": job["id"], "status": job["status"]}]
    got = api.get(url(f"{JOBS}/{job['id']}", select="schedule,templateId")).json()
    assert list(got) == ["@odata.context", "id", "templateId", "schedule"]
    assert got["@odata.context"].endswith("/synchronization/jobs(schedule,templateId)/$entity")
    assert got["schedule"] == job["schedule"]


@pytest.mark.parametrize("target", ["list", "get"])
def test_select_of_an_unknown_property_is_graphs_odata_400(api: InProcess, target: str) -> None:
    job = api.create()
    path = JOBS if target == "list" else f"{JOBS}/{job['id']}"
    assert error_message(api.get(url(path, select="id,nope")), "BadRequest") == (
        "Parsing OData Select and Expand failed: Could not find a property named 'nope' on type "
        f"'{JOB_TYPE}'."
    )
    message = error_message(api.get(url(path, select="templateId,templateId")), "Request_BadRequest")
    assert message == "The value 'templateId' appears more than once in query option '$select'."


# --- $count ------------------------------------------------------------------------------------


@pytest.mark.parametrize("owner", OWNERS)
def test_count_true_gives_the_total_on_every_page(api: InProcess, owner: tuple[str, str]) -> None:
    path, _ = owner
    for _ in range(5):
        api.create(path)
    pages = follow(api, url(path, top="2", count="true"))
    assert [len(page["value"]) for page in pages] == [2, 2, 1]
    assert [page["@odata.count"] for page in pages] == [5, 5, 5]
    empty = api.get(url(path, top="0", count="true")).json()
    assert (empty["@odata.count"], empty["value"]) == (5, [])
    plain = api.get(path).json()
    assert api.get(url(path, count="false")).json() == plain and "@odata.count" not in plain


def test_count_true_with_a_filter_counts_the_matching_jobs(
    api: InProcess, mixed: list[dict[str, Any]]
) -> None:
    pages = follow(api, url(JOBS, filter=f"templateId eq '{SF}'", count="true", top="1", skip="1"))
    assert [page["@odata.count"] for page in pages] == [3, 3]  # $skip and $top do not change the count
    assert [j["id"] for page in pages for j in page["value"]] == [mixed[3]["id"], mixed[5]["id"]]
    for query in ({}, {"count": "false"}):  # a query without $count=true has no count
        assert "@odata.count" not in api.get(url(JOBS, filter=f"templateId eq '{SF}'", **query)).json()


def test_count_must_be_true_or_false(api: InProcess) -> None:
    message = error_message(api.get(url(JOBS, count="yes")), "Request_BadRequest")
    assert message == "Invalid value 'yes' for query option '$count': expected true or false."


@pytest.mark.parametrize("owner", OWNERS)
def test_count_segment_answers_the_number_as_plain_text(api: InProcess, owner: tuple[str, str]) -> None:
    path, _ = owner
    assert api.get(f"{path}/$count").text == "0"
    created = [api.create(path) for _ in range(3)]
    response = api.get(f"{path}/$count")
    assert (response.status_code, response.headers["content-type"], response.text) == (200, "text/plain", "3")
    api.delete(f"{path}/{created[0]['id']}")
    assert api.get(f"{path}/$count").text == "2"
    assert api.get(url(f"{path}/$count", filter=f"id eq '{created[1]['id']}'")).text == "1"


def test_count_segment_with_filter_and_for_other_owners(api: InProcess, mixed: list[dict[str, Any]]) -> None:
    assert api.get(url(f"{JOBS}/$count", filter=f"templateId eq '{SF}'")).text == "3"
    assert api.get(url(f"{JOBS}/$count", filter="templateId eq 'nothing'")).text == "0"
    assert api.get(f"/v1.0/servicePrincipals/{EMPTY_SP}/synchronization/jobs/$count").text == "0"
    unknown = "/v1.0/servicePrincipals/00000000-0000-0000-0000-000000000000/synchronization/jobs/$count"
    assert_graph_error(api.get(unknown), 404, "Request_ResourceNotFound")
    fabrikam = api.tokens.header(tenant=FABRIKAM)
    fabrikam_jobs = f"/v1.0/servicePrincipals/{FABRIKAM_BOX_SP}/synchronization/jobs"
    api.create(fabrikam_jobs, headers=fabrikam)
    assert api.get(f"{fabrikam_jobs}/$count", headers=fabrikam).text == "1"
    assert api.get(f"{JOBS}/$count").text == "7"  # Fabrikam's job is not Contoso's
    assert_graph_error(api.get(f"{fabrikam_jobs}/$count"), 404, "Request_ResourceNotFound")
    assert_graph_error(api.get(url(f"{JOBS}/$count", filter="templateId eq")), 400, "Request_BadRequest")


# --- $filter -----------------------------------------------------------------------------------

Expected = Callable[[dict[str, Any], list[str]], bool]  # (job, ids of `mixed`) -> is it in the result


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        (f"templateId eq '{BOX}'", lambda j, i: j["templateId"] == BOX),
        (f"templateId ne '{BOX}'", lambda j, i: j["templateId"] != BOX),
        ("id eq '{2}'", lambda j, i: j["id"] == i[2]),
        ("id ne '{2}'", lambda j, i: j["id"] != i[2]),
        ("startswith(templateId,'Sf')", lambda j, i: j["templateId"] == SF),
        ("startswith(templateId, 'boxout')", lambda j, i: j["templateId"] == BOX),  # case-insensitive
        ("startswith(id,'{3}')", lambda j, i: j["id"] == i[3]),
        (f"templateId eq '{BOX}' and id ne '{{0}}'", lambda j, i: j["templateId"] == BOX and j["id"] != i[0]),
        ("id eq '{0}' or id eq '{5}'", lambda j, i: j["id"] in (i[0], i[5])),
        (f"not (templateId eq '{BOX}')", lambda j, i: j["templateId"] != BOX),
        (
            f"not templateId eq '{BOX}' and id ne '{{1}}'",
            lambda j, i: j["templateId"] == SF and j["id"] != i[1],
        ),
        # `and` binds tighter than `or`; parentheses change that
        (
            f"templateId eq '{SF}' or templateId eq '{BOX}' and id eq '{{0}}'",
            lambda j, i: j["templateId"] == SF or j["id"] == i[0],
        ),
        (f"(templateId eq '{SF}' or templateId eq '{BOX}') and id eq '{{0}}'", lambda j, i: j["id"] == i[0]),
        (
            f"templateId eq '{BOX}' and id eq '{{0}}' or templateId eq '{SF}'",
            lambda j, i: j["templateId"] == SF or j["id"] == i[0],
        ),
        ("status/code eq 'Paused'", lambda j, i: j["templateId"] == SF),  # the gallery template's default
        ("schedule/interval eq 'PT40M'", lambda j, i: j["templateId"] == SF),
        ("schedule/state eq 'Disabled'", lambda j, i: True),
        ("schedule/state ne null", lambda j, i: True),
        ("templateId eq 'Box''OutDelta'", lambda j, i: False),  # Box'OutDelta, not BoxOutDelta
        ("((((id eq '{4}'))))", lambda j, i: j["id"] == i[4]),
    ],
)
def test_filter_returns_the_matching_jobs_in_creation_order(
    api: InProcess, mixed: list[dict[str, Any]], expression: str, expected: Expected
) -> None:
    all_ids = [j["id"] for j in mixed]
    response = api.get(url(JOBS, filter=expression.format(*all_ids)))
    assert ids(response) == [j["id"] for j in mixed if expected(j, all_ids)]
    assert ids(response) != all_ids or expression.startswith("schedule/state")  # the case is not vacuous


def test_filter_on_schedule_and_status_follows_start_and_pause(
    api: InProcess, mixed: list[dict[str, Any]]
) -> None:
    started, paused = mixed[0]["id"], mixed[2]["id"]
    assert api.post(f"{JOBS}/{started}/start").status_code == 204
    assert api.post(f"{JOBS}/{paused}/pause").status_code == 204
    assert ids(api.get(url(JOBS, filter="schedule/state eq 'Active'"))) == [started]
    paused_ids = [mixed[1]["id"], paused, mixed[3]["id"], mixed[5]["id"]]
    assert ids(api.get(url(JOBS, filter="status/code eq 'Paused'"))) == paused_ids
    active_box = f"schedule/state eq 'Active' and templateId eq '{BOX}'"
    assert ids(api.get(url(APP_JOBS, filter=active_box))) == []  # the application's collection is separate


def test_doubled_quotes_are_unescaped_in_string_literals() -> None:
    predicate = parse_filter("templateId eq 'O''Brien'", ["templateId"], JOB_TYPE)
    assert predicate({"templateId": "O'Brien"}) and not predicate({"templateId": "O''Brien"})


@pytest.mark.parametrize(
    "prop", ["displayName", "schedule/expiration", "synchronizationJobSettings", "TemplateId"]
)
def test_filter_on_an_unsupported_property_is_400(api: InProcess, prop: str) -> None:
    api.create()
    message = error_message(api.get(url(JOBS, filter=f"{prop} eq 'x'")), "Request_UnsupportedQuery")
    assert message == (
        f"Unsupported or invalid query filter clause specified for property '{prop}' of resource '{JOB_TYPE}'."
    )


@pytest.mark.parametrize(
    ("expression", "what"),
    [
        ("templateId gt 'A'", "the operator 'gt'"),
        ("templateId le 'A'", "the operator 'le'"),
        ("templateId in ('A')", "the operator 'in'"),
        ("endswith(templateId,'Delta')", "the function 'endswith'"),
        ("contains(templateId,'Out')", "the function 'contains'"),
    ],
)
def test_unsupported_operators_and_functions_are_400(api: InProcess, expression: str, what: str) -> None:
    api.create()
    message = error_message(api.get(url(JOBS, filter=expression)), "Request_UnsupportedQuery")
    assert message == f"Unsupported query filter clause: {what} is not supported."


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        ("templateId eq", "the expression ends too early"),
        ("(", "the expression ends too early"),
        ("", "the expression is empty"),
        ("   ", "the expression is empty"),
        ("(templateId eq 'A'", "the expression ends too early"),
        ("(templateId eq 'A' x", "')' expected"),
        ("templateId eq 'A')", "unexpected ')'"),
        ("templateId eq 'A' and", "the expression ends too early"),
        ("templateId 'A'", "an operator (eq, ne) was expected after 'templateId'"),
        ("templateId eq 'it's'", "unexpected character at position 20"),
        ("templateId eq templateId", "a value was expected, not 'templateId'"),
        ("startswith(templateId,1)", "startswith takes a string"),
        ("'A' eq templateId", "a property was expected, not ''A''"),
    ],
)
def test_filter_syntax_errors_are_400_invalid_filter_clause(
    api: InProcess, expression: str, problem: str
) -> None:
    api.create()
    for path in (JOBS, f"{JOBS}/$count"):
        message = error_message(api.get(url(path, filter=expression)), "Request_BadRequest")
        assert message == f"Invalid filter clause: {problem}."


def test_filter_nesting_is_bounded(api: InProcess) -> None:
    job = api.create()["id"]
    deep = "(" * 31 + f"id eq '{job}'" + ")" * 31
    assert ids(api.get(url(JOBS, filter=deep))) == [job]
    for expression in ("(" * 100 + "id eq 'x'" + ")" * 100, "not " * 100 + "id eq 'x'"):
        message = error_message(api.get(url(JOBS, filter=expression)), "Request_BadRequest")
        assert message == "Invalid filter clause: the expression is nested too deeply."


# --- $orderby and $skip ------------------------------------------------------------------------


Order = Callable[[list[str], list[str]], list[str]]  # (Box ids, Sf ids), in creation order -> expected


@pytest.mark.parametrize(
    ("orderby", "expected"),
    [
        ("id", lambda box, sf: sorted(box + sf)),
        ("id asc", lambda box, sf: sorted(box + sf)),
        ("id desc", lambda box, sf: sorted(box + sf, reverse=True)),
        ("templateId desc", lambda box, sf: sf + box),  # stable: creation order among equals
        ("templateId asc,id desc", lambda box, sf: sorted(box, reverse=True) + sorted(sf, reverse=True)),
        ("templateId,id", lambda box, sf: sorted(box) + sorted(sf)),
    ],
)
def test_orderby_orders_the_results(
    api: InProcess, mixed: list[dict[str, Any]], orderby: str, expected: Order
) -> None:
    box = [j["id"] for j in mixed if j["templateId"] == BOX]
    sf = [j["id"] for j in mixed if j["templateId"] == SF]
    assert ids(api.get(url(JOBS, orderby=orderby))) == expected(box, sf) != [j["id"] for j in mixed]


@pytest.mark.parametrize(
    "orderby", ["status", "id sideways", "id desc,id desc", "schedule/state", "", "id  desc"]
)
def test_unknown_orderby_values_are_400(api: InProcess, orderby: str) -> None:
    assert_graph_error(api.get(url(JOBS, orderby=orderby)), 400, "Request_BadRequest")


def test_skip_leaves_out_the_first_results(api: InProcess, mixed: list[dict[str, Any]]) -> None:
    all_ids = [j["id"] for j in mixed]
    assert ids(api.get(url(JOBS, skip="0"))) == all_ids
    assert ids(api.get(url(JOBS, skip="5"))) == all_ids[5:]
    assert ids(api.get(url(JOBS, skip="7"))) == []
    assert ids(api.get(url(JOBS, skip="2", orderby="id desc"))) == sorted(all_ids, reverse=True)[2:]
    assert ids(api.get(url(JOBS, skip="1", filter=f"templateId eq '{SF}'"))) == all_ids[3::2]


# --- $top, next links and $skiptoken -----------------------------------------------------------


def test_query_pages_return_every_matching_job_once_and_keep_the_options(
    api: InProcess, mixed: list[dict[str, Any]]
) -> None:
    options = {
        "filter": f"templateId eq '{BOX}'",
        "orderby": "id desc",
        "select": "templateId",
        "count": "true",
    }
    pages = follow(api, url(JOBS, top="1", skip="1", **options))
    expected = sorted((j["id"] for j in mixed if j["templateId"] == BOX), reverse=True)[1:]
    assert [j["id"] for page in pages for j in page["value"]] == expected
    assert [len(page["value"]) for page in pages] == [1, 1, 1]
    for page in pages:
        assert page["@odata.count"] == 4
        assert all(set(j) == {"id", "templateId"} for j in page["value"])
    for page in pages[:-1]:
        query = parse_qs(urlsplit(page["@odata.nextLink"]).query)
        assert page["@odata.nextLink"].startswith(f"{BASE}{JOBS}?")
        assert {name: values for name, values in query.items() if name not in ("$skip", "$skiptoken")} == {
            "$top": ["1"],
            **{f"${name}": [value] for name, value in options.items()},
        }


@pytest.mark.parametrize("owner", OWNERS)
def test_top_with_filter_pages_on_both_owner_kinds(api: InProcess, owner: tuple[str, str]) -> None:
    path, _ = owner
    created = [api.create(path)["id"] for _ in range(5)]
    pages = follow(api, url(path, top="2", filter=f"id ne '{created[2]}'"))
    assert [[j["id"] for j in page["value"]] for page in pages] == [created[:2], created[3:]]


def test_next_links_keep_a_filter_with_url_special_characters(api: InProcess) -> None:
    created = [api.create()["id"] for _ in range(3)]
    expression = f"templateId eq 'a&b#c+d%e=f' or id ne '{created[0]}'"
    pages = follow(api, url(JOBS, top="1", filter=expression))
    assert [ids_of(page) for page in pages] == [[created[1]], [created[2]]]
    assert parse_qs(urlsplit(pages[0]["@odata.nextLink"]).query)["$filter"] == [expression]


def test_cursor_and_offset_skiptokens_keep_their_own_kind(
    api: InProcess, mixed: list[dict[str, Any]]
) -> None:
    all_ids = [j["id"] for j in mixed]
    by_cursor = api.get(url(JOBS, top="2")).json()  # plain paging: a position in the store
    by_offset = api.get(url(JOBS, top="2", skip="0")).json()  # a query: an offset into its result
    assert ids_of(by_cursor) == ids_of(by_offset) == all_ids[:2]
    assert api.delete(f"{JOBS}/{all_ids[0]}").status_code == 204
    assert ids(api.get(by_cursor["@odata.nextLink"])) == all_ids[2:4]  # after the last job seen
    assert ids(api.get(by_offset["@odata.nextLink"])) == all_ids[3:5]  # from the third job on


@pytest.mark.parametrize("option", ["$filter=templateId%20eq%20%27BoxOutDelta%27", "$orderby=id", "$skip=1"])
def test_a_cursor_skiptoken_is_not_ignored_by_a_query(
    api: InProcess, mixed: list[dict[str, Any]], option: str
) -> None:
    link = api.get(url(JOBS, top="2")).json()["@odata.nextLink"]
    message = error_message(api.get(f"{link}&{option}"), "Request_BadRequest")
    assert message == "The $skiptoken is not valid; use the @odata.nextLink as returned."


@pytest.mark.parametrize(
    "change",
    [
        lambda query: {k: v for k, v in query.items() if k != "$filter"},  # the filter dropped
        lambda query: {**query, "$filter": "id ne 'x'"},  # another filter
        lambda query: {**query, "$orderby": "id desc"},  # another order
        lambda query: {**query, "$skip": "1"},  # a skip on top of the position
    ],
)
def test_an_offset_skiptoken_belongs_to_its_query(
    api: InProcess, mixed: list[dict[str, Any]], change: Callable[[dict[str, str]], dict[str, str]]
) -> None:
    link = api.get(url(JOBS, top="2", filter="templateId eq 'BoxOutDelta'", orderby="id")).json()[
        "@odata.nextLink"
    ]
    path, _, query_string = link.partition("?")
    query = {name: values[0] for name, values in parse_qs(query_string).items()}
    assert api.get(link).status_code == 200
    message = error_message(api.get(path, params=change(query)), "Request_BadRequest")
    assert message == "The $skiptoken is not valid; use the @odata.nextLink as returned."


@pytest.mark.parametrize("query", [{"top": "2"}, {"top": "2", "orderby": "id"}])
def test_a_tampered_or_foreign_skiptoken_is_400(
    api: InProcess, mixed: list[dict[str, Any]], query: dict[str, str]
) -> None:
    link = api.get(url(JOBS, **query)).json()["@odata.nextLink"]
    head, token = link.split("$skiptoken=")
    tampered = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    for response in (
        api.get(f"{head}$skiptoken={tampered}"),
        api.get(f"{head}$skiptoken={token[:-1]}"),
        api.get(url(APP_JOBS, skiptoken=token)),  # another collection's token
    ):
        message = error_message(response, "Request_BadRequest")
        assert message == "The $skiptoken is not valid; use the @odata.nextLink as returned."
    assert api.get(link).status_code == 200


# --- undeclared options ------------------------------------------------------------------------


def test_undeclared_dollar_options_are_unsupported(api: InProcess) -> None:
    job = api.create()["id"]
    undeclared = {
        JOBS: ["$search", "$expand", "$foo"],
        f"{JOBS}/{job}": ["$search", "$expand", "$filter", "$top", "$count"],
        f"{JOBS}/$count": ["$search", "$expand", "$top", "$select", "$count"],
    }
    for path, options in undeclared.items():
        for option in options:
            message = error_message(api.get(f"{path}?{option}=x"), "Request_UnsupportedQuery")
            assert message == f"Query option '{option}' is not supported by this operation.", (path, option)


def test_custom_options_without_dollar_are_ignored(api: InProcess, mixed: list[dict[str, Any]]) -> None:
    job = mixed[0]["id"]
    for path in (
        url(JOBS, select="templateId", top="3"),
        url(f"{JOBS}/{job}", select="id"),
        f"{JOBS}/$count",
    ):
        plain = api.get(path)
        joiner = "&" if "?" in path else "?"
        custom = api.get(f"{path}{joiner}search=box&filter=nonsense&top=1&flag")
        assert (custom.status_code, custom.content) == (200, plain.content)
