from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StringKeyStringValuePair")


@_attrs_define
class StringKeyStringValuePair:
    """A string key with a string value.

    Attributes:
        odata_context (str | Unset): OData context URL (on an action's answer).
        odata_type (Literal['#microsoft.graph.stringKeyStringValuePair'] | Unset): OData type annotation. Optional;
            Graph does not send it in responses.
        key (None | str | Unset): Key.
        value (None | str | Unset): Value.
    """

    odata_context: str | Unset = UNSET
    odata_type: Literal["#microsoft.graph.stringKeyStringValuePair"] | Unset = UNSET
    key: None | str | Unset = UNSET
    value: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_context = self.odata_context

        odata_type = self.odata_type

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_context is not UNSET:
            field_dict["@odata.context"] = odata_context
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if key is not UNSET:
            field_dict["key"] = key
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_context = d.pop("@odata.context", UNSET)

        odata_type = cast(Literal["#microsoft.graph.stringKeyStringValuePair"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.stringKeyStringValuePair" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.stringKeyStringValuePair', got '{odata_type}'"
            )

        def _parse_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        string_key_string_value_pair = cls(
            odata_context=odata_context,
            odata_type=odata_type,
            key=key,
            value=value,
        )

        return string_key_string_value_pair
