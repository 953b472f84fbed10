from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="KeyValuePair")


@_attrs_define
class KeyValuePair:
    """A named setting.

    Attributes:
        odata_type (Literal['#microsoft.graph.keyValuePair'] | Unset): OData type annotation. Optional; Graph does not
            send it in responses.
        name (str | Unset): Name of the setting, e.g. `QuarantineTooManyDeletesThreshold`.
        value (None | str | Unset): Value of the setting (a string, also for numbers).
    """

    odata_type: Literal["#microsoft.graph.keyValuePair"] | Unset = UNSET
    name: str | Unset = UNSET
    value: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        odata_type = self.odata_type

        name = self.name

        value: None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if odata_type is not UNSET:
            field_dict["@odata.type"] = odata_type
        if name is not UNSET:
            field_dict["name"] = name
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        odata_type = cast(Literal["#microsoft.graph.keyValuePair"] | Unset, d.pop("@odata.type", UNSET))
        if odata_type != "#microsoft.graph.keyValuePair" and not isinstance(odata_type, Unset):
            raise ValueError(f"@odata.type must match const '#microsoft.graph.keyValuePair', got '{odata_type}'")

        name = d.pop("name", UNSET)

        def _parse_value(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        key_value_pair = cls(
            odata_type=odata_type,
            name=name,
            value=value,
        )

        return key_value_pair
