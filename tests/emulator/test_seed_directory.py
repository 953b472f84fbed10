"""The seed's users, groups and template schemas: read, checked, and checked against openapi.yaml (D33, D34)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.seeds import VALID, cli, problems

from graphsync.demo import BOX_SP, CONTOSO, OUTBOUND_RULE, USERS
from graphsync.seed import load_seed, parse_seed

USER = "9bb0f679-a883-4a6f-8260-35b491b8b8c8"
GROUP = "8213fd99-d6b6-417b-8e13-af6334856215"


def with_people(users: Any = None, groups: Any = None, templates: Any = None) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    if users is not None:
        data["tenants"][0]["users"] = users
    if groups is not None:
        data["tenants"][0]["groups"] = groups
    if templates is not None:
        data["templates"] = templates
    return data


def test_the_demo_directory_has_users_groups_and_template_rules() -> None:
    directory = load_seed(None)
    assert directory.user(CONTOSO, USER.upper()) is not None  # ids match in any case, as in Entra
    assert set(directory.tenants[CONTOSO].users) == set(USERS)
    sales = directory.group(CONTOSO, GROUP)
    assert sales is not None and len(sales.members) == 2
    assert all(OUTBOUND_RULE in (t.schema or "") for t in directory.templates.values())


def test_users_and_groups_are_read() -> None:
    users = [{"id": USER, "userPrincipalName": "a@contoso.com", "displayName": "A", "accountEnabled": False}]
    directory = parse_seed(with_people(users, [{"id": GROUP, "displayName": "G", "members": [USER, USER]}]))
    user = directory.user(CONTOSO, USER)
    assert user is not None and (user.user_principal_name, user.account_enabled) == ("a@contoso.com", False)
    group = directory.group(CONTOSO, GROUP)
    assert group is not None and group.members == (USER,)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            with_people([{"id": USER, "displayName": "A"}]),
            "users[0]: missing required key 'userPrincipalName'",
        ),
        (
            with_people(
                [{"id": USER, "userPrincipalName": "a", "displayName": "A", "accountEnabled": "yes"}]
            ),
            "users[0].accountEnabled: expected true or false",
        ),
        (with_people([{"id": BOX_SP, "userPrincipalName": "a", "displayName": "A"}]), "is already used by"),
        (
            with_people(groups=[{"id": GROUP, "displayName": "G", "members": [USER]}]),
            f"groups[0].members[0]: {USER} is not a user of this tenant",
        ),
        (
            with_people(templates=[{"id": "BoxOutDelta", "schema": []}]),
            "templates[0].schema: expected a mapping",
        ),
        (
            with_people(
                templates=[{"id": "BoxOutDelta", "schema": {"synchronizationRules": [{"name": "x"}]}}]
            ),
            "templates[0].schema.synchronizationRules[0].id: expected a non-empty string",
        ),
        (
            with_people(
                templates=[
                    {"id": "BoxOutDelta", "schema": {"synchronizationRules": [{"id": "r"}, {"id": "r"}]}}
                ]
            ),
            "synchronizationRules[1].id: duplicate rule id 'r'",
        ),
        (with_people(templates=[{"id": "BoxOutDelta", "schema": {"rules": []}}]), "unknown key 'rules'"),
        (
            with_people(templates=[{"id": "BoxOutDelta", "schema": {"directories": [1]}}]),
            "templates[0].schema.directories[0]: expected a mapping, got a number",
        ),
    ],
)
def test_invalid_people_and_schemas_name_the_location(data: dict[str, Any], expected: str) -> None:
    assert expected in problems(data)


def test_a_schema_the_spec_does_not_allow_stops_check_seed_and_serve(tmp_path: Path) -> None:
    rule = {"id": "r", "priority": "high", "objectMappings": []}
    seed = tmp_path / "seed.yaml"
    seed.write_text(
        yaml.safe_dump(
            with_people(templates=[{"id": "BoxOutDelta", "schema": {"synchronizationRules": [rule]}}])
        )
    )
    result = cli("check-seed", str(seed))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "templates: BoxOutDelta: schema: synchronizationRules[0].priority" in result.stderr
    served = cli("serve", "--seed", str(seed), "--db", "memory:", "--port", "0")
    assert served.returncode == 2 and "templates: BoxOutDelta: schema" in served.stderr
