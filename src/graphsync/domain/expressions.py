"""Attribute-mapping expressions: parsed into Graph's `attributeMappingSource` tree and evaluated (D36).

The language of Microsoft's reference for attribute mapping expressions: an attribute `[name]`, a
string constant `"text"` (a backslash escapes `"` and `\\`), a number, or a function call
`Name(argument, ...)` whose arguments may be left empty (`Replace([x], "-", , , "_", , )`).
Each parsed argument is keyed by the function's parameter name in the catalog (catalog.py); arguments
left empty are not listed, as Graph's answers show.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

MAX_EXPRESSION = 4_096  # characters; Graph's longest documented expressions are a few hundred
MAX_DEPTH = 32  # nested calls
MAX_RESULT = 64 * 1024  # characters (and values) any step of an evaluation may produce

_TOKEN = re.compile(
    r'\s*(?:(?P<attribute>\[[^\]\[]*\])|(?P<string>"(?:[^"\\]|\\.)*")|(?P<number>-?[0-9]+(?:\.[0-9]+)?)'
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[(),])|(?P<end>$))"
)


class ExpressionError(ValueError):
    """The expression cannot be parsed (or evaluated): the message says where and why."""


@dataclasses.dataclass(frozen=True)
class Function:
    """A function of the catalog: its parameter names in order, and whether the last may repeat."""

    name: str
    parameters: tuple[str, ...]
    repeats: bool = False


def parse(text: str, catalog: Mapping[str, Function]) -> dict[str, Any]:
    """The `attributeMappingSource` of an expression; ExpressionError when it is not one."""
    if len(text) > MAX_EXPRESSION:
        raise ExpressionError(f"The expression is longer than {MAX_EXPRESSION} characters.")
    parser = _Parser(text, catalog)
    source = parser.source(0)
    if source is None:
        raise ExpressionError("The expression is empty.")
    parser.expect("end")
    return source


class _Parser:
    def __init__(self, text: str, catalog: Mapping[str, Function]) -> None:
        self.text = text
        self.catalog = {name.lower(): function for name, function in catalog.items()}
        self.position = 0

    def peek(self) -> tuple[str, str, int]:
        match = _TOKEN.match(self.text, self.position)
        if match is None:
            rest = self.text[self.position :]
            at = self.position + len(rest) - len(rest.lstrip())
            raise ExpressionError(f"Unexpected character at position {at + 1}: {self.text[at]!r}.")
        kind = match.lastgroup or "end"
        return kind, match.group(kind) or "", match.end()

    def expect(self, kind: str, value: str | None = None) -> str:
        found, text, end = self.peek()
        if found != kind or (value is not None and text != value):
            shown = "the end of the expression" if found == "end" else repr(text)
            wanted = repr(value) if value is not None else ("the end" if kind == "end" else kind)
            raise ExpressionError(f"Expected {wanted} at position {self.position + 1}, found {shown}.")
        self.position = end
        return text

    def source(self, depth: int) -> dict[str, Any] | None:
        """One argument: a source, or None where it is left empty."""
        if depth > MAX_DEPTH:
            raise ExpressionError(f"Functions nest more than {MAX_DEPTH} levels deep.")
        start = self.position
        kind, text, end = self.peek()
        if kind == "punct" and text in ",)" or kind == "end":
            return None
        self.position = end
        expression = self.text[start:end].strip()
        if kind == "attribute":
            return _source(expression, text[1:-1], "Attribute")
        if kind == "string":
            return _source(expression, re.sub(r"\\(.)", r"\1", text[1:-1]), "Constant")
        if kind == "number":
            return _source(expression, text, "Constant")
        if kind == "name":
            return self.call(text, start, depth)
        raise ExpressionError(f"Unexpected {text!r} at position {start + 1}.")

    def call(self, name: str, start: int, depth: int) -> dict[str, Any]:
        function = self.catalog.get(name.lower())
        if function is None:
            raise ExpressionError(
                f"'{name}' is not a function of the synchronization engine (GET .../schema/functions)."
            )
        self.expect("punct", "(")
        arguments: list[dict[str, Any] | None] = [self.source(depth + 1)]
        while self.peek()[1] == ",":
            self.expect("punct", ",")
            arguments.append(self.source(depth + 1))
        self.expect("punct", ")")
        if arguments == [None]:
            arguments = []
        if len(arguments) > len(function.parameters) and not function.repeats:
            raise ExpressionError(
                f"{function.name} takes at most {len(function.parameters)} arguments; {len(arguments)} were given."
            )
        parameters = []
        for index, argument in enumerate(arguments):
            if argument is not None:
                key = function.parameters[min(index, len(function.parameters) - 1)]
                parameters.append({"key": key, "value": argument})
        return {
            "expression": self.text[start : self.position].strip(),
            "name": function.name,
            "parameters": parameters,
            "type": "Function",
        }


def _source(expression: str, name: str, kind: str) -> dict[str, Any]:
    return {"expression": expression, "name": name, "parameters": [], "type": kind}


Values = Mapping[str, Sequence[str]]  # attribute name -> its values (a single-valued attribute: one)


def evaluate(source: Mapping[str, Any], values: Values) -> list[str]:
    """The values the source gives the input object's attributes (ExpressionError: not evaluated, also
    when a step would produce more than MAX_RESULT characters or values)."""
    kind = source.get("type")
    if kind == "Attribute":
        result = list(values.get(str(source["name"]), ()))
    elif kind == "Constant":
        result = [str(source["name"])]
    else:
        implementation = IMPLEMENTED.get(str(source["name"]).lower())
        if implementation is None:
            raise ExpressionError(f"The emulator does not evaluate {source['name']}.")
        arguments: dict[str, list[list[str]]] = {}
        for parameter in source.get("parameters") or ():
            key = str(parameter["key"]).lower()
            arguments.setdefault(key, []).append(evaluate(parameter["value"], values))
        _within_budget(arguments)
        result = implementation(arguments)
    _within_budget({"": [result]})
    return result


def _within_budget(arguments: Mapping[str, list[list[str]]]) -> None:
    """Refuse (before a function runs, and after) what would grow past MAX_RESULT: Join repeats its
    separator per value and Replace multiplies lengths, so nested calls could take gigabytes."""
    count = sum(len(values) for lists in arguments.values() for values in lists)
    size = sum(len(value) for lists in arguments.values() for values in lists for value in values)
    separators = arguments.get("separator")
    if separators and separators[0]:
        size += len(separators[0][0]) * count
    replacement = arguments.get("replacement")
    if replacement and replacement[0] and replacement[0][0]:
        size *= max(1, len(replacement[0][0]))
    if count > MAX_RESULT or size > MAX_RESULT:
        raise ExpressionError(f"The evaluation would produce more than {MAX_RESULT} characters or values.")


def _first(arguments: Mapping[str, list[list[str]]], name: str, default: str = "") -> str:
    found = arguments.get(name.lower())
    return found[0][0] if found and found[0] else default


def _replace(a: Mapping[str, list[list[str]]]) -> list[str]:
    source, old, new = _first(a, "source"), _first(a, "Find"), _first(a, "Replacement")
    if "regularexpression" in a:
        # A client's pattern could backtrack for as long as it likes (re has no time limit).
        raise ExpressionError("The emulator does not evaluate Replace with a RegularExpression.")
    return [source.replace(old, new) if old else source]


IMPLEMENTED: dict[str, Callable[[Mapping[str, list[list[str]]]], list[str]]] = {
    "append": lambda a: [_first(a, "source") + _first(a, "suffix")],
    "prepend": lambda a: [_first(a, "prefix") + _first(a, "source")],
    "join": lambda a: [_first(a, "separator").join(v for values in a.get("source", []) for v in values)],
    "tolower": lambda a: [_first(a, "source").lower()],
    "toupper": lambda a: [_first(a, "source").upper()],
    "stripspaces": lambda a: [_first(a, "source").replace(" ", "")],
    "replace": _replace,
    "coalesce": lambda a: next(([v[0]] for v in a.get("source", []) if v and v[0]), [""]),
    "ispresent": lambda a: [str(bool(_first(a, "expression")))],
    "isnullorempty": lambda a: [str(not _first(a, "expression"))],
    "not": lambda a: [str(_first(a, "source").lower() != "true")],
    "iif": lambda a: [
        _first(a, "valueIfTrue") if _first(a, "condition").lower() == "true" else _first(a, "valueIfFalse")
    ],
}
