"""A success status the document does not declare: its body is still held to the declared success.

schemathesis reports an undocumented status (`status_code_conformance`) but validates a body only against
the schema of the status it came with, so a 200 answered where 201 is documented has its body checked
against nothing. This check validates such a body against the operation's documented 2xx responses, with
schemathesis' own validator (the same formats, `$ref`s and messages as `response_schema_conformance`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from fuzz.checks.exchange import raw_operation, request_label, sent_declared_method

if TYPE_CHECKING:
    from schemathesis import CheckContext, Response

    from fuzz.checks.exchange import GraphCase

SUCCESS = re.compile(r"2\d\d")
#: How many of a documented success's violations a message lists (schemathesis reports each with its schema).
MAX_LISTED = 5


def undocumented_success_matches_documented_schema(
    ctx: CheckContext, response: Response, case: GraphCase
) -> None:
    """A 2xx whose status the operation does not document (no such status, no `2XX`, no `default`) has a body
    valid against one of the operation's documented 2xx responses: its schema, or no body when it has none."""
    status = response.status_code
    if not 200 <= status < 300 or not sent_declared_method(case, response):
        return
    responses = raw_operation(case).get("responses") or {}
    declared = {str(code).upper() for code in responses}
    if str(status) in declared or "2XX" in declared or "DEFAULT" in declared:
        return
    documented = sorted(str(code) for code in responses if SUCCESS.fullmatch(str(code)))
    if not documented:
        return
    problems = []
    for code in documented:
        violations = _violations(case, response, int(code), responses[code])
        if not violations:
            return
        problems.append((code, violations))
    raise AssertionError(
        f"{status} to {request_label(case, response)} is not a documented status "
        f"(documented success: {', '.join(documented)}), and its body is not what the documented success "
        "answers either:\n" + "\n".join(_described(code, violations) for code, violations in problems)
    )


def _violations(case: GraphCase, response: Response, code: int, definition: Any) -> list[str]:
    """What is wrong with the body of `response` taken as the documented `code`: empty when it is valid."""
    if not _has_content(case, definition):
        return [f"a {len(response.content)}-byte body where {code} has none"] if response.content else []
    documented = _with_status(response, code)
    try:
        case.operation.validate_response(documented, case=case)
    except AssertionError as exc:  # one violation: a schemathesis Failure
        return [_failure_text(exc)]
    except BaseExceptionGroup as group:  # several: a schemathesis FailureGroup
        return [_failure_text(failure) for failure in group.exceptions]
    return []


def _has_content(case: GraphCase, definition: Any) -> bool:
    """Whether a documented response (a local `$ref` to components/responses followed) has a body."""
    seen = 0
    while isinstance(definition, Mapping) and isinstance(definition.get("$ref"), str) and seen < 16:
        target: Any = case.operation.schema.raw_schema
        for part in definition["$ref"].removeprefix("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        definition, seen = target, seen + 1
    return isinstance(definition, Mapping) and bool(definition.get("content"))


def _with_status(response: Response, code: int) -> Response:
    """`response` as if it had been answered with `code`."""
    documented = copy.copy(response)
    documented.status_code = code
    return documented


def _failure_text(failure: BaseException) -> str:
    """A schemathesis failure in a few lines: its title and message (without the schema it prints)."""
    title = getattr(failure, "title", "") or type(failure).__name__
    message = str(getattr(failure, "message", "") or failure).strip()
    head = message.split("\n\nSchema at ", 1)[0].strip()
    head = re.sub(r"\s*Validated against the response schema for status code \d+\.", "", head)
    location = re.search(r"^Schema at (\S+?):?$", message, re.MULTILINE)
    where = f" (schema at {location.group(1)})" if location else ""
    return f"{title}: {head}{where}".replace("\n\n", "\n")


def _described(code: str, violations: Sequence[str]) -> str:
    listed = [f"  - {violation}".replace("\n", "\n    ") for violation in violations[:MAX_LISTED]]
    if len(violations) > MAX_LISTED:
        listed.append(f"  - ... and {len(violations) - MAX_LISTED} more")
    return f"- against the documented {code}:\n" + "\n".join(listed)
