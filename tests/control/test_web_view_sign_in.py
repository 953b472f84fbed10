"""Signing in to the web view (/_graphsync/ui) of a served emulator: the operator key, once, from the
sign-in form (POST) or `?key=`, traded for an HTTP-only cookie derived from it; the headers every page
carries; the key kept out of the access log."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from graphsync.control.operator import session
from graphsync.pytest_plugin import Served, TokenFactory
from graphsync.server import RedactKeys
from tests.support.html import parse
from tests.support.sockets import Server

VIEW = "/_graphsync/ui"
COOKIE = "graphsync_operator"
FORM = "application/x-www-form-urlencoded"


def test_without_the_cookie_the_view_is_a_sign_in_page(graphsync_server: Served) -> None:
    key = graphsync_server.operator_key
    with httpx.Client(base_url=graphsync_server.origin, timeout=30) as client:
        # The key itself is not the cookie: a cookie that leaks does not hand out the control API's key.
        for cookies in ({}, {COOKIE: "not-the-operator-key-at-all"}, {COOKIE: ""}, {COOKIE: key}):
            response = client.get(VIEW, headers={"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
            assert response.status_code == 401, cookies
            assert response.headers["content-type"] == "text/html; charset=utf-8"
            form = parse(response.text).one("form")
            assert form.attrs["action"] == VIEW and form.attrs["method"] == "post"
            assert form.one("input", name="key").attrs["type"] == "password"
            assert "set-cookie" not in response.headers
            assert "not the operator key" not in response.text
        wrong = client.get(VIEW, params={"key": key + "x"})
        assert wrong.status_code == 401 and "not the operator key" in wrong.text
        assert "set-cookie" not in wrong.headers and key not in wrong.text


@pytest.mark.parametrize("how", ["form", "query"])
def test_the_operator_key_is_traded_for_an_http_only_cookie(graphsync_server: Served, how: str) -> None:
    key = graphsync_server.operator_key
    with httpx.Client(base_url=graphsync_server.origin, timeout=30) as client:
        if how == "form":
            response = client.post(VIEW, data={"key": key})
        else:
            response = client.get(VIEW, params={"key": key})
        assert response.status_code == 303
        assert response.headers["location"] == VIEW  # the key leaves the address bar
        assert "no-store" in response.headers["cache-control"]
        assert response.headers["referrer-policy"] == "no-referrer"
        assert key not in response.headers["location"] and key not in response.text
        name_value, *attributes = [part.strip() for part in response.headers["set-cookie"].split(";")]
        name, _, value = name_value.partition("=")
        assert name == COOKIE and value == session(key) and key not in value
        assert {attribute.lower() for attribute in attributes} >= {
            "httponly",
            "samesite=strict",
            f"path={VIEW}",
        }
        signed_in = client.get(VIEW)
        assert signed_in.status_code == 200 and "<h1>graphsync</h1>" in signed_in.text
        assert key not in signed_in.text
        # The cookie opens the view only: the control API still wants the key as a bearer token.
        cookie = {"cookie": f"{COOKIE}={client.cookies[COOKIE]}"}
        assert client.get("/_graphsync/clock", headers=cookie).status_code == 401
        assert (
            client.get("/_graphsync/clock", headers={"Authorization": f"Bearer {value}"}).status_code == 401
        )


def test_the_form_refuses_a_wrong_key_and_other_bodies(graphsync_server: Served) -> None:
    key = graphsync_server.operator_key
    with httpx.Client(base_url=graphsync_server.origin, timeout=30) as client:
        for data in ({"key": key + "x"}, {"key": ""}, {"other": key}):
            response = client.post(VIEW, data=data)
            assert response.status_code == 401, data
            assert "set-cookie" not in response.headers and parse(response.text).all("form")
        twice = client.post(VIEW, content=f"key={key}&key={key}", headers={"content-type": FORM})
        assert twice.status_code == 401  # one key, not a choice of several
        as_json = client.post(VIEW, json={"key": key})
        assert (
            as_json.status_code == 415 and as_json.json()["error"]["code"] == "Request_UnsupportedMediaType"
        )
        assert key not in as_json.text


def test_a_graph_token_does_not_open_the_view(
    graphsync_server: Served, graphsync_token: TokenFactory
) -> None:
    token = graphsync_token()
    with httpx.Client(base_url=graphsync_server.origin, timeout=30) as client:
        for response in (
            client.get(VIEW, headers={"Authorization": f"Bearer {token}"}),
            client.get(VIEW, headers={"cookie": f"{COOKIE}={token}"}),
            client.get(VIEW, params={"key": token}),
            client.post(VIEW, data={"key": token}),
        ):
            assert response.status_code == 401, response.request
            assert "set-cookie" not in response.headers
            assert parse(response.text).all("form")  # the sign-in page, not the view


def test_every_page_carries_the_view_s_security_headers(graphsync_server: Served) -> None:
    with httpx.Client(base_url=graphsync_server.origin, timeout=30) as client:
        sign_in = client.get(VIEW)
        assert client.post(VIEW, data={"key": graphsync_server.operator_key}).status_code == 303
        view = client.get(VIEW)
        for response in (sign_in, view):
            headers = response.headers
            policy = headers["content-security-policy"]
            assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["x-frame-options"] == "DENY"
            assert headers["referrer-policy"] == "no-referrer"
            assert "no-store" in headers["cache-control"]


def test_the_access_log_never_shows_the_key() -> None:
    """uvicorn logs the address as requested; `?key=` there is redacted (`graphsync.server.serve` installs
    the filter on uvicorn's access logger)."""
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        (
            "127.0.0.1:5000",
            "GET",
            "/_graphsync/ui?status=204&key=s3cret-operator-key&operation=x",
            "1.1",
            303,
        ),
        None,
    )
    assert RedactKeys().filter(record)
    line = record.getMessage()
    assert "s3cret" not in line
    assert "/_graphsync/ui?status=204&key=REDACTED&operation=x" in line and line.endswith(" 303")


@pytest.mark.socket
def test_a_served_access_log_holds_neither_the_key_nor_the_cookie(tmp_path: Path, signing_key: Path) -> None:
    key = "access-log-operator-key-0123456789"
    key_file = tmp_path / "operator-key"
    key_file.write_text(key + "\n")
    key_file.chmod(0o600)
    server = Server(tmp_path, signing_key, args=["--access-log", "--operator-key-file", str(key_file)])
    server.start()
    try:
        with httpx.Client(base_url=server.origin, timeout=10) as client:
            assert client.get(VIEW, params={"key": key, "status": "204"}).status_code == 303
            assert client.post(VIEW, data={"key": key}).status_code == 303
            assert client.get(VIEW).status_code == 200
    finally:
        server.stop()
    log = server.output()
    assert f'"GET {VIEW}?key=REDACTED&status=204 HTTP/1.1" 303' in log  # the access log was on
    assert key not in log and session(key) not in log
