"""HTTP surface, in-process: routing from the spec, 400/405 shapes, request ids, the spec file, 500s, lifespan."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Any

import pytest
import yaml
from support import APP_JOBS, JOBS, ROOT
from support.asgi import InProcess, call_asgi
from support.graph import assert_graph_error
from support.tokens import bearer

from graphsync.demo import BOX_SP, CONTOSO
from graphsync.routes import VERSIONS
from graphsync.storage import OwnerKey

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
ALL_METHODS = [
    "GET",
    "PUT",
    "POST",
    "DELETE",
    "PATCH",
    "HEAD",
    "OPTIONS",
    "TRACE",
    "CONNECT",
    "PROPFIND",
    "FOO",
]


def concrete(template: str, job_id: str = "some.job") -> str:
    return (
        template.replace("{servicePrincipal-id}", BOX_SP)
        .replace("{application-id}", "2d99cbd6-c369-41ba-b2c7-58a1325248a5")
        .replace("{synchronizationJob-id}", job_id)
    )


def declared() -> list[tuple[str, list[str]]]:
    return [
        (
            path,
            sorted(
                m.upper()
                for m in item
                if m in ("get", "put", "post", "delete", "patch", "head", "options", "trace")
            ),
        )
        for path, item in SPEC["paths"].items()
    ]


@pytest.mark.parametrize(("template", "methods"), declared(), ids=[p for p, _ in declared()])
@pytest.mark.parametrize("version", VERSIONS)
def test_undeclared_methods_are_405_with_allow(
    raw_asgi: Any, api: InProcess, template: str, methods: list[str], version: str
) -> None:
    path = f"/{version}{concrete(template)}"
    unrouted = [m.upper() for m in SPEC["paths"][template].get("x-graph-unrouted-methods", [])]
    for method in ALL_METHODS:
        if method in methods or method in unrouted:
            continue
        response = raw_asgi(method, path, headers=[bearer(api.tokens)])
        error = assert_graph_error(response, 405, "Request_BadRequest")
        assert response.headers["allow"] == ", ".join(methods)
        assert method in error["message"]


def test_every_declared_operation_is_routed(api: InProcess) -> None:
    job = api.create()
    for template, methods in declared():
        for version in VERSIONS:
            for method in methods:
                path = f"/{version}{concrete(template, job['id'])}"
                response = api.request(method, path, json={} if path.endswith("/restart") else None)
                assert response.status_code != 405, (method, path)
                assert "Resource not found for the segment" not in response.text, (method, path)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/v1.0",
        "/v1.0/",
        "/v2.0/servicePrincipals",
        "/V1.0/servicePrincipals/x/synchronization/jobs",
        "/v1.0/users",
        "/v1.0/servicePrincipals",
        f"/v1.0/servicePrincipals/{BOX_SP}",
        f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/x",
        f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/templates/BoxOutDelta/schema/x",
        f"{JOBS}/x/schema/directories/d/discover",
        f"{JOBS}/x/start/again",
        f"{JOBS}/x/provisionOnDemand/x",
        "/v1.0//synchronization/jobs",
        f"/v1.0/servicePrincipals/{BOX_SP}/synchronization/jobs//start",
        "/openapi.json",
        "/openapi.yaml/x",
        "/v1.0/$metadata",
        "/%FF",
        "/v1.0/%C3%28",
        "/v1.0/" + "a/" * 2000,
    ],
)
def test_unknown_paths_are_400_in_graph_shape(raw_asgi: Any, api: InProcess, path: str) -> None:
    # Graph's OData layer: 400 BadRequest naming the segment, or "Invalid version." (D26).
    response = raw_asgi("GET", path, headers=[bearer(api.tokens)])
    error = assert_graph_error(response, 400)
    first = path.split("/")[1]
    if path in ("/%FF", "/v1.0/%C3%28"):
        assert error["code"] == "Request_BadRequest"
    elif first not in ("v1.0", "beta"):
        assert (error["code"], error["message"]) == ("BadRequest", "Invalid version.")
    else:
        assert error["code"] == "BadRequest"
        assert error["message"].startswith("Resource not found for the segment '")


def test_the_unknown_segment_is_named(api: InProcess) -> None:
    error = assert_graph_error(api.get(f"{JOBS}/x/schema/directories/d/discover"), 400, "BadRequest")
    assert error["message"] == "Resource not found for the segment 'discover'."


def test_unknown_paths_need_no_token(api: InProcess) -> None:
    assert_graph_error(api.get("/v1.0/users", auth=False), 400, "BadRequest")
    assert_graph_error(api.request("PATCH", JOBS, auth=False), 405)


def test_literal_segments_are_case_insensitive_and_one_trailing_slash_is_fine(api: InProcess) -> None:
    job = api.create(f"/v1.0/SERVICEPRINCIPALS/{BOX_SP}/Synchronization/Jobs/")
    assert api.get(f"{JOBS}/{job['id']}/").status_code == 200
    # Ids are not literal segments: a job id stays exact (owner GUIDs match in any case, emulator/test_api.py).
    assert api.get(f"{JOBS}/{job['id'].swapcase()}").status_code == 404


def test_spec_is_served_as_yaml(api: InProcess) -> None:
    response = api.get("/openapi.yaml", auth=False)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/yaml"
    assert response.content == (ROOT / "openapi.yaml").read_bytes()
    assert response.headers["request-id"]
    response = api.post("/openapi.yaml", auth=False)
    assert_graph_error(response, 405)
    assert response.headers["allow"] == "GET"


# --- request ids -------------------------------------------------------------------------------------


def test_every_response_has_a_fresh_request_id(api: InProcess) -> None:
    job = api.create()
    responses = [
        api.get(JOBS),
        api.get(f"{JOBS}/{job['id']}"),
        api.post(f"{JOBS}/{job['id']}/start"),
        api.get("/nowhere"),
        api.request("PATCH", JOBS),
        api.get(JOBS, auth=False),
        api.post(JOBS, content=b"x", headers={"content-type": "text/plain"}),
        api.get("/openapi.yaml"),
    ]
    ids = [r.headers["request-id"] for r in responses]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 4 for i in ids)
    # Without a client-request-id of its own, the client gets the request-id in both headers.
    assert [r.headers["client-request-id"] for r in responses] == ids


def test_every_response_carries_the_gateway_headers(api: InProcess) -> None:
    job = api.create()
    for response in (
        api.get(JOBS),
        api.get(f"{JOBS}/{job['id']}"),
        api.post(f"{JOBS}/{job['id']}/start"),
        api.get("/nowhere"),
        api.get(JOBS, auth=False),
    ):
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["strict-transport-security"] == "max-age=31536000"
        diagnostic = json.loads(response.headers["x-ms-ags-diagnostic"])
        assert set(diagnostic) == {"ServerInfo"}
        assert {"DataCenter", "Slice", "Ring", "ScaleUnit", "RoleInstance"} <= set(diagnostic["ServerInfo"])


ODATA_JSON = (
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
)


def test_successful_json_is_odata_and_errors_are_plain_json(api: InProcess) -> None:
    job = api.create()
    for response in (
        api.get(JOBS),
        api.get(f"{JOBS}/{job['id']}"),
        api.post(JOBS, json={"templateId": "BoxOutDelta"}),
    ):
        assert response.status_code < 300
        assert response.headers["content-type"] == ODATA_JSON
    assert api.get(f"{JOBS}/nope").headers["content-type"] == "application/json"
    assert api.get(f"{JOBS}/$count").headers["content-type"] == "text/plain"


def test_client_request_id_is_echoed_in_header_and_error_body(api: InProcess) -> None:
    client_id = str(uuid.uuid4())
    ok = api.get(JOBS, headers={"client-request-id": client_id})
    assert ok.headers["client-request-id"] == client_id
    for response in (
        api.get("/nowhere", headers={"client-request-id": client_id}),
        api.get(JOBS, auth=False, headers={"client-request-id": client_id}),
        api.post(JOBS, json={"templateId": 1}, headers={"client-request-id": client_id}),
    ):
        error = assert_graph_error(response, response.status_code)
        assert response.headers["client-request-id"] == client_id
        assert error["innerError"]["client-request-id"] == client_id
        assert error["innerError"]["request-id"] == response.headers["request-id"] != client_id


def test_without_client_request_id_inner_error_repeats_the_request_id(api: InProcess) -> None:
    response = api.get(f"{JOBS}/nope")
    error = assert_graph_error(response, 404)
    assert error["innerError"]["client-request-id"] == error["innerError"]["request-id"]
    assert response.headers["client-request-id"] == response.headers["request-id"]


@pytest.mark.parametrize("value", [b"x" * 5000, "ジョブ".encode(), b"a\x7fb", b""])
def test_unechoable_client_request_ids_are_replaced(api: InProcess, raw_asgi: Any, value: bytes) -> None:
    response = raw_asgi("GET", JOBS, headers=[bearer(api.tokens), (b"client-request-id", value)])
    assert response.status == 200
    assert response.headers["client-request-id"] == response.headers["request-id"]


def test_huge_header_values_are_handled(api: InProcess, raw_asgi: Any) -> None:
    big = b"x" * 200_000
    for name in (b"authorization", b"host", b"content-type", b"x-anything", b"content-length"):
        response = raw_asgi(
            "GET",
            JOBS,
            headers=[(name, big)] if name == b"authorization" else [bearer(api.tokens), (name, big)],
        )
        expected = (400,) if name == b"host" else (200, 401)  # a 200,000-character host is no host name
        assert response is not None and response.status in expected, (name, response.status)
        assert response.headers["request-id"]


def test_error_date_is_utc_without_offset(api: InProcess) -> None:
    import re

    error = assert_graph_error(api.get(f"{JOBS}/nope"), 404)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", error["innerError"]["date"])


# --- failures inside the server ------------------------------------------------------------------------


def test_an_unexpected_exception_is_a_500_envelope_and_the_server_keeps_serving(
    api: InProcess, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(call: Any) -> Any:
        raise RuntimeError("boom")

    route = api.app._routes["servicePrincipals.synchronization.ListJobs"]
    object.__setattr__(route, "handler", broken)  # the app is private to this test
    token = api.tokens()
    with caplog.at_level(logging.ERROR, logger="graphsync.server"):
        response = api.get(JOBS, headers={"client-request-id": "abc"})
    error = assert_graph_error(response, 500, "UnknownError")
    assert error["message"] == ""
    assert response.headers["client-request-id"] == "abc"
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert response.headers["request-id"] in logged and "boom" in logged
    assert token not in caplog.text
    assert api.get(APP_JOBS).status_code == 200


def test_storage_failure_is_503_with_retry_after(api: InProcess) -> None:
    from graphsync.storage import StorageError

    async def failing(*args: Any, **kwargs: Any) -> None:
        raise StorageError("disk full")

    api.app.store.write = failing  # type: ignore[method-assign]
    response = api.post(JOBS, json={"templateId": "BoxOutDelta"})
    assert_graph_error(response, 503, "serviceNotAvailable")
    assert response.headers["retry-after"] == "1"


def test_tokens_are_never_logged(api: InProcess, caplog: pytest.LogCaptureFixture) -> None:
    token = api.tokens()
    with caplog.at_level(logging.DEBUG):
        api.get(JOBS)
        api.get(JOBS, auth="x" + token[1:])
        api.get(JOBS, auth=token + "tampered")
    assert token not in caplog.text
    assert token.split(".")[1] not in caplog.text


def test_lifespan_startup_and_shutdown_close_the_store(api: InProcess) -> None:
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    api.run(api.app({"type": "lifespan", "asgi": {"version": "3.0"}}, receive, send))
    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert api.app.store._closed  # type: ignore[attr-defined]


def test_a_second_startup_after_shutdown_fails_loudly(api: InProcess) -> None:
    """One lifespan per app: after shutdown the store is closed, so a restart must not pretend to serve."""
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    for script in (
        [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}],
        [{"type": "lifespan.startup"}],
    ):
        messages = iter(script)

        async def receive() -> dict[str, Any]:
            return next(messages)  # noqa: B023 - each round's receive is awaited within that round

        api.run(api.app({"type": "lifespan", "asgi": {"version": "3.0"}}, receive, send))
    assert [m["type"] for m in sent] == [
        "lifespan.startup.complete",
        "lifespan.shutdown.complete",
        "lifespan.startup.failed",
    ]
    assert "create_app" in sent[-1]["message"]


def test_websocket_scopes_are_ignored(api: InProcess) -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    sent: list[Any] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    api.run(api.app({"type": "websocket", "path": "/", "headers": []}, receive, send))
    assert sent == []


def test_concurrent_requests_in_one_loop(api: InProcess) -> None:
    async def burst() -> list[int]:
        token = api.tokens()
        tasks = [
            call_asgi(
                api.app,
                "POST",
                JOBS,
                headers=[
                    (b"authorization", f"Bearer {token}".encode()),
                    (b"content-type", b"application/json"),
                ],
                chunks=[b'{"templateId": "BoxOutDelta"}'],
            )
            for _ in range(300)
        ]
        return [r.status for r in await asyncio.gather(*tasks) if r is not None]

    statuses = api.run(burst())
    assert statuses == [201] * 300
    assert api.run(api.app.store.count(OwnerKey(CONTOSO, "servicePrincipals", BOX_SP))) == 300


# --- throttling and spec coverage ----------------------------------------------------------------------


def test_throttling_is_per_app_and_tenant_with_retry_after(settings: Any, tokens: Any) -> None:
    import dataclasses

    from support.asgi import InProcess

    from graphsync.app import create_app
    from graphsync.demo import FABRIKAM

    client = InProcess(create_app(dataclasses.replace(settings, rate_limit_per_s=3)), tokens)
    try:
        statuses = [client.get(JOBS).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        refused = client.get(JOBS)
        assert_graph_error(refused, 429, "TooManyRequests")
        assert int(refused.headers["retry-after"]) >= 1
        other_tenant = client.get(JOBS, headers=tokens.header(tenant=FABRIKAM))
        assert other_tenant.status_code == 404  # its own bucket; then Contoso's object is unknown to it
        assert client.get(JOBS, auth=False).status_code == 401  # no token, no bucket
    finally:
        client.close()


def test_throttle_refills_over_time() -> None:
    from graphsync.errors import GraphError
    from graphsync.throttle import Throttle

    now = [0.0]
    throttle = Throttle(2, clock=lambda: now[0])
    throttle.check("t", "a")
    throttle.check("t", "a")
    with pytest.raises(GraphError) as refused:
        throttle.check("t", "a")
    assert refused.value.status == 429 and refused.value.headers["Retry-After"] == "1"
    now[0] = 0.5
    throttle.check("t", "a")
    assert not Throttle(0).enabled
