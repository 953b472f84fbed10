"""Report the changes to openapi.yaml that break existing clients or callers; fail unless the major version grew.

    python codegen/breaking.py --base REF [--spec openapi.yaml]     # the spec at git revision REF
    python codegen/breaking.py --base-file OLD.yaml [--spec NEW.yaml]

A change is breaking when something that worked against the old contract can fail against the new
one. Requests (what callers send) may only get more permissive: a removed property, enum member or
type, a tightened bound, pattern or permission, or a newly required field breaks callers. Responses
(what the generated models and clients parse) may only get narrower: a removed property, a property
no longer required, a new type (e.g. `null`), a loosened bound or pattern, or a new enum member
breaks them. Graph's evolvable enums are the exception: members added after `unknownFutureValue`
are not breaking, because Graph sends them only to clients that ask for them (`Prefer:
include-unknown-enum-members`); a member added before the sentinel is.

Each rule is one function named after it. Findings are printed as
`RULE  WHERE: what the base contract said; what the new one says`. Some rules are conservative: a
changed `pattern` is reported even when the new one accepts more, since regular expressions cannot
be compared. A finding a maintainer has judged harmless is accepted by a commit between the base
revision and HEAD whose message has the line `Spec-Change-Reviewed: RULE WHERE` (with `--base`).

Exit status: 0 nothing breaking (or only reviewed findings), or breaking changes with a major
`info.version` bump; 1 breaking changes without one; 2 usage error (unreadable file, unknown revision).
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
EVOLVABLE_SENTINEL = "unknownFutureValue"
REVIEWED = re.compile(r"^Spec-Change-Reviewed:\s*(\S+)\s+(.+?)\s*$", re.MULTILINE)
REQUEST, RESPONSE = "request", "response"


@dataclass(frozen=True)
class Finding:
    """One breaking change: the rule, where in the spec, and what the two contracts say."""

    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}  {self.where}: {self.message}"


class UsageError(Exception):
    """A spec that cannot be read: reported in one line, exit status 2."""


class Spec:
    """A parsed OpenAPI document with local `$ref` resolution."""

    def __init__(self, document: Any, name: str) -> None:
        if not isinstance(document, dict) or not isinstance(document.get("paths", {}), dict):
            raise UsageError(f"{name} is not an OpenAPI document (no mapping of paths)")
        self.document = document
        self.name = name

    def resolve(self, node: Any) -> tuple[Any, str | None]:
        """The node behind a chain of `$ref`s, and the last reference followed (None if there was none)."""
        ref = None
        for _ in range(64):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return node, ref
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise UsageError(f"{self.name}: only local references are supported, got {ref!r}")
            node = self.document
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(node, dict) or part not in node:
                    raise UsageError(f"{self.name}: the reference {ref!r} points nowhere")
                node = node[part]
        raise UsageError(f"{self.name}: a chain of references loops ({ref!r})")

    def operations(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Every operation by (METHOD, path), with the path's parameters before its own."""
        found = {}
        for path, item in self.document.get("paths", {}).items():
            item, _ = self.resolve(item)
            for method in HTTP_METHODS:
                if isinstance(item, dict) and isinstance(item.get(method), dict):
                    operation = dict(item[method])
                    operation["parameters"] = [*item.get("parameters", []), *operation.get("parameters", [])]
                    found[(method.upper(), path)] = operation
        return found


Emit = Callable[[str, str, str], None]
Seen = set[tuple[str, str, str]]  # (base $ref, head $ref, direction) pairs already compared


# --- operations ----------------------------------------------------------------------


def operation_removed(base: Spec, head: Spec, emit: Emit) -> None:
    """Report each operation of the base that the head no longer has."""
    head_ops = head.operations()
    for key in base.operations():
        if key not in head_ops:
            emit("operation_removed", " ".join(key), "the operation existed; it is gone")


