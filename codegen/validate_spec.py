"""Validate an OpenAPI document; report each problem as one `file:line: location: message` line.

    python codegen/validate_spec.py --validator prance SPEC       # in .venv
    python codegen/validate_spec.py --validator osv SPEC          # in .venv-osv

`prance` resolves every `$ref` and validates with its openapi-spec-validator
backend (0.7.x, the version prance[osv] pins). `osv` validates with the
installed openapi-spec-validator (0.9.0 in .venv-osv), which reads OpenAPI
3.1's JSON Schema dialect and catches errors that 0.7.x accepts (`type: bool`).
Both first check the YAML itself: syntax, duplicate keys (which YAML loaders
silently resolve by keeping the last one) and local `$ref`s that point nowhere.

Exit status: 0 valid, 1 invalid, 2 usage or installation error.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_PROBLEMS = 20

JsonPath = tuple[Any, ...]


@dataclass(frozen=True)
class Problem:
    """One problem: where in the document (None: the file as a whole), the message and its line if known."""

    path: JsonPath | None
    message: str
    line: int | None = None


class Invalid(Exception):
    """The document is invalid; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


def pointer(path: Iterable[Any]) -> str:
    """A JSON-pointer-like location for messages (no leading `/`); `(document root)` for the empty path."""
    return "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in path) or "(document root)"


# --- YAML with positions -------------------------------------------------------------


