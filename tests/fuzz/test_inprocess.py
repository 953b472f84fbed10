"""CI's conformance fuzz: schemathesis drives the emulator in-process from openapi.yaml, with bounded examples.

The schema is loaded from the committed `openapi.yaml` with `schemathesis.openapi.from_path` (not
from anything the app generates) and the committed `schemathesis.toml` (so the Graph checks of
fuzz/checks/ run too, registered by its hooks module fuzz/hooks.py), and bound to the ASGI app
of `graphsync.app.create_app`. Every operation gets the examples, coverage and fuzzing phases
(`schema.parametrize`); the stateful phase runs as a Hypothesis state machine. Every case is also
replayed as the under-privileged and other-tenant identities of `make fuzz` (fuzz/runner/), so
authorization and tenant isolation are fuzzed on every submission. `make fuzz` is the long run
(200 examples per operation and phase, over a socket).

The last test plants a bug (a non-nullable field answered as null) and shows that the fuzz fails.
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
from urllib.parse import urlsplit

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import JsonSchemaError
from support.asgi import RewriteJobs, null_job_settings

from fuzz.runner.callers import emulator_identities, mint_tokens
from fuzz.runner.templates import seed_directories
from graphsync import demo
from graphsync.app import create_app
from graphsync.settings import Settings

ROOT = Path(__file__).resolve().parents[2]

# Bounded so that this module stays within about a minute on two cores; raise them locally with
# GRAPHSYNC_FUZZ_TEST_EXAMPLES / GRAPHSYNC_FUZZ_TEST_SCENARIOS.
MAX_EXAMPLES = int(os.environ.get("GRAPHSYNC_FUZZ_TEST_EXAMPLES", "12"))
STATEFUL_EXAMPLES = int(os.environ.get("GRAPHSYNC_FUZZ_TEST_SCENARIOS", "12"))
STATEFUL_STEPS = 8
HYPOTHESIS = hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


class OneLifespan:
    """Passes HTTP to the app and answers lifespan events itself.

    schemathesis' pytest plugin ends an ASGI app's lifespan after every test and starts it again
    for the next one; the emulator closes its job store at lifespan shutdown for good. The app is
    shared by every test of this module, so its store is closed once, when the module is done.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return


class FuzzTarget:
    """An emulator app on a temporary database, the tokens of make fuzz's identities, the run's environment.

    Built when the module is imported: `schema.parametrize()` needs the schema, bound to its app,
    at collection time. (schemathesis 4.32.5's lazy `schemathesis.pytest.from_fixture` loader
    reads `request.node._nodeid`, which pytest 9 no longer has, so it cannot be used here.)
    """

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="graphsync-fuzz-test-")
        atexit.register(self._tmp.cleanup)
        workdir = Path(self._tmp.name)
        signing_key = workdir / "signing-key.pem"
        self.main, self.others = emulator_identities()
        mint_tokens([self.main, *self.others], signing_key)
        identities = workdir / "identities.json"
        identities.write_text(
            json.dumps({"identities": [i.as_json() for i in self.others]}), encoding="utf-8"
        )
        self.emulator = create_app(Settings(db=f"sqlite:///{workdir}/fuzz.db", signing_key=signing_key))
        self.app = OneLifespan(self.emulator)
        self.env = {
            "GRAPHSYNC_FUZZ_TOKEN": self.main.token,
            "GRAPHSYNC_FUZZ_SP_ID": demo.BOX_SP,
            "GRAPHSYNC_FUZZ_APP_ID": demo.BOX_APP,
            "GRAPHSYNC_FUZZ_SP_TEMPLATES": "BoxOutDelta,SfSandboxOutDelta",
            "GRAPHSYNC_FUZZ_APP_TEMPLATES": "BoxOutDelta",
            "GRAPHSYNC_FUZZ_SUBJECTS": ",".join(demo.USERS),
            "GRAPHSYNC_FUZZ_DIRECTORIES": ",".join(
                seed_directories(None, ["BoxOutDelta", "SfSandboxOutDelta"])
            ),
            "GRAPHSYNC_FUZZ_IDENTITIES": str(identities),
            "GRAPHSYNC_FUZZ_CACHE": str(workdir / "cache"),
        }

    def load_schema(self, app: Any) -> Any:
        """openapi.yaml with schemathesis.toml, bound to `app` (an ASGI application)."""
        config = schemathesis.Config.from_path(str(ROOT / "schemathesis.toml"))
        schema = schemathesis.openapi.from_path(ROOT / "openapi.yaml", config=config)
        schema.app = app
        return schema


