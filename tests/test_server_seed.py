"""The seed file: the demo seed, validation with located messages, and `graphsync check-seed`."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from server_harness import AUTOMATION_APP, AUTOMATION_SP, BOX_APP, BOX_SP, CONTOSO, FABRIKAM, SRC

from graphsync.seed import SeedError, load_seed, parse_seed
from graphsync.settings import Settings

DEMO = Settings().seed
VALID: dict[str, Any] = {
    "version": 1,
    "tenants": [
        {
            "id": CONTOSO,
            "displayName": "Contoso",
            "servicePrincipals": [
                {
                    "id": BOX_SP,
                    "appId": AUTOMATION_APP,
                    "displayName": "Box",
                    "synchronizationTemplates": ["BoxOutDelta"],
                }
            ],
        }
    ],
}


def problems(data: Any) -> str:
    with pytest.raises(SeedError) as info:
        parse_seed(data)
    return str(info.value)


def mutated(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def test_the_demo_seed_is_valid_and_realistic() -> None:
    directory = load_seed(DEMO)
    assert set(directory.tenants) == {CONTOSO, FABRIKAM}
    contoso = directory.tenants[CONTOSO]
    templates = {t for obj in contoso.objects.values() for t in obj.templates}
    assert {
        "BoxOutDelta",
        "SfSandboxOutDelta",
        "scim",
        "gitHubEnterpriseCloud",
        "dataBricks",
        "aws",
    } <= templates
    assert directory.caller_object_id(CONTOSO, AUTOMATION_APP) == AUTOMATION_SP
    assert directory.caller_object_id(FABRIKAM, AUTOMATION_APP) not in (None, AUTOMATION_SP)
    assert directory.owner(CONTOSO, "applications", BOX_APP) is not None
    assert directory.owner(FABRIKAM, "servicePrincipals", BOX_SP) is None


def test_a_minimal_seed_is_valid() -> None:
    directory = parse_seed(VALID)
    obj = directory.owner(CONTOSO, "servicePrincipals", BOX_SP)
    assert obj is not None and obj.owners == frozenset() and obj.templates == ("BoxOutDelta",)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["version"], 2, "version: unsupported seed version 2"),
        (["version"], KeyError, "(top level): missing required key 'version'"),
        (["tenants"], [], "tenants: at least one tenant is required"),
        (["tenants"], {"a": 1}, "tenants: expected a list, got a mapping"),
        (["extra"], 1, "(top level): unknown key 'extra'"),
        (["tenants", 0, "id"], "contoso", "tenants[0].id: not a lower-case GUID: 'contoso'"),
        (["tenants", 0, "id"], CONTOSO.upper(), "tenants[0].id: not a lower-case GUID"),
        (["tenants", 0, "displayName"], "", "tenants[0].displayName: expected a non-empty string"),
        (
            ["tenants", 0, "servicePrincipals", 0, "appId"],
            5,
            "tenants[0].servicePrincipals[0].appId: not a lower-case GUID: 5",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "objectId"],
            BOX_SP,
            "tenants[0].servicePrincipals[0]: unknown key 'objectId'",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "owners"],
            ["me"],
            "tenants[0].servicePrincipals[0].owners[0]: not a lower-case GUID: 'me'",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "owners"],
            "me",
            "tenants[0].servicePrincipals[0].owners: expected a list, got a string",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "synchronizationTemplates"],
            ["Box Out"],
            "tenants[0].servicePrincipals[0].synchronizationTemplates[0]: not a template id",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "synchronizationTemplates"],
            ["a", "a"],
            "tenants[0].servicePrincipals[0].synchronizationTemplates[1]: duplicate template id 'a'",
        ),
        (["tenants", 0, "servicePrincipals", 0, "synchronizationTemplates"], [True], "not a template id"),
        (
            ["tenants", 0, "applications"],
            [None],
            "tenants[0].applications[0]: expected a mapping, got nothing (null)",
        ),
    ],
)
def test_invalid_seeds_name_the_location_and_problem(path: list[Any], value: Any, expected: str) -> None:
    assert expected in problems(mutated(path, value))


def test_ids_must_be_unique() -> None:
    data = copy.deepcopy(VALID)
    sps = data["tenants"][0]["servicePrincipals"]
    sps.append({**sps[0]})
    text = problems(data)
    assert "tenants[0].servicePrincipals[1].appId: appId" in text and "already used" in text
    assert (
        f"tenants[0].servicePrincipals[1].id: object id {BOX_SP} is already used by tenants[0].servicePrincipals[0]"
        in text
    )
    data = copy.deepcopy(VALID)
    data["tenants"].append(copy.deepcopy(data["tenants"][0]))
    assert "tenants[1].id: duplicate tenant id" in problems(data)


def test_many_problems_are_listed_together_then_cut_short() -> None:
    data = {"version": 1, "tenants": [{"id": "x", "displayName": ""} for _ in range(30)]}
    text = problems(data)
    assert "tenants[0].id" in text and "tenants[0].displayName" in text
    assert "... and 40 more" in text


def test_not_a_mapping_and_unreadable_files(tmp_path: Path) -> None:
    assert "(top level): expected a mapping, got a list" in problems([1])
    with pytest.raises(SeedError, match="cannot read"):
        load_seed(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("tenants: [\n")
    with pytest.raises(SeedError, match="not valid YAML"):
        load_seed(bad)
    dup = tmp_path / "dup.yaml"
    dup.write_text(f"version: 1\ntenants:\n  - id: {CONTOSO}\n    id: {FABRIKAM}\n    displayName: x\n")
    with pytest.raises(SeedError, match="duplicate key 'id'"):
        load_seed(dup)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SeedError, match="cannot read"):
        load_seed(binary)
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text("!!python/object/apply:os.system ['true']\n")
    with pytest.raises(SeedError, match="not valid YAML"):
        load_seed(tagged)


def cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(SRC), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "graphsync", *args],
        check=False,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=60,
    )


def test_check_seed_command(tmp_path: Path) -> None:
    ok = cli("check-seed", str(DEMO))
    assert ok.returncode == 0 and "ok (2 tenants" in ok.stdout
    bad = tmp_path / "seed.yaml"
    bad.write_text(yaml.safe_dump(mutated(["tenants", 0, "id"], "nope")))
    result = cli("check-seed", str(bad))
    assert result.returncode == 1
    assert (
        "tenants[0].id: not a lower-case GUID: 'nope'" in result.stderr and "Traceback" not in result.stderr
    )
    missing = cli("check-seed", str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["serve", "--port", "70000"], {}, "port must be between 0 and 65535"),
        (["serve", "--port", "x"], {}, "not a port number"),
        (["serve", "--db", "mysql://x"], {}, "unsupported database URL"),
        (["serve", "--seed", "/nonexistent/seed.yaml"], {}, "cannot read the seed file"),
        (["serve", "--spec", "/nonexistent/openapi.yaml"], {}, "cannot read the OpenAPI document"),
        (["serve"], {"GRAPHSYNC_MAX_PAGE_SIZE": "0"}, "GRAPHSYNC_MAX_PAGE_SIZE='0': must be at least 1"),
        (["serve", "--limit-concurrency", "0"], {}, "must be at least 1"),
        (["bogus"], {}, "invalid choice"),
        ([], {}, "required"),
    ],
)
def test_bad_command_lines_exit_2_without_traceback(
    tmp_path: Path, signing_key: Path, args: list[str], env: dict[str, str], expected: str
) -> None:
    result = cli(*args, cwd=tmp_path, env={"GRAPHSYNC_SIGNING_KEY": str(signing_key), **env})
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_newer_database(tmp_path: Path, signing_key: Path) -> None:
    import sqlite3

    from graphsync.storage.sqlite import SCHEMA_VERSION

    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute("PRAGMA application_id = 1196644675")
    conn.close()
    result = cli(
        "serve", "--db", f"sqlite:///{path}", cwd=tmp_path, env={"GRAPHSYNC_SIGNING_KEY": str(signing_key)}
    )
    assert result.returncode == 2
    assert "newer than this release" in result.stderr and "Traceback" not in result.stderr