def operation_id_changed(where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit) -> None:
    """Report a changed operationId: the generated client's functions are named after it."""
    if old.get("operationId") != new.get("operationId"):
        emit(
            "operation_id_changed",
            where,
            f"operationId was {old.get('operationId')!r}, is {new.get('operationId')!r} "
            "(generated client functions are named after it)",
        )


def permission_withdrawn(where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit) -> None:
    """Report each `x-graph-permissions` entry that no longer allows the operation."""
    before, after = old.get("x-graph-permissions") or {}, new.get("x-graph-permissions") or {}
    for kind, granted in before.items():
        names = {_permission_name(entry) for entry in granted or []}
        remaining = {_permission_name(entry) for entry in after.get(kind) or []}
        for name in sorted(names - remaining):
            emit("permission_withdrawn", where, f"{kind} {name!r} allowed the operation; it no longer does")


def _permission_name(entry: Any) -> str:
    return str(entry.get("name") if isinstance(entry, dict) else entry)


def parameters_compatible(
    base: Spec, head: Spec, where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit, seen: Seen
) -> None:
    """Report parameters newly required or removed; compare the kept ones' schemas as requests."""
    before, after = _parameters(base, old), _parameters(head, new)
    for key, parameter in after.items():
        was = before.get(key)
        if parameter.get("required") and not (was or {}).get("required"):
            emit(
                "parameter_became_required",
                f"{where} {key[0]} parameter {key[1]!r}",
                "was optional or absent",
            )
    for key, parameter in before.items():
        label = f"{where} {key[0]} parameter {key[1]!r}"
        if key not in after:
            emit("parameter_removed", label, "callers send it; it is no longer accepted")
            continue
        schema_compatible(
            base, head, label, parameter.get("schema"), after[key].get("schema"), REQUEST, emit, seen
        )


