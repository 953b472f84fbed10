from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StringKeyLongValuePair")


@_attrs_define
class StringKeyLongValuePair:
    """A string key with an Int64 value.

    Attributes:
        odata_type (Literal['#microsoft.graph.stringKeyLongValuePair'] | Unset): OData type annotation. Optional; Graph
            does not send it in responses.
        key (None | str | Unset): Key, e.g. the object-type mapping name "User to User".
        value (int | Unset): Value, e.g. the number of synchronized objects.
    """

    odata_type: Literal["#microsoft.graph.stringKeyLongValuePair"] | Unset = UNSET
    key: None | str | Unset = UNSET
    value: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
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
        odata_type = cast(Literal["#microsoft.graph.stringKeyLongValuePair"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.stringKeyLongValuePair" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.stringKeyLongValuePair', got '{odata_type}'"
            )

        def _parse_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        value = d.pop("value", UNSET)

        string_key_long_value_pair = cls(
            odata_type=odata_type,
            key=key,
            value=value,
        )

        return string_key_long_value_pair
