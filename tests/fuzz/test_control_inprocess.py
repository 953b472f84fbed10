"""CI's fuzz of the emulator's control API (/_graphsync/): schemathesis drives it in-process, bounded.

The schema is the committed `src/graphsync/control/openapi.yaml` (the document the emulator serves at
/_graphsync/openapi.yaml), loaded with the committed `fuzz/control.toml` (the operator key as a bearer
token and as the web view's cookie, the accepted statuses, and the hooks of fuzz/hooks.py, which keep
valid createFault and deleteFault requests valid), and bound to an emulator app of its own (memory
store, manual clock) that is created at the first request. Every operation gets the examples, coverage
and fuzzing phases with every built-in check and the checks that hold for the control API (the
envelope, `Allow` on 405, the 401 challenge). `make fuzz` runs the same document after the Graph run,
with 100 examples per operation and the stateful phase, over a socket.

Then the defects this fuzz found, pinned, and a planted bug the fuzz must catch.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import JsonSchemaError

from fuzz.runner.options import CONTROL_COOKIE_VARIABLE, CONTROL_KEY_VARIABLE
from fuzz.runner.paths import CACHE_VARIABLE, CONTROL_CONFIG, CONTROL_SPEC
from graphsync.app import GraphSyncApp, create_app
from graphsync.control.operator import session
from graphsync.settings import Settings

# Bounded so that this module stays within about ten seconds on two cores; raise it locally with
# GRAPHSYNC_FUZZ_TEST_CONTROL_EXAMPLES.
MAX_EXAMPLES = int(os.environ.get("GRAPHSYNC_FUZZ_TEST_CONTROL_EXAMPLES", "10"))
HYPOTHESIS = hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
KEY = "fuzz-control-test-operator-key"  # this module's emulator is its own: no secret


class LazyEmulator:
    """An emulator app with the operator key KEY, built at its first request (not in every xdist worker
    that only collects this module), answering lifespan events itself: schemathesis' pytest plugin ends
    an app's lifespan after every test, and the emulator closes its store at lifespan shutdown for good."""

    def __init__(self) -> None:
        self._app: GraphSyncApp | None = None

    @property
    def app(self) -> GraphSyncApp:
        if self._app is None:
            folder = tempfile.TemporaryDirectory(prefix="graphsync-control-fuzz-")
            atexit.register(folder.cleanup)
            settings = Settings(
                db="memory:", clock="manual", signing_key=Path(folder.name) / "signing-key.pem"
            )
            self._app = create_app(settings, operator_key=KEY)
        return self._app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await self.app(scope, receive, send)
            return
        while scope["type"] == "lifespan":
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    def close(self) -> None:
        if self._app is not None:
            self._app.store.close_sync()


def load_schema(app: Any) -> Any:
    """The control API's document with fuzz/control.toml, bound to `app` (an ASGI application)."""
    config = schemathesis.Config.from_path(str(CONTROL_CONFIG))
    schema = schemathesis.openapi.from_path(CONTROL_SPEC, config=config)
    schema.app = app
    return schema


EMULATOR = LazyEmulator()
# fuzz/control.toml's ${...} is resolved when it is loaded, and fuzz/hooks.py reads the key when it
# creates a fault for a deleteFault case: set from import on, restored when this module is done.
_CACHE = tempfile.TemporaryDirectory(prefix="graphsync-control-fuzz-cache-")
atexit.register(_CACHE.cleanup)
_ENV = {CONTROL_KEY_VARIABLE: KEY, CONTROL_COOKIE_VARIABLE: session(KEY), CACHE_VARIABLE: _CACHE.name}
_SAVED = {name: os.environ.get(name) for name in _ENV}
os.environ.update(_ENV)
schema = load_schema(EMULATOR)


@pytest.fixture(scope="module", autouse=True)
def _restore_environment() -> Iterator[None]:
    os.environ.update(_ENV)  # again, if a worker comes back to this module after another one
    yield
    with contextlib.suppress(Exception):
        EMULATOR.close()
    for name, value in _SAVED.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@schema.parametrize()
