"""What `make check-breaking` compares and reports: a spec with local `$ref` resolution, a finding.

A change is judged by direction: in a REQUEST (what callers send) the contract may only get more
permissive, in a RESPONSE (what the generated models and clients parse) only narrower. Every rule
reports through an `Emit` callback: `emit(rule, where, message)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
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