def load(path: Path, lines: dict[JsonPath, int]) -> dict[str, Any]:
    """Parse the YAML file; fill ``lines`` with the 1-based line of every node, keyed by its path."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problem = f"not UTF-8 text (byte 0x{err.object[err.start]:02x} at offset {err.start})"
        raise Invalid([Problem(None, problem)]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise Invalid(
            [Problem(None, f"not valid YAML: {problem}", mark.line + 1 if mark else None)]
        ) from None
    constructor = yaml.SafeLoader("")
    duplicates: list[Problem] = []

    def walk(node: yaml.Node, at: JsonPath) -> None:
        lines.setdefault(at, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            first_seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if key in first_seen:
                    duplicates.append(
                        Problem(
                            (*at, key),
                            f"duplicate key (first at line {first_seen[key]}); YAML keeps the last",
                            line,
                        )
                    )
                first_seen.setdefault(key, line)
                walk(value_node, (*at, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*at, index))

    if root is not None:
        walk(root, ())
    if duplicates:
        raise Invalid(duplicates)
    if not isinstance(data, dict):
        raise Invalid([Problem(None, "not an OpenAPI document (the top level is not a mapping)")])
    dangling = list(_dangling_refs(data))
    if dangling:
        raise Invalid(dangling)
    return data


def _children(at: JsonPath, node: Any) -> Iterator[tuple[JsonPath, Any]]:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    return (((*at, key), child) for key, child in items if isinstance(child, dict | list))


def _dangling_refs(data: dict[str, Any]) -> Iterator[Problem]:
    """Local `$ref`s that point nowhere (the validators report them with a traceback)."""
    stack: list[tuple[JsonPath, Any]] = [((), data)]
    while stack:
        at, node = stack.pop()
        ref = node.get("$ref") if isinstance(node, dict) else None
        if isinstance(ref, str) and ref.startswith("#"):
            target: Any = data
            for part in filter(None, ref[1:].split("/")):
                part = part.replace("~1", "/").replace("~0", "~")
                if isinstance(target, dict) and part in target:
                    target = target[part]
                elif isinstance(target, list) and part.isdigit() and int(part) < len(target):
                    target = target[int(part)]
                else:
                    yield Problem((*at, "$ref"), f"unresolvable reference {ref!r}")
                    break
        stack.extend(_children(at, node))


# --- jsonschema errors -> problems -------------------------------------------------------


def _locate(data: Any, relative: JsonPath, instance: Any) -> list[JsonPath]:
    """Absolute paths in ``data`` whose sub-path ``relative`` holds ``instance``, shortest first.

    openapi-spec-validator reports an error inside a schema relative to that schema.
    """
    found: list[JsonPath] = []
    stack: list[tuple[JsonPath, Any]] = [((), data)]
    while stack:
        at, node = stack.pop()
        target: Any = node
        for part in relative:
            in_dict = isinstance(target, dict) and part in target
            in_list = isinstance(target, list) and isinstance(part, int) and 0 <= part < len(target)
            if not (in_dict or in_list):
                break
            target = target[part]
        else:
            if target == instance:
                found.append((*at, *relative))
        stack.extend(_children(at, node))
    return sorted(found, key=lambda p: (len(p), pointer(p)))


def _message(error: Any) -> str:
    message: str = error.message
    if getattr(error, "context", None):
        from jsonschema.exceptions import best_match  # type: ignore[import-untyped,unused-ignore]

        hint = best_match(error.context)
        if hint is not None and hint.message != message:
            message += f" ({hint.message})"
    return message


def _problems(errors: Iterable[Any], data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for error in errors:
        relative = tuple(error.absolute_path)
        candidates = _locate(data, relative, error.instance) if relative else []
        if relative in candidates or not candidates:
            problems.append(Problem(relative, _message(error)))
        else:
            problems.extend(Problem(absolute, _message(error)) for absolute in candidates[:3])
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


# --- validators -------------------------------------------------------------------------


def validate_with_osv(path: Path, data: dict[str, Any]) -> str:
    """Validate with openapi-spec-validator for the document's OpenAPI version; return the tool's version."""
    from openapi_spec_validator.validation import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(data.get("openapi", ""))
    validator_class: Any
    if version.startswith("3.1."):
        validator_class = OpenAPIV31SpecValidator
    elif version.startswith("3.0."):
        validator_class = OpenAPIV30SpecValidator
    else:
        raise Invalid([Problem(("openapi",), f"unsupported OpenAPI version {version!r} (3.0.x or 3.1.x)")])
    problems = _problems(validator_class(data, base_uri=path.resolve().as_uri()).iter_errors(), data)
    if problems:
        raise Invalid(problems)
    return f"openapi-spec-validator {importlib.metadata.version('openapi-spec-validator')}"


def _recursive_reference(limit: int, parsed_url: Any, recursions: Any = ()) -> dict[str, Any]:
    """Graph's types nest themselves (an attribute mapping's source is a function of sources; a
    subject links subjects): prance cannot inline such a `$ref`, so the recursive occurrence is
    validated as an empty schema; openapi-spec-validator checks the referenced schema where it is
    defined."""
    return {}


def validate_with_prance(path: Path, data: dict[str, Any]) -> str:
    """Validate with prance, resolving every ``$ref``; return the tools and their versions."""
    import prance  # type: ignore[import-untyped,unused-ignore]
    from prance.util.url import ResolutionError  # type: ignore[import-untyped,unused-ignore]

    try:
        prance.ResolvingParser(
            str(path),
            backend="openapi-spec-validator",
            strict=True,
            lazy=False,
            recursion_limit_handler=_recursive_reference,
        )
    except ResolutionError as err:
        raise Invalid([Problem(None, str(err).replace(path.resolve().as_uri(), path.name))]) from None
    except prance.ValidationError as err:
        cause = err.__cause__
        if cause is not None and hasattr(cause, "absolute_path"):
            raise Invalid(_problems([cause], data)) from None
        raise Invalid([Problem(None, (str(err).splitlines() or [type(err).__name__])[0])]) from None
    return (
        f"prance {importlib.metadata.version('prance')} with openapi-spec-validator "
        f"{importlib.metadata.version('openapi-spec-validator')}"
    )


VALIDATORS = {"osv": validate_with_osv, "prance": validate_with_prance}


def main(argv: list[str] | None = None) -> int:
    """Validate SPEC with the chosen validator and print the result; return the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n", maxsplit=1)[0])
    parser.add_argument("--validator", choices=sorted(VALIDATORS), required=True)
    parser.add_argument("spec", type=Path)
    args = parser.parse_args(argv)
    path: Path = args.spec
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    if not os.access(path, os.R_OK):
        print(f"error: {path}: not readable", file=sys.stderr)
        return 2
    lines: dict[JsonPath, int] = {}
    try:
        data = load(path, lines)
        try:
            tool = VALIDATORS[args.validator](path, data)
        except (Invalid, ImportError):
            raise
        except Exception as err:  # noqa: BLE001 - a validator crash is reported like any other problem
            first = (str(err).splitlines() or [""])[0][:300]
            raise Invalid(
                [Problem(None, f"{args.validator} failed: {type(err).__name__}: {first}")]
            ) from None
    except ImportError as err:
        print(
            f"error: the {args.validator} validator is not installed in {sys.prefix} ({err})", file=sys.stderr
        )
        return 2
    except Invalid as err:
        print(f"{path}: INVALID OpenAPI document", file=sys.stderr)
        for problem in err.problems:
            print(f"  {_format(path, problem, lines)}", file=sys.stderr)
        return 1
    print(f"{path}: valid OpenAPI {data.get('openapi')} ({tool})")
    return 0


def _format(path: Path, problem: Problem, lines: dict[JsonPath, int]) -> str:
    line = problem.line
    if line is None and problem.path is not None:
        # The closest enclosing node that has a position.
        cuts = range(len(problem.path), -1, -1)
        line = next((lines[problem.path[:cut]] for cut in cuts if problem.path[:cut] in lines), None)
    where = f"{path}:{line}" if line else str(path)
    location = f" {pointer(problem.path)}:" if problem.path is not None else ""
    message = re.sub(r"\s+", " ", problem.message).strip()
    return f"{where}:{location} {message}"


if __name__ == "__main__":
    sys.exit(main())
