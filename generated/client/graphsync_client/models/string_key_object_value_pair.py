from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="StringKeyObjectValuePair")


@_attrs_define
class StringKeyObjectValuePair:
    """An attribute and its value: a string, or a list of strings with `value@odata.type` `#Collection(String)` (Graph's
    open type).

        Attributes:
            odata_type (Literal['#microsoft.graph.stringKeyObjectValuePair'] | Unset): OData type annotation. Optional.
            key (None | str | Unset): The attribute's name.
            value (list[str] | None | str | Unset): Its value.
            valueodata_type (str | Unset): `#Collection(String)` for a list of values.
    """

    odata_type: Literal["#microsoft.graph.stringKeyObjectValuePair"] | Unset = UNSET
    key: None | str | Unset = UNSET
    value: list[str] | None | str | Unset = UNSET
    valueodata_type: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        value: list[str] | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, list):
            value = self.value

        else:
            value = self.value

        valueodata_type = self.valueodata_type

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if key is not UNSET:
            field_dict["key"] = key
        if value is not UNSET:
            field_dict["value"] = value
        if valueodata_type is not UNSET:
            field_dict["value@odata.type"] = valueodata_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.stringKeyObjectValuePair"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.stringKeyObjectValuePair" and not isinstance(odata_type, Unset):
            raise ValueError(
                f"@odata.type must match const '#microsoft.graph.stringKeyObjectValuePair', got '{odata_type}'"
            )

        def _parse_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        def _parse_value(data: object) -> list[str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                value_type_1 = cast(list[str], data)

                return value_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        valueodata_type = d.pop("value@odata.type", UNSET)

        string_key_object_value_pair = cls(
            odata_type=odata_type,
            key=key,
            value=value,
            valueodata_type=valueodata_type,
        )

        return string_key_object_value_pair
