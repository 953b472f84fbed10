"""The `graphsync` pytest plugin, as a user's suite meets it: the documented example suite runs and passes."""

from __future__ import annotations

import shutil

import pytest
from support import ROOT

pytest_plugins = ["pytester"]

EXAMPLE = ROOT / "docs" / "examples" / "test_provisioning_with_graphsync.py"


@pytest.mark.socket
def test_the_documented_example_suite_passes_with_only_the_plugin(pytester: pytest.Pytester) -> None:
    shutil.copy(EXAMPLE, pytester.path / EXAMPLE.name)
    # A plain run: the entry point loads the plugin; nothing of this project's tests is on the path.
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=4)


def test_the_plugin_is_registered_as_an_entry_point() -> None:
    from importlib.metadata import entry_points

    found = {entry.name: entry.value for entry in entry_points(group="pytest11")}
    assert found.get("graphsync") == "graphsync.pytest_plugin"