def _parameters(spec: Spec, operation: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    result = {}
    for entry in operation.get("parameters", []):
        parameter, _ = spec.resolve(entry)
        result[(str(parameter.get("in")), str(parameter.get("name")))] = parameter
    return result


def request_body_compatible(
    base: Spec, head: Spec, where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit, seen: Seen
) -> None:
    """Report a body newly required or a media type no longer accepted; compare the body schemas."""
    before, _ = base.resolve(old.get("requestBody") or {})
    after, _ = head.resolve(new.get("requestBody") or {})
    if after.get("required") and not before.get("required"):
        emit("request_body_became_required", where, "the body was optional")
    after_content = after.get("content") or {}
    for media_type, media in (before.get("content") or {}).items():
        label = f"{where} request body {media_type}"
        if media_type not in after_content:
            emit("request_media_type_removed", label, "was accepted; it is no longer")
            continue
        schema_compatible(
            base,
            head,
            label,
            media.get("schema"),
            after_content[media_type].get("schema"),
            REQUEST,
            emit,
            seen,
        )


def responses_compatible(
    base: Spec, head: Spec, where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit, seen: Seen
) -> None:
    """Report 2xx statuses added or removed and media types dropped; compare headers and schemas."""
    before, after = old.get("responses") or {}, new.get("responses") or {}
    old_success = {str(code) for code in before if str(code).startswith("2")}
    for code in sorted({str(code) for code in after if str(code).startswith("2")} - old_success):
        emit("success_status_added", f"{where} {code}", f"clients expect only {sorted(old_success)}")
    for code, response in before.items():
        label = f"{where} {code}"
        if code not in after:
            if str(code).startswith("2"):
                emit(
                    "success_status_removed",
                    label,
                    "the operation answered with this status; it no longer does",
                )
            continue
        response, _ = base.resolve(response)
        new_response, _ = head.resolve(after[code])
        response_headers_kept(base, head, label, response, new_response, emit)
        new_content = new_response.get("content") or {}
        for media_type, media in (response.get("content") or {}).items():
            if media_type not in new_content:
                emit("response_media_type_removed", f"{label} {media_type}", "was sent; it no longer is")
                continue
            schema_compatible(
                base,
                head,
                f"{label} {media_type}",
                media.get("schema"),
                new_content[media_type].get("schema"),
                RESPONSE,
                emit,
                seen,
            )


def response_headers_kept(
    base: Spec, head: Spec, where: str, old: dict[str, Any], new: dict[str, Any], emit: Emit
) -> None:
    """Report each required response header that is no longer required (names in any case)."""
    after = {name.lower(): value for name, value in (new.get("headers") or {}).items()}
    for name, header in (old.get("headers") or {}).items():
        header, _ = base.resolve(header)
        if not header.get("required"):
            continue
        new_header, _ = head.resolve(after.get(name.lower(), {}))
        if not new_header.get("required"):
            emit("required_header_dropped", f"{where} header {name!r}", "was always sent; it no longer is")


# --- schemas -------------------------------------------------------------------------


def schema_compatible(
    base: Spec,
    head: Spec,
    where: str,
    old: Any,
    new: Any,
    direction: str,
    emit: Emit,
    seen: Seen,
) -> None:
    """Compare two schemas for one direction; recurse into properties, items and alternatives.

    A named schema (`$ref` on both sides) is compared once per direction and reported under its own
    name, so a change to a shared schema is one finding, not one per place that uses it.
    """
    if old is None or new is None:
        return
    old_node, new_node = old, new
    old, old_ref = base.resolve(old)
    new, new_ref = head.resolve(new)
    if old_ref is not None and new_ref is not None:
        if (old_ref, new_ref, direction) in seen:
            return
        seen.add((old_ref, new_ref, direction))
        where = f"{direction} {old_ref[2:]}" if old_ref == new_ref else f"{where} ({old_ref} -> {new_ref})"
    if not isinstance(old, dict) or not isinstance(new, dict):
        return

    def recurse(suffix: str, a: Any, b: Any) -> None:
        schema_compatible(base, head, where + suffix, a, b, direction, emit, seen)

    for keyword in ("anyOf", "oneOf"):
        if keyword in old or keyword in new:
            # A plain schema is one alternative of itself: `X` -> `anyOf: [X, null]` only adds null.
            before = _alternatives(base, old.get(keyword, [old_node]))
            after = _alternatives(head, new.get(keyword, [new_node]))
            alternatives_compatible(where, keyword, before, after, direction, emit)
            for key, schema in before.items():
                if key in after:
                    recurse(f"/{keyword}[{key}]" if keyword in old else "", schema, after[key])
            if (keyword in old) != (keyword in new):
                return  # the plain side was compared with its match among the alternatives
    for rule in SCHEMA_RULES:
        rule(where, old, new, direction, emit)
    properties_compatible(base, head, where, old, new, direction, emit)
    for name, schema in (old.get("properties") or {}).items():
        if name in (new.get("properties") or {}):
            recurse(f"/properties/{name}", schema, new["properties"][name])
    recurse("/items", old.get("items"), new.get("items"))
    old_parts, new_parts = old.get("allOf") or [], new.get("allOf") or []
    if len(old_parts) == len(new_parts):
        for index, (a, b) in enumerate(zip(old_parts, new_parts, strict=True)):
            recurse(f"/allOf/{index}", a, b)
    else:
        emit("composition_changed", where, f"allOf had {len(old_parts)} parts, has {len(new_parts)}")


def type_compatible(where: str, old: dict[str, Any], new: dict[str, Any], direction: str, emit: Emit) -> None:
    """Report request types no longer accepted and new response types (no `type` means any type)."""
    before, after = _types(old), _types(new)
    if before is None or after is None:
        if before is None and after is not None and direction == REQUEST:
            emit("type_narrowed", where, f"any type was accepted; now only {sorted(after)}")
        return
    if direction == REQUEST and before - after:
        emit("type_narrowed", where, f"accepted {sorted(before)}; now {sorted(after)}")
    if direction == RESPONSE and after - before:
        emit("type_widened", where, f"was {sorted(before)}; may now be {sorted(after)}")


def _types(schema: dict[str, Any]) -> set[str] | None:
    value = schema.get("type")
    if value is None:
        return None
    types = {value} if isinstance(value, str) else set(value)
    return types | {"integer"} if "number" in types else types  # a number may be an integer


def enum_compatible(where: str, old: dict[str, Any], new: dict[str, Any], direction: str, emit: Emit) -> None:
    """Report enum or flags members removed from requests or added to responses (evolvable enums may grow)."""
    for keyword in ("enum", "x-graph-flags-members"):
        if keyword not in old and keyword not in new:
            continue
        before, after = _members(old.get(keyword)), _members(new.get(keyword))
        if before is None:
            if after is not None and direction == REQUEST:
                emit(
                    "enum_member_removed", where, f"any value was accepted; now only {sorted(after, key=str)}"
                )
            continue
        if after is None:
            if direction == RESPONSE:
                emit("enum_member_added", where, f"was one of {sorted(before, key=str)}; now any value")
            continue
        if direction == REQUEST:
            for member in sorted(before - after, key=str):
                emit("enum_member_removed", where, f"{member!r} was accepted; it no longer is")
        else:
            evolvable = _after_sentinel(before, new.get(keyword))
            for member in sorted(after - before - evolvable, key=str):
                emit("enum_member_added", where, f"{member!r} is new; clients know {sorted(before, key=str)}")


def _after_sentinel(before: set[Any], members: Any) -> set[Any]:
    """Members listed after `unknownFutureValue` in an evolvable enum: Graph sends them only on request."""
    if EVOLVABLE_SENTINEL not in before or not isinstance(members, list) or EVOLVABLE_SENTINEL not in members:
        return set()
    return set(members[members.index(EVOLVABLE_SENTINEL) + 1 :])


def _members(value: Any) -> set[Any] | None:
    if value is None:
        return None
    return set(value) if isinstance(value, (list, dict)) else {value}


def const_compatible(
    where: str, old: dict[str, Any], new: dict[str, Any], direction: str, emit: Emit
) -> None:
    """Report a new or changed `const` in requests, a changed or dropped one in responses."""
    if "const" in new and old.get("const", object()) != new["const"]:
        if direction == REQUEST or "const" in old:
            emit("const_changed", where, f"was {old.get('const', '(any value)')!r}; is {new['const']!r}")
    elif "const" in old and "const" not in new and direction == RESPONSE:
        emit("const_changed", where, f"was always {old['const']!r}; may now vary")


def pattern_compatible(
    where: str, old: dict[str, Any], new: dict[str, Any], direction: str, emit: Emit
) -> None:
    """Report a new or changed `pattern` in requests, a changed or dropped one in responses."""
    before, after = old.get("pattern"), new.get("pattern")
    if before == after:
        return
    if after is not None and (direction == REQUEST or before is not None):
        emit("pattern_changed", where, f"pattern was {before!r}; is {after!r}")
    elif after is None and direction == RESPONSE:
        emit("pattern_changed", where, f"values matched {before!r}; they no longer have to")


LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")


def bounds_compatible(
    where: str, old: dict[str, Any], new: dict[str, Any], direction: str, emit: Emit
) -> None:
    """Report bounds tightened in requests or loosened in responses (a missing bound is no bound)."""
    for keyword in (*LOWER_BOUNDS, *UPPER_BOUNDS):
        before, after = old.get(keyword), new.get(keyword)
        if before == after or isinstance(before, bool) or isinstance(after, bool):
            continue
        upper = keyword in UPPER_BOUNDS
        if before is None:
            tighter = True
        elif after is None:
            tighter = False
        else:
            tighter = after < before if upper else after > before
        if tighter == (direction == REQUEST):
            rule = "bound_tightened" if tighter else "bound_loosened"
            emit(rule, where, f"{keyword} was {_show(before)}; is {_show(after)}")


def _show(value: Any) -> str:
    return "(none)" if value is None else repr(value)


def format_compatible(
    where: str, old: dict[str, Any], new: dict[str, Any], direction: str, emit: Emit
) -> None:
    """Report a new or changed `format` in requests, any change of it in responses."""
    before, after = old.get("format"), new.get("format")
    if before != after and (after is not None or direction == RESPONSE):
        emit("format_changed", where, f"format was {_show(before)}; is {_show(after)}")


def additional_properties_compatible(
    where: str, old: dict[str, Any], new: dict[str, Any], direction: str, emit: Emit
) -> None:
    """Report a request schema that starts refusing unknown properties."""
    was_open = old.get("additionalProperties", True) is not False
    if direction == REQUEST and was_open and new.get("additionalProperties", True) is False:
        emit("additional_properties_refused", where, "unknown properties were accepted; they are refused now")


SCHEMA_RULES = (
    type_compatible,
    enum_compatible,
    const_compatible,
    pattern_compatible,
    bounds_compatible,
    format_compatible,
    additional_properties_compatible,
)


def properties_compatible(
    base: Spec, head: Spec, where: str, old: dict[str, Any], new: dict[str, Any], direction: str, emit: Emit
) -> None:
    """Report properties removed, response properties no longer required, request ones newly required."""
    before, after = old.get("properties") or {}, new.get("properties") or {}
    old_required, new_required = set(old.get("required") or []), set(new.get("required") or [])
    for name, schema in before.items():
        schema, _ = base.resolve(schema)
        if _invisible(schema, direction):
            continue
        if name not in after:
            emit(
                "property_removed",
                f"{where}/properties/{name}",
                f"the {direction} property existed; it is gone",
            )
        elif direction == RESPONSE and name in old_required and name not in new_required:
            emit(
                "property_no_longer_required",
                f"{where}/properties/{name}",
                "was always present; it may now be absent",
            )
    if direction == REQUEST:
        for name in sorted(new_required - old_required):
            emit(
                "property_became_required",
                f"{where}/properties/{name}",
                "callers could leave it out; it is required now",
            )


def _invisible(schema: Any, direction: str) -> bool:
    """A read-only property is not part of requests, a write-only one not part of responses."""
    return isinstance(schema, dict) and bool(schema.get("readOnly" if direction == REQUEST else "writeOnly"))


def alternatives_compatible(
    where: str, keyword: str, before: dict[str, Any], after: dict[str, Any], direction: str, emit: Emit
) -> None:
    """Report `anyOf`/`oneOf` alternatives removed from requests or added to responses."""
    if direction == REQUEST:
        for key in sorted(set(before) - set(after)):
            emit("alternative_removed", where, f"{keyword} alternative {key} was accepted; it no longer is")
    else:
        for key in sorted(set(after) - set(before)):
            emit("alternative_added", where, f"{keyword} alternative {key} is new; clients do not expect it")


def _alternatives(spec: Spec, schemas: Any) -> dict[str, Any]:
    """Alternatives keyed by what they are: the schema they reference, or their type."""
    keyed = {}
    for index, schema in enumerate(schemas or []):
        resolved, ref = spec.resolve(schema)
        if ref is not None:
            key = ref.rsplit("/", 1)[-1]
        elif isinstance(resolved, dict) and "type" in resolved:
            key = "type " + "|".join(sorted(_types(resolved) or ()))
        else:
            key = f"#{index}"
        keyed[key] = schema
    return keyed


# --- driver --------------------------------------------------------------------------


def breaking_changes(base: Spec, head: Spec) -> list[Finding]:
    """Every breaking change from `base` to `head`, in document order."""
    findings: list[Finding] = []
    seen: Seen = set()

    def emit(rule: str, where: str, message: str) -> None:
        finding = Finding(rule, where, message)
        if finding not in findings:
            findings.append(finding)

    operation_removed(base, head, emit)
    head_ops = head.operations()
    for key, old in base.operations().items():
        new = head_ops.get(key)
        if new is None:
            continue
        where = " ".join(key)
        operation_id_changed(where, old, new, emit)
        permission_withdrawn(where, old, new, emit)
        parameters_compatible(base, head, where, old, new, emit, seen)
        request_body_compatible(base, head, where, old, new, emit, seen)
        responses_compatible(base, head, where, old, new, emit, seen)
    return findings


def major_version(spec: Spec) -> int | None:
    """The major number of `info.version`, or None when it does not start with one."""
    version = str((spec.document.get("info") or {}).get("version", ""))
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def load_file(path: Path) -> Spec:
    """Parse a spec file; UsageError when it cannot be read or is not YAML."""
    try:
        return Spec(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{path} is not valid YAML: {exc}") from None


def load_revision(revision: str, path: Path) -> Spec:
    """The spec as committed at a git revision (`git show REV:PATH`)."""
    name = f"{revision}:{path.name}"
    try:
        shown = subprocess.run(
            ["git", "show", f"{revision}:./{path.name}"], capture_output=True, check=False, cwd=path.parent
        )
    except OSError as exc:
        raise UsageError(f"cannot run git: {exc}") from None
    if shown.returncode != 0:
        detail = shown.stderr.decode(errors="replace").strip().splitlines()
        reason = detail[-1] if detail else f"git exited with {shown.returncode}"
        raise UsageError(f"cannot read {name} from git: {reason}")
    try:
        return Spec(yaml.safe_load(shown.stdout), name)
    except yaml.YAMLError as exc:
        raise UsageError(f"{name} is not valid YAML: {exc}") from None


def reviewed_findings(revision: str, path: Path) -> set[tuple[str, str]]:
    """(rule, where) pairs accepted by `Spec-Change-Reviewed:` lines in the commits from `revision` to HEAD."""
    shown = subprocess.run(
        ["git", "log", "--format=%B", f"{revision}..HEAD"], capture_output=True, check=False, cwd=path.parent
    )
    if shown.returncode != 0:
        return set()
    text = shown.stdout.decode(errors="replace")
    return {(rule, where) for rule, where in REVIEWED.findall(text)}


def main(argv: list[str] | None = None) -> int:
    """Print the unreviewed breaking changes; the exit status described in the module docstring."""
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `... | head` ends quietly
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--base", metavar="REV", help="git revision holding the old spec (e.g. HEAD, main, v1.0.0)"
    )
    source.add_argument("--base-file", type=Path, metavar="FILE", help="the old spec as a file")
    parser.add_argument(
        "--spec", type=Path, default=Path("openapi.yaml"), help="the new spec (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    try:
        head = load_file(args.spec)
        base = load_file(args.base_file) if args.base_file else load_revision(args.base, args.spec)
    except UsageError as exc:
        print(f"check-breaking: {exc}", file=sys.stderr)
        return 2
    findings = breaking_changes(base, head)
    reviewed = reviewed_findings(args.base, args.spec) if args.base else set()
    for finding in [f for f in findings if (f.rule, f.where) in reviewed]:
        print(f"reviewed  {finding}")
        findings.remove(finding)
    if not findings:
        print(f"{head.name}: no unreviewed breaking change since {base.name}")
        return 0
    for finding in findings:
        print(finding)
    old_major, new_major = major_version(base), major_version(head)
    if old_major is not None and new_major is not None and new_major > old_major:
        print(
            f"{len(findings)} breaking change(s), allowed by the major version bump {old_major} -> {new_major}"
        )
        return 0
    print(
        f"{len(findings)} breaking change(s) since {base.name} without a major version bump of info.version "
        f"({(base.document.get('info') or {}).get('version')!r} -> "
        f"{(head.document.get('info') or {}).get('version')!r})",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
