"""OData query options on a collection of documents: `$filter`, `$orderby`, `$select`, `$skip`, `$count`.

`parse_filter` turns the `$filter` text into a predicate over documents, for the subset of OData's
grammar the emulator answers (docs/emulator.md, "Query options"): comparisons with `eq`/`ne` of a
property path (`templateId`, `schedule/state`, ...) with a string, `null`, a boolean or a number,
`startswith(path, 'text')`, and `and`, `or`, `not` and parentheses. Anything else is a GraphError
400 that names what is not supported. Work is linear in the length of the text (bounded by the
request line) and in the number of documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

from graphsync.errors import BAD_REQUEST, GraphError

UNSUPPORTED_QUERY = "Request_UnsupportedQuery"
Predicate = Callable[[Mapping[str, Any]], bool]

_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?[0-9]+(?:\.[0-9]+)?)|(?P<punct>[(),])"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_]*(?:/[A-Za-z_][A-Za-z0-9_]*)*))"
)
_LITERALS: dict[str, Any] = {"null": None, "true": True, "false": False}
_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {"eq": lambda a, b: a == b, "ne": lambda a, b: a != b}
_MAX_DEPTH = 32


def parse_filter(text: str, properties: Sequence[str], type_name: str) -> Predicate:
    """A predicate for `text`; `properties` are the filterable paths (`schedule/state`) of `type_name`."""
    return _FilterParser(text, frozenset(properties), type_name).parse()


def value_at(document: Mapping[str, Any], path: str) -> Any:
    """The value at a `/`-separated property path, None where any step is missing or null."""
    value: Any = document
    for step in path.split("/"):
        if not isinstance(value, Mapping):
            return None
        value = value.get(step)
    return value


def select(document: Mapping[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """The document with only `names` (and `id`, which Graph always returns), in the document's own order."""
    kept = {"id", *names}
    return {key: value for key, value in document.items() if key in kept}


def order(documents: list[dict[str, Any]], keys: Sequence[tuple[str, bool]]) -> list[dict[str, Any]]:
    """The documents sorted by (path, descending) keys, nulls first as OData orders them; stable."""
    for path, descending in reversed(keys):
        documents.sort(key=lambda d: _sort_key(value_at(d, path)), reverse=descending)
    return documents


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, "")
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, (int, float)):
        return (2, value)
    return (3, str(value))


class _FilterParser:
    def __init__(self, text: str, properties: frozenset[str], type_name: str) -> None:
        self.text = text
        self.properties = properties
        self.type_name = type_name
        self.tokens = self._tokenize(text)
        self.at = 0
        self.depth = 0

    def parse(self) -> Predicate:
        predicate = self._or()
        if self.at != len(self.tokens):
            self._invalid(f"unexpected '{self.tokens[self.at][1]}'")
        return predicate

    def _tokenize(self, text: str) -> list[tuple[str, str]]:
        tokens: list[tuple[str, str]] = []
        position = 0
        while position < len(text):
            if text[position:].strip() == "":
                break
            match = _TOKEN.match(text, position)
            if match is None or match.end() == position:
                self._invalid(f"unexpected character at position {position + 1}")
            assert match is not None and match.lastgroup is not None
            tokens.append((match.lastgroup, match.group(match.lastgroup)))
            position = match.end()
        if not tokens:
            self._invalid("the expression is empty")
        return tokens

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        token = self._peek()
        if token is None:
            self._invalid("the expression ends too early")
        assert token is not None
        self.at += 1
        return token

    def _expect(self, punct: str) -> None:
        if self._take() != ("punct", punct):
            self._invalid(f"'{punct}' expected")

    def _keyword(self, word: str) -> bool:
        token = self._peek()
        if token is not None and token[0] == "word" and token[1] == word:
            self.at += 1
            return True
        return False

    def _or(self) -> Predicate:
        parts = [self._and()]
        while self._keyword("or"):
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else lambda document: any(p(document) for p in parts)

    def _and(self) -> Predicate:
        parts = [self._unary()]
        while self._keyword("and"):
            parts.append(self._unary())
        return parts[0] if len(parts) == 1 else lambda document: all(p(document) for p in parts)

    def _unary(self) -> Predicate:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            self._invalid("the expression is nested too deeply")
        try:
            if self._keyword("not"):
                inner = self._unary()
                return lambda document: not inner(document)
            if self._peek() == ("punct", "("):
                self.at += 1
                inner = self._or()
                self._expect(")")
                return inner
            return self._comparison()
        finally:
            self.depth -= 1

    def _comparison(self) -> Predicate:
        kind, word = self._take()
        if kind != "word":
            self._invalid(f"a property was expected, not '{word}'")
        if word in ("startswith", "endswith", "contains"):
            return self._function(word)
        path = self._property(word)
        kind, operator = self._take()
        if kind != "word" or operator not in _COMPARISONS:
            if kind == "word" and operator in ("gt", "ge", "lt", "le", "has", "in"):
                self._unsupported(f"the operator '{operator}'")
            self._invalid(f"an operator (eq, ne) was expected after '{word}'")
        literal = self._literal()
        compare = _COMPARISONS[operator]
        return lambda document: bool(compare(value_at(document, path), literal))

    def _function(self, name: str) -> Predicate:
        if name != "startswith":
            self._unsupported(f"the function '{name}'")
        self._expect("(")
        kind, word = self._take()
        if kind != "word":
            self._invalid("a property was expected in startswith")
        path = self._property(word)
        self._expect(",")
        prefix = self._literal()
        self._expect(")")
        if not isinstance(prefix, str):
            self._invalid("startswith takes a string")

        def starts(document: Mapping[str, Any]) -> bool:
            value = value_at(document, path)
            return isinstance(value, str) and value.lower().startswith(prefix.lower())

        return starts

    def _property(self, path: str) -> str:
        if path not in self.properties:
            raise GraphError(
                400,
                UNSUPPORTED_QUERY,
                f"Unsupported or invalid query filter clause specified for property '{path[:100]}' of resource "
                f"'{self.type_name}'.",
            )
        return path

    def _literal(self) -> Any:
        kind, text = self._take()
        if kind == "string":
            return text[1:-1].replace("''", "'")
        if kind == "number":
            return float(text) if "." in text else int(text)
        if kind == "word" and text in _LITERALS:
            return _LITERALS[text]
        self._invalid(f"a value was expected, not '{text[:100]}'")
        return None

    def _invalid(self, problem: str) -> NoReturn:
        raise GraphError(400, BAD_REQUEST, f"Invalid filter clause: {problem}.")

    def _unsupported(self, what: str) -> NoReturn:
        raise GraphError(400, UNSUPPORTED_QUERY, f"Unsupported query filter clause: {what} is not supported.")
