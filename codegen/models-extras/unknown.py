"""The value of an enumeration that the spec does not list (tolerant models only).

`graphsync_models.tolerant` types every enumeration field as `TheEnum | UnknownMember`: a value the
spec lists is the enumeration's member; any other is kept as an `UnknownMember`, a `str` holding the
text Graph sent, so that code can tell the two apart (`isinstance(state, UnknownMember)`, or a
`match` a type checker holds to both cases) and a model dumped again sends the value unchanged.
"""

from __future__ import annotations

from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

__all__ = ["UnknownMember"]


class UnknownMember(str):
    """An enumeration value the spec does not list; its text is the value as sent."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"UnknownMember({str.__repr__(self)})"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # Strictly, only an UnknownMember is one: in a union with the enumeration (validated in
        # pydantic's smart mode, strict matches first), a listed value is the enumeration's member.
        return core_schema.lax_or_strict_schema(
            lax_schema=core_schema.no_info_after_validator_function(cls, core_schema.str_schema()),
            strict_schema=core_schema.is_instance_schema(cls),
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )
