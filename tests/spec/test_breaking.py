"""codegen/breaking.py: which spec changes break callers, in which direction, and the exit status."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "codegen"))

from breaking import Spec, breaking_changes, main

SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
CREATE = ("/servicePrincipals/{servicePrincipal-id}/synchronization/jobs", "post")


def api(schemas: dict[str, Any], *, version: str = "1.0.0") -> dict[str, Any]:
    """A one-operation spec: `Thing` is both the request body and the 200 response body."""
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": version},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "things.Create",
                    "parameters": [
                        {"name": "$top", "in": "query", "schema": {"type": "integer", "maximum": 999}}
                    ],
                    "requestBody": {"required": True, **body},
                    "responses": {"200": {"description": "ok", **body}},
                    "x-graph-permissions": {"application": ["Things.ReadWrite.All", "Things.Manage.All"]},
                }
            }
        },
        "components": {"schemas": schemas},
    }


def thing(**properties: Any) -> dict[str, Any]:
    return {"Thing": {"type": "object", "properties": properties}}


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str]]:
    """(rule, where) of each finding, e.g. ("property_removed", "request components/schemas/Thing/...")."""
    return [(f.rule, f.where) for f in breaking_changes(Spec(old, "old"), Spec(new, "new"))]


def rules(old: dict[str, Any], new: dict[str, Any]) -> set[str]:
    return {rule for rule, _ in changes(old, new)}


def test_the_spec_has_no_breaking_change_against_itself() -> None:
    assert changes(SPEC, copy.deepcopy(SPEC)) == []


def test_a_removed_property_breaks_requests_and_responses() -> None:
    found = changes(api(thing(a={"type": "string"}, b={"type": "string"})), api(thing(a={"type": "string"})))
    assert ("property_removed", "request components/schemas/Thing/properties/b") in found
    assert ("property_removed", "response components/schemas/Thing/properties/b") in found


def test_a_read_only_property_only_counts_in_responses() -> None:
    old = api(thing(a={"type": "string"}, id={"type": "string", "readOnly": True}))
    found = changes(old, api(thing(a={"type": "string"})))
    assert found == [("property_removed", "response components/schemas/Thing/properties/id")]


def test_an_added_optional_property_breaks_nothing() -> None:
    assert (
        changes(api(thing(a={"type": "string"})), api(thing(a={"type": "string"}, b={"type": "string"})))
        == []
    )


def test_a_newly_required_property_breaks_requests_only() -> None:
    old = api(thing(a={"type": "string"}))
    new = api({"Thing": {**thing(a={"type": "string"})["Thing"], "required": ["a"]}})
    assert changes(old, new) == [
        ("property_became_required", "request components/schemas/Thing/properties/a")
    ]
    assert changes(new, old) == [
        ("property_no_longer_required", "response components/schemas/Thing/properties/a")
    ]


def test_becoming_nullable_breaks_responses_and_the_reverse_breaks_requests() -> None:
    strict = api(thing(a={"type": "string"}))
    nullable = api(thing(a={"type": ["string", "null"]}))
    assert changes(strict, nullable) == [("type_widened", "response components/schemas/Thing/properties/a")]
    assert changes(nullable, strict) == [("type_narrowed", "request components/schemas/Thing/properties/a")]


def test_enum_members_removed_break_requests_and_added_ones_break_responses() -> None:
    two = api({"Thing": {"type": "string", "enum": ["A", "B"]}})
    three = api({"Thing": {"type": "string", "enum": ["A", "B", "C"]}})
    assert changes(three, two) == [("enum_member_removed", "request components/schemas/Thing")]
    assert changes(two, three) == [("enum_member_added", "response components/schemas/Thing")]


def test_members_added_after_the_evolvable_sentinel_break_nothing() -> None:
    old = api({"Thing": {"type": "string", "enum": ["A", "unknownFutureValue"]}})
    new = api({"Thing": {"type": "string", "enum": ["A", "unknownFutureValue", "B"]}})
    assert changes(old, new) == []
    before_it = api({"Thing": {"type": "string", "enum": ["A", "B", "unknownFutureValue"]}})
    assert changes(old, before_it) == [("enum_member_added", "response components/schemas/Thing")]


def test_integer_is_a_kind_of_number() -> None:
    number = api(thing(n={"type": "number"}))
    integer = api(thing(n={"type": "integer"}))
    assert changes(number, integer) == [("type_narrowed", "request components/schemas/Thing/properties/n")]
    assert changes(integer, number) == [("type_widened", "response components/schemas/Thing/properties/n")]


def test_flags_members_are_compared_like_an_enum() -> None:
    old = api(
        {"Thing": {"type": "string", "x-graph-flags-members": {"None": 0, "Watermark": 1, "Escrows": 2}}}
    )
    new = api({"Thing": {"type": "string", "x-graph-flags-members": {"None": 0, "Watermark": 1}}})
    assert rules(old, new) == {"enum_member_removed"}


def test_bounds_tightened_break_requests_and_loosened_break_responses() -> None:
    loose = api(thing(n={"type": "integer", "maximum": 100}))
    tight = api(thing(n={"type": "integer", "maximum": 10}))
    assert changes(loose, tight) == [("bound_tightened", "request components/schemas/Thing/properties/n")]
    assert changes(tight, loose) == [("bound_loosened", "response components/schemas/Thing/properties/n")]


def test_any_pattern_change_is_reported_and_dropping_one_only_for_responses() -> None:
    old = api(thing(d={"type": "string", "pattern": "^[0-9]{4}$"}))
    changed = api(thing(d={"type": "string", "pattern": "^[1-9][0-9]{3}$"}))
    dropped = api(thing(d={"type": "string"}))
    assert rules(old, changed) == {"pattern_changed"}
    assert len(changes(old, changed)) == 2  # once per direction
    assert changes(old, dropped) == [("pattern_changed", "response components/schemas/Thing/properties/d")]
    assert changes(dropped, old) == [("pattern_changed", "request components/schemas/Thing/properties/d")]


def test_refusing_unknown_properties_breaks_requests() -> None:
    old = api(thing(a={"type": "string"}))
    new = api({"Thing": {**thing(a={"type": "string"})["Thing"], "additionalProperties": False}})
    assert changes(old, new) == [("additional_properties_refused", "request components/schemas/Thing")]


def test_nullable_reference_alternatives() -> None:
    inner = {"Inner": {"type": "object", "properties": {"x": {"type": "string"}}}}
    ref = {"$ref": "#/components/schemas/Inner"}
    plain = api({**thing(i=ref), **inner})
    nullable = api({**thing(i={"anyOf": [ref, {"type": "null"}]}), **inner})
    assert changes(plain, nullable) == [
        ("alternative_added", "response components/schemas/Thing/properties/i")
    ]
    assert changes(nullable, plain) == [
        ("alternative_removed", "request components/schemas/Thing/properties/i")
    ]

    changed_inner = copy.deepcopy(nullable)
    changed_inner["components"]["schemas"]["Inner"]["properties"] = {}
    assert changes(nullable, changed_inner) == [
        ("property_removed", "request components/schemas/Inner/properties/x"),
        ("property_removed", "response components/schemas/Inner/properties/x"),
    ]


def test_a_shared_schema_is_reported_once_per_direction() -> None:
    old = api(
        {
            **thing(a={"$ref": "#/components/schemas/Code"}, b={"$ref": "#/components/schemas/Code"}),
            "Code": {"type": "string", "enum": ["A", "B"]},
        }
    )
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Code"]["enum"] = ["A"]
    assert changes(old, new) == [("enum_member_removed", "request components/schemas/Code")]


def test_operation_level_rules() -> None:
    old = api(thing())
    renamed = copy.deepcopy(old)
    renamed["paths"]["/things"]["post"]["operationId"] = "things.Make"
    assert rules(old, renamed) == {"operation_id_changed"}

    withdrawn = copy.deepcopy(old)
    withdrawn["paths"]["/things"]["post"]["x-graph-permissions"]["application"] = ["Things.Manage.All"]
    assert changes(old, withdrawn) == [("permission_withdrawn", "POST /things")]
    assert changes(withdrawn, old) == []

    gone = copy.deepcopy(old)
    del gone["paths"]["/things"]
    assert changes(old, gone) == [("operation_removed", "POST /things")]


def test_parameter_and_status_rules() -> None:
    old = api(thing())
    required = copy.deepcopy(old)
    required["paths"]["/things"]["post"]["parameters"][0]["required"] = True
    assert rules(old, required) == {"parameter_became_required"}

    capped = copy.deepcopy(old)
    capped["paths"]["/things"]["post"]["parameters"][0]["schema"]["maximum"] = 100
    assert rules(old, capped) == {"bound_tightened"}

    moved = copy.deepcopy(old)
    moved["paths"]["/things"]["post"]["responses"] = {
        "201": old["paths"]["/things"]["post"]["responses"]["200"]
    }
    assert rules(old, moved) == {"success_status_added", "success_status_removed"}


def test_real_spec_edits_are_caught() -> None:
    """Edits a maintainer could plausibly make to openapi.yaml, each breaking someone."""
    schemas = SPEC["components"]["schemas"]

    no_quarantine = copy.deepcopy(SPEC)
    no_quarantine["components"]["schemas"]["synchronizationStatusCode"]["enum"].remove("Quarantine")
    assert ("enum_member_removed", "request components/schemas/synchronizationStatusCode") in changes(
        SPEC, no_quarantine
    )

    no_template = copy.deepcopy(SPEC)
    del no_template["components"]["schemas"]["synchronizationJob"]["properties"]["templateId"]
    found = changes(SPEC, no_template)
    assert (
        "property_removed",
        "response components/schemas/synchronizationJob/properties/templateId",
    ) in found

    stricter_duration = copy.deepcopy(SPEC)
    assert "pattern" in schemas["duration"]
    stricter_duration["components"]["schemas"]["duration"]["pattern"] = "^PT[0-9]+M$"
    assert ("pattern_changed", "request components/schemas/duration") in changes(SPEC, stricter_duration)

    owned_by_dropped = copy.deepcopy(SPEC)
    path, method = CREATE
    permissions = owned_by_dropped["paths"][path][method]["x-graph-permissions"]["application"]
    permissions.remove("Application.ReadWrite.OwnedBy")
    assert ("permission_withdrawn", f"POST {path}") in changes(SPEC, owned_by_dropped)


def write(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


def test_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path, "old.yaml", api(thing(a={"type": "string"}, b={"type": "string"})))
    same = write(tmp_path, "same.yaml", api(thing(a={"type": "string"}, b={"type": "string"})))
    minor = write(tmp_path, "minor.yaml", api(thing(a={"type": "string"}), version="1.1.0"))
    major = write(tmp_path, "major.yaml", api(thing(a={"type": "string"}), version="2.0.0"))

    assert main(["--base-file", str(old), "--spec", str(same)]) == 0
    assert main(["--base-file", str(old), "--spec", str(minor)]) == 1
    out, err = capsys.readouterr()
    assert "property_removed  request components/schemas/Thing/properties/b" in out
    assert "without a major version bump of info.version ('1.0.0' -> '1.1.0')" in err
    assert main(["--base-file", str(old), "--spec", str(major)]) == 0
    assert "allowed by the major version bump 1 -> 2" in capsys.readouterr().out


def test_unreadable_input_is_a_one_line_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write(tmp_path, "openapi.yaml", api(thing()))
    (tmp_path / "broken.yaml").write_text("paths: [unclosed", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- 1\n", encoding="utf-8")
    cases = [
        ["--base-file", str(tmp_path / "missing.yaml"), "--spec", str(spec)],
        ["--base-file", str(tmp_path / "broken.yaml"), "--spec", str(spec)],
        ["--base-file", str(tmp_path / "list.yaml"), "--spec", str(spec)],
        ["--base", "no-such-revision", "--spec", str(ROOT / "openapi.yaml")],
    ]
    for argv in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("check-breaking: ") and "Traceback" not in err, err


def test_git_revisions_are_read_with_git(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    spec = write(tmp_path, "openapi.yaml", api(thing(a={"type": "string"}, b={"type": "string"})))
    git("add", "openapi.yaml")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "spec")
    assert main(["--base", "HEAD", "--spec", str(spec)]) == 0
    write(tmp_path, "openapi.yaml", api(thing(a={"type": "string"})))
    assert main(["--base", "HEAD", "--spec", str(spec)]) == 1


def test_a_reviewed_finding_is_accepted_by_a_commit_trailer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def commit(message: str) -> None:
        for args in (
            ["add", "openapi.yaml"],
            ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", message],
        ):
            subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    spec = write(tmp_path, "openapi.yaml", api(thing(d={"type": "string", "pattern": "^a$"})))
    commit("spec")
    write(tmp_path, "openapi.yaml", api(thing(d={"type": "string", "pattern": "^a+$"})))
    commit(
        "Accept runs of a\n\n"
        "Spec-Change-Reviewed: pattern_changed request components/schemas/Thing/properties/d\n"
        "Spec-Change-Reviewed: pattern_changed response components/schemas/Thing/properties/d\n"
    )
    assert main(["--base", "HEAD~1", "--spec", str(spec)]) == 0
    assert (
        "reviewed  pattern_changed  request components/schemas/Thing/properties/d" in capsys.readouterr().out
    )

    write(tmp_path, "openapi.yaml", api(thing(d={"type": "string", "pattern": "^b+$"})))
    commit(
        "Another pattern, reviewed under the wrong name\n\nSpec-Change-Reviewed: pattern_changed response elsewhere"
    )
    assert main(["--base", "HEAD~1", "--spec", str(spec)]) == 1
