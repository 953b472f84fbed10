"""The schema rules of `make check-breaking`: one schema compared with another, for one direction.

Requests may only widen: a property, type, enum member or alternative removed, a bound tightened or
a property newly required breaks callers. Responses may only narrow: a property removed or no longer
required, a new type, enum member or alternative, or a loosened bound breaks clients.
`schema_compatible` walks both schemas and applies each rule of SCHEMA_RULES at every level.
"""

from __future__ import annotations

from typing import Any

from breaking_model import REQUEST, RESPONSE, Emit, Seen, Spec

EVOLVABLE_SENTINEL = "unknownFutureValue"


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
