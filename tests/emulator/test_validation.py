"""Request validation, in-process: the 400 / 413 / 415 catalogue, all validated against openapi.yaml itself."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import JOBS, ROOT
from support.asgi import InProcess
from support.graph import assert_graph_error
from support.tokens import Tokens, bearer

from graphsync.app import create_app
from graphsync.seed import SeedError
from graphsync.settings import Settings

JSON_HEADERS = {"content-type": "application/json"}


def post_raw(
    api: InProcess, body: bytes, content_type: str | None = "application/json", url: str = JOBS
) -> Any:
    headers = {} if content_type is None else {"content-type": content_type}
    return api.post(url, content=body, headers=headers)


def message_of(response: Any) -> str:
    return str(response.json()["error"]["message"])


# --- malformed JSON ---------------------------------------------------------------------------------

MALFORMED = {
    "truncated": b'{"templateId": "BoxOutDel',
    "trailing comma": b'{"templateId": "BoxOutDelta",}',
    "single quotes": b"{'templateId': 'BoxOutDelta'}",
    "two documents": b'{"templateId": "BoxOutDelta"} {}',
    "bare word": b"templateId",
    "comment": b'{"templateId": "BoxOutDelta" /* x */}',
    "NaN": b'{"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": NaN}}',
    "Infinity": b'{"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": -Infinity}}',
    "float overflow": b'{"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": 1e999}}',
    "huge integer": b'{"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": '
    + b"9" * 5000
    + b"}}",
    "invalid UTF-8": b'{"templateId": "Box\xffOutDelta"}',
    "overlong UTF-8": b'{"templateId": "\xc0\xaf"}',
    "UTF-8 encoded surrogate": b'{"templateId": "\xed\xa0\x80"}',
    "UTF-16": '{"templateId": "BoxOutDelta"}'.encode("utf-16"),
    "BOM": b'\xef\xbb\xbf{"templateId": "BoxOutDelta"}',
    "lone high surrogate": b'{"templateId": "\\ud800"}',
    "lone low surrogate key": b'{"\\udc00": 1}',
    "reversed pair": b'{"templateId": "\\udc00\\ud800"}',
    "duplicate key": b'{"templateId": "BoxOutDelta", "templateId": "BoxOutDelta"}',
    "nested duplicate key": b'{"templateId": "BoxOutDelta", "schedule": {"state": "Active", "state": "Paused"}}',
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "deep object nesting": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "NUL byte outside string": b'{"templateId": "BoxOutDelta"}\x00',
    "raw control character in string": b'{"templateId": "Box\x01OutDelta"}',
    "only whitespace": b"   \r\n\t ",
    "empty": b"",
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_json_is_400(api: InProcess, name: str) -> None:
    response = post_raw(api, MALFORMED[name])
    error = assert_graph_error(response, 400, "Request_BadRequest")
    assert len(error["message"]) < 300
    assert api.get(JOBS).json()["value"] == []


def test_messages_say_what_is_wrong(api: InProcess) -> None:
    assert "not valid UTF-8" in message_of(post_raw(api, MALFORMED["invalid UTF-8"]))
    assert "more than once" in message_of(post_raw(api, MALFORMED["duplicate key"]))
    assert "'state'" in message_of(post_raw(api, MALFORMED["nested duplicate key"]))
    assert "nested too deeply" in message_of(post_raw(api, MALFORMED["deep nesting"]))
    assert "surrogate" in message_of(post_raw(api, MALFORMED["lone high surrogate"]))
    assert "empty" in message_of(post_raw(api, MALFORMED["empty"]))
    assert "invalid number" in message_of(post_raw(api, MALFORMED["huge integer"]))


def test_escaped_nul_and_valid_surrogate_pairs_are_fine_json(api: InProcess) -> None:
    for template in ("Box\\u0000OutDelta", "\\ud83d\\ude00"):
        response = post_raw(api, f'{{"templateId": "{template}"}}'.encode())
        assert_graph_error(response, 400, "Request_BadRequest")
        assert "synchronization template" in message_of(response)  # parsed fine, then refused as a template


# --- schema validation ------------------------------------------------------------------------------

SCHEMA_CASES: list[tuple[str, dict[str, Any], str]] = [
    (
        "unknown property",
        {"templateId": "BoxOutDelta", "foo": 1},
        "The property 'foo' does not exist on type 'microsoft.graph.synchronizationJob'. Make sure to only use property names that are defined by the type.",
    ),
    (
        "wrong case",
        {"templateid": "BoxOutDelta"},
        "The property 'templateid' does not exist on type 'microsoft.graph.synchronizationJob'",
    ),
    (
        "unknown nested property",
        {"templateId": "BoxOutDelta", "schedule": {"interval": "PT1M", "every": 5}},
        "The property 'schedule.every' does not exist on type 'microsoft.graph.synchronizationSchedule'",
    ),
    (
        "navigation property",
        {"templateId": "BoxOutDelta", "schema": {}},
        "The property 'schema' does not exist",
    ),
    ("id is read-only", {"templateId": "BoxOutDelta", "id": "x"}, "The property 'id' is read-only"),
    (
        "context is read-only",
        {"templateId": "BoxOutDelta", "@odata.context": "x"},
        "The property '@odata.context' is read-only",
    ),
    (
        "wrong odata.type",
        {"templateId": "BoxOutDelta", "@odata.type": "#microsoft.graph.user"},
        "'@odata.type'",
    ),
    (
        "templateId number",
        {"templateId": 5},
        "Invalid value for property 'templateId': 5 is not a valid Edm.String",
    ),
    (
        "templateId empty",
        {"templateId": ""},
        "Invalid value for property 'templateId': '' is not a valid Edm.String (not empty)",
    ),
    ("templateId list", {"templateId": ["BoxOutDelta"]}, "'templateId': an array is not a valid"),
    ("templateId object", {"templateId": {"a": 1}}, "'templateId': an object is not a valid"),
    ("body is an array", [{"templateId": "BoxOutDelta"}], "The request body must be a JSON object."),  # type: ignore[list-item]
    ("body is a string", "BoxOutDelta", "The request body must be a JSON object."),  # type: ignore[list-item]
    ("body is null", None, "The request body must be a JSON object."),  # type: ignore[list-item]
    (
        "P1M",
        {"templateId": "BoxOutDelta", "schedule": {"interval": "P1M"}},
        "Invalid value for property 'schedule.interval': 'P1M' is not a valid Edm.Duration",
    ),
    (
        "trailing newline",
        {"templateId": "BoxOutDelta", "schedule": {"interval": "PT40M\n"}},
        "Invalid value for property 'schedule.interval': 'PT40M\\n' is not a valid Edm.Duration",
    ),
    (
        "empty duration P",
        {"templateId": "BoxOutDelta", "schedule": {"interval": "P"}},
        "is not a valid Edm.Duration",
    ),
    (
        "empty duration PT",
        {"templateId": "BoxOutDelta", "schedule": {"interval": "PT"}},
        "is not a valid Edm.Duration",
    ),
    ("years", {"templateId": "BoxOutDelta", "schedule": {"interval": "P1Y"}}, "is not a valid Edm.Duration"),
    ("weeks", {"templateId": "BoxOutDelta", "schedule": {"interval": "P1W"}}, "is not a valid Edm.Duration"),
    (
        "duration number",
        {"templateId": "BoxOutDelta", "schedule": {"interval": 2400}},
        "is not a valid Edm.Duration",
    ),
    (
        "duration null",
        {"templateId": "BoxOutDelta", "schedule": {"interval": None}},
        "'schedule.interval': null",
    ),
    (
        "duration placeholder",
        {"templateId": "BoxOutDelta", "schedule": {"interval": "datetime-value"}},
        "Edm.Duration",
    ),
    (
        "enum",
        {"templateId": "BoxOutDelta", "schedule": {"state": "Running"}},
        "'schedule.state': 'Running' is not a valid microsoft.graph.synchronizationScheduleState (one of Active, Disabled, Paused)",
    ),
    (
        "enum case",
        {"templateId": "BoxOutDelta", "schedule": {"state": "active"}},
        "synchronizationScheduleState",
    ),
    ("status code", {"templateId": "BoxOutDelta", "status": {"code": "code-value"}}, "'status.code'"),
    (
        "date-time placeholder",
        {"templateId": "BoxOutDelta", "schedule": {"expiration": "datetime-value"}},
        "'schedule.expiration': 'datetime-value' is not a valid Edm.DateTimeOffset",
    ),
    (
        "date-time without offset",
        {"templateId": "BoxOutDelta", "schedule": {"expiration": "2026-11-29T00:00:00"}},
        "Edm.DateTimeOffset",
    ),
    (
        "date-time trailing newline",
        {"templateId": "BoxOutDelta", "schedule": {"expiration": "2026-11-29T00:00:00Z\n"}},
        "Edm.DateTimeOffset",
    ),
    (
        "date-time month 13",
        {"templateId": "BoxOutDelta", "schedule": {"expiration": "2026-13-01T00:00:00Z"}},
        "Edm.DateTimeOffset",
    ),
    (
        "date-time Feb 30",
        {"templateId": "BoxOutDelta", "schedule": {"expiration": "2026-02-30T00:00:00Z"}},
        "Edm.DateTimeOffset",
    ),
    (
        "date-time five-digit year",
        {"templateId": "BoxOutDelta", "schedule": {"expiration": "12026-01-01T00:00:00Z"}},
        "Edm.DateTimeOffset",
    ),
    ("date-time unix", {"templateId": "BoxOutDelta", "schedule": {"expiration": 0}}, "Edm.DateTimeOffset"),
    (
        "int64 overflow",
        {"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": 2**63}},
        "'status.countSuccessiveCompleteFailures': 9223372036854775808 is not a valid Edm.Int64",
    ),
    (
        "int64 underflow",
        {"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": -(2**63) - 1}},
        "Edm.Int64",
    ),
    (
        "int64 fraction",
        {"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": 1.5}},
        "1.5 is not a valid Edm.Int64",
    ),
    (
        "int64 string",
        {"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": "99"}},
        "'99' is not a valid Edm.Int64",
    ),
    (
        "int64 boolean",
        {"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": True}},
        "true is not a valid Edm.Int64",
    ),
    (
        "boolean as string",
        {"templateId": "BoxOutDelta", "status": {"escrowsPruned": "true"}},
        "'status.escrowsPruned': 'true' is not a valid Edm.Boolean",
    ),
    (
        "non-null collection",
        {"templateId": "BoxOutDelta", "synchronizationJobSettings": None},
        "'synchronizationJobSettings': null is not a valid Collection(microsoft.graph.keyValuePair)",
    ),
    (
        "setting not an object",
        {"templateId": "BoxOutDelta", "synchronizationJobSettings": ["a=b"]},
        "'synchronizationJobSettings[0]': 'a=b' is not a valid microsoft.graph.keyValuePair",
    ),
    (
        "setting name null",
        {"templateId": "BoxOutDelta", "synchronizationJobSettings": [{"name": None}]},
        "'synchronizationJobSettings[0].name': null is not a valid Edm.String",
    ),
    (
        "setting value number",
        {"templateId": "BoxOutDelta", "synchronizationJobSettings": [{"name": "a", "value": 500}]},
        "'synchronizationJobSettings[0].value': 500 is not a valid Edm.String",
    ),
    (
        "deep nested wrong type",
        {"templateId": "BoxOutDelta", "status": {"lastExecution": {"error": {"tenantActionable": "yes"}}}},
        "'status.lastExecution.error.tenantActionable': 'yes' is not a valid Edm.Boolean",
    ),
    (
        "quarantine reason",
        {"templateId": "BoxOutDelta", "status": {"quarantine": {"reason": "reason-value"}}},
        "microsoft.graph.quarantineReason",
    ),
    (
        "progress count",
        {"templateId": "BoxOutDelta", "status": {"progress": [{"totalUnits": 1e30}]}},
        "'status.progress[0].totalUnits'",
    ),
    (
        "unknown property in array item",
        {"templateId": "BoxOutDelta", "synchronizationJobSettings": [{"name": "a", "extra": 1}]},
        "The property 'synchronizationJobSettings[0].extra' does not exist on type 'microsoft.graph.keyValuePair'",
    ),
]


@pytest.mark.parametrize(
    ("body", "expected"), [(c[1], c[2]) for c in SCHEMA_CASES], ids=[c[0] for c in SCHEMA_CASES]
)
def test_invalid_bodies_get_a_message_naming_the_property(api: InProcess, body: Any, expected: str) -> None:
    response = api.post(JOBS, content=json.dumps(body).encode(), headers=JSON_HEADERS)
    error = assert_graph_error(response, 400, "Request_BadRequest")
    assert expected in error["message"], error["message"]


def test_long_and_odd_property_names_are_clipped_and_escaped(api: InProcess) -> None:
    for name in ("x" * 100_000, 'a\nb"c', "\u202eevil", "ジョブ"):
        response = api.post(JOBS, json={"templateId": "BoxOutDelta", name: 1})
        error = assert_graph_error(response, 400, "Request_BadRequest")
        assert len(error["message"]) < 400


@pytest.mark.parametrize(
    "value",
    ["PT40M", "P10675199DT2H48M5.4775807S", "-PT15M", "P1D", "PT1H", "PT0.5S", "P1DT1S", "PT1H30M"],
)
def test_valid_durations_are_accepted(api: InProcess, value: str) -> None:
    response = api.post(JOBS, json={"templateId": "BoxOutDelta", "schedule": {"interval": value}})
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00:00Z", "2020-06-26T13:58:24.7682084Z", "2026-11-29T08:00:00+01:00", None]
)
def test_valid_date_times_are_accepted(api: InProcess, value: str | None) -> None:
    response = api.post(JOBS, json={"templateId": "BoxOutDelta", "schedule": {"expiration": value}})
    assert response.status_code == 201, response.text


def test_int64_bounds_are_accepted(api: InProcess) -> None:
    for value in (2**63 - 1, -(2**63), 0, 5.0):
        body = {"templateId": "BoxOutDelta", "status": {"countSuccessiveCompleteFailures": value}}
        assert api.post(JOBS, json=body).status_code == 201


def test_validation_follows_the_spec_file(tmp_path: Path, settings: Settings, tokens: Tokens) -> None:
    """Tighten a schema in a copy of openapi.yaml: the server enforces the copy, nothing hand-written."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    spec["components"]["schemas"]["synchronizationJobCreate"]["allOf"][1]["properties"]["templateId"][
        "maxLength"
    ] = 5
    spec["components"]["schemas"]["synchronizationScheduleState"]["enum"] = ["Active", "Disabled"]
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    client = InProcess(create_app(dataclasses.replace(settings, spec=path)), tokens)
    try:
        assert_graph_error(client.post(JOBS, json={"templateId": "BoxOutDelta"}), 400, "Request_BadRequest")
        response = client.post(JOBS, json={"templateId": "aws", "schedule": {"state": "Paused"}})
        assert "(one of Active, Disabled)" in message_of(response)
        assert client.get("/openapi.yaml", auth=False).content == path.read_bytes()
    finally:
        client.close()


