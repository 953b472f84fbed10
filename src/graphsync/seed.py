"""Reading a seed: the YAML file (or the built-in demo seed) to the directory (graphsync.directory).

The format is documented in docs/seed-format.md. Loading validates everything and reports each
problem as `path: problem` (for example `tenants[0].servicePrincipals[2].appId: not a GUID: 'x'`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graphsync.demo import SEED as DEMO_SEED
from graphsync.directory import PERSONAL_ACCOUNTS_TENANT, Directory, DirectoryObject, Template, Tenant
from graphsync.files import read_limited
from graphsync.seed_checks import SEED_VERSION, SeedChecker, shown

MAX_SEED_BYTES = 16 * 1024 * 1024  # the demo seed is 2 KiB; 10,000 objects take about 3 MiB
MAX_DEPTH = 32  # a seed is 5 levels deep; deeper YAML would only make loading recurse
_MAX_PROBLEMS = 20


class SeedError(ValueError):
    """The seed file cannot be read or is invalid; the message lists each problem with its location."""


class SeedUnreadable(SeedError):
    """The seed file cannot be read at all (missing, a folder, not UTF-8): bad input, not an invalid seed."""


_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """SafeLoader that refuses duplicate mapping keys instead of silently keeping the last one."""


def _construct_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a mapping key must be a plain value, not a list or a mapping",
                key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=deep)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {shown(key)}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_seed(path: Path | None) -> Directory:
    """Read and validate a seed file; None is the built-in demo seed (graphsync.demo). See `read_seed`."""
    return read_seed(path)[1]


def read_seed(path: Path | None) -> tuple[Any, Directory]:
    """The seed's data and its directory; None is the built-in demo seed (graphsync.demo).

    SeedUnreadable (one line) when the file cannot be read as YAML data at all: not a regular file,
    over 16 MiB, not UTF-8, not YAML, aliases, a list or mapping as a key, nesting deeper than 32
    levels. SeedError listing every problem when the data is not a valid seed. Work and output are
    bounded by the file's size: aliases (which could expand a small file without end) are refused.
    """
    if path is None:
        return DEMO_SEED, parse_seed(DEMO_SEED)
    try:
        text = read_limited(Path(path), MAX_SEED_BYTES).decode("utf-8")
    except OSError as exc:
        raise SeedUnreadable(f"{path}: cannot read the seed file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise SeedUnreadable(
            f"{path}: cannot read the seed file: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} "
            f"at offset {exc.start})"
        ) from None
    try:
        _check_events(text)
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise SeedUnreadable(f"{path}: not valid YAML: {_one_line(exc)}") from None
    try:
        return data, parse_seed(data)
    except SeedError as exc:
        raise SeedError(f"{path}: invalid seed:\n{exc}") from None


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting in one streaming pass, before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        problem = None
        if isinstance(event, yaml.AliasEvent):
            problem = "aliases (*name) are not supported in a seed: write the value out"
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problem = f"nested more than {MAX_DEPTH} levels deep"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if problem is not None:
            mark = event.start_mark
            where = "" if mark is None else f"line {mark.line + 1}, column {mark.column + 1}: "
            raise yaml.YAMLError(where + problem)


def _one_line(exc: yaml.YAMLError) -> str:
    """A YAML error as `line L, column C: problem` (PyYAML's own text spans several lines with a snippet)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is not None:
            return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"
        return str(problem)
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def parse_seed(data: Any) -> Directory:
    """Validate seed data (already parsed from YAML) and build the directory; SeedError lists the problems."""
    problems: list[str] = []
    directory = SeedChecker(problems).seed(data)
    if problems:
        shown = problems[:_MAX_PROBLEMS]
        if len(problems) > _MAX_PROBLEMS:
            shown.append(f"... and {len(problems) - _MAX_PROBLEMS} more")
        raise SeedError("\n".join(f"  {p}" for p in shown))
    return directory


__all__ = [
    "PERSONAL_ACCOUNTS_TENANT",
    "SEED_VERSION",
    "Directory",
    "DirectoryObject",
    "SeedError",
    "SeedUnreadable",
    "Template",
    "Tenant",
    "load_seed",
    "parse_seed",
    "read_seed",
]
