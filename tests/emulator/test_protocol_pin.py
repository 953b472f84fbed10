"""graphsync.server subclasses uvicorn's private HttpToolsProtocol: only the pinned uvicorn may run it."""

from __future__ import annotations

import importlib.metadata
import inspect
import re
import tomllib

import uvicorn
from support import ROOT
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

from graphsync.server import UVICORN_VERSION, GraphHttpProtocol


def test_the_installed_uvicorn_is_the_one_the_protocol_was_written_for() -> None:
    installed = importlib.metadata.version("uvicorn")
    assert installed == uvicorn.__version__ == UVICORN_VERSION, (
        f"uvicorn {installed} is installed, but graphsync.server.GraphHttpProtocol subclasses the private "
        f"HttpToolsProtocol of uvicorn {UVICORN_VERSION}: review every override against the new release, "
        "then change UVICORN_VERSION and the pins in pyproject.toml and requirements/dev.in"
    )
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"
    ]
    assert f"uvicorn[standard]=={UVICORN_VERSION}" in dependencies
    assert re.search(
        rf"^uvicorn\[standard\]=={re.escape(UVICORN_VERSION)}$",
        (ROOT / "requirements" / "dev.in").read_text(),
        re.MULTILINE,
    )


def test_every_override_matches_a_method_of_uvicorns_protocol() -> None:
    overridden = {
        name
        for name, value in vars(GraphHttpProtocol).items()
        if callable(value) and not name.startswith("_") and hasattr(HttpToolsProtocol, name)
    }
    assert {"data_received", "on_headers_complete", "on_response_complete", "pause_writing"} <= overridden
    for name in overridden:
        ours = inspect.signature(getattr(GraphHttpProtocol, name))
        theirs = inspect.signature(getattr(HttpToolsProtocol, name))
        assert list(ours.parameters) == list(theirs.parameters), name


def test_the_uvicorn_state_the_protocol_reads_exists() -> None:
    """Attributes of uvicorn's objects that GraphHttpProtocol reads; a rename would only show at run time."""
    protocol_attributes = (
        "cycle",
        "flow",
        "timeout_keep_alive_task",
        "connections",
        "tasks",
        "limit_concurrency",
    )
    source = inspect.getsource(HttpToolsProtocol.__init__)
    for name in protocol_attributes:
        assert f"self.{name}" in source, name
    cycle_source = inspect.getsource(RequestResponseCycle.__init__)
    assert "self.response_started" in cycle_source and "self.response_complete" in cycle_source