def test_a_seed_whose_new_jobs_the_spec_refuses_stops_the_start(tmp_path: Path, settings: Settings) -> None:
    """The jobs a seed's templates create are checked against the spec before anything is served."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    spec["components"]["schemas"]["synchronizationStatusCode"]["enum"].remove("Paused")
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    with pytest.raises(SeedError) as refused:
        create_app(dataclasses.replace(settings, spec=path))
    message = str(refused.value)
    assert "templates: aws: jobDefaults: status.code" in message and "Paused" in message
    assert "BoxOutDelta" not in message  # its defaults are still valid


# --- content types -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON;charset=UTF-8",
        'application/json; charset="utf-8"',
        "application/json;odata.metadata=minimal;odata.streaming=true",
        "application/json; IEEE754Compatible=false",
    ],
)
def test_json_content_types_are_accepted(api: InProcess, content_type: str) -> None:
    assert post_raw(api, b'{"templateId": "BoxOutDelta"}', content_type).status_code == 201


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json-patch+json",
        "application/jsonx",
        "application/json; charset=latin-1",
        "application/json; charset=utf-16",
        "json",
        "application/json;;",
        "",
        "application/json; charset",
    ],
)
def test_other_content_types_are_415(api: InProcess, content_type: str | None) -> None:
    response = post_raw(api, b'{"templateId": "BoxOutDelta"}', content_type)
    assert_graph_error(response, 415, "Request_UnsupportedMediaType")


def test_empty_body_without_content_type_is_400_not_415(api: InProcess) -> None:
    assert_graph_error(post_raw(api, b"", None), 400, "Request_BadRequest")


@pytest.mark.parametrize("padding", [b"\x0b", b"\x0c", b"\xc2\xa0", b"\x00"])
def test_an_optional_body_of_non_json_whitespace_is_400(api: InProcess, padding: bytes) -> None:
    job = api.post(JOBS, json={"templateId": "BoxOutDelta"}).json()
    restart = f"{JOBS}/{job['id']}/restart"
    assert post_raw(api, b" \t\r\n", url=restart).status_code == 204
    assert_graph_error(post_raw(api, b" " + padding + b" ", url=restart), 400, "Request_BadRequest")


def test_huge_content_type_header_is_handled(api: InProcess) -> None:
    response = post_raw(api, b'{"templateId": "BoxOutDelta"}', "application/json; x=" + "y" * 50_000)
    assert response.status_code == 201
    response = post_raw(api, b'{"templateId": "BoxOutDelta"}', "text/" + "y" * 50_000)
    error = assert_graph_error(response, 415)
    assert len(error["message"]) < 300


# --- size limits -----------------------------------------------------------------------------------


def test_body_over_the_limit_is_413(api: InProcess) -> None:
    body = json.dumps(
        {"templateId": "BoxOutDelta", "synchronizationJobSettings": [{"name": "x" * (1 << 20)}]}
    ).encode()
    response = post_raw(api, body)
    assert_graph_error(response, 413, "Request_EntityTooLarge")
    assert response.headers["connection"] == "close"


def test_body_at_the_limit_is_read(settings: Settings, tokens: Tokens) -> None:
    client = InProcess(create_app(dataclasses.replace(settings, max_body_bytes=100)), tokens)
    try:
        body = b'{"templateId": "BoxOutDelta"}'.ljust(100)
        assert post_raw(client, body).status_code == 201
        assert_graph_error(post_raw(client, body + b" "), 413, "Request_EntityTooLarge")
    finally:
        client.close()


def test_declared_length_over_the_limit_is_413_before_reading(api: InProcess, raw_asgi: Any) -> None:
    headers = [bearer(api.tokens), (b"content-type", b"application/json"), (b"content-length", b"10485760")]
    response = raw_asgi(
        "POST", JOBS, headers=headers, chunks=[b"{"], hang_after=0
    )  # the client sends nothing
    assert_graph_error(response, 413, "Request_EntityTooLarge")
    assert response.headers["connection"] == "close"


def test_streamed_body_over_the_limit_is_413_without_reading_it_whole(api: InProcess, raw_asgi: Any) -> None:
    headers = [bearer(api.tokens), (b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")]
    chunks = [b" " * 65536] * 200  # 12.5 MiB on offer
    response = raw_asgi("POST", JOBS, headers=headers, chunks=chunks)
    assert_graph_error(response, 413, "Request_EntityTooLarge")


def test_declared_length_over_the_limit_is_413_on_actions_without_a_body(
    api: InProcess, raw_asgi: Any
) -> None:
    job = api.create()
    headers = [bearer(api.tokens), (b"content-length", b"99999999")]
    response = raw_asgi("POST", f"{JOBS}/{job['id']}/start", headers=headers, hang_after=0)
    assert_graph_error(response, 413, "Request_EntityTooLarge")
    assert api.get(f"{JOBS}/{job['id']}").json()["schedule"]["state"] == "Disabled"


def test_slow_body_is_408_and_closes(api: InProcess, raw_asgi: Any) -> None:
    headers = [bearer(api.tokens), (b"content-type", b"application/json"), (b"content-length", b"40")]
    response = raw_asgi("POST", JOBS, headers=headers, chunks=[b'{"templateId"'], hang_after=1)
    assert_graph_error(response, 408, "Request_Timeout")
    assert response.headers["connection"] == "close"


def test_client_that_disconnects_mid_body_gets_nothing_and_nothing_is_created(
    api: InProcess, raw_asgi: Any
) -> None:
    headers = [bearer(api.tokens), (b"content-type", b"application/json")]
    response = raw_asgi(
        "POST", JOBS, headers=headers, chunks=[b'{"templateId":', b'"BoxOutDelta"}'], disconnect_after=1
    )
    assert response is None
    assert api.get(JOBS).json()["value"] == []


def test_chunked_body_in_many_small_pieces_is_assembled(api: InProcess, raw_asgi: Any) -> None:
    body = json.dumps({"templateId": "BoxOutDelta"}).encode()
    headers = [bearer(api.tokens), (b"content-type", b"application/json")]
    response = raw_asgi("POST", JOBS, headers=headers, chunks=[bytes([b]) for b in body])
    assert response is not None and response.status == 201