TARGET = FuzzTarget()
# The environment the runner gives `st`: schemathesis.toml's ${...} values, and what the hooks
# (templates) and the checks (token, identities) read. Set from import on, because the examples and
# coverage cases of `schema.parametrize()` are built (and mapped by the hooks) at collection time;
# restored when this module's tests are done (and set again if a worker comes back to this module later).
_SAVED_ENV = {name: os.environ.get(name) for name in TARGET.env}
os.environ.update(TARGET.env)
schema = TARGET.load_schema(TARGET.app)


@pytest.fixture(scope="module", autouse=True)
def _restore_environment() -> Iterator[None]:
    os.environ.update(TARGET.env)
    yield
    with contextlib.suppress(Exception):
        TARGET.emulator.store.close_sync()
    for name, value in _SAVED_ENV.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@schema.parametrize()
@hypothesis.settings(HYPOTHESIS)
def test_emulator_conforms_to_openapi_yaml(case: schemathesis.Case) -> None:
    """Examples, coverage and fuzzing phases for every operation: every built-in check and every Graph check."""
    case.call_and_validate()


def test_emulator_conforms_in_stateful_scenarios() -> None:
    """The stateful phase: create, then read, start, pause, restart, list and delete what was created."""
    # As in the CLI, links are inferred from the `Location` headers of creates seen earlier: the
    # dependency analysis cannot pair `{synchronizationJob-id}` with `synchronizationJob.id`.
    # (`Observations` is what schemathesis' engine collects during the earlier phases.)
    from schemathesis.engine.observations import LocationHeaderEntry, Observations

    observations = Observations()
    for owner, owner_id, template in (
        ("servicePrincipals", demo.BOX_SP, "BoxOutDelta"),
        ("applications", demo.BOX_APP, "BoxOutDelta"),
    ):
        operation = schema[f"/{owner}/{{{owner[:-1]}-id}}/synchronization/jobs"]["POST"]
        case = operation.Case(
            path_parameters={f"{owner[:-1]}-id": owner_id},
            headers={"Authorization": f"Bearer {TARGET.main.token}"},
            body={"templateId": template},
            media_type="application/json",
        )
        response = case.call()
        assert response.status_code == 201, response.text
        location = urlsplit(response.headers["location"][0]).path  # relative: no base URL in-process
        observations.location_headers[operation] = [LocationHeaderEntry(201, location)]
    assert schema.apply_stateful_inference(observations).selected > 0
    machine = schema.as_state_machine()
    machine.run(
        settings=hypothesis.settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=STATEFUL_STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )


# --- A planted bug must make the fuzz fail --------------------------------------------------------


def test_planted_null_in_a_non_nullable_field_fails_the_fuzz() -> None:
    """The same fuzz, against a variant answering `"synchronizationJobSettings": null`, must fail on that field."""
    buggy = TARGET.load_schema(RewriteJobs(TARGET.app, null_job_settings))
    operation = buggy["/servicePrincipals/{servicePrincipal-id}/synchronization/jobs"]["POST"]
    strategy = operation.as_strategy(path_parameters={"servicePrincipal-id": demo.BOX_SP})

    @hypothesis.given(case=strategy)
    @hypothesis.settings(HYPOTHESIS, max_examples=20)
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate()

    with pytest.raises(FailureGroup) as failure:
        fuzz()
    found = [f"{type(e).__name__}: {getattr(e, 'message', e)}" for e in failure.value.exceptions]
    assert any(
        isinstance(e, JsonSchemaError) and "synchronizationJobSettings" in e.message and "null" in e.message
        for e in failure.value.exceptions
    ), found