@hypothesis.settings(HYPOTHESIS)
def test_control_api_conforms_to_its_document(case: schemathesis.Case) -> None:
    """Examples, coverage and fuzzing phases for every control operation: every built-in check, and the
    project's checks that hold for the control API."""
    case.call_and_validate()


def test_the_fuzzed_document_is_valid_openapi() -> None:
    """schemathesis reads a document leniently: a description cut by a comma in a YAML flow mapping (which
    made a property named "in Graph's form" in `clock`) went unnoticed until this check."""
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

    document, _ = read_from_filename(str(CONTROL_SPEC))
    validate(document)


# --- Defects the control fuzz found, pinned --------------------------------------------------------


def call(method: str, path: str, *, key: str | None = KEY, **kwargs: Any) -> Any:
    """One request to this module's emulator, through schemathesis' ASGI client."""
    from schemathesis.python import asgi

    headers = dict(kwargs.pop("headers", None) or {})
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    with asgi.get_client(EMULATOR) as client:
        return client.request(method, f"/_graphsync{path}", headers=headers, **kwargs)


def test_found_defects_stay_fixed() -> None:
    # 405 without `Allow` (RFC 9110 §15.5.6); the document and the server agree on the methods.
    refused = call("DELETE", "/clock")
    assert refused.status_code == 405 and refused.headers["allow"] == "GET", refused.headers
    assert call("PATCH", "/faults").headers["allow"] == "DELETE, GET, POST"
    # 401 without a challenge (RFC 9110 §11.6.1).
    assert call("GET", "/clock", key=None).headers["www-authenticate"].startswith("Bearer ")
    # Query parameters were not checked against the document (maxLength, integer ranges).
    assert call("GET", "/journal", params={"tenant": "x" * 101}).status_code == 400
    assert call("GET", "/jobs", params={"tenant": "x" * 101}).status_code == 400
    assert (
        call("GET", "/journal", params={"status": "", "operation": ""}).status_code == 200
    )  # empty: left out
    # A clock advanced past year 9999, or to a time outside years 1-9999 in UTC, was a 500.
    for body in ({"to": "9999-12-31T23:59:59-12:00"}, {"to": "0001-01-01T00:00:00+01:00"}):
        assert call("POST", "/clock/advance", json=body).status_code == 400, body
    for _ in range(100):
        if call("POST", "/clock/advance", json={"by": "P36500D"}).status_code != 200:
            break
    answer = call("POST", "/clock/advance", json={"by": "P36500D"})
    assert answer.status_code == 400 and "no further than 9000" in answer.json()["error"]["message"]
    assert call("GET", "/clock").json()["now"] < "9000-01-01T00:00:00Z"
    # A fault, as the document described it (allOf with `additionalProperties: false`), could not have
    # its own id, `remaining` and `matched`: every createFault and listFaults answer broke the schema.
    created = call("POST", "/faults", json={"operation": "cycle", "tenant": "nobody", "count": 1})
    assert created.status_code == 201 and set(created.json()) >= {"id", "remaining", "matched"}
    assert call("DELETE", f"/faults/{created.json()['id']}").status_code == 204


# --- A planted bug must make the fuzz fail ---------------------------------------------------------


class DropMatched:
    """The emulator, answering its faults without `matched` (a required property)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != "/_graphsync/faults":
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}

        async def rewrite(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            body = message.get("body", b"")
            with contextlib.suppress(ValueError):
                document = json.loads(body)
                if isinstance(document, dict):
                    document.pop("matched", None)
                    body = json.dumps(document).encode()
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)


def test_planted_missing_property_fails_the_fuzz() -> None:
    """The same fuzz, against a variant answering createFault without `matched`, must fail on that property."""
    buggy = load_schema(DropMatched(EMULATOR))
    strategy = buggy["/_graphsync/faults"]["POST"].as_strategy()

    @hypothesis.given(case=strategy)
    @hypothesis.settings(HYPOTHESIS, max_examples=20)
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate()

    with pytest.raises(FailureGroup) as failure:
        fuzz()
    found = [f"{type(e).__name__}: {getattr(e, 'message', e)}" for e in failure.value.exceptions]
    assert any(isinstance(e, JsonSchemaError) and "matched" in e.message for e in failure.value.exceptions), (
        found
    )
